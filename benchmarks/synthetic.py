"""Synthetic data packages in Baihua's real schema, for measuring growth to 100,000 projects.

The package is valid the same way data/ is: every title, unit, description, review, quote and
evidence is found word for word in the raw article, every figure's value is written in its
quote, and the article's sha256 is in datapackage.json. The article is written from the
generated projects, in the 2018 review's own format (`项目名称` / title / `实施单位:` /
paragraphs), so `metrics.extract.article.parse_article` reads it too.

Proportions follow the bundled 20 projects: towns weighted by their counts there (区级 most),
half of the projects in each tier with an expert review exactly for the innovation tier, a fifth
printed under the innovation heading, unit levels 9:4:3 (neighbourhood, town office, village)
outside 区级, 1-5 themes weighted by their frequency, 70% of projects with 1-5 figures (about
two figures a project overall) in the same categories and units, an eighth of them "at least"
(余/多), and funding disclosed by about 1 project in 20 and mentioned by about 3 in 20.

Project ids keep the schema's pattern [A-Z]{2}\\d{4}-\\d{2}: each block of 99 projects is one
year's review (JS2018-01 … JS2018-99, JS2019-01 …), with a new two-letter prefix after 101
years, so 100,000 projects fit.

A library (one folder per edition) for the library line of `make bench`:

    python -m benchmarks.synthetic --projects 10000 --out /tmp/baihua-10k
    python -m benchmarks.synthetic --editions 20 --projects 1000 --out /tmp/baihua-library

Synthetic data is written only where --out says (the benchmarks use a temporary folder),
never into data/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from metrics.data import schema
from metrics.data.csvio import read_rows, write_rows

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "jinshan-2018"
EDITION = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))["edition"]


def synthetic_edition(year: int = EDITION["year"]) -> dict:
    """The bundled edition's declaration, marked as synthetic: never to be shown as real."""
    return {
        **EDITION,
        "year": year,
        "title": {"zh": f"合成数据，供性能测试（{year}）", "en": f"Synthetic data ({year})"},
        "published": None,
    }


GENERATOR_VERSION = "2"
LIBRARY_FIRST_YEAR = 2001
PER_BLOCK = 99
YEARS = 101  # 2000..2100, the schema's limits for `year`
PREFIXES = ["JS", "JT", "JU", "JV", "JW", "JX", "JY", "JZ", "KA", "KB", "KC", "KD", "KE", "KF"]

# Bundled counts: 区级 4; 金山工业区, 朱泾镇, 枫泾镇, 山阳镇, 石化街道 2; the other towns 1.
TOWN_WEIGHTS = {"区级": 4, "金山工业区": 2, "朱泾镇": 2, "枫泾镇": 2, "山阳镇": 2, "石化街道": 2}
LEVEL_WEIGHTS = {"neighbourhood": 9, "town_office": 4, "village": 3}
# Bundled frequencies of each theme (+1, so that every theme occurs).
THEME_WEIGHTS = {
    "self_governance": 13,
    "party_building": 11,
    "volunteering": 9,
    "social_orgs": 8,
    "virtue_culture": 5,
    "elderly": 3,
    "environment": 2,
    "women": 2,
    "digital": 2,
    "relocation": 2,
}
THEME_COUNTS = {1: 2, 2: 7, 3: 5, 4: 6, 5: 2}  # themes per project: bundled 2:7 3:5 4:6 5:2
FIGURE_COUNTS = {1: 3, 2: 4, 3: 3, 4: 2, 5: 2}  # figures per project that has any

DISTRICT_UNITS = [
    "区水务局",
    "团区委",
    "区妇联",
    "区信访办",
    "区民政局",
    "区老龄办",
    "区退役军人事务局",
    "区司法局",
    "区文明办",
    "区总工会",
    "区残联",
    "区卫健委",
]
TOWN_OFFICES = [
    "社区党委",
    "社区自治办",
    "老龄办",
    "综治办",
    "社区学校",
    "党建服务中心",
    "网格化管理中心",
    "妇联",
    "团委",
    "文体中心",
]
_PLACES = (
    "钟楼罗星金康东风恒康复兴枫香金韵四村新城海棠桃源松隐龙皓秀州康城卫城万安山龙兴塔"
    "夹漏高楼阮巷新农和平光明星火友好中华众安金光山塘新义民主红光胜利朝阳建设团结长浜"
    "钱圩八字蒙山白牛前进合兴金石卫康南阳北圩"
)
PLACE_NAMES = [_PLACES[i : i + 2] for i in range(0, len(_PLACES), 2)]  # two characters each

