"""The README opens with what an official does, and `make run` says how chart pictures work."""

from __future__ import annotations

import os
import re
import struct
import subprocess

from conftest import ROOT

SCRIPT = ROOT / "deploy" / "debian-packages.sh"


def readme_sections() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_the_first_section_is_for_officials_in_both_languages():
    heading, body = readme_sections()[0]
    assert heading == "给干部的使用说明 / For officials"
    for words in ("选择本镇", "点击图表", "下载", "Choose your town", "Click a town", "download"):
        assert words in body, words


def test_the_officials_screenshot_is_a_real_png():
    _heading, body = readme_sections()[0]
    (path,) = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", body)
    data = (ROOT / path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height >= 600


def test_the_readme_says_chart_pictures_need_chromium_and_cjk_fonts():
    _heading, body = readme_sections()[0]
    assert "sudo apt-get install chromium fonts-noto-cjk" in body


def run_script(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BAIHUA_APT_DRY_RUN": "1"}
    return subprocess.run(
        ["sh", str(SCRIPT), *args], capture_output=True, text=True, env=env, check=False
    )


def test_make_run_checks_the_picture_packages_without_failing():
    plan = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "debian-packages.sh --soft chromium fonts-noto-cjk" in plan
    # A package that cannot be there: `make run` names the command and still starts.
    soft = run_script("--soft", "baihua-no-such-package")
    assert soft.returncode == 0
    assert "sudo apt-get install baihua-no-such-package" in soft.stdout
    assert "The dashboard starts" in soft.stdout


def test_make_test_still_stops_when_a_package_is_missing():
    strict = run_script("baihua-no-such-package")
    assert strict.returncode == 1
    assert "sudo apt-get install baihua-no-such-package" in strict.stdout


def test_nothing_is_said_when_every_package_is_there():
    present = run_script("sh")
    assert (present.returncode, present.stdout) == (0, "")
