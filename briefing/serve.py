"""`briefing serve`: the same app in a web browser, through textual-serve.

Each browser session starts its own `briefing PATH` process, which textual-serve drives over a
websocket (the app sees the web driver in its environment, see cli.cmd_open). It listens on
127.0.0.1 unless told otherwise, since anyone who can reach the port can run the app.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path


def command(story_path: Path) -> str:
    """The shell command textual-serve runs per session (it uses a shell, so every part is quoted)."""
    return " ".join(shlex.quote(part) for part in (sys.executable, "-m", "briefing", str(Path(story_path).resolve())))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(story_path: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    from textual_serve.server import Server

    class BriefingServer(Server):
        async def handle_websocket(self, request):
            # One line per browser session: what the user (and the browser test) can watch for.
            print(f"briefing serve: session started for {request.remote}", file=sys.stderr, flush=True)
            try:
                return await super().handle_websocket(request)
            finally:
                print("briefing serve: session ended", file=sys.stderr, flush=True)

    if not _loopback(host):
        print(f"briefing: warning: serving on {host}: anyone who can reach port {port} can use the app", file=sys.stderr)
    title = f"briefing: {Path(story_path).resolve().name}"
    server = BriefingServer(command(story_path), host=host, port=port, title=title)
    try:
        server.serve()
    except OSError as exc:
        print(f"briefing: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
