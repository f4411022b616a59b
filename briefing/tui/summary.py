"""The Summary pane: story title and subject, the headline summary, the list of sources."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static
from textual.widgets.option_list import Option

from briefing.model import Analysis
from briefing.tui.nav import DrillDown
from briefing.tui.panes import Pane, add_capped, markers
from briefing.tui.text import safe
from briefing.tui.widgets import Options, Table, safe_width


def subject_line(analysis: Analysis) -> Text:
    """The subject countries (by name where the analysis knows it) and the central question."""
    names = {c.code: c.name for c in analysis.countries}
    line = Text()
    if analysis.subject:
        line.append("Subject: ", "bold")
        line.append_text(safe(", ".join(names.get(code, code) for code in analysis.subject)))
    if analysis.question:
        if line:
            line.append("  ·  ")
        line.append("Question: ", "bold")
        line.append_text(safe(analysis.question))
    return line


def words_width(articles, label: int) -> int:
    """The widest word count, where it could be wider than the column's label: counting the words
    of 10,000 articles takes 0.4 s, and a text of n characters has at most n // 2 + 1 words."""
    return max((len(str(a.words)) for a in articles if len(str(len(a.text) // 2 + 1)) > label), default=0)


class SummaryPane(Pane):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary-title", markup=False)
        yield Options(id="summary-claims")
        yield Table(id="summary-sources")

    def fill(self, analysis: Analysis) -> None:
        self.analysis = analysis
        head = safe(analysis.title or "Untitled story", "bold")
        sub = subject_line(analysis)
        if sub:
            head.append("\n")
            head.append_text(sub)
        self.query_one("#summary-title", Static).update(head)

        claims = self.query_one("#summary-claims", Options)
        claims.border_title = "Summary"
        claims.clear_options()
        if analysis.summary:
            add_capped(
                claims,
                list(enumerate(analysis.summary)),
                lambda item: Option(Text.assemble("• ", safe(item[1].text), (" " + markers(analysis, item[1].sources), "dim")), id=str(item[0])),
                "sentences",
            )
        else:
            claims.add_option(Option("No summary for this story yet.", disabled=True))

        # the list's title at once, its rows after the summary is painted
        self.query_one("#summary-sources", Table).border_title = f"Sources ({len(analysis.story.articles)})"
        self.call_after_refresh(self._fill_sources)

    def _fill_sources(self) -> None:
        assert self.analysis is not None
        analysis = self.analysis
        table = self.query_one("#summary-sources", Table)
        table.border_title = f"Sources ({len(analysis.story.articles)})"
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("#", key="n")
        table.add_column("Headline", key="headline", width=self._headline_width())
        table.add_column("Outlet", key="outlet")
        table.add_column("Date", key="date")
        table.add_column("Words", key="words")
        articles = analysis.story.articles

        def row(i: int) -> tuple:  # made when the row is first drawn: 10,000 rows fill in ms
            a = articles[i]
            return (
                Text(str(i + 1), style="dim"),
                safe(analysis.headlines.get(a.id) or a.title or a.id),
                safe(a.outlet or "—"),
                safe(a.published or "—"),
                Text(str(a.words), justify="right"),
            )

        widths = [
            len(str(len(articles))),
            0,
            max(map(safe_width, {a.outlet or "—" for a in articles}), default=0),
            max(map(safe_width, {a.published or "—" for a in articles}), default=0),
            words_width(articles, len("Words")),
        ]
        table.add_lazy_rows(len(articles), row, widths)
        table.refilled(cursor)

    def _headline_width(self) -> int:
        """The headline takes what the other columns leave, so 80 columns show every column."""
        return max(20, self.width_now() - 48)

    def fit(self) -> None:
        if self.analysis is not None:
            column = self.query_one("#summary-sources", Table).columns.get("headline")
            if column is None or column.width != self._headline_width():
                self._fill_sources()

    def selected_pin(self):
        """The highlighted summary sentence, for `p` (the sources list has nothing to pin)."""
        from briefing.tui.pins import pin

        claims = self.query_one("#summary-claims", Options)
        if self.analysis is None or not claims.has_focus or claims.highlighted is None or not self.analysis.summary:
            return None
        c = self.analysis.summary[claims.highlighted]
        return pin("claim", "Summary", c.text, c.evidence[0] if c.evidence else None, c.sources[0] if c.sources else None)

    def on_option_list_option_selected(self, event: Options.OptionSelected) -> None:
        event.stop()
        if self.analysis is None or event.option.id is None:
            return
        claim = self.analysis.summary[int(event.option.id)]
        self.post_message(DrillDown(list(claim.evidence), source=claim.sources[0] if claim.sources else None))

    def on_data_table_row_selected(self, event: Table.RowSelected) -> None:
        event.stop()
        if self.analysis is None:
            return
        article = self.analysis.story.articles[event.cursor_row]
        self.post_message(DrillDown([], source=article.id))
