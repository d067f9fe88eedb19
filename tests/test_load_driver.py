"""The websocket load driver (benchmarks.ws_session, benchmarks.load_ws) really drives the app:
officials without a browser get the pages and numbers a person would see, and the cookie of
the first HTTP response (a load balancer's sticky cookie) goes back on the websocket."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # benchmarks/ is a package at the repository root, not in src/
    sys.path.insert(0, str(ROOT))

from benchmarks.load_ws import Config, drive  # noqa: E402
from benchmarks.ws_session import ActionError, WsSession  # noqa: E402

PROJECTS = "项目数"  # the overview's first headline number (i18n kpi_projects)


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 60))


def test_a_page_switch_gets_the_new_page(server):
    async def scenario():
        session = WsSession(server.origin, timeout=30)
        try:
            first = await session.open("")
            switched = await session.switch("towns")
            return first.headings(), switched.headings()
        finally:
            await session.close()

    first, switched = run(scenario())
    assert "总览" in first  # i18n page_overview
    assert "各镇对比" in switched and "总览" not in switched  # i18n page_towns


def test_a_town_filter_and_reset_change_the_headline(server):
    async def scenario():
        session = WsSession(server.origin, timeout=30)
        try:
            runs = [await session.open("")]
            runs.append(await session.choose("f_town", ["朱泾镇"]))
            runs.append(await session.click("reset"))
            return [r.metric(PROJECTS) for r in runs]
        finally:
            await session.close()

    # data/jinshan-2018/projects.csv: 20 rows (JS2018-01 … JS2018-20); town 朱泾镇 on two of
    # them, JS2018-06 and JS2018-15. Reset brings back all 20.
    assert run(scenario()) == ["20", "2", "20"]


def test_three_officials_for_a_few_seconds_make_no_error(server):
    cfg = Config(sessions=3, seconds=5, think=0.3, ramp=1, timeout=30)
    result = run(drive(server.origin, cfg))
    assert result["errors"] == []
    assert result["cancelled_at_limit"] == 0
    # Each of the 3 officials opens one session (no error, so never a second one), then
    # switches, filters and resets in turn. How many rounds fit in the window depends on the
    # machine's speed, so only that each kind happened is asserted (benchmarks measure speed).
    actions = result["actions"]
    assert actions["first_load"]["n"] == 3
    for action in ("switch", "filter", "reset"):
        assert actions[action]["n"] >= 1, action
    # Every finished action ends with at least one finished script run (ws_session._take).
    assert result["script_runs"] >= sum(a["n"] for a in actions.values())


def test_the_first_responses_cookie_goes_back_on_the_websocket():
    """What nginx's sticky session needs: the Cookie of the page's response on the upgrade."""
    from websockets.asyncio.server import serve
    from websockets.datastructures import Headers
    from websockets.http11 import Response

    upgrades: list[str | None] = []

    def answer(connection, request):
        if request.path == "/_stcore/stream":
            upgrades.append(request.headers.get("Cookie"))
            return None  # go on with the websocket handshake
        headers = Headers([("Set-Cookie", "baihua_replica=r2; Path=/"), ("Content-Length", "2")])
        return Response(200, "OK", headers, b"ok")

    async def closes_at_once(websocket):
        await websocket.close()

    async def scenario():
        async with serve(closes_at_once, "127.0.0.1", 0, process_request=answer) as server:
            port = server.sockets[0].getsockname()[1]
            session = WsSession(f"http://127.0.0.1:{port}", timeout=10)
            with pytest.raises(ActionError, match="connection closed"):
                await session.open("")
            await session.close()

    run(scenario())
    assert upgrades == ["baihua_replica=r2"]
