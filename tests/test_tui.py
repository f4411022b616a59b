"""Pilot tests for the TUI: every pane by key and mouse, drill-down and back, search, help, palette.

Built on the hand-made Analysis in test_tui_fixture (not the evolving analysis), at 80x24 and 120x40.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_tui_fixture import make_analysis, make_story

from briefing.tui.app import PANES, BriefingApp
from briefing.tui.help import HelpScreen
from briefing.tui.reader_view import ReaderView
from briefing.tui.search import SearchScreen, find

SIZES = [(80, 24), (120, 40)]


def make_app(analysis=None) -> BriefingApp:
    analysis = analysis or make_analysis()
    return BriefingApp(analysis.story, analysis=analysis, theme="textual-dark", cursor_blink=False)


def reader_state(app: BriefingApp) -> tuple[str, str | None]:
    """(source shown, text of the current highlight)."""
    view = app.query_one(ReaderView)
    assert view.article is not None
    current = view.current and view.article.text[view.current[0] : view.current[1]]
    return view.article.id, current


def current_line_visible(app: BriefingApp) -> bool:
    view = app.query_one(ReaderView)
    y = view.line_of(view.current[0])
    return view.scroll_offset.y <= y < view.scroll_offset.y + view.size.height


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


# -- panes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_every_pane_by_key(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for n, (name, _title) in enumerate(PANES, 1):
            await press(pilot, str(n))
            assert app.active_pane == name
            assert app.focused is not None and app.pane(name) in app.focused.ancestors_with_self


@pytest.mark.parametrize("size", SIZES)
async def test_every_pane_by_mouse(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for name, _title in reversed(PANES):
            assert await pilot.click(f"#--content-tab-{name}")
            await pilot.pause()
            assert app.active_pane == name
            assert name in app.filled


async def test_hidden_panes_are_filled_only_when_shown():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.filled == {"summary"}
        await press(pilot, "4")
        assert app.filled == {"summary", "countries"}


async def test_app_paints_first_then_analyses_in_a_worker():
    import threading

    story = make_story()
    release = threading.Event()
    seen = []

    def analyse(story, progress, stage, ready):
        for n in range(1, 4):
            progress(n, 3)
        stage("aligning claims", 3, 4)
        seen.append(threading.current_thread() is not threading.main_thread())
        release.wait(10)
        return make_analysis(story)

    app = BriefingApp(story, analyse=analyse, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert app.query_one("#loading-bar").progress == 3  # painted and reporting progress meanwhile
        assert "across sources: aligning claims (3/4)" in str(app.query_one("#loading-label").render())
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == [True]
        assert app.analysis is not None
        assert not app.query("#loading")
        assert app.active_pane == "summary"
        table = app.query_one("#summary-sources")
        assert table.row_count == 3


async def test_a_failing_analysis_is_reported_not_fatal():
    def analyse(story, progress, stage, ready):
        raise ValueError("[bold]boom[/]")

    app = BriefingApp(make_story(), analyse=analyse)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The analysis failed: ValueError: [bold]boom[/]" in str(app.query_one("#loading-label").render())
        await press(pilot, "1", "slash")
        assert app.is_running


async def test_the_analysis_shows_when_ready_before_the_cache_is_written():
    """`ready` shows the analysis at once; what fails after it (writing the cache) is not reported."""
    import threading

    release = threading.Event()

    def analyse(story, progress, stage, ready):
        ready(make_analysis(story))
        release.wait(10)  # the cache being written, while the panes are already up
        raise OSError("disk full")

    app = BriefingApp(make_story(), analyse=analyse, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.query("#tabs"):
                break
        assert app.analysis is not None and not app.query("#loading")  # shown while analyse still runs
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.active_pane == "summary" and app.is_running
        assert not app.query("#loading-label")


# -- drill-down and back -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_drill_from_summary_and_back(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "j", "enter")  # second summary sentence
        assert app.active_pane == "reader"
        assert reader_state(app) == ("gamma", "Fishermen protested in Skarv on Friday")
        await press(pilot, "escape")
        assert app.active_pane == "summary"
        claims = app.query_one("#summary-claims")
        assert app.focused is claims and claims.highlighted == 1


async def test_drill_from_the_sources_table_opens_that_source():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "tab", "j", "enter")
        assert reader_state(app) == ("beta", None)
        await press(pilot, "backspace")
        table = app.query_one("#summary-sources")
        assert app.focused is table and table.cursor_coordinate.row == 1


@pytest.mark.parametrize("size", SIZES)
async def test_drill_from_a_compare_cell_opens_that_sources_wording(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "2", "l", "l", "enter")  # row 0, column of source 2 (beta)
        assert reader_state(app) == ("beta", "Vesterland and Norland signed a deal on 4 March 2024 that opens Skarv to Vesterland ships.")
        await press(pilot, "n")  # the same claim in the other source
        assert reader_state(app) == ("alpha", "Norland agreed on 3 March 2024 to open the port of Skarv to ships from Vesterland.")
        await press(pilot, "escape")
        table = app.query_one("#compare-table")
        assert app.active_pane == "compare" and app.focused is table
        assert tuple(table.cursor_coordinate) == (0, 2)


async def test_compare_marks_unique_claims_and_lists_discrepancy_versions():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "2")
        table = app.query_one("#compare-table")
        assert [str(table.get_cell_at((r, 0))) for r in range(table.row_count)] == ["2/3", "2/3", "unique"]
        box = app.query_one("#compare-discrepancies")
        prompts = [str(o.prompt) for o in box.options]
        assert "date: when the deal was signed" in prompts
        assert any("“Anna Berg”" in p and "[2]" in p for p in prompts)


async def test_drill_from_a_discrepancy_version():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2", "tab", "j", "enter")  # date: second version, "4 March 2024" (beta)
        assert reader_state(app) == ("beta", "4 March 2024")
        await press(pilot, "escape")
        box = app.query_one("#compare-discrepancies")
        assert app.focused is box and box.highlighted == 2


@pytest.mark.parametrize("size", SIZES)
async def test_drill_from_a_quote(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "3")
        assert app.query_one("#speaker-quotes").border_title == "Quotes · Ana Berg"
        await press(pilot, "enter", "j", "enter")  # into the quotes, second version of the statement
        assert reader_state(app) == ("beta", "This harbour will carry our grain for a decade,")
        assert current_line_visible(app)
        await press(pilot, "escape")
        box = app.query_one("#speaker-quotes")
        assert app.focused is box and box.highlighted == 2


async def test_quote_variants_show_their_wording_differences():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        box = app.query_one("#speaker-quotes")
        assert "2 versions" in str(box.get_option_at_index(0).prompt)
        second = box.get_option_at_index(2).prompt
        underlined = {second.plain[s.start : s.end] for s in second.spans if "underline" in str(s.style)}
        assert underlined == {"harbour", "a"}


async def test_speakers_are_sortable_and_switch_the_quotes():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3")
        table = app.query_one("#speakers")
        assert str(table.get_cell_at((0, 1))) == "Ana Berg"  # by count
        await press(pilot, "s", "s")  # name, then role
        assert str(table.get_cell_at((0, 1))) == "Lars Holm"  # "head of ..." sorts before "trade ..."
        await press(pilot, "j")
        assert app.query_one("#speaker-quotes").border_title == "Quotes · Ana Berg"
        await pilot.click("#speakers", offset=(3, 1))  # the header: sort by count
        await pilot.pause()
        assert "sorted by count" in str(table.border_title)


@pytest.mark.parametrize("size", SIZES)
async def test_drill_from_country_evidence_and_walk_its_highlights(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "4")
        table = app.query_one("#country-table")
        assert [str(table.get_cell_at((r, 0))) for r in range(3)] == ["Norland (NL)", "Vesterland (VL)", "Osterland (OL)"]
        await press(pilot, "j", "j", "enter")  # Osterland: two spans in two sources
        assert reader_state(app) == ("alpha", "Osterland criticised the agreement")
        await press(pilot, "n")
        assert reader_state(app) == ("beta", "Osterland's foreign ministry said it opposed the deal")
        await press(pilot, "N")
        assert reader_state(app) == ("alpha", "Osterland criticised the agreement")
        await press(pilot, "escape")
        assert app.focused is table and table.cursor_coordinate.row == 2


async def test_stance_is_shown_by_symbol_and_word_not_colour_alone():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "4")
        table = app.query_one("#country-table")
        assert [str(table.get_cell_at((r, 1))) for r in range(3)] == ["◆ subject", "++ supportive", "-- opposed"]
        assert str(table.get_cell_at((2, 3))) == "2 ≠ 1:-"  # source 1 reads Osterland as critical
        await press(pilot, "s")
        assert [str(table.get_cell_at((r, 0))) for r in range(3)] == ["Norland (NL)", "Osterland (OL)", "Vesterland (VL)"]
        blocs = app.query_one("#bloc-table")
        assert str(blocs.get_cell_at((0, 0))) == "European Union"


async def test_drill_from_bloc_evidence():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "tab", "enter")
        assert reader_state(app) == ("alpha", "The European Union welcomed the step.")


@pytest.mark.parametrize("size", SIZES)
async def test_drill_from_a_timeline_event(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "5", "G", "enter")
        assert reader_state(app) == ("alpha", "3 March 2024")
        await press(pilot, "n")
        assert reader_state(app) == ("beta", "4 March 2024")
        await press(pilot, "escape")
        assert app.active_pane == "timeline" and app.query_one("#timeline-list").highlighted == 1


async def test_back_stack_three_levels_deep():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "j", "enter")  # summary, 2nd sentence
        await press(pilot, "3", "j")  # quotes: Lars Holm
        await press(pilot, "enter", "enter")  # into his quotes, the first
        assert reader_state(app) == ("gamma", "We were never asked,")
        await press(pilot, "5", "j", "enter")  # timeline, 2nd event
        assert len(app.back_stack) == 3
        await press(pilot, "escape")
        assert app.active_pane == "timeline" and app.query_one("#timeline-list").highlighted == 1
        await press(pilot, "escape")
        assert app.active_pane == "quotes"
        assert app.query_one("#speakers").cursor_coordinate.row == 1
        assert app.focused is app.query_one("#speaker-quotes")
        await press(pilot, "escape")
        assert app.active_pane == "summary" and app.query_one("#summary-claims").highlighted == 1
        await press(pilot, "escape")  # nothing left: stays put
        assert app.active_pane == "summary" and not app.back_stack


async def test_back_restores_the_reader_itself():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "4", "j", "j", "enter", "n")  # reader on beta, highlight 2 of 2
        await press(pilot, "1", "enter")  # then drill from the summary
        await press(pilot, "escape")  # back to the summary
        app.action_show_pane("reader")  # switching panes is not a step back
        await pilot.pause()
        assert reader_state(app) == ("alpha", "Norland agreed on 3 March 2024 to open the port of Skarv to ships from Vesterland.")


# -- reader ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_reader_switches_sources_and_scrolls(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "6")
        assert reader_state(app) == ("alpha", None)
        await press(pilot, "]", "]")
        assert reader_state(app)[0] == "gamma"
        view = app.query_one(ReaderView)
        await press(pilot, "G")
        assert view.scroll_offset.y > 0
        await press(pilot, "g")
        assert view.scroll_offset.y == 0
        await press(pilot, "ctrl+d")
        assert view.scroll_offset.y > 0
        await press(pilot, "[")
        assert reader_state(app)[0] == "beta"


async def test_reader_source_list_by_key_and_mouse():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "6")
        sources = app.query_one("#reader-sources")
        assert not sources.display  # narrow: hidden until asked for
        await press(pilot, "s")
        assert sources.display and app.focused is sources
        await press(pilot, "j", "j", "enter")
        assert reader_state(app)[0] == "gamma" and isinstance(app.focused, ReaderView)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "6")
        sources = app.query_one("#reader-sources")
        assert sources.display  # wide: shown
        await pilot.click("#reader-sources", offset=(3, 2))  # the 2nd headline
        await pilot.pause()
        assert reader_state(app)[0] == "beta"


async def test_the_drilled_span_is_scrolled_into_view_in_a_long_article():
    a = make_analysis()
    from briefing.model import Claim

    a.summary.append(Claim("The last line mentions Skarv.", ["gamma"], [__import__("test_tui_fixture").ev(a.story, "gamma", "The last line mentions Skarv once more.")]))
    app = make_app(a)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "G", "enter")
        assert reader_state(app) == ("gamma", "The last line mentions Skarv once more.")
        assert app.query_one(ReaderView).scroll_offset.y > 0
        assert current_line_visible(app)


# -- search, help, palette --------------------------------------------------------------------------


def test_find_is_case_insensitive_and_in_source_order():
    story = make_story()
    hits = find(story, "SKARV")
    assert [h.source for h in hits][:2] == ["alpha", "alpha"]
    assert all(story.article(h.source).text[h.start : h.end].lower() == "skarv" for h in hits)
    assert find(story, "s") == []  # one letter would match everything
    assert len(find(story, "e", limit=5)) == 0 and len(find(story, "the", limit=5)) == 5


@pytest.mark.parametrize("size", SIZES)
async def test_search_to_reader(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        await press(pilot, *"grain")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#search-results")
        assert results.option_count == 2
        await press(pilot, "enter", "j", "enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.active_pane == "reader"
        assert reader_state(app) == ("beta", "grain")
        await press(pilot, "N")  # the other match
        assert reader_state(app) == ("alpha", "grain")
        await press(pilot, "escape")
        assert app.active_pane == "summary"


async def test_search_escape_goes_nowhere():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "slash", *"skarv", "escape")
        assert app.active_pane == "summary" and not app.back_stack


async def test_help_lists_every_binding():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {(section, key) for section, key, _ in app.screen.rows}
        for expected in [("Everywhere", "/"), ("Everywhere", "escape, backspace"), ("Everywhere", "q"), ("Reader", "n"),
                         ("Reader", "N"), ("Reader", "["), ("Compare", "c"), ("Quotes", "s"), ("Lists", "j"), ("Tables", "G"),
                         ("Everywhere", "1"), ("Everywhere", "6"), ("Everywhere", "ctrl+p")]:
            assert expected in keys
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def palette(pilot, query: str) -> None:
    await press(pilot, "ctrl+p")
    await press(pilot, *query)
    await pilot.pause(0.3)
    await press(pilot, "enter")


@pytest.mark.parametrize("size", SIZES)
async def test_palette_opens_a_source(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await palette(pilot, "Open source 2")
        assert app.active_pane == "reader" and reader_state(app) == ("beta", None)
        await press(pilot, "escape")
        assert app.active_pane == "summary"


async def test_palette_jumps_to_a_speaker_a_country_and_a_pane():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "Speaker: Lars")
        assert app.active_pane == "quotes"
        assert app.query_one("#speaker-quotes").border_title == "Quotes · Lars Holm"
        await palette(pilot, "Country: Osterland")
        assert app.active_pane == "countries" and app.query_one("#country-table").cursor_coordinate.row == 2
        await palette(pilot, "Pane: Timeline")
        assert app.active_pane == "timeline"
        await press(pilot, "escape", "escape")
        assert app.active_pane == "summary"


async def test_palette_changes_theme():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "Theme")
        await press(pilot, *"nord")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert app.theme == "nord"


async def test_compare_chooses_its_sources():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "2")
        table = app.query_one("#compare-table")
        assert len(table.columns) == 4  # shared + 3 sources
        await press(pilot, "c", "j", "j", "space", "enter")  # drop source 3
        assert app.pane("compare").columns == ["alpha", "beta"]
        assert len(table.columns) == 3
        await press(pilot, "c", "space", "enter")  # dropping another leaves one: refused
        assert app.pane("compare").columns == ["alpha", "beta"]
        await press(pilot, "escape")
        await pilot.click("#compare-choose")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SourcePicker"


async def test_quit():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "q")
        assert not app.is_running


# -- terminals and untrusted text ---------------------------------------------------------------------


async def test_no_color_keeps_the_highlight_by_reverse_video(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await press(pilot, "enter")
        view = app.query_one(ReaderView)
        y = view.line_of(view.current[0]) - view.scroll_offset.y
        strip = view.render_line(y)
        assert any(seg.style and seg.style.reverse and "Norland agreed" in seg.text for seg in strip)
        await press(pilot, "4")  # stance keeps symbol and word; no colour that greyscale would hide
        label = app.query_one("#country-table").get_cell_at((2, 1))
        assert label.plain == "-- opposed" and "red" not in str(label.style)


HOSTILE = "[bold red]x[/] and [@click=app.quit]y[/] \x1b[31mred\x1b[0m"


async def test_untrusted_text_renders_literally(write_story):
    from briefing.loader import load_story
    from briefing.model import Analysis, CountryRow, Evidence, Quote, Speaker

    folder = write_story({"[b]x[-b].txt": f"{HOSTILE}\nThe minister said \"[@click=app.quit]y[/]\" today.\n"})
    story = load_story(folder)
    art = story.articles[0]
    start = art.text.index("[@click=app.quit]y[/]\"") 
    a = Analysis(story=story, title=HOSTILE, subject=["[red]"], question="[@click=app.bell]q[/]")
    a.headlines = {art.id: HOSTILE}
    a.quotes = [Quote("q1", art.id, "[bold red]x[/]", "[@click=app.quit]y[/]", False, start, start + 21, "[i]cue[/i]")]
    a.speakers = [Speaker("[bold red]x[/]", role="[@click=app.quit]y[/]", quotes=["q1"])]
    a.countries = [CountryRow("[bold red]x[/]", "XX", "critical", ["[@click=app.quit]y[/]"], 1, [art.id], [Evidence(art.id, 0, 14, "[bold red]x[/]")])]
    app = make_app(a)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.export_screenshot()
        assert "[bold&#160;red]x[/]" in screen or "[bold red]x[/]" in screen
        assert "[@click=app.quit]y[/]" in screen
        assert "\x1b" not in screen
        for key in ("3", "4", "6"):
            await press(pilot, key)
            screen = app.export_screenshot()
            assert "[@click=app.quit]y[/]" in screen, key
        await press(pilot, "ctrl+p", *"Speaker")
        await pilot.pause(0.3)
        assert "[bold&#160;red]x[/]" in app.export_screenshot()
        await press(pilot, "escape")
        await press(pilot, "3")
        await pilot.click("#speaker-quotes", offset=(6, 1))  # on the quote's "y": no action may run
        await pilot.pause()
        assert app.is_running


def test_nothing_outside_the_tui_imports_textual():
    code = (
        "import sys, briefing.cli, briefing.render, briefing.analysis, briefing.export.json_export;"
        "from briefing.cli import main; main(['--help']);"
        "assert not [m for m in sys.modules if m.startswith('textual')], 'textual imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


async def test_opening_a_path_loads_it_after_the_first_paint(write_story):
    folder = write_story({"a.txt": "Norland opened a port.\nIt was in March.\n", "b.txt": "Vesterland ships came.\n"})
    app = BriefingApp(folder, analyse=lambda story, progress, stage, ready: make_analysis(make_story(folder)), theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.id for a in app.story.articles] == ["a", "b"]  # what was loaded from the folder
        assert app.query_one("#summary-sources").row_count == 3  # what the (stub) analysis returned


async def test_opening_a_path_that_is_not_a_story_says_why(tmp_path):
    app = BriefingApp(tmp_path / "missing")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The story cannot be opened" in str(app.query_one("#loading-label").render())
        assert "no such file" in str(app.query_one("#loading-label").render())
        await press(pilot, "1", "slash", "question_mark", "escape", "p")  # nothing breaks before the analysis
        assert app.is_running


async def test_the_key_bar_shows_the_panes_keys_and_they_are_clickable():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "6")
        bar = app.query_one("#keys")
        line = bar.keys(app.screen).plain
        assert "nN hit" in line and "[] switch" in line and "? Keys" in line
        await press(pilot, "1")
        assert "nN hit" not in bar.keys(app.screen).plain
        await pilot.click("#keys", offset=(bar.keys(app.screen).plain.index("?"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_analysis_of_one_source_breaks_nothing(size):
    from briefing.model import Analysis

    story = make_story()
    story.articles = story.articles[:1]
    app = make_app(Analysis(story=story))
    async with app.run_test(size=size) as pilot:
        for n in "1234567":
            await press(pilot, n, "enter", "j", "k", "tab", "enter", "p")
            if app.screen is not app.screen_stack[0]:
                await press(pilot, "escape")
        await press(pilot, "2", "c", "space", "enter", "escape", "6", "]", "[", "n", "N", "s", "g", "G")
        assert app.is_running
        assert "No quotes found" in str(app.query_one("#speaker-quotes").get_option_at_index(0).prompt)