TITLE_HEADS = [
    ("居社企“深度融合”", "Residents, community and enterprise together"),
    ("烹好社区服务“四道菜”", "Community service as four dishes"),
    ("宅基“姐妹议事堂”", "Women's councils on the homestead"),
    ("“红色管家”进小区", "Red stewards in the estates"),
    ("“百乐汇”俱乐部", "The Bailehui club"),
    ("“一长两员”网格", "One chief, two officers on every grid"),
    ("“五举治水”", "Five ways to clean the rivers"),
    ("“睦邻点”遍地开花", "Neighbourly corners everywhere"),
    ("“乡贤议事会”", "Village worthies' council"),
    ("“美丽宅基”创建", "Beautiful homesteads"),
    ("“微心愿”认领", "Small wishes adopted"),
    ("“停车共享”试点", "Shared parking pilot"),
]
TITLE_TAILS = [
    ("助推社会治理", "driving community governance"),
    ("建设幸福美丽新家园", "building a happy home"),
    ("激发基层自治活力", "bringing self-governance to life"),
    ("破解群众急难愁盼", "solving residents' most pressing needs"),
    ("打通服务最后一公里", "closing the last mile of service"),
    ("共建共治共享", "building, governing and sharing together"),
]

PROBLEMS = [
    "老年人多、特殊群体多、老小区多的现状",
    "小区停车难、停车乱的问题",
    "河道环境脏乱差的突出问题",
    "矛盾纠纷多发、信访量大的情况",
    "双职工家庭子女暑期看护难的问题",
    "动迁居民融入难、认同感弱的问题",
    "村民参与村务积极性不高的问题",
    "社区服务资源分散的短板",
]
APPROACHES = [
    "探索建立“{slogan}”工作机制",
    "创新推出“{slogan}”服务品牌",
    "以“{slogan}”为抓手整合各方资源",
    "打造“{slogan}”治理模式",
]
SLOGANS = [
    "三会一课",
    "四道菜",
    "一长两员",
    "百乐汇",
    "姐妹议事堂",
    "红色管家",
    "睦邻点",
    "乡贤议事会",
    "微心愿",
    "五步工作法",
    "家门口服务",
    "邻里守望",
]
THEME_PHRASES = {
    "party_building": ["以党建引领为载体", "发挥党员先锋模范作用", "依托党建服务站"],
    "self_governance": ["成立居民自治议事会", "引导村民自我管理、自我服务", "形成共商共治格局"],
    "volunteering": ["发挥志愿者作用", "组建志愿服务队伍", "动员志愿者常态化参与"],
    "elderly": ["为辖区老年人提供助餐服务", "开展为老服务", "组织老年人参与社区学习"],
    "children_youth": ["为青少年提供暑期看护", "开展亲子活动", "服务辖区儿童及其家庭"],
    "women": ["依托妇联组织", "发挥妇女“半边天”作用", "组建巾帼志愿队伍"],
    "veterans": ["服务退役军人", "搭建退役军人服务平台", "引导退役军人参与社区治理"],
    "environment": ["开展人居环境整治", "推进中小河道整治", "美化村居环境"],
    "parking_shared": ["盘活小区停车资源", "推行错时共享停车", "整合社区共享资源"],
    "petitions": ["推行信访代理制度", "依法化解矛盾纠纷", "引导群众依法表达诉求"],
    "social_orgs": ["引入专业社会组织", "整合共建单位资源", "联动驻区企业共同参与"],
    "digital": ["开通微信公众号", "搭建线上议事平台", "运用短信、网站等信息化渠道"],
    "tourism": ["推动景区与社区融合发展", "实现景区共建共管", "带动景区周边社区治理"],
    "grid": ["划分网格单元", "配备专职网格员", "推行网格化精细管理"],
    "relocation": ["促进动迁居民融入", "服务动迁安置小区", "增强动迁居民认同感"],
    "virtue_culture": ["弘扬传统美德", "传承好家风好家训", "开展社区文化活动"],
}
CLAUSE_ENDS = [
    "不断提升服务水平",
    "形成长效工作机制",
    "营造共建共享的浓厚氛围",
    "有效回应群众需求",
    "推动工作常态化开展",
]
FUNDING_MENTIONS = [
    "并给予经费保障",
    "划拨专项自治启动基金,以项目化形式运转并接受村民监督",
    "通过购买专业社会组织服务,整合共建单位资源",
]
LEADS = ["截至目前,", "项目开展以来,", "目前,", "", "近年来,"]
CLOSINGS = [
    "该做法得到了居民群众的普遍认可。",
    "社区面貌焕然一新,居民获得感明显增强。",
    "为基层社会治理提供了可复制、可推广的经验。",
    "实现了从“要我参与”到“我要参与”的转变。",
]
REVIEW_OPENINGS = [
    "该项目抓住了社会建设中的难点、痛点问题精准发力",
    "该项目针对基层治理中的突出问题",
    "该项目立足社区实际、回应群众需求",
]
REVIEW_MIDDLES = [
    "展现了想民所想、急民所急,踏踏实实做实事的服务精神",
    "用多方联动的治理模式形成了覆盖范围广、群众参与度强的治理格局",
    "有效激发了基层社会治理的自治活力",
]
REVIEW_ENDS = [
    "通过调动社会组织以及各类志愿者参与,更好地实现了社会参与和社会动员的应有效果。",
    "具有较强的示范意义和推广价值。",
    "为同类社区提供了有益借鉴。",
]


