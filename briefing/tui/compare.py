"""The Compare pane: sources side by side, one claim per row, so a shared fact reads across.

A cell shows how that source words the claim (its evidence), blank where the source is silent;
the first column says how many sources share the row, and marks claims only one source makes.
Below, each discrepancy with its versions and the sources giving each.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.option_list import Option

from briefing.model import Analysis, Claim, Discrepancy, Evidence
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, add_capped, article, markers, source_numbers
from briefing.tui.text import safe, shorten
from briefing.tui.widgets import Options, Picks, Table, lines

MAX_DEFAULT_COLUMNS = 8
CELL_CHARS = 120
MIN_COLUMN = 24  # a cell shows this much of the wording; Enter opens the whole sentence


def version_evidence(analysis: Analysis, d: Discrepancy, version: str) -> list[Evidence]:
    """The spans behind one version: its sources' evidence, preferring spans that contain it.

    Where the analysis recorded no span, the version's words as they appear in each of its sources
    stand in, so Enter still lands on them.
    """
    sources = d.values.get(version, [])
    spans = [e for e in d.evidence if e.source in sources]
    exact = [e for e in spans if version.lower() in e.text.lower()]
    if exact or spans:
        return exact or spans
    found = []
    for sid in sources:
        text = article(analysis, sid).text
        at = text.find(version)
        if at >= 0:
            found.append(Evidence(sid, at, at + len(version), version))
    return found


class SourcePicker(ModalScreen[list[str] | None]):
    """Choose which sources get a column (two or more)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "done", "Apply", priority=True)]

    def __init__(self, analysis: Analysis, chosen: list[str]) -> None:
        super().__init__()
        self.analysis = analysis
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static("Sources to compare (space toggles, Enter applies, at least two)", markup=False)
            yield Picks(id="picker-list")
            with Horizontal(id="picker-buttons"):
                yield Button("Apply", id="picker-apply", variant="primary", compact=True)
                yield Button("Cancel", id="picker-cancel", compact=True)

    def on_mount(self) -> None:
        headlines, chosen = self.analysis.headlines, set(self.chosen)

        def pick(item) -> tuple:
            n, a = item
            return (Text.assemble(f"{n} ", safe(shorten(headlines.get(a.id) or a.id, 60))), a.id, a.id in chosen)

        # built as they come into view: 10,000 sources took 0.6 s to open
        picks = self.query_one(Picks)
        picks.add_lazy(list(enumerate(self.analysis.story.articles, 1)), pick)
        if picks.highlighted is None and picks.option_count:
            picks.highlighted = 0  # as a list made with its options starts

    def action_done(self) -> None:
        picks = self.query_one(Picks)
        chosen = list(picks.selected) + [a.id for _n, a in picks.unbuilt if a.id in self.chosen]
        if len(chosen) < 2:
            self.notify("Choose at least two sources.", severity="warning")
            return
        order = [a.id for a in self.analysis.story.articles]
        self.dismiss(sorted(chosen, key=order.index))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_done() if event.button.id == "picker-apply" else self.action_cancel()


