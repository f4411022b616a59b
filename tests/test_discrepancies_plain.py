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


# ---------------------------------------------------------------------------------------------
# Steps on an alignment: claims, summary, numbers, dates. Random stories from a pool of reports
# that agree, disagree (numbers, dates) or say something else.

POOL = [
    "Storm Lena reached the coast of Portugal on Sunday night, cutting power to 40,000 homes.",
    "Storm Lena hit the coast of Portugal on Saturday night and cut power to 45,000 homes.",
    "Power was cut to 40,000 homes when Storm Lena reached the Portuguese coast on Sunday.",
    "The storm killed 12 people in the northern region, the civil protection agency said.",
    "The storm killed 14 people in the northern region, according to the civil protection agency.",
    "At least 12 people died in the northern region after the storm, officials said.",
    "The fishing port of Viana was closed to all boats until Tuesday, harbour officials said.",
    "The port of Viana was closed to all fishing boats until Wednesday, officials said.",
    "The national weather agency had issued a red warning for the whole northern coast.",
    "A local bakery gave free bread to 300 families without power in the town.",
    "Prime Minister Ana Costa visited the flooded town of Viana on Monday.",
    "Prime Minister Ana Kosta visited the flooded town on Monday, 3 March.",
    "Rescue teams evacuated 2,000 residents from the river valley overnight.",
    "About 2,500 residents were evacuated from the river valley by rescue teams overnight.",
    "Insurers said the damage would cost at least 300 million euros across the region.",
]


def random_story(seed: int):
    from briefing.analysis import compare
    from briefing.loader import ArticleInput, build_article

    rng = random.Random(seed)
    texts = [" ".join(rng.sample(POOL, rng.randint(3, 8))) for _ in range(rng.randint(2, 9))]
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]
    return arts, [compare.extract(a) for a in arts]


def aligned(facts, shuffle: random.Random | None = None):
    items = [claims_mod.Item(k, s) for k, f in enumerate(facts) for s in f.sentences]
    if shuffle is not None:
        shuffle.shuffle(items)
    return claims_mod.align(items)


@pytest.mark.parametrize("seed", range(25))
def test_claims_are_to_claim_of_each_cluster(seed):
    from briefing.analysis import summary
    from briefing.model import EvidencePack, raw

    arts, facts = random_story(seed)
    ids = [a.id for a in arts]
    for alignment in (aligned(facts), aligned(facts, random.Random(seed))):
        made = summary.Claims(alignment, ids)
        for cluster in alignment.clusters:
            claim = made.claim(cluster)
            assert type(raw(claim, "evidence")) is EvidencePack  # held packed until read
            assert claim == summary.to_claim(alignment, cluster, ids)
            assert made.claim(cluster, cluster[-1]) == summary.to_claim(alignment, cluster, ids, cluster[-1])


def plain_summarise(alignment, ids, sizes):
    from briefing.analysis import summary as sm

    items, index = alignment.items, alignment.index

    def rank(cluster):
        support = len({items[i].source for i in cluster})
        early = sum(1 - items[i].sentence.position / max(1, sizes[items[i].source]) for i in cluster) / len(cluster)
        few = cluster[:8]
        alike = max((index.similarity(i, j) for i in few for j in few if i < j), default=0.0)
        return (-support, -(early + alike))

    chosen = []
    for cluster in sorted(alignment.clusters, key=rank)[: sm.MAX_EXAMINED]:
        support = len({items[i].source for i in cluster})
        if len(chosen) >= sm.MAX_SENTENCES or (support < 2 and len(chosen) >= sm.MIN_SENTENCES):
            break
        rep = sm.representative(alignment, cluster)
        s = items[rep].sentence
        if s.quoted or len(s.text.split()) > sm.MAX_WORDS or sm.anaphoric(s.text):
            candidates = [i for i in cluster if not items[i].sentence.quoted and not sm.anaphoric(items[i].sentence.text)
                          and len(items[i].sentence.text.split()) <= sm.MAX_WORDS]
            if not candidates:
                continue
            rep = max(candidates[: sm.SAMPLE], key=lambda i: sum(index.similarity(i, j) for j in cluster[: sm.SAMPLE]))
        if any(index.cosine(rep, j) >= sm.REDUNDANT for _other, members in chosen for j in members[: sm.MAX_COMPARED]):
            continue
        chosen.append((rep, cluster))
    return [sm.to_claim(alignment, cluster, ids, rep) for rep, cluster in chosen]


