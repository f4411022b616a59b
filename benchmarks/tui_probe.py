"""One timed TUI run for benchmarks/run.py; prints one JSON object on its last line of stdout.

    python benchmarks/tui_probe.py bare                 a bare Textual app: time to first paint
    python benchmarks/tui_probe.py briefing [PATH]      the briefing app: first paint, analysis shown
        [--keys]                                        then keypress-to-repaint in each pane
                                                        (PROBE_DEBUG=1: per key wall and CPU ms,
                                                        screen updates, messages, on stderr)
        [--story-cache]                                 load through briefing.cache.load_story

Times are seconds since BENCH_T0 (the parent's wall clock just before it started this process),
so they include interpreter start-up and imports: what a person waits for. Headless, so the
terminal's own speed is not measured, the same for both apps.
"""

from __future__ import annotations

import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
SIZE = (120, 40)
POLL = float(os.environ.get("PROBE_POLL", "0.005"))  # seconds between checks for the shown analysis


def since() -> float:
    return time.time() - T0


def _hook(marks: dict):
    """A message hook that notes the first paint: Textual posts Ready after the first refresh."""
    from textual import events

    def hook(message) -> None:
        if isinstance(message, events.Ready):
            marks.setdefault("first_paint", since())

    return hook


def bare() -> dict:
    import asyncio

    from textual.app import App
    from textual.widgets import Footer, Static

    marks: dict = {}

    class Bare(App[None]):
        def compose(self):
            yield Static("Hello")
            yield Footer()

    async def drive() -> None:
        app = Bare()
        async with app.run_test(size=SIZE, message_hook=_hook(marks)):
            while "first_paint" not in marks:
                await asyncio.sleep(0.001)
            app.exit()

    asyncio.run(drive())
    return marks


def briefing(path: str | None, keys: bool, story_cache: bool = False) -> dict:
    import asyncio

    if story_cache:  # what `briefing` does once the CLI loads through the cache
        from briefing import cache
        from briefing.loader import default_story_path

        story = cache.load_story(path or default_story_path())
        marks: dict = {"articles": len(story.articles), "loaded": since()}
    else:  # what `briefing [PATH]` does: check the path, paint, then load and analyse in a worker
        from briefing.cli import _openable

        story = _openable(path)
        marks = {}
    from briefing.tui.app import BriefingApp

    app = BriefingApp(story)
    repaints = Repaints()
    repaints.patch()
    first_paint = _hook(marks)

    def hook(message) -> None:
        first_paint(message)
        repaints.hook(message)

    async def drive() -> None:
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            # the analysis runs in a thread; poll (cheaply) until the panes are mounted and painted
            deadline = time.time() + float(os.environ.get("BENCH_TIMEOUT", "1800"))
            while not (app.analysis is not None and app.query("#tabs")):
                await asyncio.sleep(POLL)
                label = app.query("#loading-label")
                if label and "failed" in str(label.first().render()):
                    raise RuntimeError(str(label.first().render()))
                if time.time() > deadline:
                    raise TimeoutError("the analysis was not shown in time")
                if getattr(app, "_exception", None) is not None:
                    raise RuntimeError("the app failed") from app._exception
            await app.wait_for_refresh()
            marks["analysis_shown"] = since()
            marks.setdefault("articles", len(app.story.articles) if app.story else 0)
            if keys:
                marks["keys"] = await press_each_pane(app, pilot, repaints)
            app.exit()

    asyncio.run(drive())
    return marks


# The keys tried in each pane, after switching to it: moving in its list or text.
NAV_KEYS = ["down", "down", "down", "pagedown", "pagedown", "end", "home", "up"]


class Repaints:
    """What a keypress causes, seen from inside the app: every message any widget handles (through
    the run_test message hook) and every compositor update of the current screen (patched in: that
    is where the changed regions are laid out and rendered to strips; headless only skips writing
    them to a terminal). A key is done when the app has been quiet for SETTLE seconds; its latency
    runs from posting it to the end of the last screen update it caused, so work deferred with
    call_after_refresh, timers and the second paint it triggers all count."""

    SETTLE = 0.2

    def __init__(self) -> None:
        self.last_message = 0.0
        self.updates: list[tuple[float, float]] = []  # (wall, cpu) at the end of each screen update
        self.kinds: dict[str, int] = {}
        self.counting = False

    def hook(self, message) -> None:
        self.last_message = time.perf_counter()
        if self.counting:
            name = type(message).__name__
            self.kinds[name] = self.kinds.get(name, 0) + 1

    def patch(self) -> None:
        from textual.screen import Screen

        original = Screen._compositor_refresh
        updates = self.updates

        def _compositor_refresh(screen) -> None:
            original(screen)
            if screen is screen.app.screen:
                updates.append((time.perf_counter(), time.process_time()))

        Screen._compositor_refresh = _compositor_refresh

    async def settle(self, app, timeout: float = 10.0) -> None:
        import asyncio

        start = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            screen = app.screen
            pending = screen._layout_required or screen._repaint_required or screen._scroll_required or screen._dirty_widgets
            last = max(self.last_message, self.updates[-1][0] if self.updates else 0.0)
            if not pending and now - last > self.SETTLE:
                return
            if getattr(app, "_exception", None) is not None:
                raise RuntimeError("the app failed") from app._exception
            if now - start > timeout:
                raise TimeoutError(f"the app did not settle within {timeout} s: {self.kinds}")


async def press_each_pane(app, pilot, repaints: Repaints) -> dict:
    from textual import events

    from briefing.tui.app import PANES

    debug = bool(os.environ.get("PROBE_DEBUG"))

    async def timed(key: str) -> float:
        # Not `pilot.press`: it sleeps at least 2 x 20 ms per key waiting for the CPU to go idle,
        # which would be measured as latency. Post the key as the driver does, let the app settle,
        # and take the end of the last screen update it caused (CPU time too with PROBE_DEBUG).
        await repaints.settle(app)
        repaints.kinds.clear()
        repaints.counting = debug
        seen = len(repaints.updates)
        t, cpu = time.perf_counter(), time.process_time()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)
        await repaints.settle(app)
        repaints.counting = False
        if len(repaints.updates) == seen:  # nothing changed on screen
            return 0.0
        wall_end, cpu_end = repaints.updates[-1]
        if debug:
            print(f"{key:>9} {1000 * (wall_end - t):7.1f} ms wall {1000 * (cpu_end - cpu):7.1f} ms cpu "
                  f"{len(repaints.updates) - seen} updates {sorted(repaints.kinds.items(), key=lambda kv: -kv[1])[:8]}", file=sys.stderr)
        return wall_end - t

    out = {}
    for n, (name, _title) in enumerate(PANES, 1):
        if debug:
            print(f"-- {name}", file=sys.stderr)
        first = await timed(str(n))  # the first show fills the pane
        nav = [await timed(k) for k in NAV_KEYS]
        await timed("1" if n != 1 else "2")
        again = await timed(str(n))
        out[name] = {"first_show": first, "show_again": again, "nav": nav, "nav_keys": NAV_KEYS}
    return out


def main() -> int:
    import json

    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] == "bare":
        marks = bare()
    else:
        rest = [a for a in args[1:] if not a.startswith("--")]
        marks = briefing(rest[0] if rest else None, "--keys" in args, "--story-cache" in args)
    import resource

    marks["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    marks["textual_imported"] = "textual" in sys.modules
    sys.stdout.write("\n" + json.dumps(marks) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: not part of "open"


if __name__ == "__main__":
    sys.exit(main())
