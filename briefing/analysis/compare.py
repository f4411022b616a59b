"""Comparison across sources: aligned claims, the headline summary, discrepancies, the title.

`extract` finds in one article what comparison needs (claim sentences, lists of names, who-did-what
clauses, name forms); `combine` aligns them across sources (see claims.py for the blocking that
keeps this near-linear) and fills analysis.claims, summary, discrepancies and, when story.yaml
gives none, title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.analysis import claims, discrepancies, summary
from briefing.memory import gc_paused
from briefing.model import Analysis, Article, Claim


@dataclass(slots=True)
class ArticleClaims:
    article_id: str
    headline: str = ""
    sentences: list[claims.ClaimSentence] = field(default_factory=list)
    lists: list[discrepancies.NameList] = field(default_factory=list)
    actions: list[discrepancies.Action] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # multi-word name forms as written


def extract(article: Article) -> ArticleClaims:
    from briefing.analysis.headlines import headline

    sents = claims.sentences(article)
    return ArticleClaims(
        article_id=article.id,
        headline=headline(article),
        sentences=sents,
        lists=discrepancies.name_lists(sents),
        actions=discrepancies.actions(sents),
        names=list(dict.fromkeys(discrepancies.name_runs(article.text))),
    )


def combine(analysis: Analysis, facts: list[ArticleClaims]) -> None:
    """Fill analysis.claims, summary, discrepancies (and title when story.yaml has none).

    The cyclic GC is paused meanwhile: this makes about a million objects (items, index sets,
    evidence) and drops them by reference count, with no cycles among them, but each collection
    triggered on the way would walk every live object of the story again (a third of the time
    at 10,000 articles)."""
    with gc_paused():
        _combine(analysis, facts)


def _combine(analysis: Analysis, facts: list[ArticleClaims]) -> None:
    ids = [f.article_id for f in facts]
    texts = [a.text for a in analysis.story.articles]  # aligned with facts; evidence spans point here
    items = [claims.Item(k, s) for k, f in enumerate(facts) for s in f.sentences]
    alignment = claims.align(items)
    source = [it.source for it in items]
    support = lambda c: (-len(set(map(source.__getitem__, c))), source[c[0]], items[c[0]].sentence.position)  # noqa: E731
    made = summary.Claims(alignment, ids)
    analysis.claims = [made.claim(c) for c in sorted(alignment.clusters, key=support)]
    analysis.summary = summary.summarise(alignment, ids, [len(f.sentences) for f in facts])

    found = []
    people = _name_forms(analysis)
    if not people:  # no person step has run: fall back on this module's own name forms
        runs: dict[str, list[str]] = {}
        for f in facts:
            for form in f.names:
                runs.setdefault(form, []).append(f.article_id)
        people = discrepancies.people_from_runs(list(runs.items()))
    found += discrepancies.spelling_discrepancies(people)
    found += discrepancies.date_discrepancies(alignment, ids)
    found += discrepancies.number_discrepancies(alignment, ids, texts)
    found += discrepancies.list_discrepancies([(k, nl) for k, f in enumerate(facts) for nl in f.lists], ids, texts)
    found += discrepancies.attribution_discrepancies([(k, a) for k, f in enumerate(facts) for a in f.actions], ids, texts)
    analysis.discrepancies = found

    if not analysis.title:
        analysis.title = infer_title([f.headline for f in facts], analysis.summary)


def _name_forms(analysis: Analysis) -> list[tuple[str, dict[str, list[str]]]]:
    out = []
    for person in [*analysis.speakers, *analysis.people]:
        if getattr(person, "kind", "person") == "person" and len(person.forms) >= 2:
            out.append((person.name, person.forms))
    return out


TITLE_SAMPLE = 200  # headlines each candidate title is compared with (all of them, up to this many)


def infer_title(headlines: list[str], summary_claims: list[Claim]) -> str:
    """The headline closest to all the others (what every outlet's title has in common), ties
    going to the one closest to the summary; else the summary's first sentence.

    Closeness to all others is a mean, so past TITLE_SAMPLE headlines it is measured against an
    evenly spaced sample of them: a day of wire copy without a story.yaml would otherwise compare
    every pair of its thousands of headlines (100 s at 10,000). A headline repeated word for word
    is ranked once."""
    heads = [h for h in headlines if h]
    if len(heads) >= 2:
        terms = [set(claims.analyse_text(h)[0]) for h in heads]
        summary_terms = {t for c in summary_claims for t in claims.analyse_text(c.text)[0]}
        others = range(0, len(heads), -(-len(heads) // TITLE_SAMPLE))

        def rank(k: int) -> tuple[float, int, int]:
            central = sum(len(terms[k] & terms[j]) / (len(terms[k] | terms[j]) or 1) for j in others if j != k)
            return (round(central, 6), len(terms[k] & summary_terms), -len(heads[k]))

        first: dict[str, int] = {}  # each headline's first place, in story order
        for k, h in enumerate(heads):
            first.setdefault(h, k)
        return heads[max(first.values(), key=rank)]
    if heads:
        return heads[0]
    return summary_claims[0].text if summary_claims else ""
