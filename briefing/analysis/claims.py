"""Claim sentences of one article, and their alignment across sources.

A claim is a reporting sentence (not a heading, question, boilerplate or bare quotation) reduced
to what identifies its fact: stemmed content terms, with synonyms and country names mapped to one
key ("Moscow", "Russian" -> the country). Sentences of different sources align when their
IDF-weighted cosine is high, unless they are near misses: the same words with different numbers,
a different actor in the subject, or another year.

Blocking: each sentence is indexed under its `KEYS` rarest terms (its keys), and a sentence is
compared only with sentences whose keys are among its `QUERY` rarest terms; of a key shared by
many sentences only the first `LEADERS` are compared with (a fact stated a thousand times is
found among the first statements, and union-find carries the alignment to the rest). So
comparisons are at most n * QUERY * LEADERS for n sentences: linear in the number of articles,
never all pairs.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from briefing import lexicon
from briefing.analysis import boilerplate, dates
from briefing.analysis.gazetteer import code as country_code
from briefing.model import Article

KEYS = 5  # rarest terms a sentence is indexed under
QUERY = 8  # rarest terms a sentence looks up
LEADERS = 16  # sentences of one key that later ones are compared with
ALIGN = 0.42  # cosine from which two sentences state the same fact
SAME_DATE_BONUS = 0.1  # two sentences dating what they say to one month need this much less likeness
MIN_WORDS = 6  # a shorter line is a label or fragment, not a claim
NEAR_WORDS = 3  # words either side of a number that say what it counts

_NUMBER = re.compile(r"(?<![\w$.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,]*\d)(?:\s+(?:per\s*cent|percent|%))?")
# Where a sentence splits into clauses that can each state a fact: dashes and semicolons, a
# participle or relative after a comma (", marking", ", which"), "and" before a second verb.
# (Each alternative opens with a character, not optional space, so the scan stays fast; the
# clauses keep stray spaces, which term extraction ignores.)
_CLAUSE = re.compile(
    r"[;:\u2014\u2013]|\s-\s|,\s+(?=(?:[a-z]+ing|which|while|who|whereas|but|and|as)\b|[A-Z])"
    r"|\sand\s+(?=[a-z]+ed\b)"
)
MIN_CLAUSE_TERMS = 4
CLAUSE_FLOOR = 0.15  # sentences less alike than this are not searched for a shared clause
MIN_SHARED = 3  # terms two clauses must share to count as stating one fact
CENTROID = 0.4  # cosine between two clusters' centroids from which they merge (stops chaining)
CLAUSE_MEMO = 50_000  # clause likenesses kept: 70% of lookups hit at 10,000 articles (79% unbounded: 50 MB)


@dataclass(frozen=True, slots=True)
class Number:
    value: str  # digits as written, without separators
    text: str  # "35 people": the number with the word it counts
    unit: str  # the counted word's term
    near: tuple[str, ...] = ()  # terms of the few words around: what the count is of ("killed")
    start: int = 0  # span of the number and its word in the article
    end: int = 0


@dataclass(slots=True)
class ClaimSentence:
    """One reporting sentence of one article, with what alignment needs."""

    start: int
    end: int
    text: str
    position: int  # index among the article's claim sentences: the lead is 0
    terms: tuple[str, ...]
    subject: tuple[str, ...]  # name keys before the first verb-like word: who acts
    clauses: tuple[tuple[str, ...], ...]  # terms of each clause, where the sentence has several
    numbers: tuple[Number, ...]
    dates: tuple[dates.DateMention, ...]
    quoted: bool = False  # mostly inside quotation marks: a statement, not the outlet's report


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@cache
def _stops() -> frozenset[str]:
    return lexicon.words("stopwords")


@cache
def _calendar_words() -> frozenset[str]:
    data = lexicon.load("dates")
    return frozenset(data["months"]) | frozenset(data["weekdays"])


@cache
def _synonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for group in lexicon.load("synonyms"):
        head = stem(str(group[0]), raw=True)
        for word in group:
            out.setdefault(stem(str(word), raw=True), head)
    return out


_stem_cache: dict[str, str] = {}


def stem(word: str, raw: bool = False) -> str:
    """Lower-cased stem, mapped to its synonym group's head (unless `raw`)."""
    s = _stem_cache.get(word) if not raw else None
    if s is None:
        base = _stemmer().stemWord(word.lower())
        if raw:
            return base
        s = _synonyms().get(base, base)
        if len(_stem_cache) < 200_000:
            _stem_cache[word] = s
    return s


