"""Turning untrusted strings (article text, titles, names, file names) into safe display text.

Article text must never reach the terminal as markup or escape sequences, so everything shown
goes through `safe` (a `rich.text.Text`, never markup) after `clean` has replaced control
characters one-for-one, which keeps every offset into the text valid.
"""

from __future__ import annotations

from rich.text import Text

from briefing.safe_text import inert


def clean(value: str) -> str:
    """Control characters (ESC, BEL, C1 codes, bidi overrides) become U+FFFD, a tab a space;
    the length is unchanged, so offsets into the text stay valid."""
    return inert(value).replace("\t", " ")


def safe(value: str | None, style: str = "") -> Text:
    """A literal Text: brackets stay brackets, escapes are defused."""
    return Text(clean(value or "").replace("\n", " "), style=style)


def shorten(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: max(0, limit - 1)].rstrip() + "…"
