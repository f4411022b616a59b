"""One article's full text as a Line-API view: wrapped once per width, drawn a line at a time.

Keeping a table of (line -> text offsets) is what lets a drill-down scroll straight to a span
and highlight it without rendering the whole article as one widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.model import Article
from briefing.tui.text import clean


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offsets into Article.text, end exclusive
    end: int
    heading: bool = False


class ReaderView(ScrollView, can_focus=True):
    """The text, with spans highlighted; the current one in reverse video (visible in NO_COLOR)."""

    COMPONENT_CLASSES = {"reader--highlight", "reader--current", "reader--heading"}
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("ctrl+d", "page_down", "Page down", show=False),
        Binding("ctrl+u", "page_up", "Page up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.highlights: list[tuple[int, int]] = []
        self.current: tuple[int, int] | None = None
        self._lines: list[Line] = []
        self._wrapped_width = -1
        self._cache: dict[int, Strip] = {}

    # -- content ---------------------------------------------------------------------------

    def show(self, article: Article | None, highlights: list[tuple[int, int]], current: tuple[int, int] | None) -> None:
        if article is not self.article:
            self.article = article
            self._wrapped_width = -1
        self.highlights = highlights
        self.current = current
        self._cache.clear()
        self._rewrap()
        self.refresh()

    def _rewrap(self) -> None:
        width = max(10, self.scrollable_content_region.width - 1)
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._cache.clear()
        self._lines = list(wrap(self.article, width)) if self.article else []
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event) -> None:
        if event.size.width:  # not while hidden: the text would be wrapped to 10 columns, then back
            self._rewrap()

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self._lines)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._lines[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, max(0, len(self._lines) - 1))

    def scroll_to_offset(self, offset: int) -> None:
        self._rewrap()
        y = self.line_of(offset)
        self.scroll_to(y=max(0, y - self.size.height // 3), animate=False, immediate=True)

    def save_state(self) -> tuple:
        return (self.scroll_offset.y,)

    def restore_state(self, state: tuple) -> None:
        self.scroll_to(y=state[0], animate=False, immediate=True)

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self._lines) or self.article is None:
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._cache[index] = self._render(index, base)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render(self, index: int, base: Style) -> Strip:
        line = self._lines[index]
        assert self.article is not None
        text = Text(clean(self.article.text[line.start : line.end]), no_wrap=True, end="")
        if line.heading:
            text.stylize(self.get_component_rich_style("reader--heading"))
        for start, end, style in self._spans(line):
            text.stylize(style, start - line.start, end - line.start)
        segments = [Segment(s.text, base + s.style if s.style else base, s.control) for s in text.render(self.app.console)]
        return Strip(segments)

    def _spans(self, line: Line):
        high = self.get_component_rich_style("reader--highlight")
        cur = self.get_component_rich_style("reader--current")
        for start, end in self.highlights:
            if start < line.end and end > line.start:
                style = cur if (start, end) == self.current else high
                yield max(start, line.start), min(end, line.end), style


def wrap(article: Article, width: int):
    """Lines of `width` cells, a blank line between paragraphs; offsets kept into the text."""
    paragraphs = article.paragraphs or _plain_paragraphs(article.text)
    for i, para in enumerate(paragraphs):
        if i:
            yield Line(para.start, para.start)
        chunk = article.text[para.start : para.end]
        heading = getattr(para, "heading", False)
        offsets = [0, *divide_line(clean(chunk), width, fold=True), len(chunk)]
        for a, b in zip(offsets, offsets[1:]):
            if b > a:
                yield Line(para.start + a, para.start + b, heading)


def _plain_paragraphs(text: str):
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            yield Line(pos, pos + len(part))
        pos += len(part) + 1
