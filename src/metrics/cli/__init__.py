"""The `baihua` command line (`main.py`); `export.py` holds `baihua export`."""
