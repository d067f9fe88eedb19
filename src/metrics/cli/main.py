"""The `baihua` command line: check a data folder, extract a new article, export charts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..data import library, load
from ..data.problems import Problem

EPILOG = """examples:
  baihua check data                 validate the bundled library, edition by edition
  baihua check data --json          the same report as JSON, for scripts
  baihua extract article.txt --out draft/
  baihua extract article.docx --xlsx draft.xlsx   a pre-filled workbook with suggested themes
  baihua extract data/jinshan-2018/raw/jinshan-2018-social-construction-projects.txt \\
      --out data/jinshan-2018 --curation data/jinshan-2018/curation
  baihua export --out report/ --town 朱泾镇 --lang zh --format png,csv
  baihua export --out report/ --edition jinshan-2017 --edition jinshan-2018 --format csv
  baihua template --out 模板.xlsx   the Excel template for a new edition
  baihua template --from data/jinshan-2018 --out jinshan-2018.xlsx
  baihua publish jinshan-2019.xlsx --library data --article jinshan-2019.txt --dry-run
  baihua publish jinshan-2019.xlsx --library data --article jinshan-2019.txt
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baihua",
        description="百花 Baihua: Jinshan 2018 social-construction projects — data tools.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check", help="validate a data package or a library of editions (exit 1 if any is broken)"
    )
    check.add_argument(
        "folder", nargs="?", help="package or library folder (default: $BAIHUA_DATA or data/)"
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    extract = sub.add_parser(
        "extract", help="turn an article into draft tables or a pre-filled workbook"
    )
    extract.add_argument(
        "article",
        help="the article in the 2018 review's format: text (UTF-8, GB18030/GBK, UTF-16) or .docx",
    )
    extract.add_argument("--out", help="folder to write the tables into")
    extract.add_argument("--xlsx", help="workbook (.xlsx) to write the draft into")
    extract.add_argument(
        "--curation", help="folder of curation files (data/curation) for the finished package"
    )
    extract.add_argument(
        "--vocabulary",
        help="package whose themes and towns the workbook reuses (default: the library's latest)",
    )
    from .export import add_export_parser

    add_export_parser(sub)
    from .steward import add_parsers

    add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - the promise is: no traceback, ever
        print(
            f"baihua {args.command}: unexpected error: {type(err).__name__}: {err}", file=sys.stderr
        )
        return 2


def cmd_check(args) -> int:
    folder = Path(args.folder) if args.folder else load.data_folder()
    if folder.is_dir() and not library.is_package(folder):
        return check_library(folder, args.json)
    dataset, problems = load.check(folder)
    if args.json:
        print(json.dumps(report(folder, dataset, problems), ensure_ascii=False, indent=2))
    elif problems:
        print(f"{folder}: {len(problems)} problem(s) found", file=sys.stderr)
        for item in problems:
            print(str(item), file=sys.stderr)
    else:
        print(summary(folder, dataset))
    return 1 if problems else 0


def check_library(folder: Path, as_json: bool) -> int:
    """Each edition checked on its own: every broken one named, exit 1 if any is broken."""
    checked = {}

    def recording(sub: Path):
        checked[sub.name] = load.check(sub)
        return checked[sub.name]

    lib = library.check_library(folder, recording)
    reports = {name: report(folder / name, ds, lib.broken.get(name, [])) for name, (ds, _) in
               checked.items()}  # fmt: skip
    rest = {name: ps for name, ps in lib.broken.items() if name not in checked}
    if as_json:
        out = {"folder": str(folder), "valid": not lib.broken, "editions": list(reports.values()),
               "library_problems": [p.as_dict() for ps in rest.values() for p in ps]}  # fmt: skip
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 1 if lib.broken else 0
    for name, rep in reports.items():
        if rep["valid"]:
            print(summary(folder / name, checked[name][0]))
        else:
            print(_problem_text(folder / name, lib.broken[name]), file=sys.stderr)
    if rest:  # the library's own problems: no edition, or town_successors.csv
        print(_problem_text(folder, [p for ps in rest.values() for p in ps]), file=sys.stderr)
    broken = ", ".join(lib.broken)
    verdict = f"broken: {broken}" if broken else "all valid"
    out = sys.stderr if lib.broken else sys.stdout
    print(f"{folder}: library of {len(checked)} edition(s), {verdict}", file=out)
    return 1 if lib.broken else 0


def _problem_text(folder: Path, problems: list[Problem]) -> str:
    return "\n".join([f"{folder}: {len(problems)} problem(s) found", *map(str, problems)])


def report(folder: Path, dataset, problems: list[Problem]) -> dict:
    return {
        "folder": str(folder),
        "valid": not problems,
        "problems": [p.as_dict() for p in problems],
        "counts": counts(dataset) if dataset else {},
    }


def counts(dataset) -> dict:
    return {
        "projects": len(dataset.projects),
        "towns": int(dataset.projects["town"].nunique()),
        "figures": len(dataset.figures),
        "themes": len(dataset.themes),
        "project_themes": len(dataset.project_themes),
        "funding_mentions": len(dataset.funding_mentions),
    }


def summary(folder: Path, dataset) -> str:
    c = counts(dataset)
    by_category = dataset.figures["category"].value_counts().sort_index()
    by_tier = dataset.projects["tier"].value_counts().sort_index()
    lines = [
        f"{folder}: valid",
        f"  projects  {c['projects']} in {c['towns']} towns "
        f"({', '.join(f'{k} {v}' for k, v in by_tier.items())})",
        f"  figures   {c['figures']} ({', '.join(f'{k} {v}' for k, v in by_category.items())}),"
        " every quote found in the article",
        f"  themes    {c['themes']}, {c['project_themes']} project-theme links with evidence",
        f"  funding   {c['funding_mentions']} projects mention money without an amount",
    ]
    return "\n".join(lines)


def cmd_extract(args) -> int:
    from ..extract.article import ArticleError
    from ..extract.build import CurationError
    from ..extract.draft import VocabularyError
    from ..extract.source import SourceError

    article = Path(args.article)
    usage = _extract_usage(args)
    if usage:
        print(f"baihua extract: {usage}", file=sys.stderr)
        return 2
    if not article.is_file():
        print(f"{article}: the article file does not exist", file=sys.stderr)
        return 1
    try:
        if args.out:
            _extract_package(article, args)
        if args.xlsx:
            _extract_workbook(article, args)
    except (SourceError, ArticleError, CurationError, VocabularyError) as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0


def _extract_usage(args) -> str:
    if not (args.out or args.xlsx):
        return "say where to write: --out FOLDER and/or --xlsx FILE.xlsx"
    if args.curation and not args.out:
        return "--curation builds a package; use it with --out"
    if args.xlsx and not args.xlsx.lower().endswith(".xlsx"):
        return f"--xlsx {args.xlsx}: the workbook's name must end in .xlsx"
    if args.xlsx and not Path(args.xlsx).parent.is_dir():
        return f"--xlsx {args.xlsx}: the folder {Path(args.xlsx).parent} does not exist"
    return ""


def _extract_package(article: Path, args) -> None:
    from ..extract.build import extract
    from ..extract.source import read_article

    print(read_article(article).describe())
    written = extract(article, Path(args.out), Path(args.curation) if args.curation else None)
    for path in written:
        print(f"wrote {path}")
    if not args.curation:
        print(
            "draft: fill in titles, tiers, labels and categories in curation files, then run "
            "again with --curation"
        )


def _extract_workbook(article: Path, args) -> None:
    from ..extract.draft import build_draft, default_vocabulary, write_workbook

    vocabulary = Path(args.vocabulary) if args.vocabulary else default_vocabulary()
    draft = build_draft(article, vocabulary)
    print(draft.article.describe())
    out = write_workbook(draft, Path(args.xlsx))
    tables = draft.tables
    print(f"wrote {out}")
    print(
        f"  {len(tables['projects'])} projects, {len(tables['figures'])} figure candidates, "
        f"{len(draft.suggestions)} suggested themes (建议/suggested: confirm each one)"
    )
    source = f"from {vocabulary}" if vocabulary else "none: no valid edition to take them from"
    print(f"  themes and towns {source}")
    print("  tier is the printed section for now: 草稿 tier = printed_section; confirm it")


def cmd_export(args) -> int:
    from .export import run_export

    return run_export(args)


def cmd_template(args) -> int:
    from .steward import run_template

    return run_template(args)


def cmd_publish(args) -> int:
    from .steward import run_publish

    return run_publish(args)


COMMANDS = {
    "check": cmd_check,
    "extract": cmd_extract,
    "export": cmd_export,
    "template": cmd_template,
    "publish": cmd_publish,
}
