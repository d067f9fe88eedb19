# Two commands set up everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
APT_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji nginx libreoffice-writer

.PHONY: run test lint format bench load load-mode sysdeps rundeps setup clean \
	cluster cluster-stop

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

# Chromium renders chart images (kaleido) and drives the browser tests; Noto CJK draws Chinese,
# Noto Color Emoji the emoji that officials type into titles; nginx fronts `make cluster` (and
# its tests). nginx lives in /usr/sbin, which a user's PATH may leave out. LibreOffice
# (soffice) lays out the Word briefing in tests/test_docx.py, to count its pages.
sysdeps:
	@sh deploy/debian-packages.sh $(APT_PACKAGES)

# `make run` needs only what draws chart pictures: installed when root, otherwise it says what to
# run and the dashboard starts all the same.
RUN_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji

rundeps:
	@sh deploy/debian-packages.sh --soft $(RUN_PACKAGES)

run: setup rundeps
	BAIHUA_DATA="$${BAIHUA_DATA:-data}" $(VENV)/bin/streamlit run dashboard.py

# nginx on CLUSTER_PORT (8080) in front of BAIHUA_REPLICAS (2) Streamlit processes, one library
# (BAIHUA_DATA); pids, logs and the generated nginx.conf in .cluster/. See deploy/README.md.
cluster: setup sysdeps
	$(PY) deploy/cluster.py start

cluster-stop:
	@if [ -x $(PY) ]; then $(PY) deploy/cluster.py stop; else python3 deploy/cluster.py stop; fi

# Two workers, one test file each at a time (module-scoped servers stay in one worker): most
# of a browser test is waiting on Chromium and the app, so two overlap well even on 2 cores.
TEST_WORKERS ?= 2

test: setup sysdeps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup sysdeps
	$(PY) -m benchmarks.run

# `make load`: browsers (MODE=browser, the default), simulated officials over Streamlit's
# websocket (MODE=ws) or those against nginx + REPLICAS replicas (MODE=cluster), optionally with
# BROWSERS real Chromium sessions alongside to time what a person sees. Loopback only.
MODE ?= browser
REPLICAS ?= $(or $(BAIHUA_REPLICAS),2)
SESSIONS ?= 200
DURATION ?= 60
BROWSERS ?= 0
WS_ARGS := --sessions $(SESSIONS) --seconds $(DURATION) --browsers $(BROWSERS)
LOAD_ARGS_browser :=
LOAD_ARGS_ws := --ws $(WS_ARGS)
LOAD_ARGS_cluster := --cluster --replicas $(REPLICAS) $(WS_ARGS)

load: load-mode setup sysdeps
	$(PY) -m benchmarks.load $(LOAD_ARGS_$(MODE))

load-mode:
	@case "$(MODE)" in browser|ws|cluster) ;; *) echo "MODE is browser, ws or cluster"; exit 2;; esac

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
