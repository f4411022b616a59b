"""One copy of each value that unpickled per-article facts repeat, for `pipeline.combine`.

Each article's facts are unpickled on their own, so every article holds its own copy of every
code, kind, cue and word ("US", "name", "said"), and every text offset above 256 is an int object
of its own (pickle shares neither across articles, nor ints at all). At 10,000 articles that is
millions of small objects. A `share_*` function makes the values of one article's facts the very
objects met before in `memo` (equal values, the same type: one copy each), and the lists of
words the combine steps only read into tuples (an empty one is the one empty tuple).

Only values are replaced, never what they mean: ints, floats and strings are kept apart (1 == 1.0,
0.0 == -0.0 and True == 1 must not meet in one dict), and only facts freshly unpickled for
`combine` are given (nothing else holds them).
"""

from __future__ import annotations

from typing import Any


def _ints(memo: dict) -> dict[int, int]:
    got = memo.get(int)
    if got is None:
        got = memo[int] = {}
    return got


def _words(xs: Any, memo: dict) -> tuple[str, ...]:
    """A list of strings as the one shared tuple of the same strings (read-only from here)."""
    if not xs:
        return ()
    t = tuple(xs)
    got = memo.get(t)
    if got is None:
        got = memo[t] = tuple([memo.setdefault(x, x) for x in t])
    return got


def share_quotes(found: Any, memo: dict) -> None:
    """quotes.ArticleQuotes: speakers' names, kinds and word lists; quotes' offsets and cues."""
    s = memo.setdefault
    ints = _ints(memo)
    i = ints.setdefault
    for e in found.entities:
        e.name = s(e.name, e.name)
        e.kind = s(e.kind, e.kind)
        e.forms = _words(e.forms, memo)
        e.aliases = _words(e.aliases, memo)
        e.roles = _words(e.roles, memo)
        e.role_words = _words(e.role_words, memo)
        e.qualifiers = _words(e.qualifiers, memo)
    for q in found.quotes:
        q.start = i(q.start, q.start)
        q.end = i(q.end, q.end)
        if q.cue is not None:
            q.cue = s(q.cue, q.cue)
        if q.description is not None:
            q.description = s(q.description, q.description)
        if q.description_country is not None:
            q.description_country = s(q.description_country, q.description_country)
        q.description_words = _words(q.description_words, memo)
        q.description_heads = _words(q.description_heads, memo)


def share_countries(found: Any, memo: dict) -> None:
    """countries.ArticleCountries: mentions' codes, kinds and offsets; acts' words, weights and
    offsets; the lead events (tuples of words and a weight, kept in a dict of their own)."""
    s = memo.setdefault
    ints = _ints(memo)
    i = ints.setdefault
    floats = memo.get(float)
    if floats is None:
        floats = memo[float] = {}
    events = memo.get(tuple)
    if events is None:
        events = memo[tuple] = {}
    for m in found.mentions:
        m.code = s(m.code, m.code)
        m.kind = s(m.kind, m.kind)
        m.start = i(m.start, m.start)
        m.end = i(m.end, m.end)
        m.sentence_start = i(m.sentence_start, m.sentence_start)
        m.sentence_end = i(m.sentence_end, m.sentence_end)
    for a in found.acts:
        a.code = s(a.code, a.code)
        a.role = s(a.role, a.role)
        a.cue = s(a.cue, a.cue)
        a.stance = s(a.stance, a.stance)
        w = a.weight
        if type(w) is float and w:  # 0.0 and -0.0 are equal: left as they are
            a.weight = floats.setdefault(w, w)
        a.action = s(a.action, a.action)
        a.cameo = s(a.cameo, a.cameo)
        a.question = s(a.question, a.question)
        a.start = i(a.start, a.start)
        a.end = i(a.end, a.end)
        if a.targets:
            a.targets = _words(a.targets, memo)
        a.about = s(a.about, a.about)
    lead = found.lead_events
    for k, ev in enumerate(lead):
        got = events.get(ev)
        if got is None or any(type(x) is not type(y) for x, y in zip(got, ev)):
            if got is None:
                events[ev] = ev
            continue
        lead[k] = got


def share_dates(found: Any, memo: dict) -> None:
    """timeline.ArticleDates: each dated sentence's date, text and terms (frozen: set directly)."""
    s = memo.setdefault
    ints = _ints(memo)
    i = ints.setdefault
    put = object.__setattr__
    for ev in found.events:
        put(ev, "date", s(ev.date, ev.date))
        put(ev, "text", s(ev.text, ev.text))
        put(ev, "start", i(ev.start, ev.start))
        put(ev, "end", i(ev.end, ev.end))
        put(ev, "terms", _words(ev.terms, memo))


def share_claims(found: Any, memo: dict) -> None:
    """compare.ArticleClaims, past what `claims.share` makes one (terms, subjects, clauses and
    texts, in the same `memo`): sentences' offsets and dates, name lists, actions and name forms.
    Only immutable values are replaced (the lists stay the lists they were)."""
    s = memo.setdefault
    ints = _ints(memo)
    i = ints.setdefault
    put = object.__setattr__
    for c in found.sentences:
        c.start = i(c.start, c.start)
        c.end = i(c.end, c.end)
        for d in c.dates:
            put(d, "start", i(d.start, d.start))
            put(d, "end", i(d.end, d.end))
            put(d, "text", s(d.text, d.text))
            put(d, "kind", s(d.kind, d.kind))
            if d.value is not None:
                put(d, "value", s(d.value, d.value))
            if d.until is not None:
                put(d, "until", s(d.until, d.until))
    for n in found.lists:
        put(n, "start", i(n.start, n.start))
        put(n, "end", i(n.end, n.end))
        items = n.items
        got = memo.get(items)
        if got is None:
            got = memo[items] = tuple([(s(k, k), s(d, d)) for k, d in items])
        put(n, "items", got)
        if n.context:
            put(n, "context", _words(n.context, memo))
    for a in found.actions:
        put(a, "actor", s(a.actor, a.actor))
        put(a, "actor_key", s(a.actor_key, a.actor_key))
        put(a, "verb", s(a.verb, a.verb))
        if a.objects:
            put(a, "objects", _words(a.objects, memo))
        put(a, "start", i(a.start, a.start))
        put(a, "end", i(a.end, a.end))
    names = found.names
    for k, x in enumerate(names):
        names[k] = s(x, x)
