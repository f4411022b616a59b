"""Direct quotations and who said them.

Per article (`extract`): find the spans inside quotation marks, drop scare quotes and labels, and
attribute each quotation from the words around it (after, before, in the middle, on the line
before, after a heading's colon, "according to", "quoted as saying"). Pronoun and role speakers
("he added", "the ministry said") resolve to the nearest compatible named person or body of the
same article. Across sources (`combine`): one speaker per person or body (`speakers`), named people
who are not quoted (`people`), and one statement's renderings by several outlets (`variants`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from briefing import lexicon
from briefing.analysis import names
from briefing.model import Analysis, Article

_OPEN_D = "\u201c\u201e\u00ab"
_CLOSE_D = "\u201d\u00bb"
_DOUBLE = re.compile(r"[\u201c\u201d\u201e\u00ab\u00bb\"]")
_SINGLE_OPEN = re.compile(r"(?<![\w\u2019'])['\u2018](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'\u2018])['\u2019](?![\w])")
_WORDS = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
_TRAILING = " \t\n,"
_EMPLOYER = re.compile(r"\b([a-z][\w\-]*) (?:at|for|with) (?:the )?$")  # "economist at X"
_AGE = re.compile(r",\s*\d{1,3},")
_CLOSER = re.compile(r"[\u201d\"]")
_OPENER = re.compile(r"[\u201c\u201e]")
_MAX_SINGLE = 400  # single quotation marks never pair further apart than this
REACH = 400  # characters before a quotation searched for its attribution
NEAREST_REACH = 200  # mentions looked through for a pronoun's or role's antecedent, each way


# --------------------------------------------------------------------------------------------
# Per-article facts (picklable: plain values only)


@dataclass(slots=True)
class FoundQuote:
    start: int  # the quoted words, without the marks
    end: int
    partial: bool
    speaker: int | None  # index into ArticleQuotes.entities
    cue: str | None = None
    # a role description this article does not resolve ("the environment secretary said"):
    # combine looks for the one person of the story who holds that role
    description: str | None = None
    description_words: list[str] = field(default_factory=list)
    description_country: str | None = None


@dataclass(slots=True)
class Entity:
    """One person or body as one article names it, with every form it uses."""

    name: str  # the fullest proper name in this article, no honorific ("Amir Khan Muttaqi")
    kind: str  # person | organization
    forms: list[str] = field(default_factory=list)  # name forms as written ("Mawlawi Amir Khan Muttaqi", "Muttaqi")
    aliases: list[str] = field(default_factory=list)  # whole phrases and descriptions ("Afghan Foreign Minister X")
    roles: list[str] = field(default_factory=list)
    role_words: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)  # countries its roles are of
    quoted: bool = False
    evidence: bool = False  # something says this is a person (role, honorific, speech)


@dataclass(slots=True)
class ArticleQuotes:
    article_id: str
    quotes: list[FoundQuote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Word lists


@dataclass(frozen=True, slots=True)
class _Cues:
    finite: frozenset[str]
    participle: frozenset[str]
    naming: frozenset[str]
    quoted_as: tuple[str, ...]
    quoting: frozenset[str]
    labels: frozenset[str]
    scare: tuple[str, ...]


_cues_cache: list[_Cues] = []


def _cues() -> _Cues:
    if not _cues_cache:
        data = lexicon.load("speech_verbs")
        _cues_cache.append(
            _Cues(
                finite=frozenset(map(str, data["finite"])),
                participle=frozenset(map(str, data["participle"])),
                naming=frozenset(map(str, data["naming"])),
                quoted_as=tuple(map(str, data["quoted_as"])),
                quoting=frozenset(map(str, data["quoting"])),
                labels=frozenset(map(str, data["label_nouns"])),
                scare=tuple(map(str, data["scare_markers"])),
            )
        )
    return _cues_cache[0]


# --------------------------------------------------------------------------------------------
# Finding the spans inside quotation marks


@dataclass(slots=True)
class _Span:
    open: int  # index of the opening mark
    close: int  # index of the closing mark, or -1 if the paragraph ends first
    para: int
    single: bool = False
    continues: bool = False  # continues a quotation left open at the previous paragraph's end


def _double_spans(text: str, start: int, end: int, para: int) -> list[_Span]:
    out: list[_Span] = []
    open_at: int | None = None
    for m in _DOUBLE.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if ch in _OPEN_D:
            open_at = i  # a second opener means the first was never closed: restart
        elif ch in _CLOSE_D:
            if open_at is not None:
                out.append(_Span(open_at, i, para))
                open_at = None
        else:  # a straight mark: opening or closing by what is around it
            nxt = text[i + 1] if i + 1 < end else " "
            if open_at is None:
                if not nxt.isspace():
                    open_at = i
            else:
                out.append(_Span(open_at, i, para))
                open_at = None
    if open_at is not None:
        out.append(_Span(open_at, -1, para))
    return out


def _single_spans(text: str, start: int, end: int, para: int, taken: list[_Span]) -> list[_Span]:
    """'...' pairs outside double quotes, an apostrophe never taken for a mark."""
    openers = list(_SINGLE_OPEN.finditer(text, start, end))
    if not openers:
        return []
    inside = [(s.open, s.close if s.close >= 0 else end) for s in taken]  # sorted, disjoint
    inside_starts = [a for a, _ in inside]
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text, start, end)]
    out: list[_Span] = []
    after = start
    for m in openers:
        o = m.start()
        j = bisect_right(inside_starts, o)
        if o < after or (j > 0 and inside[j - 1][1] >= o):
            continue  # inside double quotation marks: a quotation within a quotation
        k = bisect_right(closers, o + 1)
        if k >= len(closers) or closers[k] - o > _MAX_SINGLE:
            continue
        # "the workers' union": a plural possessive, not the closing mark, if another one follows
        while k + 1 < len(closers) and closers[k + 1] - o <= _MAX_SINGLE and _possessive_at(text, closers[k]):
            k += 1
        c = closers[k]
        if j < len(inside_starts) and inside_starts[j] < c:
            continue
        out.append(_Span(o, c, para, single=True))
        after = c + 1
    return out


def _possessive_at(text: str, i: int) -> bool:
    """An apostrophe after a plural's s, followed by the noun it qualifies: "members' patience"."""
    return text[i - 1 : i] == "s" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].islower()


