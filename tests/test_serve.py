"""`briefing serve` in a real browser: headless Chromium loads the page and the app draws in it.

textual-serve renders the app in an xterm.js terminal (canvas) fed over a websocket, so the test
checks, through the DevTools protocol, that the page connected its terminal and received the app's
first bytes, keeps a screenshot (in the test's tmp folder, for a human to look at), and reads the
app's own output over a second websocket session to find the story's title in it.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("BRIEFING_REQUIRE_BROWSER") == "1":  # set by .ci/run
    raise RuntimeError("the browser test is required here but Chromium is missing (apt-get install chromium)")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run installs it)"
)
TITLE = "Quillmere Lighthouse Reopens"
DRAWN = 10_000  # bytes of PNG: the app's screen is above, a blank terminal far below
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, what: str, limit: float = 60.0, step: float = 0.2):
    """Poll until `predicate()` is truthy; a readiness wait, not a timing assertion."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"gave up waiting for {what}")


def stop(proc: subprocess.Popen) -> None:
    """End a process this test started, and the children in its own session."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


@pytest.fixture
def served(write_story, tmp_path):
    folder = write_story(
        {
            "story.yaml": f"title: {TITLE}\n",
            "a.txt": "The old lighthouse at Quillmere reopened on Friday after repairs.\n",
            "b.txt": "Crowds watched the Quillmere light shine again, officials said.\n",
        }
    )
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefing", "serve", "--port", str(port), str(folder)],
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "COLUMNS": "120"},
        )
    try:
        def up():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return True
            except OSError:
                assert proc.poll() is None, log.read_text(errors="replace")
                return False

        wait_for(up, "briefing serve to listen")
        yield f"http://127.0.0.1:{port}/", log
    finally:
        stop(proc)


async def _browse(url: str, shot: Path, profile: str) -> tuple[str, str]:
    import aiohttp

    err = Path(profile) / "stderr.txt"
    with open(err, "wb") as fh:
        chrome = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1280,800", "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=fh,
            start_new_session=True,
        )
    try:
        def devtools():
            assert chrome.poll() is None, err.read_text(errors="replace")[-2000:]
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", err.read_text(errors="replace"))
            return m and m.group(1)

        port = await asyncio.to_thread(wait_for, devtools, "Chromium's DevTools port")
        async with aiohttp.ClientSession() as http:
            targets = await (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
            page = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 10**6))

                async def call(method: str, **params):
                    mid = next(ids)
                    await ws.send_json({"id": mid, "method": method, "params": params})
                    while True:
                        msg = json.loads((await ws.receive()).data)
                        if msg.get("id") == mid:
                            return msg["result"]

                await call("Page.navigate", url=url)
                probe = "document.body ? document.body.className + '|' + (document.getElementById('terminal') || {}).className : ''"
                deadline = time.monotonic() + 60
                state = ""
                while time.monotonic() < deadline and "-first-byte" not in state:
                    await asyncio.sleep(0.3)
                    state = (await call("Runtime.evaluate", expression=probe, returnByValue=True))["result"].get("value", "")
                # The first bytes may be a blank frame while the app analyses the story: take
                # pictures until one shows a drawn screen (a blank one compresses to a few kB).
                deadline = time.monotonic() + 60
                while True:
                    await asyncio.sleep(1)
                    png = base64.b64decode((await call("Page.captureScreenshot", format="png"))["data"])
                    if len(png) > DRAWN or time.monotonic() > deadline:
                        break
                shot.write_bytes(png)
                final = (await call("Runtime.evaluate", expression=probe, returnByValue=True))["result"].get("value", "")
                return state, final
    finally:
        stop(chrome)


async def _app_output(url: str, needle: str) -> str:
    """Be a browser's terminal for a moment: open a session and collect what the app draws."""
    import aiohttp

    ws_url = url.replace("http://", "ws://") + "ws?width=120&height=40"
    seen = ""
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(ws_url) as ws:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and needle not in seen:
                try:
                    msg = await ws.receive(timeout=5)
                except asyncio.TimeoutError:
                    continue
                if msg.type == aiohttp.WSMsgType.BINARY:
                    seen += msg.data.decode("utf-8", errors="replace")
                elif msg.type == aiohttp.WSMsgType.TEXT:
                    seen += msg.data
                else:
                    break
                seen = ANSI.sub("", seen)
    return seen


def test_app_renders_in_headless_chromium(served, tmp_path):
    url, log = served
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    shot = tmp_path / "serve.png"
    state, final = asyncio.run(_browse(url, shot, profile))
    text = log.read_text(errors="replace")
    why = f"page state {state!r} then {final!r}; screenshot {shot}; serve log:\n{text[-3000:]}"
    assert "-connected" in final, why  # the page opened its websocket session
    assert "-first-byte" in state, why  # and the app's output reached the terminal
    assert "-closed" not in final, why  # the app did not end (a crash shows "Session ended")
    assert shot.stat().st_size > DRAWN, why  # a drawn screen, not a blank page
    assert "session started" in text
    assert f"on {url.rstrip('/')}" in " ".join(text.split())  # bound to 127.0.0.1, as announced


def test_app_draws_the_story_over_the_websocket(served):
    url, _ = served
    seen = asyncio.run(_app_output(url, TITLE))
    assert TITLE in seen, seen[-2000:]
