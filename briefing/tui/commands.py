"""The command palette's own commands: open a source, jump to a speaker or country, switch pane.

Textual's system commands parse their titles as markup, and these titles are headlines and names
from the articles, so this provider builds its prompts as `Text` and escapes its help lines.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from briefing.tui.text import clean


MAX_HITS = 100  # the palette lists (and measures) every hit it gets: the best this many, by score
YIELD_EVERY = 500  # candidates matched between letting the app run (and a newer keystroke cancel this)


class BriefingCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object], bool, str]]:
        return self.app.palette_commands()

    async def discover(self) -> Hits:
        for title, help_text, callback, discover, _lower in self._commands():
            if discover:
                yield DiscoveryHit(Text(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        """Textual's fuzzy score, for the candidates that hold the query's letters in order (the
        only ones it scores above zero; checking that is 20x cheaper than scoring). With 10,000
        sources a short query matches thousands: only the best MAX_HITS are shown."""
        matcher = self.matcher(query)
        letters = query.lower()  # the matcher ignores case
        scored: list[tuple[float, int]] = []
        commands = self._commands()
        for n, (title, _help, _callback, _discover, lower) in enumerate(commands):
            if n % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)
            if in_order(letters, lower) and (score := matcher.match(title)) > 0:
                scored.append((score, n))
        scored.sort(key=lambda hit: (-hit[0], hit[1]))  # as the palette orders them (a stable sort by score)
        for score, n in scored[:MAX_HITS]:
            title, help_text, callback, _discover, _lower = commands[n]
            prompt = Text(title)
            _score, offsets = matcher.fuzzy_search.match(query, title)
            for offset in offsets:
                prompt.stylize("reverse", offset, offset + 1)
            yield Hit(score, prompt, callback, text=title, help=escape(help_text))


def in_order(letters: str, text: str) -> bool:
    """Whether `letters` occur in `text` in this order (not necessarily together)."""
    at = 0
    for letter in letters:
        at = text.find(letter, at) + 1
        if not at:
            return False
    return True


def title(value: str) -> str:
    """One line of display-safe text for a palette entry."""
    return " ".join(clean(value).split())