class ComparePane(Pane):
    BINDINGS = [Binding("c", "choose_sources", "Choose sources")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None
        self.columns: list[str] = []
        self.rows: list[Claim] = []
        self.versions: list[tuple[Discrepancy, str]] = []
        self._width = 0
        self.chosen = False  # the user picked the columns: keep them whatever the width

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-bar"):
            yield Static(id="compare-caption", markup=False)
            yield Button("Sources… (c)", id="compare-choose", compact=True)
        yield Table(id="compare-table", cursor_type="cell")
        yield Options(id="compare-discrepancies")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.chosen = False
        self.columns = [a.id for a in analysis.story.articles[: self._default_count()]]
        self._fill_table()
        self._fill_discrepancies()

    def _fill_table(self) -> None:
        assert self.analysis is not None
        analysis = self.analysis
        numbers = source_numbers(analysis)
        total = len(analysis.story.articles)
        self.query_one("#compare-caption", Static).update(
            Text(f"{len(self.columns)} of {total} sources side by side; claims aligned on rows", style="dim")
        )
        table = self.query_one("#compare-table", Table)
        table.border_title = "Claims"
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        width = self._width = self._column_width()
        table.add_column("Shared", key="shared", width=7)
        for sid in self.columns:
            art = article(analysis, sid)
            head = safe(shorten(f"{numbers[sid]} {art.outlet or analysis.headlines.get(sid) or sid}", width))
            table.add_column(head, key=sid, width=width)
        chosen = set(self.columns)
        self.rows = [c for c in analysis.claims if chosen.intersection(c.sources)]
        if not self.rows:
            table.add_column("", key="empty", width=1)
        rows, heights = [], []
        for claim in self.rows:
            shared = len(set(claim.sources))
            mark = Text("unique", style="bold yellow") if shared == 1 else Text(f"{shared}/{total}")
            cells = [mark]
            height = 1
            for sid in self.columns:
                ev = next((e for e in claim.evidence if e.source == sid), None)
                if ev is not None:
                    cells.append(safe(shorten(ev.text, CELL_CHARS)))
                elif sid in claim.sources:
                    cells.append(safe(shorten(claim.text, CELL_CHARS), "italic"))
                else:
                    cells.append(Text("·", style="dim"))
                height = max(height, lines(cells[-1].plain, width))
            rows.append(cells)
            heights.append(height)
        table.add_rows_fast(rows, heights)
        table.border_subtitle = "" if self.rows else "no claims found in these sources"
        table.refilled(cursor)

    def _fill_discrepancies(self) -> None:
        assert self.analysis is not None
        analysis = self.analysis
        box = self.query_one("#compare-discrepancies", Options)
        box.border_title = f"Discrepancies ({len(analysis.discrepancies)})"
        box.clear_options()
        self.versions = []
        entries = [(d, version) for d in analysis.discrepancies for version in (None, *d.values)]
        if not entries:
            box.add_option(Option("No discrepancies found between the sources.", disabled=True))
            return
        add_capped(box, entries, self._discrepancy_option, "versions")  # built as they come into view

    def _discrepancy_option(self, entry: tuple[Discrepancy, str | None]) -> Option:
        d, version = entry
        if version is None:
            return Option(Text.assemble((f"{d.kind}: ", "bold"), safe(d.what)), disabled=True)
        assert self.analysis is not None
        self.versions.append((d, version))
        sources = d.values[version]
        return Option(Text.assemble("  “", safe(version), "”  ", (markers(self.analysis, sources), "dim")), id=str(len(self.versions) - 1))

    def _default_count(self) -> int:
        """As many sources as fit side by side (two at 80 columns), until the user chooses."""
        fits = (max(self.width_now(), 80) - 12) // MIN_COLUMN
        return max(2, min(MAX_DEFAULT_COLUMNS, fits))

    def _column_width(self) -> int:
        n = max(1, len(self.columns))
        return max(MIN_COLUMN - 6, min(60, (max(self.width_now(), 80) - 14 - 2 * n) // n))

    def fit(self) -> None:
        if self.analysis is None:
            return
        if not self.chosen:
            count = self._default_count()
            if count != len(self.columns):
                self.columns = [a.id for a in self.analysis.story.articles[:count]]
                self._width = 0
        if self._column_width() != self._width:
            self._fill_table()

    # -- drill-down --------------------------------------------------------------------------

    def on_data_table_cell_selected(self, event: Table.CellSelected) -> None:
        event.stop()
        if self.analysis is None or not self.rows:
            return
        claim = self.rows[event.coordinate.row]
        column = event.coordinate.column - 1
        if column >= 0 and column < len(self.columns):
            sid = self.columns[column]
            first = [e for e in claim.evidence if e.source == sid]
            rest = [e for e in claim.evidence if e.source != sid]
            self.post_message(DrillDown(first + rest, source=sid if sid in claim.sources else None))
        else:
            self.post_message(DrillDown(list(claim.evidence), source=claim.sources[0] if claim.sources else None))

    def on_option_list_option_selected(self, event: Options.OptionSelected) -> None:
        event.stop()
        if event.option.id is None or self.analysis is None:
            return
        d, version = self.versions[int(event.option.id)]
        sources = d.values.get(version, [])
        self.post_message(DrillDown(version_evidence(self.analysis, d, version), source=sources[0] if sources else None))

    def selected_pin(self):
        """The discrepancy version or the claim cell under the cursor, for `p`."""
        from briefing.tui.pins import pin

        if self.analysis is None:
            return None
        box = self.query_one("#compare-discrepancies", Options)
        if box.has_focus:
            if box.highlighted is None or box.get_option_at_index(box.highlighted).id is None:
                return None
            d, version = self.versions[int(box.get_option_at_index(box.highlighted).id)]
            spans = version_evidence(self.analysis, d, version)
            sources = d.values.get(version, [])
            text = f"{version} (in {markers(self.analysis, sources)})"
            return pin("discrepancy", d.what, text, spans[0] if spans else None, sources[0] if sources else None)
        if not self.rows:
            return None
        row, column = self.query_one("#compare-table", Table).cursor_coordinate
        claim = self.rows[row]
        sid = self.columns[column - 1] if 0 < column <= len(self.columns) else None
        ev = next((e for e in claim.evidence if e.source == sid), claim.evidence[0] if claim.evidence else None)
        label = f"shared by {len(set(claim.sources))} sources"
        return pin("claim", label, ev.text if ev else claim.text, ev, claim.sources[0] if claim.sources else None)

    # -- choosing columns ----------------------------------------------------------------------

    def action_choose_sources(self) -> None:
        if self.analysis is None:
            return

        def chosen(result: list[str] | None) -> None:
            if result:
                self.columns = result
                self.chosen = True
                self._fill_table()

        self.app.push_screen(SourcePicker(self.analysis, self.columns), chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "compare-choose":
            event.stop()
            self.action_choose_sources()

    def focus_default(self) -> None:
        self.query_one("#compare-table", Table).focus()
