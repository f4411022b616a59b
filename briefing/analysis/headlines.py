"""One headline per source: its title line, or its lead sentence where it has none."""

from __future__ import annotations

from briefing.model import Article


def headline(article: Article) -> str:
    if article.title:
        return article.title.lstrip("#").strip()
    for s in article.sentences:
        para = article.paragraphs[s.paragraph]
        if para.heading:
            continue  # a section label such as "What's happened"
        return article.text[s.start : s.end].strip()
    return ""