def find_spans(article: Article) -> list[_Span]:
    """Every quotation-mark span, paragraph by paragraph; an unclosed one may run on (see below)."""
    text = article.text
    paras = article.paragraphs
    spans: list[_Span] = []
    # one scan of the whole text for marks; only paragraphs holding one are looked at again
    starts = [p.start for p in paras]
    marked = {bisect_right(starts, m.start()) - 1 for m in _DOUBLE.finditer(text)}
    marked |= {bisect_right(starts, m.start()) - 1 for m in _SINGLE_OPEN.finditer(text)}
    for index in sorted(marked):
        if index < 0:
            continue
        p = paras[index]
        doubles = _double_spans(text, p.start, p.end, index)
        singles = _single_spans(text, p.start, p.end, index, doubles)
        spans.extend(sorted(doubles + singles, key=lambda s: s.open))
    # A quotation left open at a paragraph's end continues where the next paragraph reopens it
    # (the news convention), or up to a stray closing mark in the next paragraph.
    extra: list[_Span] = []
    for s in spans:
        if s.close >= 0 or s.para + 1 >= len(paras):
            continue
        nxt = paras[s.para + 1]
        first = text[nxt.start]
        if first in _OPEN_D or first == '"':
            continue  # the next paragraph's own span, marked as continuing below
        closer = _CLOSER.search(text, nxt.start, nxt.end)
        opener = _OPENER.search(text, nxt.start, nxt.end)
        if closer and (opener is None or closer.start() < opener.start()):
            extra.append(_Span(nxt.start - 1, closer.start(), s.para + 1, continues=True))
    spans.extend(extra)
    spans.sort(key=lambda s: s.open)
    for prev, cur in zip(spans, spans[1:]):
        if prev.close < 0 and cur.para == prev.para + 1 and cur.open == paras[cur.para].start:
            cur.continues = True
    return spans


def _inner(text: str, span: _Span, para_end: int) -> tuple[int, int]:
    s = span.open + 1
    e = span.close if span.close >= 0 else para_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in _TRAILING:
        e -= 1
    return s, e


# --------------------------------------------------------------------------------------------
# Attribution


@dataclass(slots=True)
class _Cue:
    phrase: list[names.Tok]  # the subject as written; empty for "said one" (someone unnamed)
    appositive: str | None
    start: int
    end: int
    naming: bool = False  # "called it", "dubbed": a label unless someone is found saying it


