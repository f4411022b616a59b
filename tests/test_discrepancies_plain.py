"""The cross-source discrepancy and claim steps against the plain rules their shortcuts replace.

Each `plain_*` function below is the step written the direct way (as it was before it was made
faster); random inputs, small enough to hit every branch and with `LEADERS` lowered so that the
blocking cut-offs matter, must give exactly the same output, in the same order.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from briefing.analysis import claims as claims_mod
from briefing.analysis import discrepancies
from briefing.analysis.discrepancies import Action, NameList, _CLAUSE_END, short
from briefing.model import Discrepancy, Evidence

# ---------------------------------------------------------------------------------------------
# Attribution


def plain_attribution(acts, ids, texts, leaders):
    """Every posting's first `leaders` acts paired with every act of that posting; the pairs in
    order, each entering its two acts into the discrepancy of its (verb, objects in common)."""
    postings = defaultdict(list)
    for n, (_src, a) in enumerate(acts):
        for o in a.objects:
            postings[(a.verb, o)].append(n)
    pairs = set()
    for post in postings.values():
        for x in post[:leaders]:
            for y in post:
                if acts[x][0] != acts[y][0] and acts[x][1].actor_key != acts[y][1].actor_key:
                    pairs.add((min(x, y), max(x, y)))
    merged = {}
    for x, y in sorted(pairs):
        a, b = acts[x][1], acts[y][1]
        if a.months or b.months:
            if not set(a.months) & set(b.months):
                continue
        elif len(set(a.objects) & set(b.objects)) < 2:
            continue
        key = (a.verb, tuple(sorted(set(a.objects) & set(b.objects))))
        if key not in merged:
            sa = acts[x][0]
            action = texts[sa][a.start : a.end].split(maxsplit=len(a.actor.split()))[-1]
            merged[key] = (f"who {short(_CLAUSE_END.split(action)[0])}", {}, [], [])
        _what, values, evidence, entered = merged[key]
        for z in (x, y):
            if z in entered:
                continue
            entered.append(z)
            src, act = acts[z]
            if ids[src] not in values.setdefault(act.actor, []):
                values[act.actor].append(ids[src])
            if all((e.source, e.start) != (ids[src], act.start) for e in evidence):
                evidence.append(Evidence(ids[src], act.start, act.end, texts[src][act.start : act.end]))
    return [Discrepancy("attribution", what, values, evidence)
            for what, values, evidence, _ in merged.values() if len(values) >= 2]


def random_acts(rng: random.Random, sources: int):
    words = ["border", "crossing", "port", "road", "bank", "school"]
    actors = ["Police", "The Army", "Russia", "The Ministry"]
    acts = []
    for src in range(sources):
        for _ in range(rng.randint(0, 4)):
            actor = rng.choice(actors)
            start = rng.randint(0, 40)
            objects = tuple(rng.sample(words, rng.randint(1, 4)))
            months = tuple(sorted(rng.sample([1, 2, 3], rng.choice([0, 0, 1, 2]))))
            acts.append((src, Action(0, actor, actor.lower(), rng.choice(["close", "shut"]), objects, months,
                                     start, start + rng.randint(len(actor) + 6, 60))))
    return acts


@pytest.mark.parametrize("seed", range(300))
def test_attribution_is_the_plain_pairing(seed, monkeypatch):
    rng = random.Random(seed)
    leaders = rng.choice([1, 2, 3, 24])
    monkeypatch.setattr(discrepancies, "LEADERS", leaders)
    sources = rng.randint(1, 12)
    texts = [f"Source {k} says " + "The Army closed the border crossing, the port and the road - at once. " * 2
             for k in range(sources)]
    ids = [f"s{k}" for k in range(sources)]
    acts = random_acts(rng, sources)
    assert discrepancies.attribution_discrepancies(acts, ids, texts) == plain_attribution(acts, ids, texts, leaders)
