"""The Reader pane: one source's full text, the drill-down's destination.

It holds the drill-down's targets (spans, possibly in several sources); `n`/`N` walk them,
switching source when the next span is elsewhere. `[`/`]` or the source list switch sources.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from briefing.model import Analysis, Evidence
from briefing.tui.panes import article as article_of
from briefing.tui.panes import source_numbers
from briefing.tui.reader_view import ReaderView
from briefing.tui.text import safe, shorten
from briefing.tui.widgets import Table


HITS = Binding.Group("hit", compact=True)
SOURCES = Binding.Group("switch", compact=True)


class ReaderPane(Vertical):
    BINDINGS = [
        Binding("n", "next_highlight", "Next highlight", group=HITS),
        Binding("N", "previous_highlight", "Previous highlight", group=HITS),
        Binding("left_square_bracket", "previous_source", "Previous source", group=SOURCES),
        Binding("right_square_bracket", "next_source", "Next source", group=SOURCES),
        Binding("s", "toggle_sources", "List"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None
        self.source: str | None = None
        self.targets: list[Evidence] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="reader-header", markup=False)
        with Horizontal(id="reader-body"):
            yield Table(id="reader-sources", show_header=False)
            yield ReaderView(id="reader-text")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        if self.source is None and analysis.story.articles:
            self.open(analysis.story.articles[0].id)
        self._fill_sources()

    def _fill_sources(self) -> None:
        assert self.analysis is not None
        analysis = self.analysis
        sources = self.query_one("#reader-sources", Table)
        sources.clear(columns=True)
        sources.add_column("n", key="n")
        sources.add_column("headline", key="headline", width=24)
        articles = analysis.story.articles

        def row(i: int) -> tuple:  # made when the row is first drawn: 10,000 rows fill in ms
            a = articles[i]
            return (Text(str(i + 1), style="dim"), safe(shorten(analysis.headlines.get(a.id) or a.title or a.id, 24)))

        sources.add_lazy_rows(len(articles), row, [len(str(len(articles))), 0])
        self._sync_list()

    def _sync_list(self) -> None:
        """Keep the source list's cursor on the source shown."""
        sources = self.query_one("#reader-sources", Table)
        if self.analysis is None or self.source is None or not sources.row_count:
            return
        row = source_numbers(self.analysis)[self.source] - 1
        if sources.cursor_coordinate.row != row:
            sources.move_cursor(row=row, animate=False)

    # -- what is shown -----------------------------------------------------------------------

    def open(self, source: str, targets: list[Evidence] | None = None, index: int = 0) -> None:
        """Show `source`; with targets, highlight them and scroll to targets[index]."""
        if targets is not None:
            self.targets = [t for t in targets if self._known(t.source)]
            self.index = min(index, max(0, len(self.targets) - 1))
        self.source = source
        self._refresh_view()
        view = self.query_one(ReaderView)
        if self.targets and self.targets[self.index].source == source:
            offset = self.targets[self.index].start
        else:
            offset = 0
        view.scroll_to_offset(offset)
        self.call_after_refresh(view.scroll_to_offset, offset)  # again once laid out, if just shown

    def open_targets(self, targets: list[Evidence], index: int = 0) -> None:
        chosen = targets[index] if 0 <= index < len(targets) else None
        targets = [t for t in targets if self._known(t.source)]
        if targets:
            index = targets.index(chosen) if chosen in targets else 0
            self.open(targets[index].source, targets, index)

    def _known(self, source: str) -> bool:
        return self.analysis is not None and source in source_numbers(self.analysis)

    def _refresh_view(self) -> None:
        if self.analysis is None or self.source is None:
            return
        article = article_of(self.analysis, self.source)
        spans = [(t.start, t.end) for t in self.targets if t.source == self.source]
        current = None
        if self.targets and self.targets[self.index].source == self.source:
            current = (self.targets[self.index].start, self.targets[self.index].end)
        self.query_one(ReaderView).show(article, spans, current)
        self.query_one("#reader-header", Static).update(self._header(article))
        self._sync_list()

    def _header(self, article) -> Text:
        """Two lines, each cut with an ellipsis rather than wrapped, so the meta line always shows."""
        assert self.analysis is not None
        n = source_numbers(self.analysis)[article.id]
        head = Text.assemble((f"Source {n}/{len(self.analysis.story.articles)} ", "bold"), safe(self.analysis.headlines.get(article.id) or article.title or article.id, "bold"))
        meta = Text()
        if self.targets:
            here = sum(1 for t in self.targets if t.source == article.id)
            meta.append(f"hit {self.index + 1}/{len(self.targets)}", "bold reverse")
            if here != len(self.targets):
                meta.append(f" ({here} here)", "dim")
            meta.append("  ")
        meta.append_text(safe(" · ".join(x for x in (article.outlet, article.published, article.file, f"{article.words} words") if x), "dim"))
        out = Text("\n", no_wrap=True, overflow="ellipsis").join([head, meta])
        out.no_wrap, out.overflow = True, "ellipsis"
        return out

    def selected_pin(self):
        """The current highlight (what the drill-down landed on), for `p`."""
        from briefing.tui.pins import pin

        if self.analysis is None or not self.targets or self.targets[self.index].source != self.source:
            return None
        t = self.targets[self.index]
        article = article_of(self.analysis, t.source)
        label = self.analysis.headlines.get(t.source) or article.title or t.source
        return pin("note", shorten(label, 80), article.text[t.start : t.end], t)

    # -- state for the back stack ---------------------------------------------------------------

    def save_state(self) -> tuple:
        return (self.source, list(self.targets), self.index)

    def restore_state(self, state: tuple) -> None:
        source, targets, index = state
        self.targets, self.index = targets, index
        if source is not None:
            self.source = source
            self._refresh_view()

    # -- actions ---------------------------------------------------------------------------

    def _step_source(self, step: int) -> None:
        if self.analysis is None or self.source is None:
            return
        articles = self.analysis.story.articles
        self.open(articles[(source_numbers(self.analysis)[self.source] - 1 + step) % len(articles)].id)

    def action_next_source(self) -> None:
        self._step_source(1)

    def action_previous_source(self) -> None:
        self._step_source(-1)

    def _step_highlight(self, step: int) -> None:
        if not self.targets:
            self.notify("Nothing highlighted here: drill down with Enter from another pane.", timeout=3)
            return
        self.index = (self.index + step) % len(self.targets)
        self.open(self.targets[self.index].source)

    def action_next_highlight(self) -> None:
        self._step_highlight(1)

    def action_previous_highlight(self) -> None:
        self._step_highlight(-1)

    def action_toggle_sources(self) -> None:
        self.toggle_class("-sources")
        sources = self.query_one("#reader-sources", Table)
        if sources.display:
            sources.focus()

    def on_data_table_row_highlighted(self, event: Table.RowHighlighted) -> None:
        """Moving through the source list (keys or one click) shows each source at once."""
        event.stop()
        if not event.data_table.has_focus:  # our own cursor sync, not the user's choice
            return
        if self.analysis is not None and 0 <= event.cursor_row < len(self.analysis.story.articles):
            source = self.analysis.story.articles[event.cursor_row].id
            if source != self.source:
                self.open(source)

    def on_data_table_row_selected(self, event: Table.RowSelected) -> None:
        event.stop()
        if self.analysis is not None:
            self.open(self.analysis.story.articles[event.cursor_row].id)
            self.query_one(ReaderView).focus()

    def focus_default(self) -> None:
        self.query_one(ReaderView).focus()
