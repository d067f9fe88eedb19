"""One simulated official speaking Streamlit's own websocket protocol, without a browser.

What the browser's frontend does, and no more: an HTTP GET of the page first (its cookies, such
as the sticky-session cookie of a load balancer, go back on the websocket upgrade), then
`/_stcore/stream` with the "streamlit" subprotocol, a `BackMsg.rerun_script` per action, and
`ForwardMsg`s read until the run's `script_finished`. Like the frontend it keeps the big
messages it was sent (by hash) and lists them in each rerun, so the server answers with short
`ref_hash` references for what it already sent; it sends the widget values it changed and
takes back values the server sets (a multiselect's `set_value`).

An action fails on an exception element, `page_not_found`, a compile error, a closed socket or
a wait over `timeout` seconds; `ActionError` says which.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

CACHE_AGE = 2  # script runs a cached message outlives its last use (Streamlit's frontend: 2)
MAX_MESSAGE = 256 * 2**20  # Streamlit's own limit is 200 MB


class ActionError(Exception):
    """An action that did not end in a clean script run."""


@dataclass
class Run:
    """What one script run sent: its elements (by delta path), and how long it took."""

    seconds: float = 0.0
    elements: list[Element] = field(default_factory=list)

    def metric(self, label: str) -> str | None:
        found = [el.metric.body for el in self.elements if el.WhichOneof("type") == "metric"]
        labels = [el.metric.label for el in self.elements if el.WhichOneof("type") == "metric"]
        return dict(zip(labels, found, strict=True)).get(label)

    def headings(self) -> list[str]:
        return [el.heading.body for el in self.elements if el.WhichOneof("type") == "heading"]


def _raise_on_exception(elements: list[Element]) -> None:
    for el in elements:
        if el.WhichOneof("type") == "exception":
            raise ActionError(f"exception shown: {el.exception.type}: {el.exception.message[:160]}")


def _widget_id(el: Element) -> str:
    kind = el.WhichOneof("type")
    return getattr(getattr(el, kind), "id", "") if kind else ""


def http_cookies(url: str, timeout: float) -> str:
    """GET the page as a browser would first, and return its cookies as a Cookie header.

    No proxy: every request of the load test stays on loopback."""
    jar = CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
    )
    with opener.open(url, timeout=timeout) as resp:
        resp.read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


class WsSession:
    """A Streamlit session held over one websocket: open, switch, set widgets, click, close."""

    def __init__(self, base: str, timeout: float = 60, locale: str = "zh-CN") -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.locale = locale
        self.ws = None
        self.cookie = ""
        self.query_string = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path ("" for the default page) → script hash
        self.widgets: dict[str, Element] = {}  # widget id → its latest element
        self.states: dict[str, WidgetState] = {}  # values this session chose
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash → (message, last run used)
        self.runs = 0  # script runs finished (any outcome), the server's work

    async def open(self, path: str = "") -> Run:
        """First page load: the page's cookies, the websocket, the first script run."""
        started = time.perf_counter()
        url = f"{self.base}/{path}"
        self.cookie = await asyncio.wait_for(
            asyncio.to_thread(http_cookies, url, self.timeout), self.timeout
        )
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base,
            additional_headers=headers,
            proxy=None,
            max_size=MAX_MESSAGE,
            open_timeout=self.timeout,
        )
        run = await self._rerun(page_name=path)
        run.seconds = time.perf_counter() - started
        return run

    async def switch(self, path: str) -> Run:
        """Click a page in the sidebar: a rerun with that page's script hash."""
        if path not in self.pages:
            raise ActionError(f"no page /{path} in the navigation")
        return await self._rerun(page_hash=self.pages[path])

    def widget(self, key: str) -> Element:
        """The latest element of the widget with this user key (its id ends in -key)."""
        for wid, el in self.widgets.items():
            if wid.endswith(f"-{key}"):
                return el
        raise ActionError(f"no widget with key {key!r} on the page")

    async def choose(self, key: str, labels: list[str]) -> Run:
        """Set a multiselect to these options (as shown, i.e. formatted, like the frontend)."""
        el = self.widget(key)
        missing = [x for x in labels if x not in el.multiselect.options]
        if missing:
            raise ActionError(f"{key}: no option {missing}")
        state = WidgetState(id=el.multiselect.id)
        state.string_array_value.data[:] = labels
        self.states[state.id] = state
        return await self._rerun()

    async def click(self, key: str) -> Run:
        """Press a button: a trigger value for this run only."""
        trigger = WidgetState(id=self.widget(key).button.id, trigger_value=True)
        return await self._rerun(extra=[trigger])

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    # --- the protocol ------------------------------------------------------------------------

    def _back_msg(self, page_hash: str, page_name: str, extra: list[WidgetState]) -> BackMsg:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = page_hash or self.page_hash
        rerun.page_name = page_name
        rerun.widget_states.widgets.extend([*self.states.values(), *extra])
        rerun.cached_message_hashes.extend(self.cache)
        info = rerun.context_info
        info.timezone, info.timezone_offset, info.locale = "Asia/Shanghai", -480, self.locale
        info.url = f"{self.base}/{page_name}"
        return msg

    async def _rerun(
        self, page_hash: str = "", page_name: str = "", extra: list[WidgetState] | None = None
    ) -> Run:
        if self.ws is None:
            raise ActionError("not connected")
        started = time.perf_counter()
        try:
            await self.ws.send(
                self._back_msg(page_hash, page_name, extra or []).SerializeToString()
            )
        except ConnectionClosed as exc:
            raise ActionError(f"connection closed: {exc}") from exc
        run = await asyncio.wait_for(self._read_run(), self.timeout)
        run.seconds = time.perf_counter() - started
        return run

    async def _read_run(self) -> Run:
        """ForwardMsgs until this run ends; a run stopped for a rerun is followed to the end."""
        run, by_path = Run(), {}
        while True:
            try:
                data = await self.ws.recv()
            except ConnectionClosed as exc:
                raise ActionError(f"connection closed: {exc}") from exc
            msg = self._resolve(ForwardMsg.FromString(data))
            if self._take(msg, by_path):
                run.elements = [by_path[k] for k in sorted(by_path)]
                _raise_on_exception(run.elements)
                return run

    def _take(self, msg: ForwardMsg, by_path: dict) -> bool:
        """Follow one message; True when it ends the run."""
        kind = msg.WhichOneof("type")
        if kind == "delta":
            self._take_delta(msg, by_path)
        elif kind in ("new_session", "navigation"):
            self._take_pages(getattr(msg, kind))
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            raise ActionError(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                by_path.clear()  # the rerun that follows draws the page again
                return False
            self._after_run(by_path)
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise ActionError("script compile error")
            return True
        return False

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """A ref_hash stands for a message this session was sent before."""
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise ActionError("server referred to a message this session never had")
            full = ForwardMsg()
            full.CopyFrom(cached[0])
            full.metadata.CopyFrom(msg.metadata)
            msg = full
        if msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = (msg, self.runs)
        elif msg.hash in self.cache:
            self.cache[msg.hash] = (self.cache[msg.hash][0], self.runs)
        return msg

    def _take_delta(self, msg: ForwardMsg, by_path: dict) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        el = msg.delta.new_element
        by_path[tuple(msg.metadata.delta_path)] = el
        wid = _widget_id(el)
        if wid:
            self.widgets[wid] = el
            if el.WhichOneof("type") == "multiselect" and el.multiselect.set_value:
                state = WidgetState(id=wid)  # the server set it (e.g. reset): take its value
                state.string_array_value.data[:] = list(el.multiselect.raw_values)
                self.states[wid] = state

    def _take_pages(self, msg) -> None:
        for page in msg.app_pages:
            self.pages[page.url_pathname] = page.page_script_hash
        if msg.page_script_hash:
            self.page_hash = msg.page_script_hash

    def _after_run(self, by_path: dict) -> None:
        """Forget widgets the run did not draw, and cached messages unused for a while."""
        self.runs += 1
        live = {_widget_id(el) for el in by_path.values()} - {""}
        self.widgets = {k: v for k, v in self.widgets.items() if k in live}
        self.states = {k: v for k, v in self.states.items() if k in live}
        self.cache = {h: v for h, v in self.cache.items() if self.runs - v[1] <= CACHE_AGE}
