"""What every pane shares: filled once from the Analysis (lazily, when first shown), a default focus."""

from __future__ import annotations

from textual.containers import Vertical

from briefing.model import Analysis, Article


class Pane(Vertical):
    """A pane displays an Analysis; it never computes one."""

    def fill(self, analysis: Analysis) -> None:  # pragma: no cover - each pane overrides
        raise NotImplementedError

    def fit(self) -> None:
        """Adapt widths to the pane's size, or fill what depends on it the first time it has one
        (panes are filled while hidden, at size zero). Only called while the pane has a size."""

    def width_now(self) -> int:
        """The pane's width; while it is hidden (filled before it is first shown), the screen's,
        which it will have: so the first show fills each table once, at the right width."""
        return self.size.width or self.screen.size.width

    def on_resize(self) -> None:
        self._fit()

    def on_show(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        # A pane being hidden is resized to zero: refilling its tables for that width would be
        # wasted work (a second or more at 10,000 sources), then undone when it is shown again.
        if self.size.width > 0 and self.display:
            self.fit()

    def focus_default(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return


_INDEX: list = [None, {}, {}]  # (story, numbers, articles): one story per app, built once


def _index(analysis: Analysis) -> list:
    if _INDEX[0] is not analysis.story:
        _INDEX[:] = [analysis.story, {a.id: n for n, a in enumerate(analysis.story.articles, 1)}, {a.id: a for a in analysis.story.articles}]
    return _INDEX


def source_numbers(analysis: Analysis) -> dict[str, int]:
    """Sources are shown by their number in the Summary's list (1-based), which is short and stable."""
    return _index(analysis)[1]


def article(analysis: Analysis, source: str) -> Article:
    """By id in O(1): `Story.article` scans, which adds up at 10,000 sources."""
    return _index(analysis)[2][source]


MAX_OPTIONS = 500  # beyond this a list says how many more (and End builds at most this many)


def add_capped(box, entries: list, build, what: str, min_height: int = 1) -> None:
    """Options for at most MAX_OPTIONS entries, each made by `build(entry)` when it is about to
    be seen (see Options.add_lazy), then one line saying what was left out (and how to reach it)."""
    from textual.widgets.option_list import Option

    tail = None
    if len(entries) > MAX_OPTIONS:
        rest = len(entries) - MAX_OPTIONS
        tail = Option(f"… and {rest} more {what} (/ searches every source)", disabled=True)
    box.add_lazy(entries[:MAX_OPTIONS], build, tail, min_height)


def markers(analysis: Analysis, sources: list[str]) -> str:
    """"[1,3,4]": the sources' numbers, the first eight of them if there are more."""
    numbers = source_numbers(analysis)
    shown = [str(numbers[s]) for s in sources[:8] if s in numbers]
    more = f",+{len(sources) - 8}" if len(sources) > 8 else ""
    return "[" + ",".join(shown) + more + "]"
