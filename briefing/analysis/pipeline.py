"""Running the analysis: a pure per-article pass, then the steps that look across sources.

The per-article pass (`extract`) depends on nothing but the article's text, so its result can be
cached by content hash and computed in parallel; `combine` then merges across sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.analysis import headlines
from briefing.model import Analysis, Article, Story


@dataclass(slots=True)
class ArticleFacts:
    """Everything found in one article on its own. Picklable, for the cache and process pools."""

    article_id: str
    headline: str


def extract(article: Article) -> ArticleFacts:
    return ArticleFacts(article_id=article.id, headline=headlines.headline(article))


def combine(story: Story, facts: list[ArticleFacts]) -> Analysis:
    analysis = Analysis(story=story)
    analysis.headlines = {f.article_id: f.headline for f in facts}
    analysis.title = story.title or (facts[0].headline if facts else "")
    return analysis


def analyse(story: Story) -> Analysis:
    return combine(story, [extract(a) for a in story.articles])