@pytest.mark.parametrize("seed", range(25))
def test_summary_is_the_plain_ranking(seed):
    from briefing.analysis import summary

    arts, facts = random_story(seed)
    ids = [a.id for a in arts]
    alignment = aligned(facts)
    sizes = [len(f.sentences) for f in facts]
    assert summary.summarise(alignment, ids, sizes) == plain_summarise(alignment, ids, sizes)


def plain_numbers(alignment, ids, texts, leaders):
    items, index = alignment.items, alignment.index
    nums = [(n, num) for n, it in enumerate(items) for num in it.sentence.numbers if num.unit]
    by_unit = defaultdict(list)
    for k, (_n, num) in enumerate(nums):
        by_unit[num.unit].append(k)
    group = list(range(len(nums)))
    for post in by_unit.values():
        for x in post[:leaders]:
            for y in post:
                (i, a), (j, b) = nums[x], nums[y]
                if x != y and items[i].source != items[j].source and set(a.near) & set(b.near) \
                        and index.similarity(i, j) >= discrepancies.NUMBER_TOPIC:
                    old, new = group[y], group[x]
                    group = [new if g == old else g for g in group]
    groups = defaultdict(list)
    for k, g in enumerate(group):
        groups[g].append(k)
    out = []
    for members in sorted(groups.values()):
        values = {}
        for k in members:
            n, num = nums[k]
            label = f"{num.value} {num.text.split()[-1]}" if " " in num.text else num.value
            if ids[items[n].source] not in values.setdefault(label, []):
                values[label].append(ids[items[n].source])
        if len({nums[k][1].value for k in members}) < 2:
            continue
        first = nums[members[0]][1]
        evidence = [Evidence(ids[items[n].source], num.start, num.end, texts[items[n].source][num.start : num.end])
                    for n, num in (nums[k] for k in members)]
        out.append(Discrepancy("number", f"how many {first.text.split()[-1]}" if " " in first.text else "a number",
                               values, evidence))
    return out


@pytest.mark.parametrize("seed", range(25))
def test_numbers_are_the_plain_grouping(seed, monkeypatch):
    arts, facts = random_story(seed)
    leaders = random.Random(seed).choice([1, 2, 24])
    monkeypatch.setattr(discrepancies, "LEADERS", leaders)
    ids, texts = [a.id for a in arts], [a.text for a in arts]
    alignment = aligned(facts)
    assert discrepancies.number_discrepancies(alignment, ids, texts) == plain_numbers(alignment, ids, texts, leaders)


def plain_dates(alignment, ids):
    items = alignment.items
    lead_dates = {}
    for n, it in enumerate(items):
        if it.sentence.position < discrepancies.LEAD and it.source not in lead_dates:
            first = next(discrepancies._day_dates(it.sentence), None)
            if first is not None:
                lead_dates[it.source] = [(n, first)]
    out = []
    for cluster in alignment.clusters:
        sources = {items[i].source for i in cluster}
        found = [(i, m) for i in cluster for m in discrepancies._day_dates(items[i].sentence)]
        if len(sources) < 2 or not found:
            continue
        dated = {items[i].source for i, _ in found}
        in_lead = {items[i].source for i in cluster if items[i].sentence.position < discrepancies.LEAD}
        for src in (sources - dated) & in_lead:
            found += lead_dates.get(src, [])
        values, resolved, evidence = {}, {}, []
        for i, m in found:
            label = m.label()
            if ids[items[i].source] not in values.setdefault(label, []):
                values[label].append(ids[items[i].source])
            resolved[label] = (m.value, m.until) if m.value else ("?", m.text.lower())
            evidence.append(Evidence(ids[items[i].source], m.start, m.end, m.text))
        if len(set(resolved.values())) >= 2:
            out.append(Discrepancy("date", f"when: {short(items[cluster[0]].sentence.text)}", values, evidence))
    return out


