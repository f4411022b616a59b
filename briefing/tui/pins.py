"""The analyst's brief in the app: `p` pins the selected item (with an optional note) and the Brief
pane lists the pins to reorder, annotate, delete or open. Storage is `briefing.brief` (atomic saves).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from briefing.brief import Pin
from briefing.model import Analysis, Evidence
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, source_numbers
from briefing.tui.text import clean, safe, shorten
from briefing.tui.widgets import Options


def pin(kind: str, label: str, text: str, evidence: Evidence | None = None, source: str | None = None) -> Pin:
    """A Pin located at `evidence` (or just at a source) so the brief can cite it."""
    if evidence is not None:
        return Pin(kind, label, text, evidence.source, evidence.start, evidence.end)
    return Pin(kind, label, text, source)


class NoteScreen(ModalScreen[str | None]):
    """Asks for the pin's note; Enter keeps it (empty is fine), Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str, note: str = "", title: str = "Pin to the brief") -> None:
        super().__init__()
        self.what = what
        self.note = note
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(id="note"):
            yield Static(Text(self.heading, style="bold"), markup=False)
            yield Static(safe(shorten(self.what, 200), "italic"), markup=False)
            box = Input(value=self.note, placeholder="A note (optional); Enter saves, Escape cancels", id="note-input")
            box.cursor_blink = getattr(self.app, "cursor_blink_default", True)
            yield box

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class BriefPane(Pane):
    BINDINGS = [
        Binding("K,shift+up", "move(-1)", "Move up", group=Binding.Group("move", compact=True)),
        Binding("J,shift+down", "move(1)", "Move down", group=Binding.Group("move", compact=True)),
        Binding("e", "edit_note", "Note"),
        Binding("d,delete", "delete", "Delete"),
        Binding("x", "app.export_brief", "Export"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Options(id="brief-list")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.refresh_pins()

    def refresh_pins(self, highlight: int | None = None) -> None:
        if self.analysis is None:
            return
        brief = self.app.brief
        box = self.query_one("#brief-list", Options)
        keep = box.highlighted if highlight is None else highlight
        box.border_title = Content(f"Brief ({len(brief.pins)} pinned) · {clean(str(brief.path))}")
        box.clear_options()
        numbers = source_numbers(self.analysis)
        if not brief.pins:
            box.add_option(Option("Nothing pinned yet: press p on a quote, claim, country, discrepancy or event.", disabled=True))
            return
        options = []
        for i, p in enumerate(brief.pins):
            line = Text.assemble(
                (f"{i + 1}. ", "bold"), safe(p.kind, "bold"), (": ", "bold"), safe(p.label, "bold"), "\n   ", safe(shorten(p.text, 300))
            )
            if p.source:  # brief.yaml travels with a story folder: its fields are untrusted too
                line.append_text(safe(f"  [{numbers.get(p.source, p.source)}]", "dim"))
            if p.note:
                line.append("\n   ✎ ")
                line.append_text(safe(p.note, "italic"))
            options.append(Option(line, id=str(i)))
        box.add_options(options)
        if keep is not None:
            box.highlighted = max(0, min(keep, len(options) - 1))

    def _index(self) -> int | None:
        box = self.query_one("#brief-list", Options)
        if box.highlighted is None or not self.app.brief.pins:
            return None
        return box.highlighted

    def action_move(self, step: int) -> None:
        i = self._index()
        if i is None:
            return
        self.app.brief.move(i, i + step)
        self.app.save_brief()
        self.refresh_pins(highlight=max(0, min(i + step, len(self.app.brief.pins) - 1)))

    def action_delete(self) -> None:
        i = self._index()
        if i is None:
            return
        self.app.brief.remove(i)
        self.app.save_brief()
        self.refresh_pins(highlight=i)

    def action_edit_note(self) -> None:
        i = self._index()
        if i is None:
            return
        pinned = self.app.brief.pins[i]

        def done(note: str | None) -> None:
            if note is not None:
                self.app.brief.set_note(i, note)
                self.app.save_brief()
                self.refresh_pins(highlight=i)

        self.app.push_screen(NoteScreen(pinned.text, pinned.note, title="Edit the note"), done)

    def on_option_list_option_selected(self, event: Options.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        p = self.app.brief.pins[int(event.option.id)]
        if p.source and p.start is not None and p.end is not None:
            self.post_message(DrillDown([Evidence(p.source, p.start, p.end, p.text)]))
        elif p.source:
            self.post_message(DrillDown([], source=p.source))

    def focus_default(self) -> None:
        self.query_one("#brief-list", Options).focus()
