"""The Timeline pane: dated events in order, each with the sources that date it."""

from __future__ import annotations

from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from briefing.model import Analysis
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, add_capped, markers
from briefing.tui.text import safe
from briefing.tui.widgets import Options


class Hanging:
    """`head` in a column of HEAD cells, then GAP spaces, then `body` wrapped in what is left:
    what a rich `Table.grid(padding=(0, 2))` with a fixed no-wrap first column draws, without a
    table's cost (an OptionList renders each option to measure it, then again to show it)."""

    HEAD, GAP = 10, 2

    def __init__(self, head: Text, body: Text) -> None:
        self.head = head
        self.body = body

    def __rich_measure__(self, console, options) -> Measurement:
        body = Measurement.get(console, options, self.body)
        return Measurement(self.HEAD + self.GAP + body.minimum, self.HEAD + self.GAP + body.maximum)

    def __rich_console__(self, console, options):
        indent = self.HEAD + self.GAP
        width = max(1, min(options.max_width - indent, Measurement.get(console, options, self.body).maximum))
        head = self.head.copy()
        head.truncate(self.HEAD, overflow="ellipsis", pad=True)
        plain = Style()
        base = console.get_style(head.style) if head.style else plain  # render() leaves it out
        # the same segments as the table: cell, padding, cell (each line padded to the column)
        for i, line in enumerate(self.body.wrap(console, width, justify="left", overflow="ellipsis")):
            if i:
                yield Segment.line()
                yield Segment(" " * indent, plain)
            else:
                yield from (Segment(s.text, base + s.style if s.style else base) for s in head.render(console))
                yield Segment(" " * self.GAP, plain)
            yield from (Segment(s.text, s.style or plain) for s in line.render(console))
        yield Segment.line()


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

    def _row(self, e) -> Hanging:
        """Date in its own column, so a wrapped event hangs under its text, not under the date."""
        assert self.analysis is not None
        return Hanging(Text(e.date, style="bold"), Text.assemble(safe(e.text), ("  " + markers(self.analysis, e.sources), "dim")))

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
