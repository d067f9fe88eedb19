"""The effective Streamlit configuration, as `make run` sees it from the repository root.

Read in a fresh interpreter (cwd = the repo, an empty HOME, no STREAMLIT_* variables) so only
.streamlit/config.toml and Streamlit's defaults count, not this machine's settings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = {
    "server.enableXsrfProtection": True,
    "server.maxUploadSize": 20,
    "server.enableStaticServing": False,
    "browser.gatherUsageStats": False,
    "server.headless": True,
    "runner.postScriptGC": False,
}
# Options Streamlit marks hidden: effective as set, but left out of `streamlit config show`.
HIDDEN = {"runner.postScriptGC"}
OTHERS = ["client.showErrorDetails", "logger.hideWelcomeMessage", "server.address"]

READ = """
import json, sys
from streamlit import config
config.get_config_options(force_reparse=True)
names = json.loads(sys.argv[1])
print(json.dumps({
    "values": {name: config.get_option(name) for name in names},
    "manual": {name: config.is_manually_set(name) for name in names + ["browser.serverAddress"]},
}))
"""


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env["HOME"] = str(home)  # no ~/.streamlit/config.toml of whoever runs the tests
    return env


@pytest.fixture(scope="module")
def effective(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("home")
    names = list(EXPECTED) + OTHERS
    result = subprocess.run(
        [sys.executable, "-c", READ, json.dumps(names)],
        cwd=ROOT,
        env=clean_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("name", "value"), EXPECTED.items())
def test_option(effective, name, value):
    assert effective["values"][name] == value, f"{name} = {effective['values'][name]!r}"
    assert effective["manual"][name], f"{name} should be set in .streamlit/config.toml"


def test_error_details_hidden(effective):
    # "none" (or False in older Streamlit): users see a plain message, never a traceback.
    assert effective["values"]["client.showErrorDetails"] in ("none", False)


def test_config_show_reads_the_repository_file(tmp_path):
    """`streamlit config show`, run from the repo root, reports the same values as set."""
    streamlit = Path(sys.executable).parent / "streamlit"
    command = [str(streamlit)] if streamlit.exists() else [sys.executable, "-m", "streamlit"]
    result = subprocess.run(
        [*command, "config", "show"],
        cwd=ROOT,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    section, shown = "", {}
    for line in result.stdout.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif "=" in line and not line.startswith("#"):
            key, value = (part.strip() for part in line.split("=", 1))
            shown[f"{section}.{key}"] = value
    assert shown.get("client.showErrorDetails") == '"none"', shown
    for name, value in EXPECTED.items():
        if name not in HIDDEN:
            assert shown.get(name) == json.dumps(value), (name, shown.get(name))


def test_start_up_does_not_look_up_the_external_ip(effective):
    """bootstrap._print_url calls net_util.get_external_ip() when headless and no address is
    configured: an outbound request from the intranet server at every start."""
    values, manual = effective["values"], effective["manual"]
    address = values["server.address"]
    assert (
        values["logger.hideWelcomeMessage"]
        or manual["browser.serverAddress"]
        or (address and address not in ("0.0.0.0", "::") and not address.startswith("unix://"))
    )
