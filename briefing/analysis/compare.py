"""Claims aligned across sources, the headline summary and discrepancies. (Stub: comparison issue.)"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Analysis, Article


@dataclass(slots=True)
class ArticleClaims:
    article_id: str


def extract(article: Article) -> ArticleClaims:
    return ArticleClaims(article.id)


def combine(analysis: Analysis, facts: list[ArticleClaims]) -> None:
    """Fill analysis.claims, summary, discrepancies (and title when story.yaml has none)."""