def _first_word(text: str, pos: int, hi: int) -> re.Match[str] | None:
    m = _WORDS.search(text, pos, hi)
    return m


def _cue_after(text: str, pos: int, hi: int) -> _Cue | None:
    """'..., X said', '..., said X', '... X was quoted as saying', '..., according to X'."""
    cues = _cues()
    m = re.compile(r"[\s,\u2014\u2013\-]*").match(text, pos, hi)
    p = m.end() if m else pos
    if p >= hi:
        return None
    w = _first_word(text, p, hi)
    if w is None or w.start() != p:
        return None
    word = w.group()
    low = word.lower()
    if low in cues.finite and word.islower():
        toks = names.phrase_after(text, w.end() + 1, hi)
        if toks:
            return _Cue(toks, names.role_after(text, toks[-1].end, hi), p, toks[-1].end)
        nxt = _WORDS.match(text, w.end() + 1, hi) if w.end() + 1 < hi else None
        if nxt is not None and nxt.group().lower() in lexicon.words("speech_verbs", "unnamed"):
            return _Cue([], None, p, nxt.end())  # "said one resident": a quotation, its speaker unnamed
        return None
    if low == "according" and text.startswith(" to ", w.end()):
        toks = names.phrase_after(text, w.end() + 4, hi)
        if toks:
            return _Cue(toks, names.role_after(text, toks[-1].end, hi), p, toks[-1].end)
        return None
    toks = names.phrase_after(text, p, hi)
    if not toks:
        return _cue_after_loose(text, p, hi)
    q = toks[-1].end
    age = _AGE.match(text, q, hi)
    if age:
        q = age.end() - 1  # "Joan Whitby, 71, said": the age is not the role
    appositive = names.role_after(text, q, hi)
    if appositive is not None:
        # skip the appositive up to its closing comma
        comma = text.find(",", q + 1, min(hi, q + 160))
        if comma < 0:
            return None
        q = comma + 1
    aux = lexicon.words("speech_verbs", "auxiliaries")
    for v in _WORDS.finditer(text, q, min(hi, q + 80)):
        vl = v.group().lower()
        if text[q : v.start()].strip(" ,"):
            return None  # something other than words between the subject and the verb
        if vl in aux:
            q = v.end()
            continue
        rest = text[v.start() : v.start() + 30].lower()
        if vl in cues.finite or any(rest.startswith(x) for x in cues.quoted_as):
            return _Cue(toks, appositive, p, v.end())
        return None
    return None


_CLAUSE_END = re.compile(r"[,.;:!?\u201c\u201d\"()]")


def _cue_after_loose(text: str, p: int, hi: int) -> _Cue | None:
    """'..., fire chief X said': a subject that opens with words of no list, before a speech verb."""
    cues = _cues()
    while p < hi and text[p].isspace():
        p += 1
    end = _CLAUSE_END.search(text, p, hi)
    stop = end.start() if end else hi
    seen = 0
    for v in _WORDS.finditer(text, p, stop):
        seen += 1
        if seen > 8:
            return None
        if v.group().islower() and v.group() in cues.finite:
            phrase, _ = names.phrase_before(text, p, v.start())
            if phrase:
                return _Cue(phrase, None, p, v.end())
            return None
    return None


def _verb_at(tok: names.Tok) -> str | None:
    cues = _cues()
    if tok.cap and not tok.text.isupper():
        low = tok.low
    else:
        low = tok.low
    if tok.text[:1].isupper():
        return None  # capitalised: a name ("United States"), not a verb
    if low in cues.finite:
        return "finite"
    if low in cues.participle:
        return "participle"
    if low in cues.naming:
        return "naming-participle" if low.endswith("ing") else "naming"
    if low in cues.quoting:
        return "quoting"
    return None


def _clause_subject(text: str, lo: int, hi: int) -> list[names.Tok]:
    """The subject at the start of a sentence, after any opening adverbial ("In 2022, X said")."""
    toks = names.phrase_after(text, lo, hi)
    if toks:
        return toks
    comma = text.find(",", lo, hi)
    if comma >= 0:
        return names.phrase_after(text, comma + 1, hi)
    return []


