"""Countries named in the story and where each stands. (Stub: filled in by the countries issue.)"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Analysis, Article


@dataclass(slots=True)
class ArticleCountries:
    article_id: str


def extract(article: Article) -> ArticleCountries:
    return ArticleCountries(article.id)


def combine(analysis: Analysis, facts: list[ArticleCountries]) -> None:
    """Fill analysis.countries, blocs, subject and question."""
