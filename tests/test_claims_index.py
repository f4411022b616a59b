"""The alignment index's exact arithmetic and its pair blocking, checked against the plain forms
they replace (math.fsum over floats; a set of every pair found)."""

from __future__ import annotations

import math
import random

from briefing.analysis import claims, discrepancies
from briefing.loader import ArticleInput, build_article


def test_integer_weights_sum_exactly_like_fsum():
    rng = random.Random(7)
    weights = {f"t{k}": (math.log(rng.randint(2, 10**6) / rng.randint(1, 2)) + 1.0) ** 2 for k in range(300)}
    exact = claims.exact_weights(weights)
    names = list(weights)
    for _ in range(2000):
        pick = rng.sample(names, rng.randint(0, 40))
        assert sum(exact[t] for t in pick) / claims.SCALE == math.fsum(weights[t] for t in pick)


def test_integer_weights_refuse_a_weight_below_one():
    try:
        claims.exact_weights({"a": 0.5})
    except ValueError:
        return
    raise AssertionError("a weight below 1 cannot be scaled to a whole number exactly")


def _items(texts):
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]
    return [claims.Item(k, s) for k, art in enumerate(arts) for s in claims.sentences(art)]


TEXTS = [
    "The harbour authority approved the dredging contract for the northern quay on Monday.",
    "Dredging of the northern quay was approved by the harbour authority, officials said.",
    "The harbour authority approved the dredging contract for the northern quay on Monday.",
    "The orchestra announced a tour of twelve cities next spring; tickets go on sale soon.",
    "A tour of twelve cities next spring was announced by the orchestra and its conductor.",
    "The harbour authority said the quay contract would create work for local dredging firms.",
    "The conductor said the orchestra would play twelve cities, selling tickets from Friday.",
]


def test_candidates_are_each_pair_found_by_either_lookup_once():
    items = _items(TEXTS)
    index = claims.Index(items)
    got = list(index.candidates())
    assert len(got) == len(set(got))
    want = set()
    for i, p in enumerate(index.primary):
        if p != i:
            continue
        for t in index.query[i]:
            for j in index.postings.get(t, ())[: claims.LEADERS]:
                if j != i:
                    want.add((min(i, j), max(i, j)))
    assert set(got) == want


def test_scored_pairs_are_the_candidates_with_their_similarity():
    items = _items(TEXTS)
    index = claims.Index(items)
    scored = list(index.scored(0.0))
    assert sorted((i, j) for _s, i, j in scored) == sorted(
        (i, j) for i, j in index.candidates() if index.sets[i] & index.sets[j]
    )
    for sim, i, j in scored:
        assert sim == index.similarity(i, j) == index.similarity(j, i)


def test_pair_keys_sort_like_the_tuples_they_pack():
    from array import array

    rng = random.Random(11)
    width = 17
    floats = [0.0, 1.0, 0.32, 0.42, 5e-324, 1.0000000000000002, 0.9999999999999999, 2.5, 1e300]
    pairs = []
    for _ in range(3000):
        sim = rng.choice(floats) if rng.random() < 0.3 else rng.random() * rng.choice([1e-3, 1.0, 1.5])
        pairs.append((sim, rng.randrange(1 << width), rng.randrange(1 << width), rng.random() < 0.5))
    pairs += [(s, i, j, not d) for s, i, j, d in pairs[:200]]  # ties up to `dated`
    pairs += [(s, i, (j + 1) % (1 << width), d) for s, i, j, d in pairs[:200]]  # up to j
    pairs += [(s, (i + 1) % (1 << width), j, d) for s, i, j, d in pairs[:200]]  # up to i
    sims = array("d", [p[0] for p in pairs])
    rest = array("Q", [(i << width | j) << 1 | d for _s, i, j, d in pairs])
    keys = claims.pair_keys(sims, rest, width)
    assert [claims.unpair(k, width) for k in keys] == pairs
    assert [claims.unpair(k, width) for k in sorted(keys, reverse=True)] == sorted(pairs, reverse=True)


def test_similarity_is_the_best_of_sentence_and_clause_cosines():
    items = _items(TEXTS)
    index = claims.Index(items)
    idf2 = index.idf2
    for i in range(len(items)):
        for j in range(len(items)):
            si, sj = items[i].sentence, items[j].sentence
            shared = set(si.terms) & set(sj.terms)
            if not shared:
                assert index.similarity(i, j) == 0.0
                continue
            best = math.fsum(idf2[t] for t in shared) / (index.norm[i] * index.norm[j])
            if len(shared) >= claims.MIN_SHARED and best >= claims.CLAUSE_FLOOR:
                ca = [(set(c), math.sqrt(math.fsum(idf2[t] for t in c))) for c in si.clauses] or [(set(si.terms), index.norm[i])]
                cb = [(set(c), math.sqrt(math.fsum(idf2[t] for t in c))) for c in sj.clauses] or [(set(sj.terms), index.norm[j])]
                if len(ca) > 1 or len(cb) > 1:
                    for a, na in ca:
                        for b, nb in cb:
                            if len(a & b) >= claims.MIN_SHARED:
                                best = max(best, math.fsum(idf2[t] for t in a & b) / (na * nb))
            assert index.similarity(i, j) == best


def test_attribution_pairs_each_pair_of_sources_and_actors_once():
    texts = [
        "The Interior Ministry closed the border crossing with its neighbour after the clashes on Monday.",
        "The Army closed the border crossing with its neighbour after the clashes on Monday.",
        "Police closed the border crossing with its neighbour after the clashes on Monday.",
    ]
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]
    acts = [(k, a) for k, art in enumerate(arts) for a in discrepancies.actions(claims.sentences(art))]
    found = discrepancies.attribution_discrepancies(acts, [f"s{k}" for k in range(3)], texts)
    assert len(found) == 1
    assert sorted(found[0].values) == ["Police", "The Army", "The Interior Ministry"]
    assert [e.source for e in found[0].evidence] == ["s0", "s1", "s2"]


def test_name_run_pattern_matches_what_the_repeated_form_matched():
    import re

    repeated = re.compile(r"(?:[A-Z][a-z\u00e0-\u024f]+(?:[\-'][A-Za-z]+)?\s+){1,4}[A-Z][a-z\u00e0-\u024f]+")
    rng = random.Random(3)
    alphabet = "AbCdE fG-h'Ij\nKl Mn  O\u00e9p"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        assert discrepancies._RUN.findall(text) == repeated.findall(text)
    text = "Yesterday Prime Minister Anna Kowalska met Maria Lopez-Garcia in the capital."
    assert discrepancies.name_runs(text) == ["Anna Kowalska", "Maria Lopez"]
    assert discrepancies.name_runs(text) == ["Anna Kowalska", "Maria Lopez"]  # (again, remembered)
