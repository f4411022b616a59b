"""Helpers (no tests here) for the quote, speaker and name tests: short texts of our own, analysed in memory."""

from __future__ import annotations

from pathlib import Path

from briefing.analysis import quotes
from briefing.loader import ArticleInput, build_article
from briefing.model import Analysis, Story


def article(text: str, article_id: str = "a"):
    return build_article(article_id, f"{article_id}.txt", ArticleInput(text))


def analyse(*texts: str) -> Analysis:
    """The quotes, speakers and people of one story made of these texts (sources s0, s1, ...)."""
    arts = [article(t, f"s{i}") for i, t in enumerate(texts)]
    analysis = Analysis(story=Story(path=Path("."), articles=arts))
    quotes.combine(analysis, [quotes.extract(a) for a in arts])
    return analysis


def found(*texts: str) -> list[tuple[str, str | None]]:
    """(quoted text, speaker) of every quotation, in order."""
    return [(q.text, q.speaker) for q in analyse(*texts).quotes]


def speaker_of(texts: str | tuple[str, ...], starts: str) -> str | None:
    texts = (texts,) if isinstance(texts, str) else texts
    for q in analyse(*texts).quotes:
        if q.text.startswith(starts):
            return q.speaker
    raise AssertionError(f"no quotation starts with {starts!r}")
