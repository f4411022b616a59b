"""Sharing the values of unpickled facts (`sharing`): equal values become one object each, word
lists shared tuples, and nothing read from the facts changes."""

from __future__ import annotations

from briefing import cache, model
from briefing.analysis import countries, pipeline, quotes, sharing, timeline
from briefing.export import json_export
from briefing.loader import ArticleInput, build_article

PAD = "Background paragraph that only moves the offsets along. " * 6
TEXT = (
    'Wednesday\'s talks in Geneva\n'
    '"We will not accept these tariffs," the French foreign minister, Marie Dubois, said on 3 July 2025. '
    "France condemned the tariffs imposed by the United States, while Germany supported the talks. "
    'The ministry said: "Talks go on." Washington rejected the French proposal on 4 July 2025.\n'
)


def _fresh(part, texts):
    """Each article's facts of one concern as combine sees them: unpickled on their own."""
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]
    return [cache.decode(cache.encode(part(a))) for a in arts]


def _values(found):
    """Each object's fields, a tuple of words read as the list it was."""
    return [[list(v) if isinstance(v, (list, tuple)) else v for v in (getattr(o, s) for s in o.__slots__)] for o in found]


def test_countries_share_codes_kinds_offsets_and_keep_every_value():
    found = _fresh(countries.extract, [PAD + TEXT, PAD + TEXT, TEXT])
    a, b, c = found
    assert a.mentions and a.acts and a.mentions[0].start > 256  # (offsets that are int objects of their own)
    assert a.mentions[0].code is not b.mentions[0].code and a.mentions[0].start is not b.mentions[0].start
    before = [repr(f) for f in found]
    memo: dict = {}
    for f in found:
        sharing.share_countries(f, memo)
    assert [repr(f) for f in found] == before
    for x, y in zip(a.mentions, b.mentions):
        assert x.code is y.code and x.kind is y.kind and x.start is y.start and x.sentence_end is y.sentence_end
    for x, y in zip(a.acts, b.acts):
        assert x.action is y.action and x.start is y.start and x.targets is y.targets
        assert x.weight is y.weight or not x.weight
    assert all(x is y for x, y in zip(a.lead_events, b.lead_events))
    assert any(m.code is a.mentions[0].code for m in c.mentions)


def test_countries_share_never_makes_an_int_of_a_float_or_the_other_way():
    f = countries.ArticleCountries("a", lead_events=[("c", "n", "p", 2.0)])
    g = countries.ArticleCountries("b", lead_events=[("c", "n", "p", 2)])
    memo: dict = {}
    sharing.share_countries(f, memo)
    sharing.share_countries(g, memo)
    assert type(f.lead_events[0][3]) is float and type(g.lead_events[0][3]) is int


def test_quotes_share_words_as_tuples_with_the_same_values():
    found = _fresh(quotes.extract, [PAD + TEXT, PAD + TEXT])
    a, b = found
    assert a.entities and a.quotes
    before = [_values([e for e in f.entities]) + _values(f.quotes) for f in found]
    memo: dict = {}
    for f in found:
        sharing.share_quotes(f, memo)
    assert [_values([e for e in f.entities]) + _values(f.quotes) for f in found] == before
    for x, y in zip(a.entities, b.entities):
        assert x.name is y.name and x.forms is y.forms and type(x.forms) is tuple
        assert x.qualifiers == () or x.qualifiers is y.qualifiers
    for x, y in zip(a.quotes, b.quotes):
        assert x.start is y.start and x.description_words is y.description_words


def test_dates_share_texts_and_terms():
    found = _fresh(timeline.extract, [PAD + TEXT, PAD + TEXT])
    a, b = found
    assert a.events
    before = [repr(f) for f in found]
    memo: dict = {}
    for f in found:
        sharing.share_dates(f, memo)
    assert [repr(f) for f in found] == before
    for x, y in zip(a.events, b.events):
        assert x.text is y.text and x.terms is y.terms and x.date is y.date and x.start is y.start


def test_combine_shares_only_facts_it_unpickled(seeds_story):
    facts = [pipeline.extract(a) for a in seeds_story.articles]
    expected = json_export.dumps(pipeline.combine(seeds_story, facts))
    assert all(type(e.forms) is list for f in facts for e in f.quotes.entities)  # the caller's own: untouched
    pickled = [cache.decode(cache.encode(pipeline.extract(a))) for a in seeds_story.articles]
    assert json_export.dumps(pipeline.combine(seeds_story, pickled, consume=True)) == expected
    assert all(model.raw(f, n) is None for f in pickled for n in pipeline.PARTS)


def test_claims_share_offsets_lists_and_actions_and_keep_every_value():
    from briefing.analysis import claims, compare

    text = PAD + TEXT + " Officials from France, Germany and Japan met in Geneva on 5 July 2025 to discuss the tariffs."
    found = _fresh(compare.extract, [text, text])
    a, b = found
    assert a.lists and a.actions and a.names and any(x.dates for x in a.sentences)
    assert a.names[0] is not b.names[0]
    before = [repr(f) for f in found]
    memo: dict = {}
    for f in found:
        sharing.share_claims(f, memo)
        claims.share(f.sentences, memo)
    assert [repr(f) for f in found] == before
    for x, y in zip(a.sentences, b.sentences):
        assert x.start is y.start and x.end is y.end and x.terms is y.terms
        assert all(d.text is e.text for d, e in zip(x.dates, y.dates))
    assert all(x is y for x, y in zip(a.names, b.names))
    for x, y in zip(a.lists, b.lists):
        assert x.items is y.items and x.start is y.start
    for x, y in zip(a.actions, b.actions):
        assert x.actor is y.actor and x.objects is y.objects


def test_combine_pauses_the_cyclic_gc_and_restores_it(seeds_story, monkeypatch):
    import gc

    seen = []
    real = quotes.combine
    monkeypatch.setattr(quotes, "combine", lambda analysis, facts: seen.append(gc.isenabled()) or real(analysis, facts))
    facts = [pipeline.extract(a) for a in seeds_story.articles]
    assert gc.isenabled()
    pipeline.combine(seeds_story, facts)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        pipeline.combine(seeds_story, facts)
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()