def _cue_before(text: str, lo: int, pos: int) -> _Cue | None:
    """'X said: "...', 'X told Y that "...', 'calling it a "...', 'quoting X', 'According to X, "'."""
    toks = names.tokens(text, lo, pos)
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if not t.word:
            if t.text in "\u201c\u201d\"":
                break  # another quotation: words before it are its own
            continue
        if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            phrase = names.phrase_after(text, toks[i + 1].end + 1, pos)
            if phrase:
                return _Cue(phrase, None, t.start, phrase[-1].end)
            continue
        kind = _verb_at(t)
        if kind is None:
            continue
        if kind == "quoting":
            phrase = names.phrase_after(text, t.end + 1, pos)
            if phrase:
                return _Cue(phrase, None, t.start, phrase[-1].end)
            continue
        if kind in ("participle", "naming-participle"):
            # "X welcomed it, calling it a ...": the subject of the main clause, unless "quoting Y";
            # '"...," he said, adding that': the subject of the attribution before it
            for j in range(i - 1, -1, -1):
                if toks[j].low in _cues().quoting:
                    phrase = names.phrase_after(text, toks[j].end + 1, pos)
                    if phrase:
                        return _Cue(phrase, None, toks[j].start, t.end)
                if toks[j].word and _verb_at(toks[j]) == "finite":
                    phrase, appositive = names.phrase_before(text, lo, toks[j].start)
                    if not phrase:
                        phrase = names.phrase_after(text, toks[j].end + 1, t.start)
                        appositive = None
                    if phrase:
                        return _Cue(phrase, appositive, min(phrase[0].start, toks[j].start), t.end)
                    break
            phrase = _clause_subject(text, lo, t.start)
            if phrase:
                return _Cue(phrase, None, phrase[0].start, t.end, naming=kind == "naming-participle")
            return None
        phrase, appositive = names.phrase_before(text, lo, t.start)
        if phrase:
            return _Cue(phrase, appositive, phrase[0].start, t.end, naming=kind == "naming")
        if kind == "finite":
            # inverted: 'said X: "...'
            phrase = names.phrase_after(text, t.end + 1, pos)
            if phrase and text[phrase[-1].end : pos].strip() in (":", ",", ""):
                return _Cue(phrase, None, t.start, phrase[-1].end)
        return None
    return None


def _is_label(text: str, span_start: int, span_end: int, lo: int, hi: int) -> bool:
    """A scare quote or label: so-called "X", the "X" label."""
    cues = _cues()
    before = text[max(lo, span_start - 24) : span_start - 1].lower().rstrip()
    if any(before.endswith(s) for s in cues.scare):
        return True
    m = _WORDS.match(text, span_end + 1, hi) if span_end + 1 < hi else None
    if m is None and span_end + 2 < hi:
        m = _WORDS.match(text, span_end + 2, hi)
    return bool(m and m.group().lower() in cues.labels)


def _partial(text: str, start: int, end: int, open_at: int, lo: int) -> bool:
    """A fragment woven into the reporter's sentence, not a whole statement."""
    inner = text[start:end]
    if not inner:
        return True
    if inner.rstrip().endswith(("...", "\u2026")) and len(inner.split()) <= 6:
        return True
    if inner[0].islower():
        return True
    before = text[max(lo, open_at - 200) : open_at].rstrip()
    if not before or before.endswith((":", ",", "\u2014", "-")):
        return False
    last = before.split()[-1].lower().strip(",")
    cues = _cues()
    return not (last == "that" or last in cues.finite or last in cues.participle)


# --------------------------------------------------------------------------------------------
# The article's people and bodies


