"""Dates as written ("July 3-4, 2025", "in April", "Thursday", "last year"), normalised to ISO.

A comparison of sources needs one calendar: "Thursday" in one outlet and "July 3" in another
are the same day only once the weekday is resolved against a reference date, which is the
article's publication date where known, else the dates the article itself gives (its dateline).
Values are ISO prefixes whose length is their precision: "2025", "2025-04", "2025-07-03".
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from briefing import lexicon
from briefing.model import Article

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str  # as written
    value: str | None  # ISO prefix; None when it cannot be resolved (a weekday without reference)
    kind: str  # absolute | partial (month without year) | weekday | relative | year
    until: str | None = None  # the last day of a range ("July 3-4" -> "2025-07-04")
    background: bool = False  # introduced by "since", "until"...: context, not the event's date

    @property
    def precision(self) -> int:
        """1 year, 2 month, 3 day (0 unresolved)."""
        return 0 if self.value is None else self.value.count("-") + 1

    def label(self) -> str:
        """The date as a reader compares it: as written, with its resolution where it is implied."""
        if self.kind in ("weekday", "relative") and self.value and self.precision == 3:
            return f"{self.text} ({human(self.value)})"
        return self.text


def human(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 3:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return value


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = lexicon.load("dates")
    # Months and weekdays are matched capitalised only (a date is written so; "may" is a verb),
    # which keeps the scan fast: no case-insensitive alternation tried at every position.
    # any capitalised word stands for a month in the pattern, and is checked against the lexicon
    # after the match: an alternation of thirty names tried at every position is far slower
    month = r"[A-Z][a-z]{2,8}"
    names = "|".join(sorted((k.capitalize() for k in data["months"] if len(k) > 3), key=len, reverse=True))
    wd = "|".join(w.capitalize() for w in data["weekdays"])
    rel = "|".join(sorted((f"[{k[0].upper()}{k[0]}]" + re.escape(k[1:]).replace(r"\ ", r"\s+") for k in data["relative"]),
                          key=len, reverse=True))
    m = rf"(?P<mon>{month})\.?"
    day = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    year = r"(?P<y>(?:1[6-9]|20)\d{2})(?!\d)"
    return (
        re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        re.compile(rf"\b{m}\s+{day}\b(?:,?\s+{year})?"),
        re.compile(rf"\b{day}\s+{m}\b(?:,?\s+{year})?"),
        re.compile(rf"\b{m},?\s+{year}"),
        re.compile(rf"\b(?P<mon>{names})\b(?!\s+\d)"),
        re.compile(rf"\b(?P<wd>{wd})\b"),
        re.compile(rf"\b(?P<rel>{rel})\b"),
        re.compile(rf"(?<![\d$\u00a3\u20ac.,])\b{year}\b(?![.,]\d|\s*%)"),
    )


_LEAD_WORDS = re.compile(r"([A-Za-z]+)[\s-]+(?:(?:the\s+)?(?:early|late|mid)[\s-]+)?$")


_CLAUSE_TAIL = re.compile(r"[^,;:.\u2014()]*$")  # the clause before a date, back to its punctuation


def _month(name: str) -> int | None:
    return lexicon.load("dates")["months"].get(name.lower().rstrip("."))


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        dt.date(y, mo, d)
    except ValueError:
        return False
    return True


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def find(text: str, start: int = 0, end: int | None = None, ref: dt.date | None = None) -> list[DateMention]:
    """Date mentions in text[start:end], in reading order, each resolved against `ref`."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    data = lexicon.load("dates")
    background = set(data["background_lead"])
    month_lead = set(data["month_lead"])

    def free(a: int, b: int) -> bool:
        k = bisect.bisect_left(taken, (a, a))
        if k < len(taken) and taken[k][0] < b:
            return False
        return k == 0 or taken[k - 1][1] <= a

    for index, pat in enumerate(_patterns()):
        for mt in pat.finditer(text, start, end):
            a, b = mt.span()
            if not free(a, b):
                continue
            g = mt.groupdict()
            value = until = None
            kind = "absolute"
            if index == 0:
                y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
                if not _valid(y, mo, d):
                    continue
                value = f"{y:04d}-{mo:02d}-{d:02d}"
            elif index in (1, 2):
                mo = _month(g["mon"])
                if mo is None:
                    continue
                d1 = int(g["d1"])
                y = int(g["y"]) if g.get("y") else None
                if y is None:
                    kind = "partial"
                    if ref is not None and _valid(ref.year, mo, d1):
                        # the nearest such day: a report's dates lie mostly before it, rarely far after
                        y = ref.year - (dt.date(ref.year, mo, d1) > ref + dt.timedelta(days=60))
                if y is None or not _valid(y, mo, d1):
                    if y is None and 1 <= d1 <= 31:
                        value = None
                    else:
                        continue
                else:
                    value = f"{y:04d}-{mo:02d}-{d1:02d}"
                    if g.get("d2") and _valid(y, mo, int(g["d2"])) and int(g["d2"]) > d1:
                        until = f"{y:04d}-{mo:02d}-{int(g['d2']):02d}"
            elif index == 3:
                mo = _month(g["mon"])
                if mo is None:
                    continue
                value = f"{int(g['y']):04d}-{mo:02d}"
            elif index == 4:
                mo = _month(g["mon"])
                lead = _LEAD_WORDS.search(text, max(start, a - 24), a)
                if mo is None or len(g["mon"]) < 3 or not lead or lead.group(1).lower() not in month_lead:
                    continue  # a bare month needs "in", "since"...: "May" alone is a verb or a name
                kind = "partial"
                if ref is not None:
                    y = ref.year if mo <= ref.month else ref.year - 1
                    value = f"{y:04d}-{mo:02d}"
            elif index == 5:
                kind = "weekday"
                if ref is not None:
                    want = data["weekdays"].index(g["wd"].lower())
                    before = text[max(start, a - 12) : a].lower()
                    back = (ref.weekday() - want) % 7
                    if re.search(r"\bnext\s*$", before):
                        back = -((want - ref.weekday()) % 7 or 7)
                    elif re.search(r"\blast\s*$", before) and back == 0:
                        back = 7
                    value = (ref - dt.timedelta(days=back)).isoformat()
            elif index == 6:
                kind = "relative"
                unit, offset = data["relative"][" ".join(g["rel"].lower().split())]
                if ref is not None:
                    if unit == "day":
                        value = (ref + dt.timedelta(days=offset)).isoformat()
                    elif unit == "month":
                        months = ref.year * 12 + ref.month - 1 + offset
                        value = f"{months // 12:04d}-{months % 12 + 1:02d}"
                    else:
                        value = f"{ref.year + offset:04d}"
            else:
                kind = "year"
                value = f"{int(g['y']):04d}"
            bisect.insort(taken, (a, b))
            tail = _CLAUSE_TAIL.search(text, max(start, a - 48), a)
            lead_words = tail.group(0).lower().split()[-8:] if tail else []
            out.append(DateMention(a, b, text[a:b], value, kind, until, any(w in background for w in lead_words)))
    out.sort(key=lambda m: m.start)
    return out


def reference(article: Article, mentions: list[DateMention] | None = None) -> dt.date | None:
    """The date relative expressions count from: publication date, else the dateline's date.

    Without either, the latest full date the article gives stands in for its dateline (news
    reports rarely date their own events after the day they are written). `mentions`, if given,
    are the article's dates found without a reference (saves a second scan).
    """
    published = parse_iso(article.published)
    if published is not None:
        return published
    if mentions is None:
        mentions = find(article.text)
    full = [m for m in mentions if m.kind == "absolute" and m.precision == 3]
    for p in article.paragraphs[:4]:
        if p.heading or p.end - p.start < 60:
            for m in full:
                if p.start <= m.start < p.end:
                    return parse_iso(m.value)  # a dateline: "KABUL, July 4, 2025"
    best: dt.date | None = None
    for m in full:
        d = parse_iso(m.until or m.value)
        if d and (best is None or d > best):
            best = d
    return best


def in_article(article: Article) -> list[DateMention]:
    """Every date of the article, resolved against its reference: one scan, or two where some
    date needs the reference and the reference is the article's own."""
    raw = find(article.text)
    ref = reference(article, raw)
    if ref is None or all(m.kind in ("absolute", "year") for m in raw):
        return raw
    return find(article.text, ref=ref)
