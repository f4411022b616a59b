"""The key bar: the few keys that matter where the focus is, on one line, each clickable.

Textual's Footer rebuilds a widget per key on every focus change, which was a third of the cost
of switching panes; this is one line of text, redrawn in place.
"""

from __future__ import annotations

from itertools import groupby

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

class KeyBar(Static):
    COMPONENT_CLASSES = {"keybar--key"}  # bold as well as coloured, so NO_COLOR keeps it

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.update(self.keys(screen), layout=False)  # one line, full width: no layout needed

    def keys(self, screen) -> Text:
        shown = [(b, enabled) for (_node, b, enabled, _tip) in screen.active_bindings.values() if b.show]
        by_action: dict[str, tuple] = {}
        for binding, enabled in shown:
            by_action.setdefault(binding.action, (binding, enabled))
        out = Text(no_wrap=True, overflow="ellipsis")
        for group, items in groupby(by_action.values(), key=lambda item: item[0].group):
            items = list(items)
            if group is not None and len(items) > 1:
                self._append(out, [(self.app.get_key_display(b), b.key) for b, _ in items], group.description)
            else:
                for b, _ in items:
                    self._append(out, [(self.app.get_key_display(b), b.key)], b.description)
        self._append(out, [("^p", "ctrl+p")], "palette")
        return out

    def _append(self, out: Text, keys: list[tuple[str, str]], label: str) -> None:
        style = self.get_component_rich_style("keybar--key", partial=True)
        out.append(" ")
        for shown, key in keys:
            out.append(shown, style + Style(meta={"@click": f"app.simulate_key({key.split(',')[0]!r})"}))
        out.append(f" {label} ")
