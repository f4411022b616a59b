"""Regenerate screenshots/*.svg: one per pane and a drill-down, from the bundled default story.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--size 120x36] [--story PATH]

Runs the app headless (App.run_test) with a fixed theme, so the images change only when the app
or the analysis does.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

# (file name, keys pressed from the start); each shot starts from a fresh app
SHOTS = [
    ("summary", []),
    ("compare", ["2"]),
    ("quotes", ["3"]),
    ("countries", ["4"]),
    ("timeline", ["5"]),
    ("reader", ["6"]),
    ("drilldown", ["3", "tab", "enter"]),
    ("search", ["slash", *"Taliban"]),
    ("help", ["question_mark"]),
]


async def shoot(story, analysis, name: str, keys: list[str], size: tuple[int, int], out: Path) -> None:
    from briefing.tui.app import BriefingApp

    app = BriefingApp(story, analysis=analysis, theme="textual-dark", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.3)  # let workers (search) and layout settle
        app.save_screenshot(filename=f"{name}.svg", path=str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "screenshots"))
    parser.add_argument("--size", default="120x36", help="COLSxROWS (default 120x36)")
    parser.add_argument("--story", help="a story folder (default: the bundled story)")
    args = parser.parse_args()
    os.environ.pop("NO_COLOR", None)
    from briefing.analysis import analyse
    from briefing.loader import default_story_path, load_story

    story = load_story(args.story or default_story_path())
    analysis = analyse(story)
    cols, rows = (int(x) for x in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS:
        asyncio.run(shoot(story, analysis, name, keys, (cols, rows), out))
        print(out / f"{name}.svg")


if __name__ == "__main__":
    main()
