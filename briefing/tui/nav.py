"""Drill-down and the back stack: where a keypress came from, and how to return there exactly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from briefing.model import Evidence


class DrillDown(Message):
    """Open the Reader on these spans (the first one current); posted by any pane."""

    def __init__(self, targets: list[Evidence], source: str | None = None) -> None:
        super().__init__()
        self.targets = targets
        self.source = source  # a source to open when there is no span to show


@dataclass(slots=True)
class Location:
    """A pane as the user left it: which widget had focus, each list's cursor and scroll."""

    pane: str
    focus: Widget | None
    states: dict[Widget, Any] = field(default_factory=dict)


def capture(pane_id: str, pane: Widget, focused: Widget | None) -> Location:
    loc = Location(pane_id, focused)
    for widget in pane.query("*"):
        if isinstance(widget, DataTable):
            loc.states[widget] = (widget.cursor_coordinate, widget.scroll_offset)
        elif isinstance(widget, OptionList):
            loc.states[widget] = (widget.highlighted, widget.scroll_offset)
        elif hasattr(widget, "save_state"):
            loc.states[widget] = widget.save_state()
    return loc


def restore(loc: Location) -> None:
    for widget, state in loc.states.items():
        if not widget.is_attached:
            continue
        if isinstance(widget, DataTable):
            cursor, offset = state
            widget.move_cursor(row=cursor.row, column=cursor.column, animate=False, scroll=False)
            widget.scroll_to(offset.x, offset.y, animate=False, immediate=True)
        elif isinstance(widget, OptionList):
            highlighted, offset = state
            if highlighted is not None and hasattr(widget, "ensure"):
                widget.ensure(highlighted)  # a list rebuilt since builds its options lazily again
            widget.highlighted = highlighted
            widget.scroll_to(offset.x, offset.y, animate=False, immediate=True)
        else:
            widget.restore_state(state)
    if loc.focus is not None and loc.focus.is_attached:
        loc.focus.focus(scroll_visible=False)
