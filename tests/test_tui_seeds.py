"""The app on the bundled story with the real analysis: every pane fills, and every drill-down lands
on a span whose text is what the analysis says it is (a check on the offsets the analysis records)."""

from __future__ import annotations

import pytest

from briefing.tui.app import BriefingApp
from briefing.tui.reader_view import ReaderView

PATHS = {
    "summary": ["1", "enter"],
    "compare": ["2", "enter"],
    "discrepancy": ["2", "tab", "enter"],
    "quotes": ["3", "enter", "enter"],
    "countries": ["4", "enter"],
    "timeline": ["5", "enter"],
}


@pytest.mark.parametrize("path", PATHS, ids=list(PATHS))
async def test_drill_down_lands_on_the_recorded_text(seeds_analysis, path):
    app = BriefingApp(seeds_analysis.story, analysis=seeds_analysis, theme="textual-dark", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in PATHS[path]:
            await pilot.press(key)
            await pilot.pause()
        if app.active_pane != "reader":
            pytest.skip(f"the analysis has nothing to drill into from {path} yet")
        reader = app.pane("reader")
        view = app.query_one(ReaderView)
        for target in reader.targets:
            text = seeds_analysis.story.article(target.source).text
            assert 0 <= target.start < target.end <= len(text)
            assert " ".join(text[target.start : target.end].split()) == " ".join(target.text.split()), target
        if reader.targets:
            assert view.current is not None
            y = view.line_of(view.current[0])
            assert view.scroll_offset.y <= y < view.scroll_offset.y + view.size.height  # in view
        await pilot.press("escape")
        await pilot.pause()
        assert app.active_pane != "reader"
