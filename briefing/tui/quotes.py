"""The Quotes pane: speakers (role, count; sortable) beside the selected speaker's quotes.

Variants of one statement (the analysis groups them) are listed together, each after the first
with the words it does not share underlined, so wording differences between outlets show.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets.option_list import Option

from briefing.model import Analysis, Evidence, Quote
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, add_capped, article, source_numbers
from briefing.tui.text import clean, safe, shorten
from briefing.tui.widgets import Options, Table
from briefing.tui.wording import marked

UNATTRIBUTED = "(unattributed)"
SORTS = ("count", "name", "role")


class Speakers(Table):
    """The speakers: a move of the cursor shows the new speaker's quotes at once, in the same
    screen update as the cursor (through `follow`), not one frame later when RowHighlighted has
    gone round the message queues: that painted the screen twice per key."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.follow = None  # called with the new cursor row

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        if old.row != new.row and self.follow is not None:
            self.follow(new.row)


class QuotesPane(Pane):
    BINDINGS = [Binding("s", "cycle_sort", "Sort")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None
        self.sort = "count"
        self.speaker: str | None = None
        self.shown: list[Quote] = []
        self._by_speaker: tuple | None = None
        self._names: list[str] = []  # the speakers by row

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Speakers(id="speakers")
            yield Options(id="speaker-quotes")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._fill_speakers()

    def _follow(self, row: int) -> None:
        if 0 <= row < len(self._names) and self._names[row] != self.speaker:
            self._show_speaker(self._names[row])

    # -- speakers ----------------------------------------------------------------------------

    def _speaker_rows(self) -> list[tuple[str, str, int]]:
        assert self.analysis is not None
        rows = [(sp.name, sp.role or "", len(sp.quotes)) for sp in self.analysis.speakers]
        loose = sum(1 for q in self.analysis.quotes if q.speaker is None)
        if loose:
            rows.append((UNATTRIBUTED, "", loose))
        if self.sort == "count":
            rows.sort(key=lambda r: (-r[2], r[0].lower()))
        elif self.sort == "name":
            rows.sort(key=lambda r: r[0].lower())
        else:
            rows.sort(key=lambda r: (r[1] == "", r[1].lower(), r[0].lower()))
        return rows

    def _fill_speakers(self) -> None:
        table = self.query_one("#speakers", Speakers)
        table.border_title = f"Speakers · sorted by {self.sort}"
        table.follow = self._follow
        self._names = []  # nothing to follow while the rows are replaced
        table.clear(columns=True)
        table.add_column("#", key="count")
        table.add_column("Speaker", key="name")
        table.add_column("Role", key="role")
        rows = self._speaker_rows()
        table.add_rows_fast(
            [(Text(str(count), justify="right"), safe(name, "italic" if name == UNATTRIBUTED else ""), safe(role, "dim")) for name, role, count in rows],
            keys=[r[0] for r in rows],
        )
        if rows:
            names = [r[0] for r in rows]
            row = names.index(self.speaker) if self.speaker in names else 0
            table.move_cursor(row=row, animate=False)
            self._names = names
            self._show_speaker(names[row])
        else:
            self._show_speaker(None)

    def on_data_table_header_selected(self, event: Table.HeaderSelected) -> None:
        event.stop()
        self.sort = {"name": "name", "role": "role"}.get(str(event.column_key.value), "count")
        self._fill_speakers()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._fill_speakers()

    def on_data_table_row_highlighted(self, event: Table.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value != self.speaker:
            self._show_speaker(event.row_key.value)

    def on_data_table_row_selected(self, event: Table.RowSelected) -> None:
        event.stop()
        self.query_one("#speaker-quotes", Options).focus()

    # -- quotes of one speaker ---------------------------------------------------------------------

    def _show_speaker(self, name: str | None) -> None:
        assert self.analysis is not None
        analysis = self.analysis
        self.speaker = name
        box = self.query_one("#speaker-quotes", Options)
        box.clear_options(refill=True)  # always refilled below
        self.shown = []
        if name is None:
            box.border_title = "Quotes"
            box.add_option(Option("No quotes found in this story.", disabled=True))
            return
        box.border_title = Content("Quotes · " + clean(name))  # Content: literal, never markup
        quotes, variants = self._index()
        mine = quotes.get(name, [])
        by_id = {q.id: q for q in mine}
        groups = [[by_id[i] for i in v.quotes if i in by_id] for v in variants.get(name, [])]
        groups = [g for g in groups if len(g) > 1]
        grouped = {q.id for g in groups for q in g}
        # cheap entries first, Options (the costly part) only for those that will be shown
        entries: list[tuple] = []
        for group in groups:
            entries.append((None, len(group)))
            entries.extend((q, group[0].text if i else None, True) for i, q in enumerate(group))
        entries.extend((q, None, False) for q in mine if q.id not in grouped)
        # built as they come into view; a quote takes two lines at least (text, then source)
        add_capped(box, entries, self._entry, "quotes", min_height=2)

    def _entry(self, entry: tuple) -> Option:
        if entry[0] is None:
            head = Text(f"≈ one statement, {entry[1]} versions (differences underlined)", style="bold")
            return Option(head, disabled=True)
        return self._option(*entry)

    def _index(self) -> tuple[dict[str, list[Quote]], dict[str, list]]:
        """Quotes and variant groups by speaker, in the analysis' order: made once, not scanned
        for on every move through the speakers (tens of thousands of quotes at 10,000 sources)."""
        assert self.analysis is not None
        if self._by_speaker is None or self._by_speaker[0] is not self.analysis:
            quotes: dict[str, list[Quote]] = {}
            for q in self.analysis.quotes:
                quotes.setdefault(q.speaker or UNATTRIBUTED, []).append(q)
            variants: dict[str, list] = {}
            for v in self.analysis.quote_variants:
                variants.setdefault(v.speaker, []).append(v)
            self._by_speaker = (self.analysis, quotes, variants)
        return self._by_speaker[1], self._by_speaker[2]

    def _option(self, q: Quote, reference: str | None, indent: bool = False) -> Option:
        assert self.analysis is not None
        numbers = source_numbers(self.analysis)
        pad = "  " if indent else ""
        tail = "…”" if q.partial and not q.text.rstrip().endswith(("…", "...")) else "”"
        body = Text.assemble(pad, "“", marked(q.text, reference), tail)
        art = article(self.analysis, q.source)
        name = art.outlet or self.analysis.headlines.get(q.source) or art.title or q.source
        where = Text.assemble("\n", pad, (f"  — {numbers.get(q.source, '?')} ", "dim"), safe(shorten(name, 32), "dim"))
        if q.cue:
            where.append_text(safe(f" · {shorten(q.cue, 40)}", "dim italic"))
        self.shown.append(q)
        return Option(body + where, id=str(len(self.shown) - 1))

    def on_option_list_option_selected(self, event: Options.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        q = self.shown[int(event.option.id)]
        self.post_message(DrillDown([Evidence(q.source, q.start, q.end, q.text)]))

    def selected_pin(self):
        """The highlighted quote (of the selected speaker), for `p`."""
        from briefing.tui.pins import pin

        box = self.query_one("#speaker-quotes", Options)
        if box.highlighted is None or box.get_option_at_index(box.highlighted).id is None:
            return None
        q = self.shown[int(box.get_option_at_index(box.highlighted).id)]
        return pin("quote", q.speaker or UNATTRIBUTED, q.text, Evidence(q.source, q.start, q.end, q.text))

    def select_speaker(self, name: str) -> None:
        """Jump here from the palette."""
        table = self.query_one("#speakers", Table)
        try:
            row = table.get_row_index(name)
        except Exception:
            return
        table.move_cursor(row=row, animate=False)  # which shows the speaker (see Speakers)
        if self.speaker != name:
            self._show_speaker(name)
        table.focus()

    def focus_default(self) -> None:
        self.query_one("#speakers", Table).focus()
