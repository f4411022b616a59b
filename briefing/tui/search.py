"""`/`: search across every source's text; Enter on a result opens the Reader at the match."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from briefing.model import Evidence, Story
from briefing.tui.text import clean
from briefing.tui.widgets import Options

LIMIT = 500
CONTEXT = 50


def find(story: Story, query: str, limit: int = LIMIT) -> list[Evidence]:
    """Case-insensitive literal matches, in source order, at most `limit`."""
    needle = query.strip().lower()
    hits: list[Evidence] = []
    if len(needle) < 2:
        return hits
    for article in story.articles:
        hay = article.text.lower()
        pos = hay.find(needle)
        while pos != -1 and len(hits) < limit:
            end = pos + len(needle)
            hits.append(Evidence(article.id, pos, end, article.text[pos:end]))
            pos = hay.find(needle, end)
        if len(hits) >= limit:
            break
    return hits


def snippet(story: Story, hit: Evidence, numbers: dict[str, int]) -> Text:
    text = story.article(hit.source).text
    a, b = max(0, hit.start - CONTEXT), min(len(text), hit.end + CONTEXT)
    out = Text(f"{numbers.get(hit.source, '?'):>3} ", style="dim")
    out.append(("…" if a else "") + clean(text[a : hit.start]).replace("\n", " "))
    out.append(clean(hit.text).replace("\n", " "), style="reverse bold")
    out.append(clean(text[hit.end : b]).replace("\n", " ") + ("…" if b < len(text) else ""))
    return out


class SearchScreen(ModalScreen[tuple[list[Evidence], int] | None]):
    """A query box over a results list; Escape closes it without moving.

    Chosen, it returns every match and the chosen one, so `n`/`N` in the Reader walk the matches.
    """

    BINDINGS = [Binding("escape", "close", "Close"), Binding("down", "results", "Go to the results (also Enter)", show=False)]

    def __init__(self, story: Story, query: str = "") -> None:
        super().__init__()
        self.story = story
        self.query_text = query
        self.hits: list[Evidence] = []
        self.numbers = {a.id: n for n, a in enumerate(story.articles, 1)}

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            box = Input(value=self.query_text, placeholder="Search all sources…", id="search-input")
            box.cursor_blink = getattr(self.app, "cursor_blink_default", True)
            yield box
            yield Static(id="search-count", markup=False)
            yield Options(id="search-results")

    def on_mount(self) -> None:
        if self.query_text:
            self._search(self.query_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True)
    def _search(self, query: str) -> None:
        hits = find(self.story, query)
        options = [Option(snippet(self.story, h, self.numbers), id=str(i)) for i, h in enumerate(hits)]
        self.app.call_from_thread(self._show, query, hits, options)

    def _show(self, query: str, hits: list[Evidence], options: list[Option]) -> None:
        self.hits = hits
        results = self.query_one("#search-results", Options)
        results.clear_options()
        results.add_options(options)
        if hits:
            results.highlighted = 0
        more = "+" if len(hits) >= LIMIT else ""
        self.query_one("#search-count", Static).update(
            Text(f"{len(hits)}{more} matches" if len(query.strip()) >= 2 else "Type at least two characters; Enter or ↓ goes to the results.", style="dim")
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.hits:
            self.action_results()

    def action_results(self) -> None:
        self.query_one("#search-results", Options).focus()

    def on_option_list_option_selected(self, event: Options.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss((self.hits, int(event.option.id)))

    def action_close(self) -> None:
        self.dismiss(None)
