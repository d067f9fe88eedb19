"""Profile warm runs of one page script with pyinstrument, in the script thread itself.

    python -m benchmarks.profile_page towns --runs 5 [--data DIR] [--html out.html]

One untimed run first loads the data and starts kaleido's Chromium; the profile then covers
`--runs` warm runs, combined, so it shows where a warm page spends its time.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .common import ROOT
from .server_pages import ScriptClock, lift_limits, run_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lift-limits", action="store_true")
    parser.add_argument("--skip-quote-check", action="store_true")
    parser.add_argument("--html", type=Path)
    parser.add_argument("--depth-filter", type=float, default=0.02, help="hide frames < share")
    args = parser.parse_args(argv)
    os.environ["BAIHUA_DATA"] = str(args.data.resolve())
    import streamlit.logger
    from pyinstrument import Profiler
    from pyinstrument.session import Session

    streamlit.logger.set_log_level("error")
    if args.lift_limits:
        lift_limits(args.skip_quote_check)
    clock = ScriptClock()
    run_page(clock, args.page, 600)
    clock.profiler_factory = lambda: Profiler(interval=0.0005)
    times = [run_page(clock, args.page, 600)["script_ms"] for _ in range(args.runs)]
    session = clock.sessions[0]
    for extra in clock.sessions[1:]:
        session = Session.combine(session, extra)
    profiler = Profiler()
    profiler._last_session = session
    print(f"{args.page}: warm script ms {[round(t) for t in times]}")
    print(profiler.output_text(unicode=True, show_all=False, time="seconds"))
    if args.html:
        args.html.write_text(profiler.output_html())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
