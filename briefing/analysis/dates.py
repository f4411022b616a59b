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
def _patterns() -> tuple[re.Pattern[str] | None, ...]:
    """One pattern per form of date. None opens with a word boundary or look-behind (which
    keep Python's regex engine from its fast scan for the first character); `find` checks the
    boundaries of the few matches instead. Months are any capitalised word here, checked against
    the lexicon after the match: cheaper than an alternation of thirty names at every position."""
    data = lexicon.load("dates")
    month = r"[A-Z][a-z]{2,8}"
    starts = "|".join(sorted({k[:3].capitalize() for k in data["months"]}))  # a bare month's first letters
    wd = "|".join(w.capitalize() for w in data["weekdays"])
    m = rf"(?P<mon>{month})\.?"
    day = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    year = r"(?P<y>(?:1[6-9]|20)\d\d)(?!\d)"
    return (
        re.compile(r"(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        re.compile(rf"{m}\s+{day}\b(?:,?\s+{year})?"),
        re.compile(rf"{day}\s+{m}\b(?:,?\s+{year})?"),
        re.compile(rf"{m},?\s+{year}"),
        re.compile(rf"(?P<mon>(?:{starts})[a-z]*)\b(?!\s+\d)"),
        re.compile(rf"(?P<wd>{wd})\b"),
        None,  # relative days: found by plain substring search (see _relative), far faster
        re.compile(rf"{year}(?![.,]\d|\s*%)"),
        re.compile(rf"(?:{starts})[a-z]*"),  # where a month is named: the month forms are tried there
    )


_DAY_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2}(?:st|nd|rd|th)?)?\s+$")


def _month_forms(text: str, start: int, end: int, pats) -> list[tuple[int, re.Match[str]]]:
    """The dates written with a month name, found from the month names (one fast scan) rather
    than by four patterns run over the whole text: (pattern index, match), in priority order
    for each name: "July 4", "4 July", "July 2025", a bare "July"."""
    months = lexicon.load("dates")["months"]
    out = []
    for mm in pats[8].finditer(text, start, end):
        a = mm.start()
        if mm.group(0).lower() not in months:
            continue
        hit = pats[1].match(text, a, end)
        if hit:
            out.append((1, hit))
            continue
        before = _DAY_BEFORE.search(text, max(start, a - 16), a)
        hit = pats[2].match(text, before.start(), end) if before else None
        if hit:
            out.append((2, hit))
            continue
        for index in (3, 4):
            hit = pats[index].match(text, a, end)
            if hit:
                out.append((index, hit))
                break
    return out


class _Found:
    """A match found without a regex: what `find` reads of a match object."""

    __slots__ = ("_span", "_groups")

    def __init__(self, a: int, b: int, groups: dict[str, str]):
        self._span = (a, b)
        self._groups = groups

    def span(self) -> tuple[int, int]:
        return self._span

    def start(self, _group: str | None = None) -> int:
        return self._span[0]

    def groupdict(self) -> dict[str, str]:
        return self._groups

    def group(self, name: str) -> str:
        return self._groups[name]


def _relative(text: str, start: int, end: int) -> list[_Found]:
    """ "yesterday", "last year"...: each lexicon entry looked up with str.find, lower-case and
    capitalised, and kept where it stands as whole words. An entry absent from the lower-cased
    text is not looked for (one scan instead of two)."""
    out = []
    low = text[start:end].lower()
    for key, forms in _relative_forms():
        if key is not None and key not in low:
            continue
        for form in forms:
            i = text.find(form, start, end)
            while i >= 0:
                j = i + len(form)
                if j >= len(text) or not text[j].isalnum():
                    out.append(_Found(i, j, {"rel": form}))
                i = text.find(form, j, end)
    out.sort(key=lambda f: f.span())
    return out


@cache
def _relative_forms() -> tuple[tuple[str | None, tuple[str, str]], ...]:
    """Each relative entry with its two forms, and the lower-case text both forms have in a
    lower-cased text (None where lower-casing does not give it: always looked for)."""
    out = []
    for key in lexicon.load("dates")["relative"]:
        forms = (key, key[0].upper() + key[1:])
        low = key if key.isascii() and all(f.lower() == key for f in forms) else None
        out.append((low, forms))
    return tuple(out)


