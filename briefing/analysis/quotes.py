"""Direct quotations and who said them. (Stub: filled in by the foundation issue.)"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Analysis, Article


@dataclass(slots=True)
class ArticleQuotes:
    article_id: str


def extract(article: Article) -> ArticleQuotes:
    return ArticleQuotes(article.id)


def combine(analysis: Analysis, facts: list[ArticleQuotes]) -> None:
    """Fill analysis.quotes, speakers, people and quote_variants."""
