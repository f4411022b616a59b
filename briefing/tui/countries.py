"""The Countries pane: who stands where, by colour and by symbol and word, with the sources behind it.

"Sources" lists those whose reading of a country matches the row's stance, then after "≠" those
that read it otherwise (with their reading), the first SHOWN_SOURCES of each then "+N". Blocs get the same table below.
"""

from __future__ import annotations

from itertools import islice

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from briefing.model import Analysis, BlocRow, CountryRow
from briefing.tui import stance
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, source_numbers
from briefing.tui.summary import subject_line
from briefing.tui.text import safe, shorten
from briefing.tui.widgets import Table, lines

SORTS = ("stance", "name", "mentions")
NAME_CHARS = 22
TABLE_IDS = {"countries": "#country-table", "blocs": "#bloc-table"}
SHOWN_SOURCES = 12  # source numbers a cell lists on each side of "≠": thousands would be a very wide cell


def agreement(row: CountryRow | BlocRow, numbers: dict[str, int], use_colour: bool = True) -> Text:
    """"1 2 ≠ 3:-": the sources that read the row's stance, then those that differ, with their reading."""
    differ = [(s, st) for s, st in row.by_source.items() if st != row.stance]
    other = {s for s, _st in differ}
    # agreeing: the row's sources that read no other stance (counted without listing thousands)
    agreeing = len(row.sources) - (sum(1 for s in row.sources if s in other) if other else 0)
    if agreeing and agreeing == len(numbers):
        out = Text("all")
    else:
        first = islice((s for s in row.sources if s not in other), SHOWN_SOURCES)
        out = Text(" ".join(str(numbers.get(s, "?")) for s in first) + more(agreeing))
    if differ:
        out.append(" ≠ " if agreeing else "≠ ", style="bold")
        for i, (s, st) in enumerate(differ[:SHOWN_SOURCES]):
            if i:
                out.append(" ")
            out.append(f"{numbers.get(s, '?')}:")
            out.append_text(stance.symbol(st, use_colour))
        out.append(more(len(differ)))
    return out


def more(count: int) -> str:
    """" +N" for the sources past the first SHOWN_SOURCES (Enter shows the evidence of them all)."""
    return f" +{count - SHOWN_SOURCES}" if count > SHOWN_SOURCES else ""


class CountriesPane(Pane):
    BINDINGS = [Binding("s", "cycle_sort", "Sort")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None
        self.sort = "stance"
        self.rows: dict[str, list[CountryRow | BlocRow]] = {"countries": [], "blocs": []}

    def compose(self) -> ComposeResult:
        yield Static(id="countries-caption", markup=False)
        yield Table(id="country-table")
        yield Table(id="bloc-table")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        caption = subject_line(analysis)
        legend = Text("Stance: ", style="dim")
        for i, name in enumerate(stance.STANCES):
            if i:
                legend.append("  ")
            legend.append_text(stance.label(name, not self.app.no_color))
        self.query_one("#countries-caption", Static).update(caption + Text("\n") + legend if caption else legend)
        self._fill("countries", analysis.countries)
        self._fill("blocs", analysis.blocs)

    def _sorted(self, rows):
        if self.sort == "name":
            return sorted(rows, key=lambda r: r.name.lower())
        if self.sort == "mentions":
            return sorted(rows, key=lambda r: (-r.mentions, r.name.lower()))
        return sorted(rows, key=lambda r: (stance.ORDER.get(r.stance, 9), -r.mentions, r.name.lower()))

    def _fill(self, which: str, rows) -> None:
        assert self.analysis is not None
        numbers = source_numbers(self.analysis)
        table = self.query_one(TABLE_IDS[which], Table)
        table.border_title = f"{which.capitalize()} ({len(rows)}) · sorted by {self.sort}"
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Country" if which == "countries" else "Bloc", key="name")
        table.add_column("Stance", key="stance")
        table.add_column("Actions", key="actions", width=self._actions_width())
        table.add_column("Sources", key="sources")
        table.add_column("#", key="mentions")
        self.rows[which] = self._sorted(rows)
        colour = not self.app.no_color
        room = self._actions_width() * 2  # at most two lines a row; Enter shows the evidence
        cells, heights = [], []
        for row in self.rows[which]:
            code = f" ({row.code})" if isinstance(row, CountryRow) and row.code else ""
            name = safe(shorten(row.name, NAME_CHARS - len(code)) + code)
            actions = safe(shorten("; ".join(row.actions), room) or "—")
            heights.append(min(2, lines(actions.plain, self._actions_width())))
            cells.append((name, stance.label(row.stance, colour), actions, agreement(row, numbers, colour), Text(str(row.mentions), justify="right")))
        table.add_rows_fast(cells, heights)
        if not rows:
            table.add_row(Text(f"No {which} found.", style="dim"), "", "", "", "")
        table.refilled(cursor)

    def _actions_width(self) -> int:
        """Actions take what the other columns leave, so 80 columns show every column."""
        return max(16, min(60, self.width_now() - 64))

    def fit(self) -> None:
        if self.analysis is not None and self.query_one("#country-table", Table).columns:
            column = self.query_one("#country-table", Table).columns.get("actions")
            if column is not None and column.width != self._actions_width():
                self.refill()

    def refill(self) -> None:
        if self.analysis is not None:
            self._fill("countries", self.analysis.countries)
            self._fill("blocs", self.analysis.blocs)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refill()

    def on_data_table_header_selected(self, event: Table.HeaderSelected) -> None:
        event.stop()
        self.sort = {"name": "name", "mentions": "mentions"}.get(str(event.column_key.value), "stance")
        self.refill()

    def on_data_table_row_selected(self, event: Table.RowSelected) -> None:
        event.stop()
        rows = self.rows["countries" if event.data_table.id == "country-table" else "blocs"]
        if event.cursor_row < len(rows):
            row = rows[event.cursor_row]
            self.post_message(DrillDown(list(row.evidence), source=row.sources[0] if row.sources else None))

    def selected_pin(self):
        """The row under the cursor in the focused table (countries unless blocs has focus), for `p`."""
        from briefing.tui.pins import pin

        which = "blocs" if self.query_one("#bloc-table", Table).has_focus else "countries"
        table = self.query_one(TABLE_IDS[which], Table)
        rows = self.rows[which]
        if not rows or table.cursor_coordinate.row >= len(rows):
            return None
        row = rows[table.cursor_coordinate.row]
        text = f"{row.stance}: {'; '.join(row.actions)}" if row.actions else row.stance
        kind = "country" if which == "countries" else "bloc"
        return pin(kind, row.name, text, row.evidence[0] if row.evidence else None, row.sources[0] if row.sources else None)

    def select_country(self, name: str) -> None:
        """Jump here from the palette."""
        for which in ("countries", "blocs"):
            for i, row in enumerate(self.rows[which]):
                if row.name == name:
                    table = self.query_one(TABLE_IDS[which], Table)
                    table.move_cursor(row=i, animate=False)
                    table.focus()
                    return

    def focus_default(self) -> None:
        self.query_one("#country-table", Table).focus()
