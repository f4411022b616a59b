"""Who says a quotation: the attribution patterns around quotation marks.

After the quotation ("..., X said", "..., said X", "X was quoted as saying", "according to X"),
before it ("X said:", "X told Y that", "calling it a", "quoting X"), and the signs that quoted words
are a label and not speech (so-called "...", the "..." label). The verbs and nouns are word lists
in `briefing/data/speech_verbs.yaml`; the subject phrases are parsed by `names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing import lexicon
from briefing.analysis import names

_WORDS = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
_AGE = re.compile(r",\s*\d{1,3},")
_IN_PLACE = re.compile(r" (?:in|at) ")
_LEAD = re.compile(r"[\s,\u2014\u2013\-]*")
REACH = 400  # characters before or after a quotation searched for its attribution
_NOUN_BEFORE = frozenset(("a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "whose"))

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


@cache
def _cues() -> _Cues:
    data = lexicon.load("speech_verbs")
    return _Cues(
        finite=frozenset(map(str, data["finite"])),
        participle=frozenset(map(str, data["participle"])),
        naming=frozenset(map(str, data["naming"])),
        quoted_as=tuple(map(str, data["quoted_as"])),
        quoting=frozenset(map(str, data["quoting"])),
        labels=frozenset(map(str, data["label_nouns"])),
        scare=tuple(map(str, data["scare_markers"])),
    )


# --------------------------------------------------------------------------------------------
# Attribution


@dataclass(slots=True)
class Cue:
    phrase: list[names.Tok]  # the subject as written; empty for "said one" (someone unnamed)
    appositive: str | None
    start: int
    end: int
    naming: bool = False  # "called it", "dubbed": a label unless someone is found saying it


def cue_after(text: str, pos: int, hi: int) -> Cue | None:
    """'..., X said', '..., said X', '... X was quoted as saying', '..., according to X'."""
    cues = _cues()
    m = _LEAD.match(text, pos, hi)
    p = m.end() if m else pos
    if p >= hi:
        return None
    w = _WORDS.search(text, p, hi)
    if w is None or w.start() != p:
        return None
    word = w.group()
    low = word.lower()
    if low in cues.finite and word.islower():
        named = role_then_name(text, w.end() + 1, hi)
        if named is not None:  # "said the French trade minister, Anne Roy"
            return Cue(named[0], named[1], p, named[0][-1].end)
        toks = names.phrase_after(text, w.end() + 1, hi)
        if toks:
            return Cue(toks, names.role_after(text, toks[-1].end, hi), p, toks[-1].end)
        nxt = _WORDS.match(text, w.end() + 1, hi) if w.end() + 1 < hi else None
        if nxt is not None and nxt.group().lower() in lexicon.words("speech_verbs", "unnamed"):
            return Cue([], None, p, nxt.end())  # "said one resident": a quotation, its speaker unnamed
        return None
    if low == "as" and word.islower():  # '"red lines", as the minister put it'
        named = role_then_name(text, w.end() + 1, hi)
        toks, role = named if named is not None else (names.phrase_after(text, w.end() + 1, hi), None)
        if toks:
            rest = text[toks[-1].end : toks[-1].end + 24].lower().lstrip(" ,")
            for v in lexicon.words("speech_verbs", "as_verbs"):
                if rest.startswith(v) and rest[len(v) : len(v) + 1] in ("", " ", ",", ".", ";"):
                    return Cue(toks, role, p, toks[-1].end)
        return None
    if low == "according" and text.startswith(" to ", w.end()):
        toks = names.phrase_after(text, w.end() + 4, hi)
        if toks:
            return Cue(toks, names.role_after(text, toks[-1].end, hi), p, toks[-1].end)
        return None
    named = role_then_name(text, p, hi)  # "the business secretary, Anna Berg, said"
    toks = named[0] if named is not None else names.phrase_after(text, p, hi)
    if not toks:
        return cue_after_loose(text, p, hi)
    q = toks[-1].end
    age = _AGE.match(text, q, hi)
    if age:
        q = age.end() - 1  # "Joan Whitby, 71, said": the age is not the role
    where = _IN_PLACE.match(text, q, hi)
    if where:  # "the Norwegian Embassy in London said": where the subject is
        place = names.phrase_after(text, where.end(), hi)
        if place and names.place_key(text[place[0].start : place[-1].end]):
            q = place[-1].end
    appositive = names.role_after(text, q, hi) if named is None else named[1]
    if named is None and appositive is not None:  # (a role first: a comma may end the name)
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
        passive = next((x for x in cues.quoted_as if rest.startswith(x)), None)
        if passive is not None:  # the cue as written: "Zhirinov was quoted as saying"
            return Cue(toks, appositive, p, v.start() + len(passive))
        if vl in cues.finite:
            return Cue(toks, appositive, p, v.end())
        return None
    return None


_ROLE_COMMA = re.compile(r"[^,.;:!?\u201c\u201d\"()\n]{3,100}?,\s+")


def role_then_name(text: str, p: int, hi: int) -> tuple[list[names.Tok], str] | None:
    """After an inverted verb, a role then the name in apposition: 'the French trade minister,
    Anne Roy', "Sweden's trade minister, Anne Roy". The name must be a whole person-shaped name."""
    m = _ROLE_COMMA.match(text, p, hi)
    if m is None:
        return None
    comma = text.rindex(",", p, m.end())
    role_toks = names.tokens(text, p, comma)
    first = role_toks[0] if role_toks else None
    if first is None or not (first.low in ("the", "a", "an") or first.cap):
        return None
    role = names.role_text(text, role_toks)
    if role is None or len(role_toks) > 8:
        return None
    toks = names.phrase_after(text, m.end(), hi)
    if not toks or not names.person_shaped(text[toks[0].start : toks[-1].end]):
        return None
    if any(t.low in names.words().honorifics for t in toks[:1]):
        return None
    return toks, role