_NOT_BEFORE_NUMBER = "$\u00a3\u20ac.,-"
_LEAD_WORDS = re.compile(r"([A-Za-z]+)[\s-]+(?:(?:the\s+)?(?:early|late|mid)[\s-]+)?$")




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
    return _resolve(text, start, _scan(text, start, end), ref)


def _scan(text: str, start: int, end: int) -> list[tuple[int, re.Match[str] | _Found]]:
    """Every candidate date of text[start:end], by pattern index, in the order `_resolve` takes
    them (earlier patterns win where candidates overlap). It does not depend on the reference."""
    pats = _patterns()
    years = list(pats[7].finditer(text, start, end))
    # An ISO date starts where a year does (its year is one, followed by "-"; and no year found
    # before it can overlap it, since a year is four digits with no digit after): tried there only.
    iso = pats[0].match
    found: list[tuple[int, re.Match[str] | _Found]] = [
        (0, mt) for y in years if text.startswith("-", y.end()) and (mt := iso(text, y.start(), end)) is not None
    ]
    found += _month_forms(text, start, end, pats)
    found += [(5, mt) for mt in pats[5].finditer(text, start, end)]
    found += [(6, mt) for mt in _relative(text, start, end)]
    found += [(7, mt) for mt in years]
    return found


# The candidates of a line, by the line (bounded; wire copy repeats lines): ((kind, a, b,
# groups) in `_scan`'s order, and `_joins` of the line).
_LINES: dict[str, tuple] = {}
_MAX_LINES = 100_000
_BUCKET = (0, 1, 1, 1, 1, 2, 3, 4)  # pattern index -> its place in `_scan`'s order


def _joins(line: str) -> tuple[bool, bool, bool, bool, bool]:
    """What may join a line to the line before it, as far as a date goes: whether it is blank,
    its first mark a digit; "%" or a dash; a month name; whether it ends with digits (a day or
    a year) or an ordinal day."""
    lead = len(line) - len(line.lstrip())
    head = line[lead : lead + 1]
    month = _patterns()[8].match(line, lead)
    tail = line.rstrip()
    return (
        not head,
        head.isdigit(),
        head in ("%", "-", "\u2013"),
        month is not None and month.group(0).lower() in lexicon.load("dates")["months"],
        tail[-1:].isdigit() or (tail[-2:] in ("st", "nd", "rd", "th") and tail[-3:-2].isdigit()),
    )


def _apart(joins: list[tuple[bool, bool, bool, bool, bool]]) -> bool:
    """Whether no date of a text can run from one of its lines into the next. Only white space
    may stand inside a date where it crosses a line break, so a date or a look-ahead crosses
    into the next line that is not blank only if that line starts with a digit ("July\n4",
    "Jan.\n4", "May\n5 people"), or the line before ends with a day or year and the next
    starts with "%" ("2025\n%"), a dash ("4\n- 6 July") or a month ("4\nJuly")."""
    ends_day = None  # whether the last line that is not blank ends with a day (None: no such line)
    for blank, digit, mark, month, day in joins:
        if not blank:
            if ends_day is not None and (digit or (ends_day and (mark or month))):
                return False
            ends_day = day
    return True


def _scan_lines(text: str) -> list[tuple[int, re.Match[str] | _Found]]:
    """`_scan` of the whole text. Where no date runs from one line into the next (`_apart`),
    it is the lines' own candidates, one after the other (by kind, in `_scan`'s order), read
    from `_LINES`; lines not seen before are scanned together, as one text, first."""
    lines = text.split("\n")
    if len(lines) == 1:
        return _scan(text, 0, len(text))
    known = _LINES.get
    got = [known(line) for line in lines]
    if None in got:
        _learn([line for line, g in dict(zip(lines, got)).items() if g is None])
        got = [known(line) for line in lines]
        if None in got:  # (the memo was full and cleared meanwhile)
            return _scan(text, 0, len(text))
    if not _apart([g[1] for g in got]):
        return _scan(text, 0, len(text))
    buckets: tuple[list, ...] = ([], [], [], [], [])
    off = 0
    for line, (cands, _) in zip(lines, got):
        for k, a, b, groups in cands:
            buckets[_BUCKET[k]].append((k, _Found(a + off, b + off, groups)))
        off += len(line) + 1
    return buckets[0] + buckets[1] + buckets[2] + buckets[3] + buckets[4]


