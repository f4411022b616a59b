"""One statement rendered in different words by different outlets (two translations, say).

Quotes of one speaker from different sources are grouped when they share enough content words.
Candidates come from an inverted index on those words, so no two quotes are compared unless they
share one; a word in very many quotes (a speaker's every sentence) is not used for candidates.
"""

from __future__ import annotations

import re
from collections import defaultdict

from briefing.model import Analysis, QuoteVariant

MIN_WORDS = 6  # fragments ("brave decision") are not statements to compare
MIN_SHARED = 3  # content words two renderings share, at least
MIN_OVERLAP = 0.4  # shared / fewer content words
STEM = 6  # words compared by their first letters: "recognition", "recognise"
MAX_POSTING = 200  # a stem in more quotes than this does not make candidates

_WORD = re.compile(r"[^\W\d_]{5,}")


def _stems(text: str) -> frozenset[str]:
    """Content words (five letters or more, so function words drop out), cut to a crude stem."""
    return frozenset(w.lower()[:STEM] for w in _WORD.findall(text))


def combine(analysis: Analysis) -> None:
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(analysis.quotes):
        if q.speaker and len(q.text.split()) >= MIN_WORDS:
            by_speaker[q.speaker].append(i)
    out: list[QuoteVariant] = []
    for speaker, all_idx in by_speaker.items():
        # wire copy repeats quotations word for word: compare each distinct wording once
        same: dict[str, list[int]] = defaultdict(list)
        for i in all_idx:
            same[" ".join(analysis.quotes[i].text.lower().split())].append(i)
        idx = [members[0] for members in same.values()]
        stems = {i: _stems(analysis.quotes[i].text) for i in idx}
        index: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            for s in stems[i]:
                index[s].append(i)
        parent = {i: i for i in idx}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in idx:
            shared: dict[int, int] = defaultdict(int)
            for s in stems[i]:
                posting = index[s]
                if len(posting) > MAX_POSTING:
                    continue
                for j in posting:
                    if j > i:
                        shared[j] += 1
            for j, n in shared.items():
                smaller = min(len(stems[i]), len(stems[j])) or 1
                if n >= MIN_SHARED and n / smaller >= MIN_OVERLAP:
                    parent[find(j)] = find(i)
        groups: dict[int, list[int]] = defaultdict(list)
        for members in same.values():
            groups[find(members[0])].extend(members)
        for members in groups.values():
            if len({analysis.quotes[i].source for i in members}) >= 2:
                out.append(QuoteVariant(speaker=speaker, quotes=[analysis.quotes[i].id for i in sorted(members)]))
    analysis.quote_variants = out
