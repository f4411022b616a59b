"""Pilot tests for what keeps the TUI fast with many sources: tables filled without measuring every
cell, rows and options built only when they come into view, and pane switches that stay put."""

from __future__ import annotations

import random
import re
from pathlib import Path

from rich.text import Text
from textual.app import App

from briefing.model import Analysis, Article, CountryRow, Story, TimelineEvent
from briefing.tui.app import BriefingApp
from briefing.tui.countries import SHOWN_SOURCES, agreement
from briefing.tui.panes import MAX_OPTIONS
from briefing.tui.widgets import _UNBUILT, Options, Table, cell_width, safe_width

N_ARTICLES = 1200
N_EVENTS = MAX_OPTIONS + 100


def big_analysis() -> Analysis:
    articles = [
        Article(id=f"a{i:04d}", file=f"a{i:04d}.txt", text=f"Report {i} on the port. It opened.", title=f"Report {i}",
                outlet=["Daily Wire Service", "Le Monde", "Ørsted Tidende"][i % 3], published=f"2024-03-{1 + i % 28:02d}")
        for i in range(N_ARTICLES)
    ]
    story = Story(path=Path("/tmp/tui-scale"), articles=articles, title="A big story")
    a = Analysis(story=story, title="A big story")
    a.headlines = {art.id: art.title for art in articles}
    a.timeline = [TimelineEvent(f"2024-01-{1 + i % 28:02d}", f"Event {i}.", [articles[i].id], []) for i in range(N_EVENTS)]
    return a


def make_app(analysis: Analysis) -> BriefingApp:
    return BriefingApp(analysis.story, analysis=analysis, theme="textual-dark", cursor_blink=False)


def built(table: Table) -> int:
    return sum(1 for row in table._data.values() if row is not _UNBUILT)


# -- tables --------------------------------------------------------------------------------------


class TwoTables(App[None]):
    def compose(self):
        yield Table(id="slow")
        yield Table(id="fast")


ROWS = [
    (Text("1", style="dim"), Text("a short one"), Text("x"), "plain"),
    (Text("22"), Text("a much longer headline here"), Text("Ørsted ✓"), "two\nlines longer"),
    (Text("333", justify="right"), Text(""), Text("wide 漢字"), ""),
]


async def test_add_rows_fast_matches_add_rows():
    app = TwoTables()
    async with app.run_test(size=(100, 20)) as pilot:
        slow, fast = app.query_one("#slow", Table), app.query_one("#fast", Table)
        for table in (slow, fast):
            for key in ("n", "headline", "outlet", "note"):
                table.add_column(key.capitalize(), key=key)
        for i, row in enumerate(ROWS):
            slow.add_row(*row, height=1 + (i == 1), key=f"k{i}")
        fast.add_rows_fast(ROWS, heights=[1, 2, 1], keys=["k0", "k1", "k2"])
        await pilot.pause()
        assert [c.content_width for c in fast.ordered_columns] == [c.content_width for c in slow.ordered_columns]
        assert [r.height for r in fast.ordered_rows] == [r.height for r in slow.ordered_rows]
        assert fast.virtual_size == slow.virtual_size
        assert fast.get_row("k1") == slow.get_row("k1")
        assert fast.get_row_index("k2") == 2
        assert fast.cursor_coordinate == slow.cursor_coordinate


def test_cell_widths_are_what_a_table_measures():
    for plain in ["", "abc", "Ørsted ✓", "wide 漢字", "two\nlines longer", "tab\there"]:
        assert cell_width(plain) == Text(plain).__rich_measure__(None, None).maximum  # type: ignore[arg-type]
    assert safe_width("Le Monde") == 8
    assert safe_width("wide 漢字") == 9
    assert safe_width("a\x1b[31mb") == cell_width("a\ufffd[31mb")  # control characters are shown defused


async def test_sources_list_is_built_as_it_is_seen():
    analysis = big_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one("#summary-sources", Table)
        assert table.row_count == N_ARTICLES
        assert built(table) < 60  # a screenful, not 1,200
        widths = {c.key.value: c.content_width for c in table.ordered_columns}
        assert widths["n"] == len(str(N_ARTICLES))
        assert widths["outlet"] == len("Daily Wire Service")
        table.focus()
        await pilot.press("G")  # ctrl+end too: the last row
        await pilot.pause()
        assert table.cursor_coordinate.row == N_ARTICLES - 1
        assert table.get_row_at(N_ARTICLES - 1)[0].plain == str(N_ARTICLES)
        assert table.get_row_at(N_ARTICLES - 1)[1].plain == f"Report {N_ARTICLES - 1}"
        assert built(table) < 150
        await pilot.press("enter")  # the row opens its source in the Reader
        await pilot.pause()
        assert app.active_pane == "reader"
        assert app.pane("reader").source == analysis.story.articles[-1].id
        assert app.query_one("#reader-sources", Table).cursor_coordinate.row == N_ARTICLES - 1


