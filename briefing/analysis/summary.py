"""The headline summary: the few facts the most sources state, each said once, with its sources.

Extractive on purpose: every sentence shown is one an outlet printed, and its evidence is the
sentence in each source that states it.
"""

from __future__ import annotations

import re
from array import array

from briefing import lexicon
from briefing.analysis.claims import Alignment
from briefing.model import PACK, Claim, Evidence, EvidencePack

MAX_SENTENCES = 6
MIN_SENTENCES = 3
REDUNDANT = 0.32  # cosine from which a candidate repeats a sentence already chosen
MAX_WORDS = 45  # a longer sentence is hard to read as a summary line
MAX_COMPARED = 50  # members of a chosen fact a candidate is checked against for repetition
SAMPLE = 12  # members of a large cluster that stand for it when choosing its wording
MAX_EXAMINED = 200  # candidate facts looked at before the summary makes do with what it has


_FIRST = re.compile(r"[A-Za-z']+")


def anaphoric(text: str) -> bool:
    """The sentence opens by pointing back ("This marks...", "But..."): it needs its context."""
    m = _FIRST.search(text)
    return bool(m) and m.group(0).lower() in lexicon.words("summary", "anaphoric_openers")


def representative(alignment: Alignment, cluster: list[int]) -> int:
    """The member that best stands for the cluster: central, dated if any member is, readable."""
    items = alignment.items
    index = alignment.index
    sample = cluster[:SAMPLE]

    def score(i: int) -> float:
        s = items[i].sentence
        others = [j for j in sample if j != i]
        central = sum(index.similarity(i, j) for j in others) / len(others) if others else 0.0
        dated = any(m.precision == 3 and m.kind == "absolute" and not m.background for m in s.dates)
        words = len(s.text.split())
        # the mean likeness to the others first; a full date, brevity and standing alone help
        return (central + 0.25 * dated - 0.01 * max(0, words - 30) - 0.3 * s.quoted - 0.3 * anaphoric(s.text)
                - 0.001 * s.position)

    return max(sample, key=score)


def to_claim(alignment: Alignment, cluster: list[int], ids: list[str], rep: int | None = None) -> Claim:
    """The cluster as a claim: its representative's wording, its sources, and the sentence of each
    member as evidence (by source, then position in the source). `Claims` makes many at once."""
    items = alignment.items
    rep = representative(alignment, cluster) if rep is None else rep
    sources = sorted({items[i].source for i in cluster})
    evidence = [
        Evidence(ids[items[i].source], items[i].sentence.start, items[i].sentence.end, items[i].sentence.text)
        for i in sorted(cluster, key=lambda i: (items[i].source, items[i].sentence.position))
    ]
    return Claim(items[rep].sentence.text, [ids[s] for s in sources], evidence)


_before = tuple.__lt__


class Claims:
    """Clusters of one alignment as claims (what `to_claim` makes of each), with what every claim reads of the items
    gathered once. Evidence is made packed (model.EvidencePack: four columns, unpacked into
    Evidence objects on first read): a story of 10,000 articles has ~200,000 evidence sentences,
    most in claims no view ever opens."""

    def __init__(self, alignment: Alignment, ids: list[str]):
        self.alignment = alignment
        self.ids = ids
        items = alignment.items
        self.source = source = [it.source for it in items]
        self.position = position = [it.sentence.position for it in items]
        # Items are made source by source in sentence order: then an item's number is its place
        # in (source, position) order, and members sort as plain numbers.
        # one copy of each sentence text (wire copy repeats sentences word for word): as the cache
        # writes evidence it packs itself, so that a cached analysis holds each text once
        self._texts: dict[str, str] = {}
        self.in_order = all(map(_before, zip(source, position), zip(source[1:], position[1:])))

    def claim(self, cluster: list[int], rep: int | None = None) -> Claim:
        alignment, ids, source, same = self.alignment, self.ids, self.source, self._texts.setdefault
        items = alignment.items
        rep = representative(alignment, cluster) if rep is None else rep
        if self.in_order:
            members = sorted(cluster)
        else:
            position = self.position
            members = sorted(cluster, key=lambda i: (source[i], position[i]))
        sentences = [items[i].sentence for i in members]
        srcs = [source[i] for i in members]
        evidence: list[Evidence] | EvidencePack
        try:
            evidence = EvidencePack((
                tuple([ids[k] for k in srcs]),
                array(PACK, [s.start for s in sentences]),
                array(PACK, [s.end for s in sentences]),
                tuple([same(s.text, s.text) for s in sentences]),
            ))
        except (OverflowError, TypeError):  # an offset the packed column cannot hold
            evidence = [Evidence(ids[k], s.start, s.end, s.text) for k, s in zip(srcs, sentences)]
        text = items[rep].sentence.text
        return Claim(same(text, text), [ids[k] for k in sorted(set(srcs))], evidence)


def summarise(alignment: Alignment, ids: list[str], sizes: list[int]) -> list[Claim]:
    """3-6 sentences: the most widely reported facts first, the lead of each article breaking ties.

    `sizes` is each source's number of claim sentences, so that "early in the article" is
    measured relative to its length.
    """
    items = alignment.items
    index = alignment.index

    source = [it.source for it in items]
    # how early each item comes in its source (1 the lead, towards 0 the end)
    earliness = [1 - it.sentence.position / max(1, sizes[it.source]) for it in items]

    def rank(cluster: list[int]):
        """Most sources first; among equals, the facts the sources state early and alike."""
        support = len(set(map(source.__getitem__, cluster)))
        early = sum(map(earliness.__getitem__, cluster)) / len(cluster)
        few = cluster[:8]
        alike = max((index.similarity(i, j) for i in few for j in few if i < j), default=0.0)
        return (-support, -(early + alike))

    chosen: list[tuple[int, list[int]]] = []
    for cluster in sorted(alignment.clusters, key=rank)[:MAX_EXAMINED]:
        support = len({items[i].source for i in cluster})
        if len(chosen) >= MAX_SENTENCES or (support < 2 and len(chosen) >= MIN_SENTENCES):
            break
        rep = representative(alignment, cluster)
        s = items[rep].sentence
        if s.quoted or len(s.text.split()) > MAX_WORDS or anaphoric(s.text):
            candidates = [i for i in cluster if not items[i].sentence.quoted and not anaphoric(items[i].sentence.text)
                          and len(items[i].sentence.text.split()) <= MAX_WORDS]
            if not candidates:
                continue
            rep = max(candidates[:SAMPLE], key=lambda i: sum(index.similarity(i, j) for j in cluster[:SAMPLE]))
        if any(index.cosine(rep, j) >= REDUNDANT for _other, members in chosen for j in members[:MAX_COMPARED]):
            continue
        chosen.append((rep, cluster))
    made = Claims(alignment, ids)
    return [made.claim(cluster, rep) for rep, cluster in chosen]
