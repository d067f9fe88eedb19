# Two commands set up everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
APT_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji nginx libreoffice-writer

.PHONY: run test lint format bench load load-mode sysdeps setup clean \
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
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || missing="$$missing fonts-noto-cjk"; \
	fc-list 2>/dev/null | grep -q 'Noto Color Emoji' || missing="$$missing fonts-noto-color-emoji"; \
	{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || missing="$$missing nginx"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "Baihua needs these Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get install $(APT_PACKAGES)"; exit 1; \
	  fi; \
	fi

run: setup
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
