"""`baihua export`: the dashboard's charts written to files for scheduled reports."""

from __future__ import annotations

import sys


def add_export_parser(sub) -> None:
    export = sub.add_parser("export", help="write every chart as image and data files")
    export.add_argument("--out", required=True, help="folder to write into (created if missing)")
    export.add_argument("--data", help="data folder (default: $BAIHUA_DATA or data/)")
    export.add_argument("--town", action="append", default=[], help="filter by town (repeat)")
    export.add_argument("--tier", action="append", default=[], choices=["innovation", "excellent"])
    export.add_argument("--theme", action="append", default=[], help="filter by theme id (repeat)")
    export.add_argument("--level", action="append", default=[], help="filter by unit level")
    export.add_argument("--lang", choices=["zh", "en"], default="zh")
    export.add_argument(
        "--format",
        default="png,svg,csv,xlsx,pptx",
        help="comma-separated: png,svg,csv,xlsx,pptx (default: all)",
    )


def run_export(args) -> int:
    print("baihua export: not available yet", file=sys.stderr)
    return 1
