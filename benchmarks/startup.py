"""Loading a package or a library in this (fresh) process, as a dashboard or CLI start does.

Prints one JSON line: `import_ms` (metrics.data.library and what it pulls in: pandas,
pyarrow), `load_ms` (check_library on the folder, with the cache of validated editions that
BAIHUA_CACHE names), `load_cpu_ms` (its CPU time, all threads), `process_ms` (imports and
load), and what was served. The caller makes it cold or warm by the cache folder it names:
empty for cold, filled by an earlier process for warm.

    BAIHUA_CACHE=/tmp/c python -m benchmarks.startup --data /tmp/baihua-bench/synthetic-...
"""

from __future__ import annotations

import argparse
import json
import time

STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--profile", help="write a pyinstrument HTML profile of the load here")
    args = parser.parse_args(argv)
    from pathlib import Path

    from metrics.data.library import check_library

    imported = time.perf_counter()
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    loaded_at, cpu_at = time.perf_counter(), time.process_time()
    library = check_library(Path(args.data))
    done, cpu = time.perf_counter(), time.process_time() - cpu_at
    if profiler:
        profiler.stop()
        Path(args.profile).write_text(profiler.output_html(), encoding="utf-8")
    ds = library.dataset
    print(
        json.dumps(
            {
                "import_ms": (imported - STARTED) * 1000,
                "load_ms": (done - loaded_at) * 1000,
                "load_cpu_ms": cpu * 1000,
                "process_ms": (done - STARTED) * 1000,
                "editions": len(library.editions),
                "projects": 0 if ds is None else len(ds.projects),
                "figures": 0 if ds is None else len(ds.figures),
                "problems": len(library.problems()),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