class _People:
    """Mentions of one article grouped into entities; resolves pronouns and role descriptions."""

    def __init__(self, article: Article, quoted_ranges: list[tuple[int, int]]):
        self.article = article
        self.unresolved: names.Mention | None = None  # the last role description left unresolved
        self._ready = False
        self._starts: list[int] = []
        self.entities: list[Entity] = []
        self.mentions: list[tuple[int, int, int]] = []  # (start, end, entity) outside quotations
        self._by_key: dict[str, int] = {}
        self._by_surname: dict[str, list[int]] = {}
        self._quoted = quoted_ranges
        self._quoted_starts = [a for a, _ in quoted_ranges]
        text = article.text
        found = names.find(text, 0, len(text), places=False)  # runs never cross a line: one pass
        # full names first, so that surnames alone attach to them
        pending_single = []
        for m in found:
            if m.kind in ("place",) or not m.bare:
                continue
            if m.kind == "organization":
                self._add(m, m.role, "organization", evidence=True)
                continue
            multi = " " in m.bare
            if multi and m.kind != "person" and not names.is_person_name(m):
                continue  # "Central Asia Summit", "Morning Post": not a person, not a body either
            employer = _EMPLOYER.search(text, max(0, m.start - 60), m.start) if m.kind == "unknown" else None
            if employer and employer.group(1) in names.words().titles:
                # "chief economist at Harbor Analytics": the setting of a role is a body
                self._add(m, None, "organization", evidence=False)
                continue
            role = m.role or names.role_after(text, m.end, self._para_end(m.end))
            if multi:
                self._add(m, role, "person", evidence=bool(role) or m.kind == "person")
            else:
                pending_single.append((m, role))
        for m, role in pending_single:
            key = names.fold(m.bare)
            hits = self._by_surname.get(key, [])
            if len(hits) == 1:
                self._attach(hits[0], m, role)
            elif m.kind == "person":
                self._add(m, role, "person", evidence=True)
        # surnames standing alone ("Kabulov said"), now that the full names are known
        surnames = {}
        for e_index, e in enumerate(self.entities):
            if e.kind == "person":
                last = e.name.split()[-1]
                if len(self._by_surname.get(names.surname(last), [])) == 1:
                    surnames[last] = e_index
        taken = sorted((m.start, m.end) for m in found)
        taken_starts = [a for a, _ in taken]
        for a, b in names.find_words(text, 0, len(text), frozenset(surnames)):
            k = bisect_right(taken_starts, a) - 1
            if k >= 0 and taken[k][0] <= a < taken[k][1]:
                continue  # part of a longer mention
            word = text[a:b]
            m = names.Mention(a, b, word, word, word, None, "unknown")
            self._attach(surnames[word], m, names.role_after(text, b, self._para_end(b)))
        self.mentions.sort()
        self._starts = [s for s, _, _ in self.mentions]
        self._ready = True  # from here on, mentions are inserted in order

    def _para_end(self, pos: int) -> int:
        s = self.article.sentence_at(pos - 1)
        if s is None:
            return pos
        return self.article.paragraphs[s.paragraph].end

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def _add(self, m: names.Mention, role: str | None, kind: str, evidence: bool) -> int:
        key = names.fold(m.bare) if kind == "person" else _org_key(m.bare)
        index = self._by_key.get(key)
        if index is None:
            index = len(self.entities)
            self.entities.append(Entity(name=m.bare, kind=kind))
            self._by_key[key] = index
            if kind == "person":
                self._by_surname.setdefault(names.surname(m.bare), []).append(index)
        self._attach(index, m, role)
        self.entities[index].evidence |= evidence
        return index

    def _attach(self, index: int, m: names.Mention, role: str | None) -> None:
        e = self.entities[index]
        if m.name and m.name not in e.forms:
            e.forms.append(m.name)
        if m.form not in e.aliases:
            e.aliases.append(m.form)
        if role and role not in e.roles:
            e.roles.append(role)
            e.evidence = True
        for w in sorted(m.role_words):
            if w not in e.role_words:
                e.role_words.append(w)
        if role and role != m.role:
            for w in role.lower().replace("\u2019", "'").split():
                w = w.removesuffix("'s")
                if w in names.words().titles and w not in e.role_words:
                    e.role_words.append(w)
        if m.qualifier and m.qualifier not in e.qualifiers:
            e.qualifiers.append(m.qualifier)
        if len(m.bare) > len(e.name) and e.kind == "person" and names.is_person_name(m):
            e.name = m.bare
        if not self.in_quote(m.start):
            if self._ready:
                k = bisect_right(self._starts, m.start)
                self._starts.insert(k, m.start)
                self.mentions.insert(k, (m.start, m.end, index))
            else:
                self.mentions.append((m.start, m.end, index))

    def speaker(self, cue: _Cue) -> int | None:
        """The entity a cue's subject names, pronouns and role descriptions resolved."""
        text = self.article.text
        self.unresolved = None
        m = names.parse(text, cue.phrase)
        if m is None:
            return None
        if m.kind == "pronoun":
            want = names.words().pronouns.get(m.form.lower(), "any")
            if want == "any":
                return None
            return self._nearest(cue.start, lambda e: e.kind == want)
        if m.described:
            index = self._described(m, cue)
            if index is None and m.kind == "person":
                self.unresolved = m
            return index
        if m.kind == "place" and not m.role:
            index = self._add(m, None, "organization", evidence=False)
        else:
            key_person = names.fold(m.bare)
            index = self._by_key.get(key_person)
            if index is None:
                hits = self._by_surname.get(names.surname(m.bare), [])
                if len(m.bare.split()) == 1 and len(hits) == 1:
                    index = hits[0]
                    self._attach(index, m, m.role)
            if index is None:
                org = _org_key(m.bare)
                index = self._by_key.get(org)
            if index is None:
                kind = "organization" if m.kind == "organization" else "person"
                index = self._add(m, m.role, kind, evidence=True)
            elif m.form not in self.entities[index].aliases:
                self._attach(index, m, m.role)
        e = self.entities[index]
        if cue.appositive and cue.appositive not in e.roles:
            e.roles.append(cue.appositive)
        e.evidence = True
        return index

    def _nearest(self, pos: int, ok, after: bool = False) -> int | None:
        k = bisect_right(self._starts, pos) - 1
        stop = max(-1, k - NEAREST_REACH)
        while k > stop:
            _, _, index = self.mentions[k]
            if ok(self.entities[index]):
                return index
            k -= 1
        if after:
            first = bisect_right(self._starts, pos)
            for _, _, index in self.mentions[first : first + NEAREST_REACH]:
                if ok(self.entities[index]):
                    return index
        return None

    def _described(self, m: names.Mention, cue: _Cue) -> int | None:
        """'the ministry', 'the ambassador', "Afghanistan's foreign minister": who holds that role."""
        loose = lexicon.words("roles", "loose_modifiers")
        wanted = set(m.role_words) - loose
        heads = {w for w in m.role_words if w in names.words().titles or w in names.words().org_titles}
        org_heads = {t.bare for t in cue.phrase if t.bare in names.words().org_heads}

        def fits(e: Entity) -> bool:
            if m.qualifier and e.qualifiers and m.qualifier not in e.qualifiers:
                return False
            if m.kind == "organization":
                low = e.name.lower()
                return e.kind == "organization" and bool(org_heads) and all(h in low for h in org_heads)
            if e.kind != "person":
                return False
            return bool(heads) and wanted <= set(e.role_words)

        index = self._nearest(cue.start, fits, after=True)
        if index is not None:
            e = self.entities[index]
            if m.form not in e.aliases:
                e.aliases.append(m.form)
        return index


