"""Speed and memory measurements for Baihua: `make bench` (run.py) and `make load` (load.py).

Every request these scripts make goes to 127.0.0.1; every loop is bounded in count and time.
See docs/performance.md and docs/load.md for what is measured and the latest figures.
"""
