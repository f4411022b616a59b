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


# ---------------------------------------------------------------------------------------------
# Lists


def plain_lists(lists, ids, texts, leaders):
    """Every list compared with the first `leaders` lists of each of its keys; matching lists
    joined; each group of two sources and two versions a discrepancy."""
    postings = defaultdict(list)
    for n, (_src, nl) in enumerate(lists):
        for key, _ in nl.items:
            postings[key].append(n)
    group = list(range(len(lists)))  # group of each list: relabelled on a join (no union-find)
    for n, (_src, nl) in enumerate(lists):
        keys = {k for k, _ in nl.items}
        near = {m for key in keys for m in postings[key][:leaders]} - {n}
        for m in near:
            other = {k for k, _ in lists[m][1].items}
            common = len(keys & other)
            if common >= 2 and common >= 0.5 * min(len(keys), len(other)) and set(nl.context) & set(lists[m][1].context):
                old, new = group[m], group[n]
                group = [new if g == old else g for g in group]
    groups = defaultdict(list)
    for n, g in enumerate(group):
        groups[g].append(n)
    out = []
    for members in sorted(groups.values()):
        sources = {lists[n][0] for n in members}
        sets = {frozenset(k for k, _ in lists[n][1].items) for n in members}
        if len(sources) < 2 or len(sets) < 2:
            continue
        shortest = {}
        for n in members:
            for key, display in lists[n][1].items:
                if key not in shortest or len(display) < len(shortest[key]):
                    shortest[key] = display
        values, label_of = {}, {}
        for n in members:
            src, nl = lists[n]
            keys = frozenset(k for k, _ in nl.items)  # (a set of keys keeps its first wording)
            label = label_of.setdefault(keys, ", ".join(shortest[k] for k, _ in nl.items))
            if ids[src] not in values.setdefault(label, []):
                values[label].append(ids[src])
        evidence = [Evidence(ids[lists[n][0]], lists[n][1].start, lists[n][1].end,
                             texts[lists[n][0]][lists[n][1].start : lists[n][1].end]) for n in members]
        common = set.intersection(*(set(s) for s in sets))
        what = "who is listed" + (f" with {', '.join(shortest[k] for k in sorted(common))}" if common else "")
        out.append(Discrepancy("list", what, values, evidence))
    return out


def random_lists(rng: random.Random, sources: int):
    members = [("@fr", "France"), ("@de", "Germany"), ("@it", "Italy"), ("@es", "Spain"), ("uae", "UAE"),
               ("uae", "the United Arab Emirates"), ("@pl", "Poland")]
    words = ["talk", "summit", "sanction", "trade"]
    lists = []
    for src in range(sources):
        for k in range(rng.randint(0, 3)):
            items = tuple(dict(rng.sample(members, rng.randint(3, 5))).items())
            context = tuple(rng.sample(words, rng.randint(0, 2)))
            start = rng.randint(0, 30)
            lists.append((src, NameList(k, start, start + rng.randint(5, 40), items, context)))
    return lists


@pytest.mark.parametrize("seed", range(300))
def test_lists_are_the_plain_grouping(seed, monkeypatch):
    rng = random.Random(seed)
    leaders = rng.choice([1, 2, 3, 24])
    monkeypatch.setattr(discrepancies, "LEADERS", leaders)
    sources = rng.randint(1, 10)
    texts = [f"Source {k}: France, Germany, Italy and Spain met the UAE, Poland and others." for k in range(sources)]
    ids = [f"s{k}" for k in range(sources)]
    lists = random_lists(rng, sources)
    assert discrepancies.list_discrepancies(lists, ids, texts) == plain_lists(lists, ids, texts, leaders)
