"""Dated events from all sources, normalised and ordered. (Stub: comparison issue.)"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Analysis, Article


@dataclass(slots=True)
class ArticleDates:
    article_id: str


def extract(article: Article) -> ArticleDates:
    return ArticleDates(article.id)


def combine(analysis: Analysis, facts: list[ArticleDates]) -> None:
    """Fill analysis.timeline."""
