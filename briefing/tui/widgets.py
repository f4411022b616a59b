"""The list widgets every pane uses, with vim keys added (j/k, g/G, ctrl+d/u, h/l)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, OptionList, SelectionList

VIM_LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("ctrl+d", "page_down", "Page down", show=False),
    Binding("ctrl+u", "page_up", "Page up", show=False),
]


def lines(text: str, width: int) -> int:
    """How many lines `text` wraps to at `width`: row heights given, not measured by rendering
    every cell (DataTable's height=None costs about 10 ms a row)."""
    from rich._wrap import divide_line

    return len(divide_line(text, max(1, width), fold=True)) + 1


class Table(DataTable):
    """A DataTable with vim keys (`h`/`l` as left/right)."""

    BINDINGS = [
        *VIM_LIST_KEYS,
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", False)
        super().__init__(**kwargs)

    def refilled(self, cursor) -> None:
        """Put the cursor back where it was before a refill (rebuilt for a new width or sort)."""
        if self.row_count:
            self.move_cursor(row=min(cursor.row, self.row_count - 1), column=cursor.column, animate=False)


class Picks(SelectionList):
    """A SelectionList with vim keys."""

    BINDINGS = [*VIM_LIST_KEYS, Binding("g", "first", "First", show=False), Binding("G", "last", "Last", show=False)]


class Options(OptionList):
    """An OptionList with vim keys; `h`/`l` move to the previous/next region."""

    BINDINGS = [
        *VIM_LIST_KEYS,
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("h", "app.focus_previous", "Previous region", show=False),
        Binding("l", "app.focus_next", "Next region", show=False),
    ]

    def add_options(self, items):
        """Adding options also highlights the first usable one, so Enter works straight away."""
        result = super().add_options(items)
        if self.highlighted is None:
            for index, option in enumerate(self.options):
                if not option.disabled:
                    self.highlighted = index
                    break
        return result
