"""Pilot tests for the brief in the app: pin with a note, list, reorder, edit, delete, export."""

from __future__ import annotations

import yaml
from test_tui_fixture import make_analysis, make_story

from briefing.tui.app import BriefingApp
from briefing.tui.reader_view import ReaderView


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def app_in(tmp_path) -> BriefingApp:
    analysis = make_analysis(make_story(tmp_path))
    return BriefingApp(analysis.story, analysis=analysis, theme="textual-dark", cursor_blink=False)


def saved(tmp_path) -> list[dict]:
    return yaml.safe_load((tmp_path / ".briefing" / "brief.yaml").read_text())["pins"]


async def test_pin_a_quote_and_a_country_then_reorder_edit_delete_and_export(tmp_path):
    app = app_in(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3", "enter", "j", "p", *"check wording", "enter")  # Berg's second version
        pins = saved(tmp_path)
        assert [(p["kind"], p["label"], p["text"], p["source"], p["note"]) for p in pins] == [
            ("quote", "Ana Berg", "This harbour will carry our grain for a decade,", "beta", "check wording")
        ]
        text = app.story.article("beta").text
        assert text[pins[0]["start"] : pins[0]["end"]] == pins[0]["text"]

        await press(pilot, "4", "j", "j", "p", "enter")  # Osterland, no note
        assert [p["label"] for p in saved(tmp_path)] == ["Ana Berg", "Osterland"]

        await press(pilot, "7")
        box = app.query_one("#brief-list")
        assert box.option_count == 2 and "Osterland" in str(box.get_option_at_index(1).prompt)
        await press(pilot, "j", "K")  # move Osterland up
        assert [p["label"] for p in saved(tmp_path)] == ["Osterland", "Ana Berg"]
        assert box.highlighted == 0
        await press(pilot, "e", *" (opposed)", "enter")
        assert saved(tmp_path)[0]["note"] == " (opposed)".strip()

        await press(pilot, "enter")  # opens the pinned span
        assert app.active_pane == "reader"
        view = app.query_one(ReaderView)
        assert view.article.id == "alpha" and view.article.text[view.current[0] : view.current[1]] == "Osterland criticised the agreement"
        await press(pilot, "escape", "J")  # back where we were; move Osterland down (the cursor follows it)
        assert [p["label"] for p in saved(tmp_path)] == ["Ana Berg", "Osterland"]
        await press(pilot, "k", "d")  # delete Ana Berg
        assert [p["label"] for p in saved(tmp_path)] == ["Osterland"]

        await press(pilot, "x")
        md = (tmp_path / ".briefing" / "brief.md").read_text()
        assert "Osterland" in md and "opposed" in md


async def test_escape_cancels_a_pin_and_pinning_nothing_says_so(tmp_path):
    app = app_in(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "p", "escape")
        assert not (tmp_path / ".briefing" / "brief.yaml").exists()
        await press(pilot, "tab", "p")  # the sources table: nothing to pin
        assert app.screen is app.screen_stack[0]
        assert not (tmp_path / ".briefing" / "brief.yaml").exists()


async def test_every_pane_pins_its_selection(tmp_path):
    app = app_in(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in (["1"], ["2"], ["2", "tab"], ["3", "enter"], ["4"], ["4", "tab"], ["5"], ["1", "enter"]):
            await press(pilot, *keys, "p", "enter")
        kinds = [p["kind"] for p in saved(tmp_path)]
        assert kinds == ["claim", "claim", "discrepancy", "quote", "country", "bloc", "timeline", "note"]
        for p in saved(tmp_path):
            assert app.story.article(p["source"]).text[p["start"] : p["end"]]


async def test_a_corrupt_brief_is_reported_and_kept(tmp_path):
    (tmp_path / ".briefing").mkdir()
    (tmp_path / ".briefing" / "brief.yaml").write_text("pins: [unclosed\n")
    app = app_in(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "7")
        assert app.query_one("#brief-list").option_count == 1  # the "nothing pinned" line
        assert any(n.title == "Brief" for n in app._notifications)
        assert [p.name for p in (tmp_path / ".briefing").iterdir() if "corrupt" in p.name]
