"""Timing a Streamlit page in headless Chromium: navigation and a filter change until every
chart is drawn and Streamlit has stopped running.

Debian's /usr/bin/chromium is launched through Playwright (no browser download). Every URL is
on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from .common import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1400, "height": 1000}
TOWN_LABEL = "镇（街道）"
TOWN = "区级"  # the town with the most projects: every chart keeps data under this filter
# The towns the load drivers and benchmarks.rerun_cpu choose in turn.
TOWNS = ["区级", "朱泾镇", "枫泾镇", "山阳镇", "石化街道", "金山工业区"]


@dataclass(frozen=True)
class Target:
    """A page to time: its path, its h1, and how many Plotly charts it draws unfiltered."""

    name: str
    path: str
    title: str
    plots: int


PAGES = [
    Target("overview", "/", "总览", 4),
    Target("towns", "/towns", "各镇对比", 3),
    Target("themes", "/themes", "治理主题", 3),
    Target("figures", "/figures", "覆盖·参与·经费", 3),
    Target("projects", "/projects", "项目", 0),
    Target("data", "/data", "数据说明", 0),
]
# Every page in the sidebar, in its order: PAGES with 历年对比 (no chart with one edition).
SIDEBAR = [*PAGES[:4], Target("compare", "/compare", "历年对比", 0), *PAGES[4:]]
FLOOR = Target("floor", "/", "Floor", 1)
FLOOR4 = Target("floor×4", "/?charts=4", "Floor", 4)
# Four selectable charts, each with a row of four download buttons: Baihua's chart boxes
# without Baihua.
FLOOR4_BOXES = Target("floor×4+", "/?charts=4&select=1&buttons=4", "Floor", 4)
# The floor with Baihua's filter bar in the sidebar: what the bar costs in Streamlit alone.
FLOOR_BAR = Target("floor+bar", "/?bar=1", "Floor", 1)
# floor+all: four chart boxes and the filter bar, a page shaped like the overview, no Baihua code.
FLOOR_SHAPE = Target("floor+all", "/?charts=4&select=1&buttons=4&bar=1", "Floor", 4)
FLOORS = [FLOOR, FLOOR4, FLOOR4_BOXES, FLOOR_BAR, FLOOR_SHAPE]

# Ready: the run is over (no status widget, nothing stale or loading), the page's own h1 is
# shown, and exactly the expected charts exist, each with Plotly's SVG drawn.
READY = """
([plots, title]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1 || h1.innerText.trim() !== title) return false;
  // The script's output is on the page: from here on only the charts are still drawing.
  if (window.__benchScriptDone === undefined) window.__benchScriptDone = performance.now();
  const charts = document.querySelectorAll('.js-plotly-plot');
  if (plots !== null && charts.length !== plots) return false;
  for (const chart of charts) if (!chart.querySelector('svg.main-svg')) return false;
  return true;
}
"""

# Before a filter change: mark every chart drawn so far and listen for its next redraw.
ARM = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const b = window.__bench = {ran: false, click: null, running: null, done: null, drawn: null};
  const onDown = () => { if (b.click === null) b.click = performance.now(); };
  document.addEventListener('mousedown', onDown, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') {
      b.ran = true;
      if (b.running === null) b.running = performance.now();
    }
    if (state === 'notRunning' && b.ran) b.done = performance.now();
  });
  observer.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  // A page without charts: any change to the main area after the click shows the rerun's
  // output arrived (a run too quick for React to show 'running' would otherwise go unseen).
  const main = document.querySelector('[data-testid="stMain"]');
  b.changed = false;
  if (main) new MutationObserver(() => { b.changed = true; })
    .observe(main, {childList: true, subtree: true, characterData: true});
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    gd.__benchOld = true;
    gd.__benchPlotted = false;
    if (gd.on) gd.on('plotly_afterplot', () => { gd.__benchPlotted = true; });
  }
  return document.querySelectorAll('.js-plotly-plot').length;
}
"""

# Updated: the rerun is over and every chart on the page is new or has been redrawn since.
UPDATED = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!window.__bench) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = document.querySelectorAll('.js-plotly-plot');
  let redrawn = 0;
  for (const gd of charts) {
    if (!gd.querySelector('svg.main-svg')) return false;
    if (gd.__benchOld && !gd.__benchPlotted) return false;
    redrawn += 1;
  }
  const ok = redrawn > 0 || window.__bench.ran || window.__bench.changed;
  if (ok && window.__bench.drawn === null) window.__bench.drawn = performance.now();
  return ok;
}
"""


def nav_phases(page) -> dict:
    """After navigate(): ms from navigation start to the script's output and to all charts."""
    return page.evaluate(
        "() => ({script: window.__benchScriptDone ?? null, drawn: performance.now()})"
    )


def filter_phases(page) -> dict:
    """After change_town(): ms from the click to the rerun starting, to its end, to the
    last chart redrawn (times in the page's own clock)."""
    b = page.evaluate("() => window.__bench")
    if not b or b.get("click") is None:
        return {}
    click = b["click"]

    def since(key: str) -> float | None:
        return None if b.get(key) is None else b[key] - click

    return {"to_running": since("running"), "to_done": since("done"), "to_drawn": since("drawn")}


def launch(playwright, headless: bool = True):
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS + ["--no-proxy-server"], headless=headless
    )


def new_page(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    return context, page


def navigate(page, url: str, target: Target, timeout: float = 60) -> float:
    """Seconds from asking for the URL to the page being ready."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    page.wait_for_function(
        READY, arg=[target.plots, target.title], polling=10, timeout=timeout * 1000
    )
    return time.perf_counter() - started


def change_town(page, town: str = TOWN, timeout: float = 60, measure=None) -> float:
    """Seconds from choosing `town` in the 镇（街道） box to every chart redrawn.

    `measure`, a context manager, is entered just before the click and left after the redraw
    (a trace or a CPU profile of exactly that window).
    """
    box = page.get_by_role("combobox", name=TOWN_LABEL)
    box.click(timeout=timeout * 1000)
    # The option list is virtualised (the last towns are not in the DOM): type to narrow it.
    box.press_sequentially(town)
    option = page.get_by_role("option", name=town, exact=True)
    option.wait_for(timeout=timeout * 1000)
    page.evaluate(ARM)
    with measure or contextlib.nullcontext():
        started = time.perf_counter()
        option.click(timeout=timeout * 1000)
        page.wait_for_function(UPDATED, polling=10, timeout=timeout * 1000)
        elapsed = time.perf_counter() - started
    page.keyboard.press("Escape")  # a multiselect keeps its list open
    return elapsed


def describe(page) -> str:
    """The page's state in one line, for an error message."""
    try:
        return str(
            page.evaluate(
                """() => {
              const app = document.querySelector('[data-testid="stApp"]');
              const h1 = document.querySelector('[data-testid="stMain"] h1');
              return {
                script: app && app.getAttribute('data-test-script-state'),
                h1: h1 && h1.innerText,
                charts: document.querySelectorAll('.js-plotly-plot').length,
                drawn: document.querySelectorAll('.js-plotly-plot svg.main-svg').length,
                stale: document.querySelectorAll('[data-stale="true"]').length,
                status: !!document.querySelector('[data-testid="stStatusWidget"]'),
                exception: !!document.querySelector('[data-testid="stException"]'),
              };
            }"""
            )
        )
    except Exception as exc:
        return f"(state unavailable: {exc})"
