"""What every pane shares: filled once from the Analysis (lazily, when first shown), a default focus."""

from __future__ import annotations

from textual.containers import Vertical

from briefing.model import Analysis


class Pane(Vertical):
    """A pane displays an Analysis; it never computes one."""

    def fill(self, analysis: Analysis) -> None:  # pragma: no cover - each pane overrides
        raise NotImplementedError

    def fit(self) -> None:
        """Adapt widths to the pane's size (panes are filled while hidden, at size zero)."""

    def on_resize(self) -> None:
        self.fit()

    def on_show(self) -> None:
        self.call_after_refresh(self.fit)

    def focus_default(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return


def source_numbers(analysis: Analysis) -> dict[str, int]:
    """Sources are shown by their number in the Summary's list (1-based), which is short and stable."""
    return {a.id: n for n, a in enumerate(analysis.story.articles, 1)}


def markers(analysis: Analysis, sources: list[str]) -> str:
    numbers = source_numbers(analysis)
    return "[" + ",".join(str(numbers[s]) for s in sources if s in numbers) + "]"
