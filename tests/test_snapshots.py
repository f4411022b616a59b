"""Snapshot tests: how each pane looks at 80x24 and 120x40, with colour, a fixed theme, no blink.

Two sets: the bundled default story (changes whenever the analysis does; regenerate with
`.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update` and review the diff), and the
hand-built fixture story (changes only when the TUI does).
"""

from __future__ import annotations

import pytest
from test_tui_fixture import make_analysis

from briefing.tui.app import BriefingApp

SIZES = [(80, 24), (120, 40)]
SHOTS = [
    ("summary", []),
    ("compare", ["2"]),
    ("quotes", ["3"]),
    ("countries", ["4"]),
    ("timeline", ["5"]),
    ("reader", ["6"]),
    ("drilldown", ["3", "enter", "enter"]),
]
FIXTURE_SHOTS = SHOTS + [("help", ["question_mark"]), ("search", ["slash", *"grain"])]


@pytest.fixture(autouse=True)
def _colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


def app_for(analysis) -> BriefingApp:
    app = BriefingApp(analysis.story, analysis=analysis, theme="textual-dark", cursor_blink=False)
    app.animation_level = "none"
    return app


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("name", "keys"), SHOTS, ids=[s[0] for s in SHOTS])
def test_default_story(snap_compare, seeds_analysis, name, keys, size):
    assert snap_compare(app_for(seeds_analysis), press=keys, terminal_size=size, run_before=None)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("name", "keys"), FIXTURE_SHOTS, ids=[s[0] for s in FIXTURE_SHOTS])
def test_fixture_story(snap_compare, name, keys, size):
    async def run_before(pilot):
        for key in keys:
            await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app_for(make_analysis()), run_before=run_before, terminal_size=size)