_org_rules: list[tuple[re.Pattern[str], str]] = []


@lru_cache(maxsize=16384)
def _org_key(name: str) -> str:
    """One key for one body: demonyms to countries, "Ministry of X Affairs" to "X Ministry"."""
    if not _org_rules:
        for pattern, repl in lexicon.load("organisations")["equivalents"]:
            _org_rules.append((re.compile(pattern), repl))
    words = []
    for w in names.fold(name.replace("\u2019s", "").replace("'s", "")).split():
        if w == "the":
            continue
        words.append(names.place_key(w) or w)
    key = " ".join(words)
    for pattern, repl in _org_rules:
        key = pattern.sub(repl, key)
    return key


# --------------------------------------------------------------------------------------------
# Per article


def extract(article: Article) -> ArticleQuotes:
    text = article.text
    paras = article.paragraphs
    spans = find_spans(article)
    inners = [_inner(text, s, paras[s.para].end) for s in spans]
    quoted = sorted((s.open, (s.close if s.close >= 0 else paras[s.para].end) + 1) for s in spans)
    people = _People(article, quoted)
    out = ArticleQuotes(article.id)
    last_speaker: dict[int, tuple[int | None, int]] = {}  # paragraph -> (speaker, end of its last quote)
    prev: tuple[_Span, int | None, bool] | None = None  # previous span, its speaker, kept
    chained: list[bool] = []  # each kept quotation continues the one before it
    for span, (s, e) in zip(spans, inners):
        if s >= e:
            continue
        para = paras[span.para]
        sent_open = article.sentence_at(span.open) or article.sentence_at(s)
        lo = max(sent_open.start if sent_open else para.start, span.open - REACH)
        close = span.close if span.close >= 0 else para.end
        sent_close = article.sentence_at(max(close - 1, s))
        hi = sent_close.end if sent_close and span.close >= 0 else para.end
        hi = min(hi, close + REACH)
        cue = None
        if span.close >= 0:
            cue = _cue_after(text, close + 1, hi)
        if cue is None:
            cue = _cue_before(text, lo, span.open)
        if cue is None and span.close >= 0:
            # a headline's "..., minister says" at the end of the sentence
            comma = text.rfind(",", close + 1, hi)
            if comma >= 0:
                tail = _cue_after_loose(text, comma + 1, hi)
                if tail is not None and not text[tail.end : hi].strip(" .\n"):
                    cue = tail
        at_para_start = span.open - para.start < 8 and not text[para.start : span.open].strip()
        if cue is None and at_para_start and span.para > 0:
            # the line before ends with "X stated:"
            before = paras[span.para - 1]
            if text[before.start : before.end].rstrip().endswith(":"):
                last = article.sentence_at(before.end - 1)
                cue = _cue_before(text, last.start if last else before.start, before.end)
        if cue is None:
            # "Minister: 'We will rebuild'": a short name or role, a colon, the quotation
            head = text[para.start : span.open].rstrip() if span.open - para.start < 120 else ""
            if head.endswith(":") and 0 < len(head.split()) <= 6:
                toks, _ = names.phrase_before(text, para.start, para.start + len(head) - 1)
                if toks and toks[0].start == para.start + (len(head) - len(head.lstrip())):
                    cue = _Cue(toks, None, toks[0].start, toks[-1].end)
        if cue is None and para.heading and span.close >= 0:
            # a heading "'Brave decision...': Afghanistan's foreign minister"
            m = re.compile(r"\s*[:\u2014\u2013\-|]\s*").match(text, close + 1, para.end)
            if m:
                toks = names.phrase_after(text, m.end(), para.end)
                if toks:
                    cue = _Cue(toks, None, m.end(), toks[-1].end)
        speaker = people.speaker(cue) if cue is not None else None
        unresolved = people.unresolved if cue is not None and speaker is None else None
        inherited = False
        if cue is None and prev is not None:
            p_span, p_speaker, p_kept = prev
            if p_kept and (span.continues or p_span.para == span.para):
                speaker, inherited = p_speaker, True
            elif p_kept and span.para == p_span.para + 1 and span.open == para.start and close + 1 >= para.end - 1:
                # a paragraph that is only a quotation, right after one that ended with one
                pp = paras[p_span.para]
                if last_speaker.get(p_span.para, (None, 0))[1] >= pp.end - 40:
                    speaker, inherited = p_speaker, True
        words = len(text[s:e].split())
        label = _is_label(text, span.open, close, para.start, para.end)
        keep = not label and (cue is not None or inherited or (words >= 5 and not _title_case(text[s:e])))
        if cue is not None and cue.naming and speaker is None and words < 3 and not inherited:
            keep = False  # "critics called it a "paper peace"": a label nobody is named saying
        prev_kept = prev is not None and prev[2]
        prev = (span, speaker, keep)
        if not keep:
            continue
        if speaker is not None:
            people.entities[speaker].quoted = True
        partial = _partial(text, s, e, span.open, lo) if not span.continues else False
        cue_text = text[cue.start : cue.end] if cue is not None else None
        found = FoundQuote(s, e, partial, speaker, cue_text)
        if unresolved is not None and unresolved.role_words:
            found.description = unresolved.form
            found.description_words = sorted(unresolved.role_words - lexicon.words("roles", "loose_modifiers"))
            found.description_country = unresolved.qualifier
        out.quotes.append(found)
        chained.append(span.continues and prev_kept)
        last_speaker[span.para] = (speaker, close + 1)
    # a quotation run over paragraphs is attributed where its attribution is: reach back
    for i in range(len(out.quotes) - 1, 0, -1):
        if chained[i] and out.quotes[i - 1].speaker is None and out.quotes[i].speaker is not None:
            out.quotes[i - 1].speaker = out.quotes[i].speaker
    out.entities = people.entities
    return out


def _title_case(s: str) -> bool:
    ws = s.split()
    return len(ws) <= 8 and all(w[:1].isupper() or len(w) <= 3 for w in ws)


# --------------------------------------------------------------------------------------------
# Across sources


def combine(analysis: Analysis, facts: list[ArticleQuotes]) -> None:
    """Fill analysis.quotes, speakers, people and quote_variants."""
    from briefing.analysis import speakers, variants

    speakers.combine(analysis, facts)
    variants.combine(analysis)
