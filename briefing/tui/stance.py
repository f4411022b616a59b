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


def _style(colour: str, use_colour: bool) -> str:
    """Without colour only the weight is kept: NO_COLOR's greyscale makes red and magenta near-invisible."""
    return colour if use_colour else ("bold" if "bold" in colour else "")


def label(stance: str, use_colour: bool = True) -> Text:
    symbol, word, colour = STANCES.get(stance, ("?", stance, ""))
    return Text(f"{symbol} {word}", style=_style(colour, use_colour))


def symbol(stance: str, use_colour: bool = True) -> Text:
    symbol, _word, colour = STANCES.get(stance, ("?", stance, ""))
    return Text(symbol, style=_style(colour, use_colour))