# -- option lists --------------------------------------------------------------------------------


async def show_timeline(pilot) -> Options:
    await pilot.pause()
    await pilot.press("5")
    await pilot.pause()
    return pilot.app.query_one("#timeline-list", Options)


async def test_timeline_options_are_built_as_they_come_into_view():
    app = make_app(big_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        box = await show_timeline(pilot)
        assert box.option_count == app.screen.size.height + 1  # a screenful of one-line events
        for step in range(1, 4):  # down moves one at a time, page down a page, never stopping short
            await pilot.press("down")
            assert box.highlighted == step
        seen = [box.highlighted]
        while box.highlighted < 200:
            await pilot.press("pagedown")
            seen.append(box.highlighted)
        steps = {b - a for a, b in zip(seen, seen[1:])}
        assert len(steps) == 1 and steps.pop() > 10  # equal pages, however far the options are built
        assert box.option_count < MAX_OPTIONS
        await pilot.press("end")
        await pilot.pause()
        assert box.option_count == MAX_OPTIONS + 1  # every event shown, then the line saying what is left out
        assert box.highlighted == MAX_OPTIONS - 1
        assert "100 more events" in str(box.get_option_at_index(MAX_OPTIONS).prompt)
        assert box.get_option_at_index(MAX_OPTIONS - 1).id == str(MAX_OPTIONS - 1)


async def test_scrolling_builds_options_before_the_view_reaches_their_end():
    app = make_app(big_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        box = await show_timeline(pilot)
        before = box.option_count
        for _ in range(10):
            box.scroll_to(y=box.max_scroll_y, animate=False, immediate=True)
            await pilot.pause()
        assert box.option_count > before
        assert [box.get_option_at_index(i).id for i in range(box.option_count)] == [str(i) for i in range(box.option_count)]


# -- panes ---------------------------------------------------------------------------------------


async def test_a_late_focus_report_does_not_switch_back():
    """A focus given to a widget in one pane, then a switch to another before that focus arrived
    (a key pressed as the panes appear): the app stays on the pane the key asked for."""
    app = make_app(big_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        app.query_one("#summary-claims").focus()
        app.action_show_pane("reader")
        await pilot.pause()
        assert app.active_pane == "reader"
        assert app.focused is not None and app.pane("reader") in app.focused.ancestors_with_self


async def test_hidden_panes_are_not_refilled_for_size_zero():
    app = make_app(big_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one("#summary-sources", Table)
        width = table.columns["headline"].width
        fills = []
        pane = app.pane("summary")
        original = pane._fill_sources
        pane._fill_sources = lambda: (fills.append(1), original())[1]
        for key in "2", "1", "5", "1":
            await pilot.press(key)
            await pilot.pause()
        assert fills == []
        assert table.columns["headline"].width == width == 120 - 48


def test_agreement_lists_the_first_sources_then_how_many_more():
    numbers = {f"s{i}": i for i in range(1, 41)}
    everyone = list(numbers)
    row = CountryRow("Norland", "NL", "supportive", [], 1, everyone[:30], [],
                     {**{s: "supportive" for s in everyone[:25]}, **{s: "critical" for s in everyone[25:30]}})
    out = agreement(row, numbers, use_colour=False).plain
    agree, differ = out.split(" ≠ ")
    assert agree.split()[:SHOWN_SOURCES] == [str(i) for i in range(1, SHOWN_SOURCES + 1)]
    assert agree.endswith(f" +{25 - SHOWN_SOURCES}")
    assert differ.count(":") == 5 and not differ.endswith("+")


def test_words_width_counts_only_where_it_could_matter():
    from briefing.tui.summary import words_width

    short = Article(id="s", file="s.txt", text="three short words")
    long = Article(id="l", file="l.txt", text="w " * 150_000)
    assert words_width([short], 5) == 0  # the label is wider whatever the count
    assert words_width([short], 0) == 1
    assert words_width([short, long], 5) == len("150000")


def old_agreement(row, numbers):
    """The listing before it was capped (stance symbols left out)."""
    agree = [s for s in row.sources if row.by_source.get(s, row.stance) == row.stance]
    out = "all" if agree and len(agree) == len(numbers) else " ".join(str(numbers.get(s, "?")) for s in agree)
    differ = [(s, st) for s, st in row.by_source.items() if st != row.stance]
    if differ:
        out += (" ≠ " if agree else "≠ ") + " ".join(f"{numbers.get(s, '?')}:" for s, _st in differ)
    return out


def test_agreement_is_unchanged_for_a_few_sources():
    rng = random.Random(7)
    stances = ["opposed", "critical", "supportive", "neutral"]
    numbers = {f"s{i}": i for i in range(1, 9)}
    for _ in range(300):
        sources = rng.sample(list(numbers), rng.randint(0, 8))
        by_source = {s: rng.choice(stances) for s in rng.sample(list(numbers), rng.randint(0, 8))}
        row = CountryRow("Norland", "NL", rng.choice(stances), [], 1, sources, [], by_source)
        new = agreement(row, numbers, use_colour=False).plain
        assert re.sub(r":\S*", ":", new) == old_agreement(row, numbers)  # symbols aside


def test_in_order_is_the_fuzzy_matchers_condition():
    from textual.fuzzy import Matcher

    from briefing.tui.commands import in_order

    titles = ["Open source 12: Port deal signed", "Speaker: Ana Berg", "Country: Osterland", "Pane: Timeline", ""]
    for query in ["o", "os", "open 12", "sp ana", "ZZ", "pane t", "terland", "deal port", "  "]:
        for title in titles:
            assert in_order(query.lower(), title.lower()) == (Matcher(query).match(title) > 0), (query, title)


async def test_palette_shows_the_best_hits_of_many_sources():
    from textual.command import CommandPalette

    from briefing.tui.commands import MAX_HITS

    app = make_app(big_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Open source 1187")
        for _ in range(40):
            await pilot.pause(0.1)
            palette = app.screen
            if isinstance(palette, CommandPalette) and palette.query("CommandList") and palette.query_one("CommandList").option_count:
                break
        box = app.screen.query_one("CommandList")
        assert 0 < box.option_count <= MAX_HITS
        assert "Open source 1187: Report 1186" in str(box.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.active_pane == "reader"
        assert app.pane("reader").source == "a1186"


def test_timeline_rows_draw_what_the_table_grid_drew():
    from rich.console import Console
    from rich.table import Table as RichTable

    from briefing.tui.timeline import Hanging

    def grid(head, body):
        table = RichTable.grid(padding=(0, 2))
        table.add_column(width=10, no_wrap=True)
        table.add_column(ratio=1)
        table.add_row(head, body)
        return table

    console = Console(width=200, color_system="truecolor", force_terminal=True)
    long = "The port deal was signed and many other words follow, enough to wrap the event over lines"
    for date in ["2024-03-03", "2023-01", "2024-03-03T10:00", ""]:
        for text in [long, "Talks began.", "", "Ørsted 漢字 " * 9, "x" * 130]:
            for width in (20, 40, 78, 116):
                head, body = Text(date, style="bold"), Text.assemble(text, ("  [1,2,+3]", "dim"))
                options = console.options.update_width(width)
                assert console.render_lines(Hanging(head, body), options, pad=False) == console.render_lines(grid(head, body), options, pad=False)
                assert Measurement_of(console, Hanging(head, body)) == Measurement_of(console, grid(head, body))


def Measurement_of(console, renderable):
    from rich.measure import Measurement

    return Measurement.get(console, console.options, renderable)


async def test_source_picker_builds_as_it_scrolls_and_keeps_unseen_choices():
    from briefing.tui.widgets import Picks

    app = make_app(big_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        pane = app.pane("compare")
        pane.columns = ["a0000", "a1100"]  # one chosen far below what the picker first builds
        await pilot.press("c")
        await pilot.pause()
        picks = app.screen.query_one(Picks)
        assert picks.option_count < 100
        assert picks.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert pane.columns == ["a0000", "a1100"]
        await pilot.press("c")
        await pilot.pause()
        picks = app.screen.query_one(Picks)
        await pilot.press("G", "space", "enter")  # the last source joins
        await pilot.pause()
        assert pane.columns == ["a0000", "a1100", f"a{N_ARTICLES - 1:04d}"]