def _learn(lines: list[str]) -> None:
    """Put the candidates of some lines into `_LINES`: one scan of them joined, where no date
    runs from one into the next, else one scan each."""
    joins = [_joins(line) for line in lines]
    if len(lines) > 1 and _apart(joins):
        text = "\n".join(lines)
        starts = []
        off = 0
        for line in lines:
            starts.append(off)
            off += len(line) + 1
        per_line: list[list] = [[] for _ in lines]
        for k, mt in _scan(text, 0, len(text)):
            a, b = mt.span()
            i = bisect.bisect_right(starts, a) - 1
            per_line[i].append((k, a - starts[i], b - starts[i], mt.groupdict()))
    else:
        per_line = [[(k, *mt.span(), mt.groupdict()) for k, mt in _scan(line, 0, len(line))] for line in lines]
    if len(_LINES) + len(lines) > _MAX_LINES:
        _LINES.clear()
    for line, cands, j in zip(lines, per_line, joins):
        _LINES[line] = (tuple(cands), j)


_NEXT = re.compile(r"\bnext\s*$")
_LAST = re.compile(r"\blast\s*$")
_CLAUSE_MARKS = ",;:.\u2014()"


def _resolve(text: str, start: int, found: list, ref: dt.date | None) -> list[DateMention]:
    """The candidates that are dates, without overlaps, each resolved against `ref`."""
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

    months = data["months"]
    for index, mt in found:
            a, b = mt.span()
            if a > 0 and (text[a - 1].isalnum() or (index in (0, 7) and text[a - 1] in _NOT_BEFORE_NUMBER)):
                continue  # inside a word or a number ("US$2025", "1,2025")
            if index == 4 and mt.group("mon").lower() not in months:
                continue
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
                    if _NEXT.search(before):
                        back = -((want - ref.weekday()) % 7 or 7)
                    elif _LAST.search(before) and back == 0:
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
            # the clause before the date, back to its punctuation
            tail = text[max(start, a - 48) : a]
            tail = tail[max(map(tail.rfind, _CLAUSE_MARKS)) + 1 :]
            lead_words = tail.lower().split()[-8:]
            out.append(DateMention(a, b, text[a:b], value, kind, until, not background.isdisjoint(lead_words)))
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


_RECENT: dict[tuple[str, str | None], list[DateMention]] = {}  # the last few articles' dates


def in_article(article: Article) -> list[DateMention]:
    """Every date of the article, resolved against its reference: one scan, or two where some
    date needs the reference and the reference is the article's own. The last few results are
    kept, since comparison and timeline both ask for the same article's dates in turn."""
    key = (article.text, article.published)
    got = _RECENT.get(key)
    if got is not None:
        return got
    text = article.text
    found = _scan_lines(text)  # the candidates do not depend on the reference: one scan
    ref = parse_iso(article.published)
    if ref is not None:
        # The reference is known before the dates: resolve once. (Where no date needs it, the
        # result is the same as without it: a reference only ever drops a day without a year
        # that it makes invalid, and such a day is itself a date that needs the reference.)
        raw = _resolve(text, 0, found, ref)
    else:
        raw = _resolve(text, 0, found, None)
        ref = reference(article, raw)
        if ref is not None and any(m.kind not in ("absolute", "year") for m in raw):
            raw = _resolve(text, 0, found, ref)
    if len(_RECENT) >= 4:
        _RECENT.pop(next(iter(_RECENT)))
    _RECENT[key] = raw
    return raw
