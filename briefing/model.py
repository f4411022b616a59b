"""The domain model: a story as loaded, and the analysis made of it.

Plain dataclasses, no behaviour beyond small conveniences, so that every layer (analysis, export,
TUI) shares one vocabulary. Offsets are `str` indices into `Article.text`, end exclusive.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """One input that could not be used (or only partly): reported, never fatal for the rest."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(slots=True)
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