@pytest.mark.parametrize("seed", range(25))
def test_dates_are_the_plain_rule(seed):
    arts, facts = random_story(seed)
    ids = [a.id for a in arts]
    alignment = aligned(facts)
    assert discrepancies.date_discrepancies(alignment, ids) == plain_dates(alignment, ids)


def test_random_stories_have_discrepancies_of_each_kind():
    kinds = set()
    for seed in range(25):
        arts, facts = random_story(seed)
        ids, texts = [a.id for a in arts], [a.text for a in arts]
        alignment = aligned(facts)
        kinds |= {d.kind for d in discrepancies.number_discrepancies(alignment, ids, texts)}
        kinds |= {d.kind for d in discrepancies.date_discrepancies(alignment, ids)}
    assert kinds == {"number", "date"}


# ---------------------------------------------------------------------------------------------
# Spelling


def plain_spelling(people):
    out = []
    for name, forms in people:
        items = [(f, discrepancies.core(f), srcs) for f, srcs in forms.items()]
        items = [x for x in items if x[1]]
        words, whole = {}, {}
        for n, (fa, ca, sa) in enumerate(items):
            for fb, cb, sb in items[n + 1 :]:
                if set(sa) == set(sb):
                    continue
                verdict = discrepancies.compare_names(ca, cb)
                if isinstance(verdict, tuple):
                    for word, srcs in zip(verdict, (sa, sb)):
                        bucket = words.setdefault(word, [])
                        for s in srcs:
                            if s not in bucket:
                                bucket.append(s)
                elif verdict is True:
                    for form, c, srcs in ((fa, ca, sa), (fb, cb, sb)):
                        bucket = whole.setdefault(discrepancies._shown(form, c), [])
                        for s in srcs:
                            if s not in bucket:
                                bucket.append(s)
        if len(words) >= 2:
            out.append(Discrepancy("spelling", f"spelling of {name}", {k: sorted(v) for k, v in words.items()}))
        if len(whole) >= 2:
            out.append(Discrepancy("spelling", f"name of {name}", {k: sorted(v) for k, v in whole.items()}))
    return out


@pytest.mark.parametrize("seed", range(100))
def test_spelling_is_the_plain_rule(seed):
    rng = random.Random(seed)
    variants = ["Ana Costa", "Ana Kosta", "Costa", "Prime Minister Ana Costa", "Ana Maria Costa", "Maria Costa",
                "Dr. Ana Costa", "Anna Costa", "Ana Costas"]
    people = []
    for p in range(rng.randint(1, 3)):
        forms = {f: [f"s{rng.randint(0, 9)}" for _ in range(rng.randint(1, 4))]
                 for f in rng.sample(variants, rng.randint(1, len(variants)))}
        people.append((f"person {p}", forms))
    assert discrepancies.spelling_discrepancies(people) == plain_spelling(people)


def test_combine_leaves_the_cyclic_gc_as_it_found_it():
    import gc

    from briefing.analysis import compare
    from briefing.model import Analysis, Story

    arts, facts = random_story(1)
    for was_on in (True, False):
        (gc.enable if was_on else gc.disable)()
        try:
            analysis = Analysis(story=Story(path=None, articles=arts), title="T")
            compare.combine(analysis, facts)
            assert gc.isenabled() is was_on
            assert analysis.claims
        finally:
            gc.enable()


def test_claims_hold_one_copy_of_each_repeated_sentence():
    from briefing.analysis import summary
    from briefing.model import raw

    _arts, facts = random_story(3)
    facts = facts[:1] * 3  # three sources printing the same sentences (distinct string objects)
    for k, f in enumerate(facts[1:], 1):
        facts[k] = type(f)(f.article_id, f.headline, [type(s)(**{n: getattr(s, n) for n in s.__slots__})
                                                     for s in f.sentences])
        for s in facts[k].sentences:
            s.text = "".join(list(s.text))  # an equal string, another object
    alignment = aligned(facts)
    made = summary.Claims(alignment, ["s0", "s1", "s2"])
    for cluster in alignment.clusters:
        claim = made.claim(cluster)
        texts = raw(claim, "evidence")[3]
        assert all(t is texts[0] for t in texts if t == texts[0])
        assert any(claim.text is t for t in texts)
    assert max(len(c) for c in alignment.clusters) == 3
