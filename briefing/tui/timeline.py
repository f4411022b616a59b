"""The Timeline pane: dated events in order, each with the sources that date it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from briefing.model import Analysis
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, add_capped, markers
from briefing.tui.text import safe
from briefing.tui.widgets import Options


class TimelinePane(Pane):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Options(id="timeline-list")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        box = self.query_one("#timeline-list", Options)
        box.border_title = f"Timeline ({len(analysis.timeline)} events)"
        box.clear_options()
        if not analysis.timeline:
            box.add_option(Option("No dated events found.", disabled=True))
            return
        add_capped(box, list(enumerate(analysis.timeline)), lambda item: Option(self._row(item[1]), id=str(item[0])), "events")

    def _row(self, e) -> Table:
        """Date in its own column, so a wrapped event hangs under its text, not under the date."""
        assert self.analysis is not None
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=10, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(e.date, style="bold"), Text.assemble(safe(e.text), ("  " + markers(self.analysis, e.sources), "dim")))
        return grid

    def selected_pin(self):
        from briefing.tui.pins import pin

        box = self.query_one("#timeline-list", Options)
        if self.analysis is None or not self.analysis.timeline or box.highlighted is None:
            return None
        e = self.analysis.timeline[box.highlighted]
        return pin("timeline", e.date, e.text, e.evidence[0] if e.evidence else None, e.sources[0] if e.sources else None)

    def on_option_list_option_selected(self, event: Options.OptionSelected) -> None:
        event.stop()
        if self.analysis is None or event.option.id is None:
            return
        e = self.analysis.timeline[int(event.option.id)]
        self.post_message(DrillDown(list(e.evidence), source=e.sources[0] if e.sources else None))
