"""Dated events from all sources, normalised to one calendar and ordered.

Each reporting sentence that dates what it says becomes an event at its first date that is not
background ("since 2021" sets context, it is not when the sentence's fact happened). Events of one
date from several sources merge when their sentences share enough terms, so that the timeline
shows each event once, with every source that dates it so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from briefing.analysis import boilerplate, claims, dates
from briefing.model import Analysis, Article, Evidence, TimelineEvent

SAME_EVENT = 0.5  # share of the shorter one's terms from which two sentences of one date tell one event


@dataclass(frozen=True, slots=True)
class DatedSentence:
    date: str  # ISO prefix
    start: int
    end: int
    text: str
    terms: tuple[str, ...]


@dataclass(slots=True)
class ArticleDates:
    article_id: str
    events: list[DatedSentence] = field(default_factory=list)


def extract(article: Article) -> ArticleDates:
    """Sentences with a date of their own: found from the dates (one scan of the text), so that
    only dated sentences are analysed further."""
    skip = boilerplate.paragraphs(article)
    text = article.text
    out: list[DatedSentence] = []
    done: set[int] = set()
    for m in dates.in_article(article):
        if not m.value or m.background:
            continue
        s = article.sentence_at(m.start)
        if s is None or s.start in done or s.paragraph in skip or article.paragraphs[s.paragraph].heading:
            continue
        done.add(s.start)
        raw = text[s.start : s.end]
        body = raw.strip().lstrip("-*\u2022 ").rstrip()
        if len(body.split()) < claims.MIN_WORDS or body.endswith("?"):
            continue
        start = s.start + raw.index(body[:1])
        out.append(DatedSentence(m.value, start, start + len(body), body, claims.analyse_text(body)[0]))
    return ArticleDates(article.id, out)


def combine(analysis: Analysis, facts: list[ArticleDates]) -> None:
    """Fill analysis.timeline: events by date (coarse dates before finer ones of the same
    period, as "2025" < "2025-07"), each date's events grouped by shared terms."""
    by_date: dict[str, list[tuple[str, DatedSentence]]] = defaultdict(list)
    for f in facts:
        for ev in f.events:
            by_date[ev.date].append((f.article_id, ev))
    out: list[TimelineEvent] = []
    for date in sorted(by_date):
        groups: list[list[tuple[str, DatedSentence]]] = []
        for src, ev in by_date[date]:
            terms = set(ev.terms)
            for g in groups:
                first = set(g[0][1].terms)
                if len(terms & first) / (min(len(terms), len(first)) or 1) >= SAME_EVENT:
                    g.append((src, ev))
                    break
            else:
                groups.append([(src, ev)])
        for g in groups:
            sources = list(dict.fromkeys(src for src, _ in g))
            text = min((ev.text for _, ev in g), key=len)
            out.append(TimelineEvent(date, text, sources, [Evidence(src, ev.start, ev.end, ev.text) for src, ev in g]))
    analysis.timeline = out