_WORDS = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z\u00c0-\u024f]+(?:['\u2019](?!s\b)[A-Za-z\u00c0-\u024f]+)*")


_PLAIN: dict[str, str] = {}  # word -> its term; "" a function word; "\0" a calendar word
_MAX_PLAIN = 500_000


def _plain_term(w: str) -> str:
    t = _PLAIN.get(w)
    if t is None:
        low = w.lower()
        if low in _stops() or len(low) < 2:
            t = ""
        elif low in _calendar_words():
            t = "\0"
        else:
            t = stem(low)
        if len(_PLAIN) < _MAX_PLAIN:
            _PLAIN[w] = t
    return t


@lru_cache(maxsize=65536)
def analyse_text(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, subject names) of a sentence. Cached: wire copy repeats sentences word for word."""
    stops = _stops()
    calendar = _calendar_words()
    words = _WORDS.findall(text)  # possessive 's and hyphens split words; digits are left out
    n = len(words)
    terms: list[str] = []
    subject: list[str] = []
    in_subject = True
    i = 0
    while i < n:
        w = words[i]
        if w[0].isupper():
            low = w.lower()
            if low not in calendar:
                # a capitalised run: try the longest country name first ("United Arab Emirates")
                j = i + 1
                while j < n and j < i + 4 and words[j][0].isupper():
                    j += 1
                key = None
                for k in range(j, i, -1):
                    cc = country_code(w if k == i + 1 else " ".join(words[i:k]))
                    if cc:
                        key = "@" + cc.lower()
                        break
                if key is not None:
                    terms.append(key)
                    if in_subject:
                        subject.append(key)
                    i = k
                    continue
                if low not in stops and len(low) > 1:
                    t = stem(low)
                    terms.append(t)
                    # a capital that only opens the sentence ("Flooding forced...") names nobody
                    if in_subject and (i > 0 or j - i > 1):
                        subject.append(t)
                i += 1
                continue
        t = _plain_term(w)
        if t:
            if t != "\0":
                terms.append(t)
            if in_subject and terms:
                in_subject = False
        i += 1
    return tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(subject))


_PUNCT = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]|\s-\s")


def _near_terms(words: list[str]) -> tuple[str, ...]:
    stops = _stops()
    return tuple(stem(w) for w in words if w.lower() not in stops and len(w) > 1)


def _numbers(text: str, mentions: list[dates.DateMention], offset: int) -> tuple[Number, ...]:
    out = []
    for rel, value, shown, unit, near in _numbers_in(text):
        a = offset + rel
        if any(d.start <= a < d.end for d in mentions):
            continue
        out.append(Number(value, shown, unit, near, a, a + len(shown)))
    return tuple(out)


def _numbers_in(text: str) -> list[tuple[int, str, str, str, tuple[str, ...]]]:
    """(offset in the text, value, as shown, unit, near terms) of each number of the text."""
    out = []
    for m in _NUMBER.finditer(text):
        value = m.group(1).replace(",", "")
        rest = text[m.end() :]
        words = list(_WORDS.finditer(_PUNCT.split(rest[:60], 1)[0]))  # within the number's clause
        after = [w.group() for w in words]
        hit = next((w for w in words if w.group().lower() not in _stops()), None)
        unit_word = hit.group() if hit else ""
        unit = stem(unit_word) if unit_word else ""
        shown = m.group(0)
        if hit:
            shown = text[m.start() : m.end() + hit.end()]  # "35 people", as written: a span of the text
            after = after[after.index(unit_word) + 1 :]
        before = _WORDS.findall(_PUNCT.split(text[max(0, m.start() - 50) : m.start()])[-1])
        near = tuple(t for t in _near_terms(before[-NEAR_WORDS:] + after[:NEAR_WORDS]) if t != unit)
        out.append((m.start(), value, shown, unit, near))
    return out


_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?")


def _quoted_share(text: str) -> float:
    """How much of the sentence lies inside quotation marks (a statement, not a report)."""
    if '"' not in text and "\u201c" not in text:
        return 0.0
    return sum(len(m.group(0)) for m in _QUOTED.finditer(text)) / max(1, len(text))


_NOT_A_CLAIM = ()
_MAX_BODIES = 200_000
_BODIES: dict[str, tuple] = {}  # sentence body -> what `_body` finds: wire copy repeats sentences


def _body(body: str) -> tuple:
    """What a claim sentence's body alone decides: () if it cannot be a claim (too short, a
    question, too few terms), else (terms, subject, clauses, numbers as `_numbers_in`, quoted)."""
    got = _BODIES.get(body)
    if got is not None:
        return got
    got = _NOT_A_CLAIM
    if len(body.split()) >= MIN_WORDS and not body.endswith("?"):
        # one pass per clause; the sentence's terms are their union, its subject the first's
        parts = [analyse_text(c.strip()) for c in _CLAUSE.split(body) if not c.isspace() and c]
        if parts:
            terms = tuple(dict.fromkeys(t for p, _ in parts for t in p))
            if len(terms) >= 3:
                clauses = tuple(p for p, _ in parts if len(p) >= MIN_CLAUSE_TERMS) if len(parts) > 1 else ()
                got = (terms, parts[0][1], clauses, tuple(_numbers_in(body)), _quoted_share(body) > 0.6)
    if len(_BODIES) >= _MAX_BODIES:
        _BODIES.clear()
    _BODIES[body] = got
    return got


_PROMOTIONAL: dict[str, bool] = {}


def _promotional(body: str) -> bool:
    got = _PROMOTIONAL.get(body)
    if got is None:
        if len(_PROMOTIONAL) >= _MAX_BODIES:
            _PROMOTIONAL.clear()
        got = _PROMOTIONAL[body] = boilerplate.is_promotional(body)
    return got


def sentences(article: Article) -> list[ClaimSentence]:
    """The article's reporting sentences, lead first."""
    skip_paras = boilerplate.paragraphs(article)
    all_dates = dates.in_article(article)
    starts = [m.start for m in all_dates]
    text = article.text
    paragraphs = article.paragraphs
    out: list[ClaimSentence] = []
    for s in article.sentences:
        para = paragraphs[s.paragraph]
        if s.paragraph in skip_paras or para.heading:
            continue
        raw = text[s.start : s.end]
        body = raw.strip().lstrip("-*\u2022 ").rstrip()
        found = _body(body)
        if not found:
            continue
        if (s.start > para.start or s.end < para.end) and _promotional(body):
            continue  # (a paragraph of one sentence was judged whole by boilerplate.paragraphs)
        start = s.start + raw.index(body[:1]) if body else s.start
        end = start + len(body)
        terms, subject, clauses, numbers, quoted = found
        if starts:
            lo = bisect.bisect_left(starts, start)
            hi = bisect.bisect_left(starts, end)
            mentions = [m for m in all_dates[lo:hi] if m.end <= end]
        else:
            mentions = []
        nums: tuple[Number, ...] = ()
        if numbers:
            kept = []
            for rel, value, shown, unit, near in numbers:
                a = start + rel
                if not any(d.start <= a < d.end for d in mentions):  # a date's digits count nothing
                    kept.append(Number(value, shown, unit, near, a, a + len(shown)))
            nums = tuple(kept)
        out.append(
            ClaimSentence(
                start=start, end=end, text=body, position=len(out), terms=terms, subject=subject, clauses=clauses,
                numbers=nums, dates=tuple(mentions), quoted=quoted,
            )
        )
    return out


def share(sentences: list[ClaimSentence], memo: dict) -> None:
    """Make the texts, terms and term tuples of `sentences` the very objects met before in `memo`
    (equal values, one copy). Each article's facts are unpickled on their own, so every article
    holds its own copy of each term ("said", "minist"): at 10,000 articles millions of strings
    of a vocabulary of thousands; and wire copy repeats whole sentences."""
    get = memo.get
    for s in sentences:
        t = s.terms
        s.terms = get(t) or _shared(t, memo)
        t = s.subject
        if t:
            s.subject = get(t) or _shared(t, memo)
        t = s.clauses
        if t:
            got = get(t)
            if got is None:
                got = memo[t] = tuple([get(c) or _shared(c, memo) for c in t])
            s.clauses = got
        s.text = memo.setdefault(s.text, s.text)


def _shared(terms: tuple[str, ...], memo: dict) -> tuple[str, ...]:
    got = memo[terms] = tuple([memo.setdefault(x, x) for x in terms])
    return got


# ---------------------------------------------------------------------------------------------
# Alignment


@dataclass(slots=True)
class Item:
    """A claim sentence with the index of its source (into the story's articles)."""

    source: int
    sentence: ClaimSentence


SCALE = 1 << 52  # IDF weights are >= 1, so each squared weight times this is a whole number


def exact_weights(weights: dict[str, float]) -> dict[str, int]:
    """Each weight (>= 1.0) as an integer multiple of 2**-52, exactly. A sum of these integers,
    divided by `SCALE`, is the correctly rounded sum of the weights: what math.fsum gives, in any
    order, at the cost of an integer sum."""
    out = {}
    for t, w in weights.items():
        num, den = w.as_integer_ratio()
        if den > SCALE or w < 1.0:
            raise ValueError(f"weight {w!r} is not a multiple of 2**-52")
        out[t] = num * (SCALE // den)
    return out


class Index:
    """IDF weights and the blocking index over all claim sentences of a story.

    What similarity needs depends only on a sentence's terms and clauses, and wire copy repeats
    those thousands of times: each distinct (terms, clauses) is analysed once (`shape` maps an
    item to it). Sums of squared weights are integer sums (see `exact_weights`), equal to the
    order-independent math.fsum they replace."""

    def __init__(self, items: list[Item]):
        self.items = items
        shape_of: dict[tuple, int] = {}
        shapes: list[ClaimSentence] = []  # a sentence of each distinct (terms, clauses)
        self.shape = shape = []
        for it in items:
            s = it.sentence
            key = (s.terms, s.clauses)
            k = shape_of.get(key)
            if k is None:
                k = shape_of[key] = len(shapes)
                shapes.append(s)
            shape.append(k)
        count = [0] * len(shapes)
        for k in shape:
            count[k] += 1
        df: dict[str, int] = defaultdict(int)
        for k, s in enumerate(shapes):
            c = count[k]
            for t in s.terms:
                df[t] += c
        n = len(items) + 1
        idf = self.idf = {t: math.log(n / c) + 1.0 for t, c in df.items()}
        self.idf2 = {t: w * w for t, w in idf.items()}  # squared once: cosines sum these
        weight = self.weight = exact_weights(self.idf2)
        w = weight.__getitem__
        shape_norm = [math.sqrt(math.fsum(idf[t] ** 2 for t in s.terms)) or 1.0 for s in shapes]
        shape_set = [frozenset(s.terms) for s in shapes]
        self.shape_norm = shape_norm
        self.shape_set = shape_set
        # each clause as (number, terms, norm); a sentence of one clause stands as its own only
        # clause. Clauses recur far more than whole sentences: the likeness of two clauses is
        # kept by their numbers.
        # (one frozenset per distinct clause: a clause recurs in many shapes)
        clause_of: dict[frozenset[str], tuple[int, frozenset[str]]] = {}

        def clause(c: frozenset[str]) -> tuple[int, frozenset[str]]:
            got = clause_of.get(c)
            if got is None:
                got = clause_of[c] = (len(clause_of), c)
            return got

        self.shape_clauses = [
            tuple((*clause(c), math.sqrt(sum(map(w, c)) / SCALE)) for c in map(frozenset, s.clauses))
            or ((*clause(shape_set[k]), shape_norm[k]),)
            for k, s in enumerate(shapes)
        ]
        self._n_clauses = len(clause_of)
        self._clause_memo: dict[int, float] = {}
        self.norm = [shape_norm[k] for k in shape]
        self.sets = [shape_set[k] for k in shape]
        self._memo: dict[int, float] = {}
        # a sentence printed word for word by several sources (wire copy) is compared once: its
        # copies follow the first through `primary`
        first: dict[str, int] = {}
        seen: dict[str, str] = {}
        primary = self.primary = []
        for i, it in enumerate(items):
            text = it.sentence.text
            key = seen.get(text)
            if key is None:
                key = seen[text] = " ".join(text.lower().split())
            primary.append(first.setdefault(key, i))
        postings: dict[str, list[int]] = defaultdict(list)
        shape_query: dict[int, list[str]] = {}
        shape_keys: dict[int, list[str]] = {}
        self.keys: list[list[str]] = []
        self.query: list[list[str]] = []
        rarity = lambda t: (df[t], t)  # noqa: E731
        for i, k in enumerate(shape):
            q = shape_query.get(k)
            if q is None:
                ranked = sorted(shapes[k].terms, key=rarity)
                q = shape_query[k] = ranked[:QUERY]
                shape_keys[k] = [t for t in ranked if df[t] > 1][:KEYS]
            ks = shape_keys[k]
            self.query.append(q)
            self.keys.append(ks)
            if primary[i] == i:
                for t in ks:
                    postings[t].append(i)
        self.postings = dict(postings)

    def cosine(self, i: int, j: int) -> float:
        shared = self.sets[i] & self.sets[j]
        if not shared:
            return 0.0
        return sum(map(self.weight.__getitem__, shared)) / SCALE / (self.norm[i] * self.norm[j])

    def similarity(self, i: int, j: int) -> float:
        """Best cosine of the two sentences or of any two of their clauses: a fact shared by two
        sentences is often one clause of each, diluted by what else each sentence says."""
        a, b = self.shape[i], self.shape[j]
        if a > b:
            a, b = b, a  # (symmetric)
        key = a * len(self.shape_set) + b
        got = self._memo.get(key)
        if got is None:
            got = self._shape_similarity(a, b)
            if len(self._memo) < 500_000:
                self._memo[key] = got
        return got

    def _shape_similarity(self, a: int, b: int) -> float:
        shared = self.shape_set[a] & self.shape_set[b]
        if not shared:
            return 0.0
        best = sum(map(self.weight.__getitem__, shared)) / SCALE / (self.shape_norm[a] * self.shape_norm[b])
        if len(shared) < MIN_SHARED or best < CLAUSE_FLOOR:
            return best
        ca = self.shape_clauses[a]
        cb = self.shape_clauses[b]
        if len(ca) == 1 and len(cb) == 1:
            return best
        return self._clause_similarity(ca, cb, shared, best)

    def _clause_similarity(self, ca, cb, shared: frozenset[str], best: float) -> float:
        """`best`, or the cosine of the likest two clauses sharing `MIN_SHARED` terms if higher."""
        memo = self._clause_memo
        nc = self._n_clauses
        w = self.weight.__getitem__
        for ka, sa, na in ca:
            if len(sa & shared) < MIN_SHARED:
                continue  # (no clause of the other shares enough with this one)
            base = ka * nc
            for kb, sb, nb in cb:
                v = memo.get(base + kb)
                if v is None:
                    both = sa & sb
                    v = sum(map(w, both)) / SCALE / (na * nb) if len(both) >= MIN_SHARED else 0.0
                    if len(memo) >= CLAUSE_MEMO:
                        memo.clear()  # (the pairs met lately are the ones met again)
                    memo[base + kb] = v
                if v > best:
                    best = v
        return best

    def _leaders(self) -> tuple[dict[str, list[int]], dict[int, frozenset[str]]]:
        """The compared leaders of each key, and the keys under which each sentence leads."""
        heads = {t: post[:LEADERS] for t, post in self.postings.items()}
        leading: dict[int, frozenset[str]] = {}
        for t, post in heads.items():
            for i in post:
                leading[i] = leading.get(i, frozenset()) | {t}
        return heads, leading

    def scored(self, low: float) -> Iterator[tuple[float, int, int]]:
        """(similarity, i, j) of the candidate pairs (see `candidates`) at least `low` alike, i < j.
        A generator: at 10,000 articles there are ~10^6 such pairs, which `align` keeps packed
        (`pair_key`), never as a list of tuples."""
        heads, leading = self._leaders()
        none: frozenset[str] = frozenset()
        qsets: dict[int, frozenset[str]] = {}
        shape = self.shape
        sset = self.shape_set
        snorm = self.shape_norm
        sclauses = self.shape_clauses
        query = self.query
        w = self.weight.__getitem__
        clause_similarity = self._clause_similarity
        for i, p in enumerate(self.primary):
            if p != i:
                continue
            found: set[int] = set()
            for t in query[i]:
                post = heads.get(t)
                if post:
                    found.update(post)
            found.discard(i)
            if not found:
                continue
            lead = leading.get(i, none)
            a = shape[i]
            sa = sset[a]
            na = snorm[a]
            ca = sclauses[a]
            for j in found:
                if j < i and lead:
                    q = qsets.get(j)
                    if q is None:
                        q = qsets[j] = frozenset(query[j])
                    if not lead.isdisjoint(q):
                        continue  # j's own lookup finds i: the pair is scored there
                b = shape[j]
                shared = sa & sset[b]
                if not shared:
                    continue
                sim = sum(map(w, shared)) / SCALE / (na * snorm[b])
                if len(shared) >= MIN_SHARED and sim >= CLAUSE_FLOOR:
                    cb = sclauses[b]
                    if len(ca) > 1 or len(cb) > 1:
                        sim = clause_similarity(ca, cb, shared, sim)
                if sim >= low:
                    yield (sim, i, j) if i < j else (sim, j, i)

    def candidates(self):
        """Pairs (i, j), i < j, where one holds a blocking key among the other's rarest terms.
        Each pair once, without remembering the pairs: a pair found from the later sentence is
        given there only if the earlier one's lookup does not find it."""
        heads, leading = self._leaders()
        none: frozenset[str] = frozenset()
        for i, p in enumerate(self.primary):
            if p != i:
                continue
            found: set[int] = set()
            for t in self.query[i]:
                found.update(heads.get(t, ()))
            found.discard(i)
            lead = leading.get(i, none)
            for j in found:
                if j > i:
                    yield i, j
                elif lead.isdisjoint(self.query[j]):
                    yield j, i


def numbers_differ(a: ClaimSentence, b: ClaimSentence) -> list[tuple[Number, Number]]:
    """Pairs of numbers counting the same thing with different values."""
    out = []
    for x in a.numbers:
        for y in b.numbers:
            if x.unit and x.unit == y.unit and x.value != y.value:
                if not any(z.value == x.value and z.unit == x.unit for z in b.numbers):
                    out.append((x, y))
    return out


def _years(s: ClaimSentence) -> set[str]:
    return {m.value[:4] for m in s.dates if m.value and not m.background}


def _months(s: ClaimSentence) -> set[tuple[str | None, str]]:
    out = set()
    for m in s.dates:
        if m.background:
            continue
        if m.value and len(m.value) >= 7:
            out.add((m.value[:4], m.value[5:7]))
        elif m.value is None and m.kind == "partial":
            mo = next((n for w in m.text.split() if (n := _month_number(w))), None)
            if mo:
                out.add((None, f"{mo:02d}"))
    return out


def _month_number(word: str) -> int | None:
    return lexicon.load("dates")["months"].get(word.lower().strip(".,"))


def same_month(a: ClaimSentence, b: ClaimSentence) -> bool:
    """Both date what they say to one month (a year left out on one side still matches)."""
    return _month_match(_months(a), _months(b))


def _month_match(ma, mb) -> bool:
    return any(x[1] == y[1] and (x[0] is None or y[0] is None or x[0] == y[0]) for x in ma for y in mb)


def years_differ(a: ClaimSentence, b: ClaimSentence) -> bool:
    """Both date what they say, in different years: two events, however alike the words."""
    ya, yb = _years(a), _years(b)
    return bool(ya) and bool(yb) and not (ya & yb)


def actors_differ(a: ClaimSentence, b: ClaimSentence) -> bool:
    """Each subject names someone the other's does not: a different actor, not a paraphrase."""
    sa, sb = set(a.subject), set(b.subject)
    return bool(sa - sb) and bool(sb - sa) and not (sa & sb)


@dataclass(slots=True)
class Alignment:
    clusters: list[list[int]]  # item indices, each cluster in story order
    index: Index

    @property
    def items(self) -> list[Item]:
        return self.index.items


def pair_keys(sims: array, rest: array, width: int) -> list[int]:
    """Pairs (sim, i, j, dated), given as `sims[k]` and `rest[k] = (i << width | j) << 1 | dated`
    (i, j < 2**width), each as one int that orders as the tuple does: sim's IEEE-754 bits, which
    order as the floats do for sim >= 0 (never -0.0), then the rest. 40 bytes a pair, where a
    tuple and its float take ~110."""
    shift = 2 * width + 1
    with memoryview(sims) as view, view.cast("B") as raw, raw.cast("Q") as bits:
        return [b << shift | r for b, r in zip(bits, rest)]


def unpair(key: int, width: int) -> tuple[float, int, int, bool]:
    """The tuple (sim, i, j, dated) of a key of `pair_keys`."""
    mask = (1 << width) - 1
    sim = array("d", array("Q", [key >> (2 * width + 1)]).tobytes())[0]
    return sim, key >> (width + 1) & mask, key >> 1 & mask, bool(key & 1)


def disjoint_sets(n: int) -> tuple[list[int], Callable[[int], int]]:
    """Union-find over 0..n-1: `parent` (join two sets with parent[find(a)] = find(b)) and `find`
    (the root of a set, halving the path on the way)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    return parent, find


def align(items: list[Item]) -> Alignment:
    index = Index(items)
    n = len(items)
    parent, find = disjoint_sets(n)
    # The pairs (sim, i, j, dated) to merge, ~700,000 at 10,000 articles, are gathered packed in
    # two arrays (16 bytes a pair; `scored` is a generator, so no list of its tuples stands
    # beside them), then sorted as one int each (`pair_keys`), not as tuples and floats.
    width = max(1, (n - 1).bit_length())
    sims = array("d")
    rest = array("Q")  # (i << width | j) << 1 | dated
    for i, p in enumerate(index.primary):
        if p != i:
            sims.append(1.0)
            rest.append((p << width | i) << 1)
    low = ALIGN - SAME_DATE_BONUS
    shape = index.shape
    sentence = [it.sentence for it in items]
    # what the near-miss tests read, once per compared sentence (not once per pair)
    feats: list[tuple] = [()] * n
    for i, p in enumerate(index.primary):
        if p == i:
            s = sentence[i]
            units: dict[str, set[str]] = {}
            for x in s.numbers:
                if x.unit:
                    units.setdefault(x.unit, set()).add(x.value)
            feats[i] = (units, frozenset(s.subject), frozenset(_years(s)), tuple(_months(s)))

    for sim, i, j in index.scored(low):
        ua, sa, ya, ma = feats[i]
        ub, sb, yb, mb = feats[j]
        if ua and ub and any(u in ub and v not in ub[u] for u, vs in ua.items() for v in vs):
            continue  # a near miss: the same words about another count...
        if sa and sb and sa.isdisjoint(sb):
            continue  # ...another actor...
        if ya and yb and ya.isdisjoint(yb):
            continue  # ...or another year
        dated = bool(ma) and bool(mb) and _month_match(ma, mb)
        if sim >= ALIGN or dated:
            sims.append(sim)
            rest.append((i << width | j) << 1 | dated)
    pairs = pair_keys(sims, rest, width)
    del sims, rest
    pairs.sort()  # taken from the end, best first: each is freed once used
    # Merge best pairs first, and two clusters only when their centroids agree: a chain of
    # pairwise matches (A~B, B~C) must not join facts that have little to do with each other.
    # A sentence's own centroid (its unit vector) depends on its terms only, and is shared until
    # its cluster grows.
    unit: dict[int, dict[str, float]] = {}
    idf = index.idf
    norm = index.norm

    def own(i: int) -> dict[str, float]:
        k = shape[i]
        got = unit.get(k)
        if got is None:
            w = 1.0 / norm[i]
            got = unit[k] = {t: idf[t] * w for t in sentence[i].terms}
        return got

    centroid: dict[int, dict[str, float]] = {}  # clusters of two or more, by root
    sqnorm = [1.0] * n
    size = [1] * n
    # the dot product of two clusters' centroids, kept until either cluster grows: two large
    # clusters that must stay apart are met again by many pairs of their members
    version = [0] * n
    dots: dict[tuple[int, int, int, int], float] = {}
    fsum = math.fsum
    mask = (1 << width) - 1
    pop = pairs.pop
    while pairs:
        key = pop()
        dated = key & 1
        j = key >> 1 & mask
        i = key >> (width + 1) & mask
        ri = i if parent[i] == i else find(i)
        rj = j if parent[j] == j else find(j)
        if ri == rj:
            continue
        ci = centroid[ri] if size[ri] > 1 else own(ri)
        cj = centroid[rj] if size[rj] > 1 else own(rj)
        if len(ci) <= len(cj):
            small, big, cs, cb = ri, rj, ci, cj
        else:
            small, big, cs, cb = rj, ri, cj, ci
        if size[small] > 1 and size[big] > 1:
            key = (small, big, version[small], version[big])
            dot = dots.get(key)
            if dot is None:
                dot = dots[key] = fsum([v * cb[t] for t, v in cs.items() if t in cb])
        else:
            dot = fsum([v * cb[t] for t, v in cs.items() if t in cb])
        if size[ri] > 1 or size[rj] > 1:
            if dot / math.sqrt(sqnorm[small] * sqnorm[big]) < CENTROID - SAME_DATE_BONUS * dated:
                continue
        # the smaller centroid is added into the larger: each merge costs the smaller's size
        parent[small] = big
        version[big] += 1
        if size[big] == 1:
            cb = centroid[big] = dict(cb)  # (a copy: the sentence's own vector is shared)
        size[big] += size[small]
        sqnorm[big] += sqnorm[small] + 2 * dot
        if size[small] > 1:
            del centroid[small]
        get = cb.get
        for t, v in cs.items():
            cb[t] = get(t, 0.0) + v
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    clusters = sorted(groups.values(), key=lambda g: g[0])
    return Alignment(clusters, index)
