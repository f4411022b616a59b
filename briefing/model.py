"""The domain model: a story as loaded, and the analysis made of it.

Plain dataclasses, no behaviour beyond small conveniences, so that every layer (analysis, export,
TUI) shares one vocabulary. Offsets are `str` indices into `Article.text`, end exclusive.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# --------------------------------------------------------------------------------------------
# The story as loaded


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    heading: bool = False  # a short line without closing punctuation: a title or section label


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Article.paragraphs


@dataclass(slots=True)
class Article:
    id: str  # file stem
    file: str  # file name
    text: str  # decoded, newlines normalised; every offset points into this
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date where known
    lean: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding `offset` (binary search: sentences are sorted and disjoint)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


# An article's paragraphs and sentences may also be held packed, as one flat `array('i')` of
# (start, end, heading) or (start, end, paragraph) triples: a story of 10,000 articles has half a
# million of them, and making the objects costs more than reading the story from the cache. The
# lists are made from the packed form on first access (the analysis reads them; a warm open that
# only shows the analysis never does), so `article.sentences` is always a list of `Sentence`.
PACK = "i"


def pack_paragraphs(paras: list[Paragraph]) -> array:
    out = array(PACK)
    for p in paras:
        out.extend((p.start, p.end, 1 if p.heading else 0))
    return out


def pack_sentences(sents: list[Sentence]) -> array:
    out = array(PACK)
    for s in sents:
        out.extend((s.start, s.end, s.paragraph))
    return out


def unpack_paragraphs(packed: array) -> list[Paragraph]:
    it = iter(packed)
    return [Paragraph(a, b, h != 0) for a, b, h in zip(it, it, it)]


def unpack_sentences(packed: array) -> list[Sentence]:
    it = iter(packed)
    return [Sentence(a, b, p) for a, b, p in zip(it, it, it)]


_RAW: dict[tuple[type, str], object] = {}  # (class, field) -> the slot behind its property


def _lazy(cls: type, name: str, packed: type, unpack) -> None:
    """Put a property over the slot of `cls.<name>` that unpacks a `packed` value on first read
    (and stores the list). Assigning a list, or a packed value, works as for the plain field."""
    slot = getattr(cls, name)
    _RAW[cls, name] = slot

    def get(self):
        value = slot.__get__(self, cls)
        if type(value) is packed:
            value = unpack(value)
            slot.__set__(self, value)
        return value

    def set_(self, value) -> None:
        slot.__set__(self, value)

    setattr(cls, name, property(get, set_, doc=f"{name} (held packed until first read)"))


def raw(obj: object, name: str) -> object:
    """`obj.<name>` as held: still packed if it has not been read yet."""
    slot = _RAW.get((type(obj), name))
    return slot.__get__(obj, type(obj)) if slot is not None else getattr(obj, name)  # type: ignore[attr-defined]


_lazy(Article, "paragraphs", array, unpack_paragraphs)
_lazy(Article, "sentences", array, unpack_sentences)


def packed_segments(article: Article) -> tuple[array, array]:
    """An article's paragraphs and sentences packed, without unpacking them if they still are."""
    paras, sents = raw(article, "paragraphs"), raw(article, "sentences")
    return (
        paras if type(paras) is array else pack_paragraphs(paras),  # type: ignore[arg-type]
        sents if type(sents) is array else pack_sentences(sents),  # type: ignore[arg-type]
    )


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """One input that could not be used (or only partly): reported, never fatal for the rest."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(slots=True, weakref_slot=True)
class Story:
    path: Path
    articles: list[Article]
    title: str | None = None  # from story.yaml; otherwise inferred by the analysis
    problems: list[LoadProblem] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


# --------------------------------------------------------------------------------------------
# The analysis


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of one source that backs a claim, quote, stance or date: the drill-down target."""

    source: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Quote:
    id: str
    source: str
    speaker: str | None  # canonical name (a Speaker.name), None if unattributed
    text: str  # the words inside the quotation marks
    partial: bool
    start: int  # span of the quoted words (without the marks)
    end: int
    cue: str | None = None  # the attribution as written ("Zhirinov was quoted as saying")


