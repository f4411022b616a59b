"""How a stance looks: a symbol and a word as well as a colour, so NO_COLOR loses nothing."""

from __future__ import annotations

from rich.text import Text

# stance -> (symbol, word, colour); ANSI colour names so 16-colour terminals show them too
STANCES: dict[str, tuple[str, str, str]] = {
    "subject": ("◆", "subject", "bold magenta"),
    "supportive": ("++", "supportive", "bold green"),
    "engaged": ("+", "engaged", "cyan"),
    "neutral": ("=", "neutral", ""),
    "critical": ("-", "critical", "yellow"),
    "opposed": ("--", "opposed", "bold red"),
}
ORDER = {name: i for i, name in enumerate(STANCES)}


def label(stance: str) -> Text:
    symbol, word, colour = STANCES.get(stance, ("?", stance, ""))
    return Text(f"{symbol} {word}", style=colour)


def symbol(stance: str) -> Text:
    symbol, _word, colour = STANCES.get(stance, ("?", stance, ""))
    return Text(symbol, style=colour)
