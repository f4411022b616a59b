"""`?`: every key binding, read from the widgets' own BINDINGS so the list cannot drift."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

EXTRA = [
    ("Everywhere", "tab / shift+tab", "Next / previous region"),
    ("Everywhere", "enter", "Drill down: open the Reader at the sentence behind the selected item"),
    ("Everywhere", "ctrl+p", "Command palette: open a source, jump to a speaker or country, switch pane, theme"),
    ("Lists and tables", "↑ ↓ ← → pgup pgdn home end", "Move"),
    ("Everywhere", "mouse", "Click tabs, rows, headers (to sort), buttons; wheel scrolls"),
]


def key_name(key: str) -> str:
    names = {"left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?", "slash": "/", "space": "space"}
    return ", ".join(names.get(k.strip(), k.strip()) for k in key.split(","))


def binding_rows(sections: list[tuple[str, list]]) -> list[tuple[str, str, str]]:
    rows = []
    for section, bindings in sections:
        for b in bindings:
            if isinstance(b, tuple):
                b = Binding(*b)
            rows.append((section, key_name(b.key), b.description or b.action))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, sections: list[tuple[str, list]]) -> None:
        super().__init__()
        self.rows = binding_rows(sections) + EXTRA

    def compose(self) -> ComposeResult:
        table = RichTable(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
        table.add_column("Where", style="dim", no_wrap=True, width=16)
        table.add_column("Key", style="bold", no_wrap=True, width=18)
        table.add_column("Does", ratio=1)
        last = None
        for section, key, does in self.rows:
            table.add_row(Text(section if section != last else ""), Text(key), Text(does))
            last = section
        with VerticalScroll(id="help"):
            yield Static(Text("Keys  (Escape, q or ? closes)", style="bold"), markup=False)
            yield Static(table, markup=False)

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
