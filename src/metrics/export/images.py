"""Report-ready chart images (PNG/SVG) rendered by one long-lived headless Chromium."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import functools
import html
import math
import os
import shutil
import subprocess
import threading
from typing import Any

import kaleido
import plotly.graph_objects as go
from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError

from ..charts.chart import Chart
from ..charts.compare import wrapped
from ..charts.margins import text_width

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
SIZES: dict[str, tuple[int, int]] = {"a4": (1123, 794), "slide": (1280, 720)}
INSTALL_HINT = "sudo apt-get install chromium fonts-noto-cjk"
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DEFAULT_BROWSER = "/usr/bin/chromium"

_TEXT_COLOR = "#1f2328"
_CAPTION_COLOR = "#555555"
_GRID_COLOR = "#e3e3e3"
_START_TIMEOUT_S = 60
_RENDER_TIMEOUT_S = 30
# Two warm tabs let a bundle render two charts at once and keep one Streamlit
# session from queueing behind another; a third bought nothing on a 2-core box.
_TABS = 2
# The smallest tick label font a crowded axis shrinks to, still legible on a projected slide.
_MIN_TICK_PX = 9
_WRAPPED_ANGLE = 60


# The export layer takes the dashboard's own charts: a figure plus its table and caption.
ChartExport = Chart


_REASONS = {
    "missing": (
        "图表导出暂不可用：找不到 Chromium 浏览器（{browser}）。",
        "Chart images are unavailable: no Chromium browser at {browser}.",
    ),
    "start": (
        "图表导出暂不可用：浏览器 {browser} 无法启动（{detail}）。",
        "Chart images are unavailable: the browser {browser} would not start ({detail}).",
    ),
    "fonts": (
        "图表导出暂不可用：缺少中文字体，图片中的汉字会显示为方框。",
        "Chart images are unavailable: no Chinese font is installed, so Chinese text "
        "would print as empty boxes.",
    ),
    "hung": (
        "图表渲染失败：浏览器无响应（{detail}）。",
        "Chart rendering failed: the browser stopped responding ({detail}).",
    ),
}
_ADVICE = (
    "请管理员运行：{hint}。表格（CSV/Excel）下载不受影响。",
    "Ask an administrator to run: {hint}. Table downloads (CSV/Excel) still work.",
)


class ExportUnavailableError(RuntimeError):
    """Chart images cannot be made here; reason(lang) says why, for a non-technical reader."""

    def __init__(self, kind: str, **details: str) -> None:
        self.kind = kind
        self.details = details
        super().__init__(self.reason("zh"))

    def reason(self, lang: str = "zh") -> str:
        i = 1 if lang == "en" else 0
        text = _REASONS[self.kind][i].format(**self.details)
        # Chinese sentences run on without a space; English ones need one.
        return text + (" " if i else "") + _ADVICE[i].format(hint=INSTALL_HINT)


# ---------------------------------------------------------------- print styling


def _escape(text: str) -> str:
    # plotly.js reads text as pseudo-HTML: a stray "<" in a filter value would eat the rest.
    return html.escape(str(text), quote=False)


def _wrap(text: str, max_px: float, font_px: float) -> list[str]:
    """Break the caption into lines, since plotly annotations never wrap by themselves.
    Chinese breaks between any two characters; a Latin word stays whole ("Zhujing")."""
    lines: list[str] = []
    for paragraph in str(text).splitlines():
        current = ""
        for ch in paragraph:
            if current and text_width(current + ch, font_px) > max_px:
                head, tail = _break(current) if ch in _LATIN else (current, "")
                lines.append(head.rstrip())
                current = (tail + ch).lstrip()
            else:
                current += ch
        if current.strip():
            lines.append(current)
    return lines


_LATIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _break(line: str) -> tuple[str, str]:
    """(what stays, what moves on) when a Latin word would be cut: the word's letters so far
    move on whole, if a space or hyphen before them gives a place to break."""
    cut = len(line.rstrip("".join(sorted(_LATIN))))
    return (line[:cut], line[cut:]) if cut and line[cut - 1] in " -" else (line, "")


def _clear_background(fig: go.Figure) -> None:
    fig.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    # Templates draw a white grid on a tinted plot; on white paper it must become grey.
    fig.update_xaxes(gridcolor=_GRID_COLOR, zerolinecolor="#c8c8c8", linecolor="#9a9a9a")
    fig.update_yaxes(gridcolor=_GRID_COLOR, zerolinecolor="#c8c8c8", linecolor="#9a9a9a")
    fig.update_polars(bgcolor="white")


def _move_horizontal_legend_to_top(fig: go.Figure) -> None:
    # A horizontal legend is usually parked below the plot, where the caption goes.
    if fig.layout.legend.orientation == "h":
        fig.update_layout(legend=dict(x=0, xanchor="left", y=1.02, yanchor="bottom", yref="paper"))


def _styled_figure(
    chart: ChartExport, width: int, height: int, *, title: bool, caption: bool
) -> go.Figure:
    # to_dict() is a deep copy, so the dashboard's figure stays untouched; it was validated
    # when built, and validating it again would cost more than the render itself.
    fig = go.Figure(chart.figure.to_dict(), _validate=False)
    _clear_background(fig)
    _move_horizontal_legend_to_top(fig)
    font_px = 13 if width < 1200 else 14
    margin_l, margin_r = 72, 40
    lines = _wrap(chart.caption, width - margin_l - margin_r, font_px) if caption else []
    caption_block = int(len(lines) * font_px * 1.45) + 18 if lines else 0
    # The caption hangs a fixed distance below the plot, so the space the x tick labels
    # need must be reserved up front: if plotly's automargin grew it, they would overlap.
    margin_b = _x_label_room(fig, width - margin_l - margin_r) + caption_block
    margin_t = 96 if title else 40
    _draw_every_category(fig, height - margin_t - margin_b)
    fig.update_layout(
        width=width,
        height=height,
        font=dict(family=FONT_FAMILY, color=_TEXT_COLOR),
        margin=dict(l=margin_l, r=margin_r, t=margin_t, b=margin_b, pad=0),
        title=_title_layout(chart.title, height) if title else dict(text=""),
    )
    if lines:
        fig.add_annotation(
            text="<br>".join(_escape(line) for line in lines),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="bottom",
            # Pixel shift from the plot's bottom edge down into the reserved margin.
            yshift=-(margin_b - 14),
            align="left",
            showarrow=False,
            font=dict(size=font_px, color=_CAPTION_COLOR, family=FONT_FAMILY),
        )
    return fig


def _draw_every_category(fig: go.Figure, plot_h: float) -> None:
    """Name every category on its axis, in a font small enough for its row.

    Plotly labels only every n-th category when rows are shorter than their font: a slide's
    towns × themes chart named 6 of its 12 towns (#21). Listed tick values are all drawn.
    """
    for name, categories in _category_axes(fig).items():
        axis = fig.layout[name]
        texts = [_x_tick_text(fig, c) for c in categories] if name == "xaxis" else categories
        axis.update(tickmode="array", tickvals=categories, ticktext=texts)
        if name.startswith("y"):
            _fit_tick_font(fig, axis, plot_h / len(categories))


def _fit_tick_font(fig: go.Figure, axis: Any, pitch: float) -> None:
    # A line of text needs about 1.25 times its font size to stay clear of the next one.
    size = axis.tickfont.size or _tick_px(fig)
    if pitch < size * 1.25:
        axis.update(tickfont_size=max(_MIN_TICK_PX, math.floor(pitch / 1.25)))


def _category_axes(fig: go.Figure) -> dict[str, list[str]]:
    """Layout axis name ("xaxis", "yaxis2") -> the text categories it shows, for every shown
    axis whose ticks the chart has not named itself."""
    found: dict[str, dict[str, None]] = {}
    for trace in fig.data:
        for letter in "xy":
            values = getattr(trace, letter, None)
            # A numeric column comes out of to_dict() as a typed array: {"dtype", "bdata"}.
            if values is None or isinstance(values, dict) or trace.type == "pie":
                continue
            ref = getattr(trace, f"{letter}axis", None) or letter
            seen = found.setdefault(f"{letter}axis{ref[1:]}", {})
            seen.update((v, None) for v in values if isinstance(v, str))
    axes = {}
    for name, seen in found.items():
        axis = fig.layout[name]
        if seen and axis.visible is not False and axis.tickvals is None:
            # A category the chart orders but no trace draws (a town of zeros) is still a row.
            listed = list(axis.categoryarray or []) if axis.categoryorder == "array" else []
            axes[name] = list(dict.fromkeys([*listed, *seen]))
    return axes


def _tick_px(fig: go.Figure) -> float:
    # Tick labels take the figure's font size (the Baihua template sets 14; Plotly's is 12).
    return fig.layout.font.size or fig.layout.template.layout.font.size or 12


def _x_tick_text(fig: go.Figure, label: str) -> str:
    # A long English theme slanted whole hangs 190 px under the plot and leaves a slide's
    # rows too short to name; in two lines it needs half that.
    return wrapped(label) if fig.layout.xaxis.tickangle else label


def _x_categories(fig: go.Figure) -> list[str]:
    seen: dict[str, None] = {}
    for trace in fig.data:
        if getattr(trace, "orientation", None) == "h" or getattr(trace, "x", None) is None:
            continue
        for value in trace.x:
            if isinstance(value, str):
                seen.setdefault(value, None)
    return list(seen)


def _x_label_room(fig: go.Figure, plot_w: float) -> int:
    """Pixels under the plot for x tick labels and the axis title, tilting crowded labels."""
    tick_px = _tick_px(fig)
    labels = _x_categories(fig)
    widest = max((text_width(label, tick_px) for label in labels), default=0)
    label_h = tick_px * 1.5
    angle = fig.layout.xaxis.tickangle
    if labels and (angle or widest + 10 > plot_w / len(labels)):
        # Fix the angle ourselves: plotly may otherwise pick 90 degrees and outgrow the room.
        if not angle:
            angle = -30
            fig.update_xaxes(tickangle=angle)
        widest, rows, angle = _slanted_labels(fig, labels, tick_px, angle)
        label_h = widest * math.sin(math.radians(abs(angle))) + rows * tick_px * 1.2
    title_h = 32 if fig.layout.xaxis.title.text else 0
    return max(84, int(label_h * 1.1 + title_h + 24))


def _slanted_labels(
    fig: go.Figure, labels: list[str], tick_px: float, angle: float
) -> tuple[float, int, float]:
    """(widest line, lines per label, angle) of the slanted x tick labels as drawn."""
    texts = [_x_tick_text(fig, label).split("<br>") for label in labels]
    widest = max(text_width(line, tick_px) for lines in texts for line in lines)
    rows = max(len(lines) for lines in texts)
    if rows > 1 and abs(angle) < _WRAPPED_ANGLE:
        # At -40 degrees a two-line label touched its neighbour's second line.
        angle = -_WRAPPED_ANGLE
        fig.update_xaxes(tickangle=angle)
    return widest, rows, angle


def _title_layout(text: str, height: int) -> dict[str, Any]:
    return dict(
        text=f"<b>{_escape(text)}</b>",
        x=0,
        xref="paper",
        xanchor="left",
        y=1 - 26 / height,
        yref="container",
        yanchor="top",
        font=dict(size=21, family=FONT_FAMILY, color=_TEXT_COLOR),
    )


def print_figure(chart: ChartExport, size: str = "a4") -> go.Figure:
    """A copy of the chart laid out for paper or slides; its width/height come from SIZES."""
    width, height = _size(size)
    return _styled_figure(chart, width, height, title=True, caption=True)


def _size(size: str) -> tuple[int, int]:
    try:
        return SIZES[size]
    except KeyError:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}") from None


# ---------------------------------------------------------------- the browser


def browser_path() -> str:
    """BROWSER_PATH (choreographer's own variable) wins, then a Chromium on PATH."""
    if configured := os.environ.get("BROWSER_PATH"):
        return configured
    for name in BROWSER_CANDIDATES:
        if found := shutil.which(name):
            return found
    # Never return None: kaleido would then go looking for its own downloaded Chrome.
    return DEFAULT_BROWSER


class _EagerKaleido(kaleido.Kaleido):
    """Kaleido that hands back the image before refreshing the used tab.

    Stock kaleido reloads a tab (re-parsing 4 MB of plotly.js, ~0.18 s) before the render
    call returns, which is most of a warm render. Here the reload runs in the background;
    the tab only rejoins the queue once it is fresh, so every render still gets a clean page.
    """

    _refreshing: set[asyncio.Task]

    async def _return_kaleido_tab(self, tab: Any) -> None:
        parent = super()._return_kaleido_tab
        task = asyncio.create_task(parent(tab))
        # asyncio keeps only weak references to tasks; hold one until the reload is done.
        self._refreshing = getattr(self, "_refreshing", set())
        self._refreshing.add(task)
        task.add_done_callback(self._refreshing.discard)
        task.add_done_callback(_ignore_closed_channel)


def _ignore_closed_channel(task: asyncio.Task) -> None:
    # A reload still running when the browser is shut down fails harmlessly; reading the
    # exception here keeps asyncio from printing it as "never retrieved" at exit.
    if not task.cancelled():
        task.exception()


class _Renderer:
    """One Chromium with warm plotly.js tabs, owned by a private asyncio loop thread.

    Callers in any thread submit work with run_coroutine_threadsafe; kaleido hands each
    job a free tab from its queue, so concurrent calls are safe without a global lock.
    """

    def __init__(self, browser: str) -> None:
        self.browser = browser
        self._kaleido: kaleido.Kaleido | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="baihua-chromium", daemon=True
        )
        self._thread.start()
        try:
            self._run(self._open(), _START_TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    def _run(self, coro: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _open(self) -> None:
        # mathjax=False: the default pulls MathJax from a CDN, and there is no internet.
        k = _EagerKaleido(n=_TABS, path=self.browser, mathjax=False, timeout=_RENDER_TIMEOUT_S)
        try:
            await k.open()
        except BaseException:
            await k.close()
            raise
        self._kaleido = k

    def alive(self) -> bool:
        proc = getattr(self._kaleido, "subprocess", None)
        return self._thread.is_alive() and proc is not None and proc.poll() is None

    def submit(self, fig: dict[str, Any], opts: dict[str, Any]) -> concurrent.futures.Future:
        if self._kaleido is None:
            raise BrowserClosedError("renderer is closed")
        coro = self._kaleido.calc_fig(fig, opts=opts)
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def close(self) -> None:
        k, self._kaleido = self._kaleido, None
        if k is not None:
            # Best effort: if a polite close fails, the kill below is the backstop.
            with contextlib.suppress(Exception):
                self._run(k.close(), 10)
            _stop_process(getattr(k, "subprocess", None))
        if self._loop.is_running():
            # Leftover tasks would only cost a "Task was destroyed" warning at exit.
            with contextlib.suppress(Exception):
                self._run(_cancel_other_tasks(), 5)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()


def _stop_process(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    # SIGTERM first: choreographer's wrapper process passes it on to Chromium.
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()


async def _cancel_other_tasks() -> None:
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


_lock = threading.Lock()
_renderer: _Renderer | None = None
# Chromium dying mid-render shows up as any of these; choreographer's watchdog cancels
# the pending render when it notices the process is gone.
_BROWSER_GONE = (
    BrowserClosedError,
    BrowserFailedError,
    ChannelClosedError,
    TimeoutError,
    concurrent.futures.CancelledError,
)


def _get_renderer() -> _Renderer:
    """Start Chromium on first use; restart it if it died or BROWSER_PATH changed."""
    global _renderer
    with _lock:
        wanted = browser_path()
        if _renderer is not None and (_renderer.browser != wanted or not _renderer.alive()):
            _renderer.close()
            _renderer = None
        if _renderer is None:
            try:
                _renderer = _Renderer(wanted)
            except Exception as exc:
                raise _start_failure(wanted, exc) from exc
        return _renderer


def _discard(renderer: _Renderer) -> None:
    global _renderer
    with _lock:
        # Several threads can see the same crash; only the one that detaches it closes it.
        if _renderer is not renderer:
            return
        _renderer = None
    renderer.close()


def shutdown() -> None:
    """Stop the shared Chromium; the next export starts a fresh one."""
    global _renderer
    with _lock:
        renderer, _renderer = _renderer, None
    if renderer is not None:
        renderer.close()


atexit.register(shutdown)


def _render(fig: go.Figure, opts: dict[str, Any]) -> bytes:
    return _collect(_submit(fig, opts), fig, opts)


def _submit(fig: go.Figure, opts: dict[str, Any]) -> tuple[_Renderer, concurrent.futures.Future]:
    renderer = _get_renderer()
    return renderer, renderer.submit(fig.to_dict(), opts)


def _collect(
    job: tuple[_Renderer, concurrent.futures.Future], fig: go.Figure, opts: dict[str, Any]
) -> bytes:
    """Wait for a render; if Chromium died under it, restart once and try again."""
    renderer, future = job
    try:
        return future.result(_RENDER_TIMEOUT_S + 5)
    except _BROWSER_GONE:
        _discard(renderer)
    renderer, future = _submit(fig, opts)
    try:
        return future.result(_RENDER_TIMEOUT_S + 5)
    except _BROWSER_GONE as exc:
        _discard(renderer)
        raise ExportUnavailableError("hung", detail=_first_line(exc)) from exc


def _image_opts(fmt: str, width: int, height: int, scale: float) -> dict[str, Any]:
    return {"format": fmt, "width": width, "height": height, "scale": scale}


def body_png_job(chart: ChartExport, width: int, height: int, scale: float) -> tuple:
    """Queue a PNG of `chart` without its title or caption, for a document whose own text
    carries them (a slide, a Word page); `_collect(*job)` waits for it. Queue every picture
    before collecting the first, so Chromium's tabs render them in parallel."""
    fig = _styled_figure(chart, width, height, title=False, caption=False)
    opts = _image_opts("png", width, height, scale)
    return _submit(fig, opts), fig, opts


def to_png_bytes(chart: ChartExport, size: str = "a4", scale: float = 2) -> bytes:
    fig = print_figure(chart, size)
    return _render(fig, _image_opts("png", *_size(size), scale))


def to_svg_bytes(chart: ChartExport, size: str = "a4") -> bytes:
    fig = print_figure(chart, size)
    return _render(fig, _image_opts("svg", *_size(size), 1))


# ---------------------------------------------------------------- availability


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _start_failure(browser: str, exc: BaseException) -> ExportUnavailableError:
    return ExportUnavailableError("start", browser=browser, detail=_first_line(exc))


def _cjk_font_missing() -> bool:
    if shutil.which("fc-list") is None:
        return False  # not a fontconfig system (Windows/macOS ship CJK fonts)
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return not out.strip()


@functools.cache
def _availability() -> ExportUnavailableError | None:
    browser = browser_path()
    if not (os.path.isfile(browser) and os.access(browser, os.X_OK)):
        return ExportUnavailableError("missing", browser=browser)
    if _cjk_font_missing():
        return ExportUnavailableError("fonts")
    # A real (tiny) render is the only proof that browser, pipe and plotly.js all work;
    # it also warms the shared browser for the first real export.
    try:
        _render(go.Figure(go.Bar(x=["测"], y=[1])), _image_opts("png", 40, 40, 1))
    except ExportUnavailableError as exc:
        return exc
    except Exception as exc:  # any other failure still means "cannot export"
        return _start_failure(browser, exc)
    return None


def export_available(lang: str = "zh") -> tuple[bool, str]:
    """(True, "") if chart images can be made, else (False, a plain reason in zh or en).

    The check runs once per process; export_available.cache_clear() forces a new one.
    """
    problem = _availability()
    return (True, "") if problem is None else (False, problem.reason(lang))


export_available.cache_clear = _availability.cache_clear  # type: ignore[attr-defined]
