"""The command palette's own commands: open a source, jump to a speaker or country, switch pane.

Textual's system commands parse their titles as markup, and these titles are headlines and names
from the articles, so this provider builds its prompts as `Text` and escapes its help lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from briefing.tui.text import clean


class BriefingCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object], bool]]:
        yield from self.app.briefing_commands()

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in self._commands():
            if discover:
                yield DiscoveryHit(Text(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _discover in self._commands():
            score = matcher.match(title)
            if score > 0:
                prompt = Text(title)
                _score, offsets = matcher.fuzzy_search.match(query, title)
                for offset in offsets:
                    prompt.stylize("reverse", offset, offset + 1)
                yield Hit(score, prompt, callback, text=title, help=escape(help_text))


def title(value: str) -> str:
    """One line of display-safe text for a palette entry."""
    return " ".join(clean(value).split())