@dataclass(frozen=True)
class FigureKind:
    category: str
    unit: str
    label_zh: str
    label_en: str
    clause: str  # "{n}" is where the number is written, with 余/多 when "at least"
    low: int
    high: int
    scale: int = 1  # funding is written in 万元 and stored in 元


FIGURE_KINDS = [
    FigureKind("participants", "名", "志愿者", "Volunteers", "发动志愿者{n}名", 20, 2500),
    FigureKind(
        "participants", "名", "议事会成员", "Council members", "组建议事会成员{n}名", 5, 100
    ),
    FigureKind("participants", "支", "志愿服务队", "Volunteer teams", "成立志愿服务队{n}支", 2, 20),
    FigureKind(
        "participants", "家", "参与社会组织", "Social organisations", "引入社会组织{n}家", 2, 30
    ),
    FigureKind(
        "participants", "个", "联动的村（居）", "Villages linked", "联动周边村居{n}个", 2, 15
    ),
    FigureKind("participants", "方", "联动各方", "Parties in the mechanism", "联动{n}方力量", 2, 5),
    FigureKind("reach", "人次", "服务居民", "Residents served", "累计服务居民{n}人次", 100, 20000),
    FigureKind("reach", "户", "覆盖农户", "Households covered", "覆盖农户{n}户", 50, 3000),
    FigureKind("reach", "个", "覆盖居民区", "Neighbourhoods covered", "覆盖居民区{n}个", 3, 40),
    FigureKind("reach", "条", "整治河道", "Rivers remediated", "整治河道{n}条", 5, 2000),
    FigureKind(
        "reach", "公里", "整治河道长度", "River length remediated", "整治河道{n}公里", 5, 300
    ),
    FigureKind("activity", "次", "开展活动", "Activities held", "全年开展各类活动{n}次", 10, 800),
    FigureKind("activity", "个", "设立服务点", "Service points", "设立服务点{n}个", 3, 60),
    FigureKind("activity", "件", "办理事项", "Cases handled", "年均办理各类事项{n}件", 20, 500),
    FigureKind("activity", "节", "安排课时", "Lessons held", "安排课程{n}节", 20, 9000),
    FigureKind("activity", "届", "举办届数", "Rounds held", "已连续举办{n}届", 2, 10),
    FigureKind(
        "funding", "元", "项目经费", "Project funding", "投入项目经费{n}万元", 5, 200, 10_000
    ),
    FigureKind(
        "profile", "岁", "成员平均年龄", "Members' average age", "成员平均年龄{n}岁", 40, 70
    ),
    FigureKind(
        "profile", "周岁", "服务对象年龄下限", "Minimum age served", "为{n}周岁以上老人送餐", 60, 80
    ),
    FigureKind(
        "profile", "名", "每格网格员", "Officers per grid unit", "每个网格配备网格员{n}名", 1, 3
    ),
]
# Bundled category mix: activity 11, participants 14, reach 9, profile 5, funding 1 (of 40).
CATEGORY_WEIGHTS = {"activity": 11, "participants": 14, "reach": 9, "profile": 5, "funding": 1}