_CLAUSE_END = re.compile(r"[,.;:!?\u201c\u201d\"()]")


def cue_after_loose(text: str, p: int, hi: int) -> Cue | None:
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
                return Cue(phrase, None, p, v.end())
            return None
    return None


def _verb_at(tok: names.Tok) -> str | None:
    cues = _cues()
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


@cache
def _any_cue_word() -> re.Pattern[str]:
    c = _cues()
    words = c.finite | c.participle | c.naming | c.quoting | {"according"}
    return re.compile(rf"\b(?:{names.trie_pattern(words)})\b", re.IGNORECASE)


def cue_before(text: str, lo: int, pos: int) -> Cue | None:
    """'X said: "...', 'X told Y that "...', 'calling it a "...', 'quoting X', 'According to X, "'."""
    if not _any_cue_word().search(text, lo, pos):
        return None  # one scan in C before any tokenising: most windows hold no cue at all
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
                return Cue(phrase, None, t.start, phrase[-1].end)
            continue
        kind = _verb_at(t)
        if kind is None:
            continue
        if i > 0 and toks[i - 1].low in _NOUN_BEFORE:
            continue  # "the recall", "a statement": a noun here, not the verb
        if kind == "quoting":
            phrase = names.phrase_after(text, t.end + 1, pos)
            if phrase:
                return Cue(phrase, None, t.start, phrase[-1].end)
            continue
        if kind in ("participle", "naming-participle"):
            # "X welcomed it, calling it a ...": the subject of the main clause, unless "quoting Y";
            # '"...," he said, adding that': the subject of the attribution before it
            for j in range(i - 1, -1, -1):
                if toks[j].low in _cues().quoting:
                    phrase = names.phrase_after(text, toks[j].end + 1, pos)
                    if phrase:
                        return Cue(phrase, None, toks[j].start, t.end)
                if toks[j].word and _verb_at(toks[j]) == "finite":
                    phrase, appositive = names.phrase_before(text, lo, toks[j].start)
                    if not phrase:
                        phrase = names.phrase_after(text, toks[j].end + 1, t.start)
                        appositive = None
                    if phrase:
                        return Cue(phrase, appositive, min(phrase[0].start, toks[j].start), t.end)
                    break
            phrase = _clause_subject(text, lo, t.start)
            if phrase:
                return Cue(phrase, None, phrase[0].start, t.end, naming=kind == "naming-participle")
            return None
        phrase, appositive = names.phrase_before(text, lo, t.start)
        if phrase:
            return Cue(phrase, appositive, phrase[0].start, t.end, naming=kind == "naming")
        if kind == "finite":
            # inverted: 'said X: "...', 'said the trade minister, X: "...'
            named = role_then_name(text, t.end + 1, pos)
            if named is not None and text[named[0][-1].end : pos].strip() in (":", ",", ""):
                return Cue(named[0], named[1], t.start, named[0][-1].end)
            phrase = names.phrase_after(text, t.end + 1, pos)
            if phrase and text[phrase[-1].end : pos].strip() in (":", ",", ""):
                return Cue(phrase, None, t.start, phrase[-1].end)
        return None
    return None


def is_label(text: str, span_start: int, span_end: int, lo: int, hi: int) -> bool:
    """A scare quote, label or title: so-called "X", the "X" label, the report "X"."""
    cues = _cues()
    before = text[max(lo, span_start - 24) : span_start].lower().rstrip()
    if before.endswith(cues.scare):
        return True
    last = before.rsplit(None, 1)[-1] if before else ""
    if last in lexicon.words("speech_verbs", "work_nouns"):
        return True
    m = _WORDS.match(text, span_end + 1, hi) if span_end + 1 < hi else None
    if m is None and span_end + 2 < hi:
        m = _WORDS.match(text, span_end + 2, hi)
    return bool(m and m.group().lower() in cues.labels)


def is_partial(text: str, start: int, end: int, open_at: int, lo: int) -> bool:
    """A fragment woven into the reporter's sentence, not a whole statement."""
    inner = text[start:end]
    if not inner:
        return True
    if inner.rstrip().endswith(("...", "\u2026")) and len(inner.split()) <= 6:
        return True
    if inner[0].islower():
        return True
    before = text[max(lo, open_at - 200) : open_at].rstrip()
    if not before or before.endswith((":", ",", "\u2014", "-", ".", "!", "?")):
        return False
    last = before.split()[-1].lower().strip(",")
    cues = _cues()
    return not (last == "that" or last in cues.finite or last in cues.participle)