@dataclass(slots=True)
class Speaker:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    kind: Literal["person", "organization"] = "person"
    quotes: list[str] = field(default_factory=list)  # Quote ids
    forms: dict[str, list[str]] = field(default_factory=dict)  # each name form -> source ids using it


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    forms: dict[str, list[str]] = field(default_factory=dict)  # each name form -> source ids using it


@dataclass(slots=True)
class QuoteVariant:
    speaker: str
    quotes: list[str]  # Quote ids


Stance = Literal["subject", "supportive", "engaged", "neutral", "critical", "opposed"]


@dataclass(slots=True)
class CountryRow:
    name: str
    code: str  # ISO 3166-1 alpha-2
    stance: Stance
    actions: list[str] = field(default_factory=list)
    mentions: int = 0
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    by_source: dict[str, Stance] = field(default_factory=dict)  # what each source says
    cameo: list[str] = field(default_factory=list)  # CAMEO event code of each action ("" if none)


@dataclass(slots=True)
class BlocRow:
    name: str
    stance: Stance
    actions: list[str] = field(default_factory=list)
    mentions: int = 0
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    by_source: dict[str, Stance] = field(default_factory=dict)
    cameo: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Claim:
    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Discrepancy:
    kind: str  # spelling | date | number | list | attribution
    what: str
    values: dict[str, list[str]]  # version -> source ids
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class TimelineEvent:
    date: str  # ISO-ish: "2025", "2025-04", "2025-07-03"
    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    story: Story
    title: str = ""
    subject: list[str] = field(default_factory=list)  # ISO codes of the countries the story is about
    question: str | None = None  # the central question, e.g. "recognition of the Taliban government"
    headlines: dict[str, str] = field(default_factory=dict)  # source id -> headline
    summary: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    quote_variants: list[QuoteVariant] = field(default_factory=list)
    countries: list[CountryRow] = field(default_factory=list)
    blocs: list[BlocRow] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)

    def quote(self, quote_id: str) -> Quote:
        for q in self.quotes:
            if q.id == quote_id:
                return q
        raise KeyError(quote_id)

    def quotes_by_speaker(self) -> tuple[list[tuple[Speaker, list[Quote]]], list[Quote]]:
        """Each speaker with its quotes, and the quotes no speaker lists: the grouping every
        report shows, so that no quote is dropped between the two."""
        by_id = {q.id: q for q in self.quotes}
        groups = [(sp, [by_id[i] for i in sp.quotes if i in by_id]) for sp in self.speakers]
        listed = {q.id for _, qs in groups for q in qs}
        return groups, [q for q in self.quotes if q.id not in listed]


# --------------------------------------------------------------------------------------------
# Evidence lists held packed (the cache writes them so): a whole analysis of 10,000 articles has
# ~300,000 Evidence objects, most of them in claims no pane may ever show.


class EvidencePack(tuple):
    """A list of Evidence as four columns: (sources, starts, ends, texts)."""

    __slots__ = ()


def pack_evidence(items: list[Evidence], same=None) -> EvidencePack | None:
    """`items` packed, or None if they are not all plain Evidence (then they stay a list).
    `same(s, s)` may return a shared copy of an equal string (the cache's dedup)."""
    if not all(type(e) is Evidence for e in items):
        return None
    try:
        starts = array(PACK, [e.start for e in items])
        ends = array(PACK, [e.end for e in items])
    except (OverflowError, TypeError):
        return None
    texts = [e.text for e in items]
    if same is not None:
        texts = [same(t, t) if type(t) is str else t for t in texts]
    return EvidencePack((tuple([e.source for e in items]), starts, ends, tuple(texts)))


def unpack_evidence(packed: EvidencePack) -> list[Evidence]:
    return list(map(Evidence, *packed))


LAZY_EVIDENCE = (CountryRow, BlocRow, Claim, Discrepancy, TimelineEvent)  # their `evidence` field
for _cls in LAZY_EVIDENCE:
    _lazy(_cls, "evidence", EvidencePack, unpack_evidence)
