"""One timed TUI run for benchmarks/run.py; prints one JSON object on its last line of stdout.

    python benchmarks/tui_probe.py bare                 a bare Textual app: time to first paint
    python benchmarks/tui_probe.py briefing [PATH]      the briefing app: first paint, analysis shown
        [--keys]                                        then keypress-to-repaint in each pane
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
    else:
        from briefing.cli import _load

        story = _load(path)
    marks: dict = {"articles": len(story.articles), "loaded": since()}
    from briefing.tui.app import BriefingApp

    app = BriefingApp(story)

    async def drive() -> None:
        async with app.run_test(size=SIZE, message_hook=_hook(marks)) as pilot:
            # the analysis runs in a thread; poll (cheaply) until the panes are mounted and painted
            deadline = time.time() + float(os.environ.get("BENCH_TIMEOUT", "1800"))
            while not (app.analysis is not None and app.query("#tabs")):
                await asyncio.sleep(0.005)
                label = app.query("#loading-label")
                if label and "failed" in str(label.first().render()):
                    raise RuntimeError(str(label.first().render()))
                if time.time() > deadline:
                    raise TimeoutError("the analysis was not shown in time")
            await app.wait_for_refresh()
            marks["analysis_shown"] = since()
            if keys:
                marks["keys"] = await press_each_pane(app, pilot)
            app.exit()

    asyncio.run(drive())
    return marks


# The keys tried in each pane, after switching to it: moving in its list or text.
NAV_KEYS = ["down", "down", "down", "pagedown", "pagedown", "end", "home", "up"]


async def press_each_pane(app, pilot) -> dict:
    from textual import events

    from briefing.tui.app import PANES

    async def timed(key: str) -> float:
        # Not `pilot.press`: it sleeps at least 2 x 20 ms per key waiting for the CPU to go idle,
        # which would be measured as latency. Post the key as the driver would, wait until every
        # widget has handled what it queued, then for the next refresh of the screen.
        t = time.perf_counter()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
        await pilot._wait_for_screen()
        await app.wait_for_refresh()
        return time.perf_counter() - t

    out = {}
    for n, (name, _title) in enumerate(PANES, 1):
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
