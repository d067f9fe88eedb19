"""`baihua template` and `baihua publish`: the data steward's two commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..data import library, load

TEMPLATE_EPILOG = """examples:
  baihua template --out 模板.xlsx
      a blank template; its towns and themes sheets hold the library's current vocabulary
  baihua template --from data/jinshan-2018 --out jinshan-2018.xlsx
      the 2018 edition in the template, to correct in Excel and publish again
"""

PUBLISH_EPILOG = """examples:
  baihua publish jinshan-2019.xlsx --library data --article jinshan-2019.txt --dry-run
      check everything and show what would change; nothing is written
  baihua publish jinshan-2019.xlsx --library data --article jinshan-2019.txt
  baihua publish jinshan-2018.xlsx --library data
      a correction: the article already in data/jinshan-2018/raw/ is used
  baihua publish drafts/jinshan-2019 --library data --edition jinshan-2019
      a data package folder (its article is in raw/)

The previous version of a republished edition goes to DIR/_archive/<edition>/<time>/;
DIR/_publish.log gets one JSON line per publication. Exit status: 0 published (or checked,
with --dry-run; a step after publishing that failed is said on stderr, and the next
publication does it), 1 not published: every problem is listed, and what was written, if
anything.
"""


def add_parsers(sub) -> None:
    template = sub.add_parser(
        "template",
        help="write the Excel template for a new edition (or an edition in it, with --from)",
        epilog=TEMPLATE_EPILOG,
        formatter_class=_raw_formatter(),
    )
    template.add_argument("--out", required=True, help="the .xlsx file to write")
    template.add_argument("--from", dest="source", help="a data package folder to fill it with")
    template.add_argument(
        "--library",
        help="whose towns and themes a blank template lists (default: $BAIHUA_DATA or data/)",
    )
    publish = sub.add_parser(
        "publish",
        help="validate a workbook or package and publish it as an edition of a library",
        epilog=PUBLISH_EPILOG,
        formatter_class=_raw_formatter(),
    )
    publish.add_argument("source", help="a filled-in template (.xlsx) or a data package folder")
    publish.add_argument("--library", required=True, help="the library folder, e.g. data")
    publish.add_argument("--article", help="the article (UTF-8 text) the quotes come from")
    publish.add_argument("--edition", help="the edition's folder name (default: e.g. jinshan-2019)")
    publish.add_argument("--user", help="who publishes, for the log (default: the OS user)")
    publish.add_argument("--dry-run", action="store_true", help="check and show the diff only")
    publish.add_argument("--json", action="store_true", help="print the result as JSON")


def _raw_formatter():
    import argparse

    return argparse.RawDescriptionHelpFormatter


def run_template(args) -> int:
    from ..steward import package, template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print(f"{out}: the template is an .xlsx file; end the name with .xlsx", file=sys.stderr)
        return 1
    if args.source:
        folder = Path(args.source)
        if folder.is_dir() and not library.is_package(folder):
            print(f"{folder}: is a library; give one edition's folder, e.g. {folder}/"
                  f"{(library.edition_folders(folder) or [Path('jinshan-2018')])[0].name}",
                  file=sys.stderr)  # fmt: skip
            return 1
        dataset, problems = load.check(folder)
        if problems:
            _print_data_problems(folder, problems)
            return 1
        block, tables = package.declared_edition(folder), package.typed_tables(folder)
        template.write(out, block, tables)
        print(f"wrote {out}: {len(tables['projects'])} projects, {len(tables['figures'])} "
              f"figures of {folder.resolve().name}")  # fmt: skip
        return 0
    tables, name = package.vocabulary(Path(args.library) if args.library else load.data_folder())
    template.write(out, None, tables)
    filled = f"; towns and themes from {name}" if name else ""
    print(f"wrote {out}: a blank template{filled}")
    return 0


def _print_data_problems(folder: Path, problems) -> None:
    print(f"{folder}: {len(problems)} problem(s) found", file=sys.stderr)
    for item in problems:
        print(str(item), file=sys.stderr)


def run_publish(args) -> int:
    from ..steward import diff, problems
    from ..steward.publish import publish

    result = publish(args.source, args.library, args.user, args.article,
                     edition=args.edition, dry_run=args.dry_run)  # fmt: skip
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        return 0 if result.ok else 1
    if not result.ok:
        n = len(result.problems)
        outcome = ("未能确认是否已发布 · it is not known whether it was published"
                   if any(p.slug == "write-failed-unknown" for p in result.problems)
                   else "未发布任何内容 · nothing was published")  # fmt: skip
        zh, en = outcome.split(" · ")
        print(
            f"{result.source}: 发现 {n} 个问题，{zh} · {n} problem(s) found, {en}", file=sys.stderr
        )
        _print_steward_problems(problems, result.problems)
        return 1
    for line in _summary(result):
        print(line)
    for line in diff.lines(result.diff):
        print(line)
    _print_steward_problems(problems, result.warnings)
    return 0


def _print_steward_problems(problems, items) -> None:
    for item in items:
        zh, en = problems.lines(item)
        print(f"{zh}\n  {en}", file=sys.stderr)


def _summary(result) -> list[str]:
    c = result.counts
    counted = (f"{c.get('projects', 0)} 个项目 projects, {c.get('figures', 0)} 个数字 figures, "
               f"{c.get('themes', 0)} 个主题 themes, {c.get('towns', 0)} 个镇 towns")  # fmt: skip
    where = result.library / result.edition
    if result.dry_run:
        return [f"检查通过，未写入（--dry-run）· valid, nothing written (--dry-run): "
                f"{result.edition} → {where}", f"  {counted}"]  # fmt: skip
    out = [f"已发布 · published: {result.edition} → {where}", f"  {counted}"]
    if result.archived:
        out.append(f"  旧版本已存档 · previous version archived: {result.archived}")
    out.append(f"  记录 · logged in {result.library / '_publish.log'} "
               f"(user {result.log_entry['user']}, sha256 {result.sha256[:12]}…)")  # fmt: skip
    return out


def as_json(result) -> dict:
    from ..steward import problems

    return {
        "source": str(result.source),
        "library": str(result.library),
        "edition": result.edition,
        "published": result.published,
        "dry_run": result.dry_run,
        "problems": [{**p.as_dict(), "message_zh": problems.zh(p)} for p in result.problems],
        "warnings": [{**p.as_dict(), "message_zh": problems.zh(p)} for p in result.warnings],
        "counts": result.counts,
        "sha256": result.sha256,
        "archived": str(result.archived) if result.archived else None,
        "diff": result.diff.as_dict() if result.diff else None,
        "log": result.log_entry,
    }
