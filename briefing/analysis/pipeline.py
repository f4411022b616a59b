"""Running the analysis: a pure per-article pass, then the steps that look across sources.

The per-article pass (`extract`) depends on nothing but the article (its text and metadata), so
its result can be cached by content hash and computed in parallel; each concern's `combine` then
merges across sources, in an order where later steps may read what earlier ones filled in
(comparison reads speakers, for name spellings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefing.analysis import compare, countries, headlines, quotes, timeline
from briefing.model import Analysis, Article, Story


@dataclass(slots=True)
class ArticleFacts:
    """Everything found in one article on its own. Picklable, for the cache and process pools."""

    article_id: str
    headline: str
    quotes: quotes.ArticleQuotes
    countries: countries.ArticleCountries
    claims: compare.ArticleClaims
    dates: timeline.ArticleDates


def extract(article: Article) -> ArticleFacts:
    return ArticleFacts(
        article_id=article.id,
        headline=headlines.headline(article),
        quotes=quotes.extract(article),
        countries=countries.extract(article),
        claims=compare.extract(article),
        dates=timeline.extract(article),
    )


def combine(story: Story, facts: list[ArticleFacts]) -> Analysis:
    """Cross-source steps. `facts` is aligned with `story.articles`."""
    analysis = Analysis(story=story)
    analysis.headlines = {f.article_id: f.headline for f in facts}
    analysis.title = story.title or ""
    quotes.combine(analysis, [f.quotes for f in facts])
    countries.combine(analysis, [f.countries for f in facts])
    compare.combine(analysis, [f.claims for f in facts])
    timeline.combine(analysis, [f.dates for f in facts])
    if not analysis.title and facts:
        analysis.title = facts[0].headline
    return analysis


Progress = Callable[[int, int], None]  # (articles done, articles in all)


def analyse(story: Story, progress: Progress | None = None) -> Analysis:
    """The whole analysis. `progress`, if given, is called as articles are extracted."""
    facts = []
    total = len(story.articles)
    for done, article in enumerate(story.articles, 1):
        facts.append(extract(article))
        if progress is not None:
            progress(done, total)
    return combine(story, facts)