@dataclass
class Project:
    row: dict
    figures: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    funding_quote: str = ""


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _value(rng: random.Random, kind: FigureKind, at_least: bool) -> int:
    # Log-uniform: small counts are common, a few projects report thousands.
    value = int(round(kind.low * (kind.high / kind.low) ** rng.random()))
    if at_least and value >= 20:
        step = 100 if value >= 1000 else 10
        value = max(step, value // step * step)  # "2000多": 余/多 follow round numbers
    return value


def _figure_clause(rng: random.Random, kind: FigureKind) -> tuple[str, int, str]:
    at_least = kind.category != "funding" and kind.high >= 20 and rng.random() < 0.125
    value = _value(rng, kind, at_least)
    written = f"{value}{rng.choice('余多')}" if at_least and value >= 20 else str(value)
    qualifier = "at_least" if at_least and value >= 20 else "exact"
    return kind.clause.format(n=written), value * kind.scale, qualifier


def _unit(rng: random.Random, town: str, level: str) -> str:
    if level == "district_agency":
        return rng.choice(DISTRICT_UNITS)
    if level == "town_office":
        return town + rng.choice(TOWN_OFFICES)
    place = rng.choice(PLACE_NAMES) + rng.choice(["", "一", "二", "新"])
    return f"{town}{place}{'村' if level == 'village' else '居民区'}"


def _project(rng: random.Random, kinds: dict[str, list[FigureKind]], themes: list[str]) -> Project:
    town = _pick(rng, {t: TOWN_WEIGHTS.get(t, 1) for t in schema.TOWNS})
    level = "district_agency" if town == "区级" else _pick(rng, LEVEL_WEIGHTS)
    tier = rng.choice(schema.TIERS)
    unit = _unit(rng, town, level)
    head, tail = rng.choice(TITLE_HEADS), rng.choice(TITLE_TAILS)
    p = Project(
        row={
            "district": "金山区",
            "title_zh": f"{head[0]}{rng.choice(['', '工程', '行动', '计划'])} {tail[0]}",
            "title_en": f"{head[1]}: {tail[1]}",
            "implementing_unit": unit,
            "town": town,
            "unit_level": level,
            "tier": tier,
            "printed_section": "innovation" if rng.random() < 0.2 else "excellent",
            "has_review": tier == "innovation",
        }
    )
    slogan = rng.choice(SLOGANS)
    sentences = [
        f"{unit}针对{rng.choice(PROBLEMS)},{rng.choice(APPROACHES).format(slogan=slogan)}。"
    ]
    weights = {t: THEME_WEIGHTS.get(t, 1) for t in themes}
    chosen: list[str] = []
    for _ in range(_pick(rng, THEME_COUNTS)):
        left = {t: w for t, w in weights.items() if t not in chosen}
        chosen.append(_pick(rng, left))
    for theme in chosen:
        evidence = rng.choice(THEME_PHRASES.get(theme, ["推动社区治理创新"]))
        sentences.append(f"{evidence},{rng.choice(CLAUSE_ENDS)}。")
        p.themes.append({"theme_id": theme, "evidence": evidence})
    if rng.random() < 0.7:
        count = _pick(rng, FIGURE_COUNTS)
        pending: list[tuple[FigureKind, str, int, str]] = []
        for _ in range(count):
            kind = rng.choice(kinds[_pick(rng, CATEGORY_WEIGHTS)])
            if kind.category == "funding" and any(
                k.category == "funding" for k, _, _, _ in pending
            ):
                continue
            pending.append((kind, *_figure_clause(rng, kind)))
        # Like the article, a sentence sometimes carries two figures ("185标段198公里").
        i = 0
        while i < len(pending):
            group = pending[i : i + (2 if rng.random() < 0.3 else 1)]
            quote = rng.choice(LEADS) + ",".join(clause for _, clause, _, _ in group) + "。"
            sentences.append(quote)
            for kind, _, value, qualifier in group:
                p.figures.append(
                    {
                        "label_zh": kind.label_zh,
                        "label_en": kind.label_en,
                        "value": value,
                        "unit": kind.unit,
                        "qualifier": qualifier,
                        "category": kind.category,
                        "quote": quote,
                    }
                )
            i += len(group)
    if not any(f["category"] == "funding" for f in p.figures) and rng.random() < 0.15:
        p.funding_quote = rng.choice(FUNDING_MENTIONS) + "。"
        sentences.append(p.funding_quote)
    sentences.append(rng.choice(CLOSINGS))
    p.row["description_zh"] = "".join(sentences)
    p.row["review_zh"] = (
        f"{rng.choice(REVIEW_OPENINGS)},{rng.choice(REVIEW_MIDDLES)}。{rng.choice(REVIEW_ENDS)}"
        if tier == "innovation"
        else ""
    )
    return p


def generate(
    n: int, out: Path, seed: int = 2018, year: int = EDITION["year"], first_block: int = 0
) -> dict:
    """Write a valid package of `n` projects to `out` (replaced); returns a small summary.

    `year` is the edition's; `first_block` shifts the project ids (99 per block), so that
    editions generated with disjoint blocks share no id.
    """
    started = time.perf_counter()
    rng = random.Random(seed)
    themes = [row["theme_id"] for row in read_rows(BUNDLED / "themes.csv")]
    kinds: dict[str, list[FigureKind]] = {}
    for kind in FIGURE_KINDS:
        kinds.setdefault(kind.category, []).append(kind)
    tables: dict[str, list[dict]] = {name: [] for name in schema.TABLE_ORDER}
    article = [
        "",
        "一枝独秀不是春 百花齐放春满园",
        "",
        "——金山区2018年社会建设创新项目巡礼（合成数据，供性能测试）",
        "",
    ]
    blocks = (n + PER_BLOCK - 1) // PER_BLOCK
    if first_block + blocks > YEARS * len(PREFIXES):
        raise ValueError(f"at most {YEARS * len(PREFIXES) * PER_BLOCK} projects")
    for b in range(first_block, first_block + blocks):
        size = min(PER_BLOCK, n - (b - first_block) * PER_BLOCK)
        id_year = 2000 + (18 + b) % YEARS
        prefix = PREFIXES[b // YEARS]
        block = [_project(rng, kinds, themes) for _ in range(size)]
        # Innovation-printed projects come first, under their own heading, as in the article.
        block.sort(key=lambda p: p.row["printed_section"] != "innovation")
        section = None
        for number, p in enumerate(block, 1):
            pid = f"{prefix}{id_year}-{number:02d}"
            if p.row["printed_section"] != section:
                section = p.row["printed_section"]
                name = "十大创新项目" if section == "innovation" else "十大优秀项目"
                article += [f"{id_year}年金山区社会建设{name}", ""]
            article += [
                "项目名称",
                p.row["title_zh"],
                f"实施单位: {p.row['implementing_unit']}",
                "",
                p.row["description_zh"],
                "",
            ]
            if p.row["review_zh"]:
                article += [p.row["review_zh"], ""]
            article += ["", ""]
            # The year in the id keeps ids unique; the year column is the edition's.
            tables["projects"].append({"project_id": pid, "year": year, **p.row})
            for k, fig in enumerate(p.figures, 1):
                tables["figures"].append({"project_id": pid, "figure_id": f"{pid}-F{k:02d}", **fig})
            for link in p.themes:
                tables["project_themes"].append({"project_id": pid, **link})
            if p.funding_quote:
                tables["funding_mentions"].append({"project_id": pid, "quote": p.funding_quote})
    if out.exists():
        shutil.rmtree(out)
    (out / "raw").mkdir(parents=True)
    raw = "\n".join(article).encode("utf-8")
    (out / "raw" / schema.RAW_NAME).write_bytes(raw)
    for name in ("towns", "themes"):
        shutil.copyfile(BUNDLED / f"{name}.csv", out / f"{name}.csv")
    for name in ("projects", "figures", "project_themes", "funding_mentions"):
        write_rows(out / f"{name}.csv", schema.column_names(name), tables[name])
    descriptor = schema.descriptor(hashlib.sha256(raw).hexdigest(), synthetic_edition(year))
    (out / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    summary = {
        "projects": n,
        "figures": len(tables["figures"]),
        "project_themes": len(tables["project_themes"]),
        "funding_mentions": len(tables["funding_mentions"]),
        "seed": seed,
        "generator": GENERATOR_VERSION,
        "seconds": round(time.perf_counter() - started, 2),
        "bytes": {
            p.relative_to(out).as_posix(): p.stat().st_size
            for p in sorted(out.rglob("*"))
            if p.is_file()
        },
    }
    (out / "synthetic.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def cached(n: int, base: Path, seed: int = 2018) -> tuple[Path, dict]:
    """The package of `n` projects under `base`, generated only if missing or outdated."""
    out = base / f"synthetic-{n}-s{seed}-v{GENERATOR_VERSION}"
    marker = out / "synthetic.json"
    if marker.exists():
        return out, json.loads(marker.read_text(encoding="utf-8"))
    return out, generate(n, out, seed)


def generate_library(editions: int, per_edition: int, out: Path, seed: int = 2018) -> dict:
    """A library of `editions` packages of `per_edition` projects each, in `out` (replaced).

    Edition k is the folder synthetic-<year> with year = LIBRARY_FIRST_YEAR + k, its own seed,
    and its own blocks of project ids, so years, folder names and ids are distinct.
    """
    if out.exists():
        shutil.rmtree(out)
    blocks = (per_edition + PER_BLOCK - 1) // PER_BLOCK
    summaries = {}
    for k in range(editions):
        year = LIBRARY_FIRST_YEAR + k
        folder = out / f"synthetic-{year}"
        summaries[folder.name] = generate(per_edition, folder, seed + k, year, k * blocks)
    summary = {
        "editions": editions,
        "projects": editions * per_edition,
        "figures": sum(s["figures"] for s in summaries.values()),
        "bytes": sum(sum(s["bytes"].values()) for s in summaries.values()),
        "generator": GENERATOR_VERSION,
    }
    (out / "_synthetic.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def cached_library(editions: int, per_edition: int, base: Path, seed: int = 2018):
    """The library under `base`, generated only if missing or outdated."""
    out = base / f"synthetic-library-{editions}x{per_edition}-s{seed}-v{GENERATOR_VERSION}"
    marker = out / "_synthetic.json"
    if marker.exists():
        return out, json.loads(marker.read_text(encoding="utf-8"))
    return out, generate_library(editions, per_edition, out, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000, help="per edition")
    parser.add_argument("--editions", type=int, default=0, help="write a library of N editions")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--check", action="store_true", help="validate it from scratch")
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT / "data"):
        parser.error("synthetic data never goes into data/; use a temporary folder")
    if args.editions:
        summary = generate_library(args.editions, args.projects, args.out, args.seed)
    else:
        summary = generate(args.projects, args.out, args.seed)
    print(json.dumps(summary, indent=2))
    if args.check:
        from metrics.data.library import check_library
        from metrics.data.load import check

        started = time.perf_counter()
        problems = check_library(args.out, check).problems()
        print(f"check: {len(problems)} problems in {time.perf_counter() - started:.1f} s")
        for p in problems[:20]:
            print(" ", p)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
