"""What keeps a big story's cross-source step small: facts dropped once read, claims' repeated
terms shared, clauses held once, the clause memo bounded. None of it may change what is found."""

from __future__ import annotations

from briefing import cache, model
from briefing.analysis import claims, pipeline
from briefing.export import json_export
from briefing.loader import ArticleInput, build_article

WIRE = (
    "The harbour authority approved the dredging contract for the northern quay on Monday. "
    "Officials said the work would start in March; the quay will reopen next year."
)


def _articles(texts):
    return [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]


def test_share_makes_equal_terms_one_object_and_keeps_the_values():
    arts = _articles([WIRE, WIRE, "The northern quay contract was approved by the harbour authority on Monday."])
    # as combine sees them: each article unpickled on its own, with its own copy of every string
    found = [cache.decode(cache.encode(claims.sentences(a))) for a in arts]
    before = [repr(s) for sents in found for s in sents]
    a, b, c = found
    assert a[0].terms == b[0].terms and a[0].terms is not b[0].terms
    memo: dict = {}
    for sents in found:
        claims.share(sents, memo)
    assert [repr(s) for sents in found for s in sents] == before
    assert a[0].terms is b[0].terms and a[0].text is b[0].text and a[0].clauses is b[0].clauses
    assert a[1].clauses and all(x is y for x, y in zip(a[1].clauses, b[1].clauses))
    harbour = next(t for t in a[0].terms if t.startswith("harbour"))
    assert any(t is harbour for t in c[0].terms)  # one string for a term, whatever the sentence


def test_index_holds_each_distinct_clause_once():
    arts = _articles([WIRE, "Officials said the work would start in March; the tender closes in May for bidders."])
    items = [claims.Item(k, s) for k, art in enumerate(arts) for s in claims.sentences(art)]
    index = claims.Index(items)
    by_number: dict[int, frozenset] = {}
    for clauses in index.shape_clauses:
        for number, terms, _norm in clauses:
            assert by_number.setdefault(number, terms) is terms
    assert len(by_number) == index._n_clauses


def test_a_full_clause_memo_starts_over_and_changes_no_likeness(monkeypatch):
    texts = [
        "The minister said the talks would resume; the delegations meet in Geneva next week, officials said.",
        "The talks would resume, the minister said; delegations meet in Geneva next week with observers.",
        "Delegations meet in Geneva next week; the minister said the talks would resume after the holiday.",
        "Officials said the talks would resume in Geneva; the minister named no date for the delegations.",
    ]
    items = [claims.Item(k, s) for k, art in enumerate(_articles(texts)) for s in claims.sentences(art)]
    full = claims.Index(items)
    want = sorted(full.scored(0.0))
    assert len(full._clause_memo) > 2  # (the clause likenesses are looked up: the limit below bites)
    monkeypatch.setattr(claims, "CLAUSE_MEMO", 2)
    index = claims.Index(items)
    assert sorted(index.scored(0.0)) == want
    assert len(index._clause_memo) <= 2


def test_combine_consuming_the_facts_finds_the_same(seeds_story):
    expected = json_export.dumps(pipeline.combine(seeds_story, [pipeline.extract(a) for a in seeds_story.articles]))
    facts = [cache.decode(cache.encode(pipeline.extract(a))) for a in seeds_story.articles]
    kept = pipeline.combine(seeds_story, facts)
    assert json_export.dumps(kept) == expected
    assert all(type(model.raw(f, n)) is bytes for f in facts for n in pipeline.PARTS)  # left as they were
    assert json_export.dumps(pipeline.combine(seeds_story, facts, consume=True)) == expected
    assert all(model.raw(f, n) is None for f in facts for n in pipeline.PARTS)  # each dropped once read
    assert facts[0].headline  # (what combine reads of them after: kept)
