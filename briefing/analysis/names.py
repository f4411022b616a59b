"""Names of people and bodies in running text: where they are, and what role words go with them.

News text names people inside title phrases ("Acting Afghan Foreign Minister Mawlawi Amir Khan
Muttaqi"), after appositives ("Zamir Kabulov, Russia's Special Envoy to Afghanistan") and behind
honorifics ("Dr. Leila Murtazayeva"). This module splits such phrases into role, honorific and
proper name, using the word lists in `briefing/data/` (roles, honorifics, organisations, names),
so that quotes can be attributed and one person's forms merged across sources.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from briefing import lexicon
from briefing.analysis.gazetteer import trie_pattern

# Upper-case letters, Latin with diacritics included (regex classes have no "is upper").
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100\u0102\u0104\u0106\u010c\u010e\u0110\u0112\u0116\u0118\u011a\u011e\u0130\u0141\u0143\u0147\u0150\u0152\u0158\u015a\u015e\u0160\u0162\u0164\u016a\u016e\u0170\u0178\u0179\u017b\u017d"
UPPER = _UP  # for patterns elsewhere that start at a capital
_CAPWORD = rf"(?:[{_UP}]\.){{2,}}|[{_UP}][\w\u2019'\-]*\.?"
_TOKEN = re.compile(r"[\w\u2019'\-]+(?:\.(?=\w))?[\w\u2019'\-]*\.?|[^\w\s]")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|s'|s\u2019)$")
_NAME_PARTS = ("cap", "title", "mod", "orghead", "orgtitle")  # what a connector may follow in a phrase
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})


# --------------------------------------------------------------------------------------------
# Word lists


@dataclass(frozen=True, slots=True)
class _Words:
    honorifics: frozenset[str]
    titles: frozenset[str]
    modifiers: frozenset[str]
    org_titles: frozenset[str]
    org_heads: frozenset[str]
    role_stops: frozenset[str]
    not_names: frozenset[str]
    particles: frozenset[str]
    place_words: frozenset[str]
    connectors: frozenset[str]
    pronouns: dict[str, str]
    abbreviations: frozenset[str]


@cache
def words() -> _Words:
    names = lexicon.load("names")
    roles = lexicon.load("roles")
    abbrev = lexicon.load("abbreviations")
    return _Words(
        honorifics=lexicon.words("honorifics"),
        titles=frozenset(w.lower() for w in roles["person_titles"]),
        modifiers=frozenset(w.lower() for w in roles["modifiers"]),
        org_titles=frozenset(w.lower() for w in roles["organisation_titles"]),
        org_heads=lexicon.words("organisations", "heads"),
        role_stops=frozenset(w.lower() for w in roles["role_stops"]),
        not_names=frozenset(w.lower() for w in names["not_names"]),
        particles=frozenset(w.lower() for w in names["particles"]),
        place_words=frozenset(w.lower() for w in names["place_words"]),
        connectors=frozenset(w.lower() for w in names["connectors"]),
        pronouns={str(k).lower(): str(v) for k, v in names["pronouns"].items()},
        abbreviations=frozenset(
            str(w).lower() for key in ("titles", "other", "never_end") for w in abbrev[key]
        ),
    )


@cache
def _run_pattern() -> re.Pattern[str]:
    """A run of capitalised words, with lower-case title words and connectors inside it.

    It starts at a capitalised word only (an alternation of hundreds of lower-case words tried at
    every position would be slow); `find` walks back over lower-case title words before it.
    """
    w = words()
    lower = sorted(
        (x for x in w.titles | w.modifiers | w.org_titles | w.honorifics if x.isalpha()), key=len, reverse=True
    )
    lower_alt = trie_pattern(lower)
    join_alt = trie_pattern(w.connectors | w.particles)
    word = rf"(?:{_CAPWORD}|(?:{lower_alt})(?![\w\-]))"
    # the first letter leads, so that the engine can skip ahead to capitals
    first = rf"[{_UP}](?<![\w\-\u2019'][{_UP}])(?:\.(?:[{_UP}]\.)+|[\w\u2019'\-]*\.?)"
    # two words or more: single capitalised words are mostly places and sentence starts, and the
    # surnames among them are found by `find_words` once the full names are known
    return re.compile(rf"{first}(?:(?: | (?:{join_alt}) (?:the )?){word})+")


@lru_cache(maxsize=65536)
def place_key(word: str) -> str | None:
    """The country a word names ("Russian", "Russia's", "Kabul" -> its country, lower case), or
    None: the one country lookup, `gazetteer.code` (names, demonyms and capitals)."""
    from briefing.analysis import gazetteer

    w = word.translate(_APOS).strip(".")
    code = gazetteer.code(w[:-1] if w.endswith("s'") else w)  # "the Philippines' envoy"
    return gazetteer.name_of(code).lower() if code else None


@lru_cache(maxsize=4096)
def seat_of_government(name: str) -> bool:
    """A name that stands for a state's government ("Downing Street", "the Kremlin"): a body."""
    from briefing.analysis import gazetteer

    found = gazetteer.find(name)
    return len(found) == 1 and found[0].kind == "government" and found[0].text == name.removeprefix("the ").strip()


# --------------------------------------------------------------------------------------------
# Tokens


class Tok(NamedTuple):
    """A word or punctuation mark, with its lower-case and possessive-free forms computed once."""

    text: str
    start: int
    end: int
    low: str  # lower case, no final full stop, straight apostrophes
    bare: str  # `low` without a possessive ending
    cap: bool
    word: bool


@lru_cache(maxsize=65536)
def _forms(t: str) -> tuple[str, str, bool, bool]:
    low = t.lower().rstrip(".").translate(_APOS)
    return low, _POSSESSIVE.sub("", low), t[:1].isupper(), t[:1].isalnum()


def tok(t: str, start: int, end: int) -> Tok:
    return Tok(t, start, end, *_forms(t))


# What `tokens` makes of one matched string, by the string: ((text, offset, forms), ...), one
# piece, or two where a sentence's full stop is split off a word. Words repeat, so this is kept
# (bounded: a new word past the bound is worked out again each time).
_PIECES: dict[str, tuple[tuple[str, int, tuple[str, str, bool, bool]], ...]] = {}
_PIECES_MAX = 200_000
_new_tok = tuple.__new__


def _pieces(t: str) -> tuple[tuple[str, int, tuple[str, str, bool, bool]], ...]:
    if len(t) > 1 and t.endswith("."):
        core = t[:-1].lower()
        if not (core in words().abbreviations or len(core) == 1 or "." in core):
            got = ((t[:-1], 0, _forms(t[:-1])), (".", len(t) - 1, _forms(".")))
            if len(_PIECES) < _PIECES_MAX:
                _PIECES[t] = got
            return got
    got = ((t, 0, _forms(t)),)
    if len(_PIECES) < _PIECES_MAX:
        _PIECES[t] = got
    return got


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Words and punctuation marks of text[start:end]; a final full stop stays on abbreviations only."""
    # Every character but white space belongs to a token, so a token starts at the first
    # occurrence of its text after the previous one: `findall` and `str.find` instead of a
    # match object per token.
    out: list[Tok] = []
    append = out.append
    known = _PIECES.get
    find = text.find
    pos = start
    for t in _TOKEN.findall(text, start, end):
        s = find(t, pos)
        pos = s + len(t)
        pieces = known(t) or _pieces(t)
        if len(pieces) == 1:
            append(_new_tok(Tok, (t, s, pos, *pieces[0][2])))
        else:
            for piece, at, forms in pieces:
                a = s + at
                append(_new_tok(Tok, (piece, a, a + len(piece), *forms)))
    return out


# --------------------------------------------------------------------------------------------
# Mentions


class Mention(NamedTuple):
    """One reference to a person or body: the phrase as written, split into its parts."""

    start: int  # the whole phrase (role, honorific and name)
    end: int
    form: str
    name: str  # the proper name as written, honorifics kept ("Mawlawi Amir Khan Muttaqi"); "" if none
    bare: str  # the proper name without honorifics ("Amir Khan Muttaqi"); "" if none
    role: str | None  # "Acting Afghan Foreign Minister"
    kind: str  # person | organization | place | pronoun | unknown
    role_words: frozenset[str] = frozenset()  # title words of the role, lower case ("foreign", "minister")
    qualifier: str | None = None  # the country the role is of, if it says ("afghanistan")

    @property
    def described(self) -> bool:
        """A role description without a name ("the ambassador", "Afghanistan's foreign minister")."""
        return not self.bare and self.kind in ("person", "organization")


def _kind_of_word(t: Tok) -> str:
    return _word_kind(t.bare, t.cap)


@lru_cache(maxsize=65536)
def _word_kind(low: str, cap: bool) -> str:
    w = words()
    if low in w.honorifics:
        return "hon"
    if low in w.titles:
        return "title"
    if low in w.org_titles:
        return "orgtitle"
    if low in w.org_heads:
        return "orghead"
    if low in w.modifiers:
        return "mod"
    if low in w.connectors:
        return "conn"
    if cap:
        return "cap"
    if low in w.particles:
        return "particle"
    return "other"


def _qualifier(toks: list[Tok]) -> str | None:
    for t in toks:
        if t.cap:
            key = place_key(t.text)
            if key:
                return key
    # multi-word country names ("United States")
    for i in range(len(toks) - 1):
        key = place_key(f"{toks[i].text} {toks[i + 1].bare}")
        if key:
            return key
    return None


def _place_len(toks: list[Tok], i: int) -> int:
    """How many tokens from i name a place (0 if none): longest of three, two, one."""
    for n in (3, 2, 1):
        if i + n <= len(toks):
            phrase = " ".join(t.text for t in toks[i : i + n])
            if place_key(phrase):
                return n
    return 0


def parse(text: str, toks: list[Tok]) -> Mention | None:
    """Split a phrase (words only, as found before or after a speech verb) into role and name."""
    w = words()
    while toks and (toks[0].low in ("the", "a", "an") or toks[0].low in w.connectors):
        toks = toks[1:]
    while toks and toks[-1].low in w.connectors:
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    form = text[start:end]
    if len(toks) == 1 and toks[0].low in w.pronouns:
        return Mention(start, end, form, "", "", None, "pronoun")
    kinds = [_kind_of_word(t) for t in toks]
    # The name starts after the last honorific, else after the last title word and its complement.
    for i in range(len(toks) - 1):
        if kinds[i] == "hon" and place_key(f"{toks[i].text} {toks[i + 1].bare}"):
            kinds[i] = "cap"  # "Sri Lanka": a place, not an honorific and a name
    name_at = None
    for i in range(len(toks) - 1, -1, -1):
        if kinds[i] == "hon" and i + 1 < len(toks) and toks[i + 1].cap:
            name_at = i + 1
            break
    hon_at = name_at - 1 if name_at is not None else None
    last_title = None
    for i in range(len(toks) - 1, -1, -1):
        if kinds[i] in ("title", "orgtitle") and (hon_at is None or i < hon_at):
            last_title = i
            break
    speaks_for = (
        last_title is not None
        and last_title + 1 < len(toks)
        and toks[last_title + 1].low == "for"
        and toks[last_title].bare in lexicon.words("roles", "speaks_for")
        and "orghead" not in kinds[last_title:]
    )  # "spokesman for Anna Berg": someone unnamed, speaking for her
    if name_at is None and last_title is not None and not speaks_for:
        j = last_title + 1
        while j < len(toks) and kinds[j] == "conn" and toks[j].low != "and":
            j += 1
            while j < len(toks) and toks[j].low == "the":
                j += 1
            n = _place_len(toks, j)
            if n:
                j += n
                continue
            while j < len(toks) and kinds[j] in ("mod", "title", "orghead"):
                j += 1
            if j < len(toks) and kinds[j] == "cap" and len(toks) - j in (1, 3, 4, 5):
                j += 1  # "Envoy to the UN" (no name after), "Adviser to Trump Jared Kushner"
        if j < len(toks) and kinds[j] in ("cap", "hon") and not any(k == "orghead" for k in kinds[j:]):
            name_at = j
            while name_at < len(toks) and kinds[name_at] == "hon":
                name_at += 1
            if name_at >= len(toks):
                name_at = None
    title_toks = [t for t, k in zip(toks, kinds) if k in ("title", "orgtitle", "mod")]
    role_words = frozenset(t.bare for t in title_toks if t.bare not in w.connectors)
    if name_at is not None:
        name_toks = toks[name_at:]
        lead = hon_at if hon_at is not None else name_at
        role_toks = [t for t, k in zip(toks[:lead], kinds[:lead]) if k != "hon"]
        # the name as written keeps a directly preceding honorific ("Malwai Gul Hassan")
        hon_start = name_at
        while hon_start > 0 and kinds[hon_start - 1] == "hon":
            hon_start -= 1
        name = text[toks[hon_start].start : end]
        bare = text[name_toks[0].start : end]
        role = text[role_toks[0].start : role_toks[-1].end] if role_toks else None
        org = last_title is not None and kinds[last_title] == "orgtitle" and hon_at is None
        kind = "organization" if org else "person"
        if not role_toks and hon_at is None:
            kind = _name_kind(name_toks)
        return Mention(start, end, form, name, bare, role, kind, role_words, _qualifier(role_toks))
    if last_title is not None and kinds[last_title] == "title" and (
        "orghead" not in kinds[last_title:] or (last_title + 1 < len(kinds) and kinds[last_title + 1] == "conn")
    ):
        # "the ambassador", "leader of Leeds City Council": a role, the body only its complement
        return Mention(start, end, form, "", "", form, "person", role_words, _qualifier(toks))
    if any(k == "orghead" for k in kinds) or (last_title is not None and kinds[last_title] == "orgtitle"):
        named = any(t.cap and k not in ("conn",) and not place_key(t.text) for t, k in zip(toks, kinds))
        if named:
            return Mention(start, end, form, form, form, None, "organization", role_words, _qualifier(toks))
        return Mention(start, end, form, "", "", form, "organization", role_words, _qualifier(toks))
    if last_title is not None:
        return Mention(start, end, form, "", "", form, "person", role_words, _qualifier(toks))
    plain = all(
        k in ("cap", "particle", "conn", "hon") or (k == "mod" and t.cap) or t.text == "&" for t, k in zip(toks, kinds)
    )
    if plain and "cap" in kinds:
        # "Marcus Webb of Ferris & Co": a person, then where they are from
        for i, t in enumerate(toks):
            if t.low in ("of", "from") and 2 <= i <= 4 and _person_shaped(text[start : toks[i - 1].end]):
                bare = text[start : toks[i - 1].end]
                return Mention(start, end, form, bare, bare, text[t.start : end], "unknown")
        # "Labour's Tom Akers", "Chile's Ana Vidal": the possessive is a qualifier, not the name
        for i in range(len(toks) - 2, -1, -1):
            if _POSSESSIVE.search(toks[i].low) and toks[i + 1].cap:
                name_toks = toks[i + 1 :]
                role = text[start : toks[i].end]
                bare = text[name_toks[0].start : end]
                kind = _name_kind(name_toks)
                return Mention(start, end, form, bare, bare, role, kind, frozenset(), _qualifier(toks[: i + 1]))
        return Mention(start, end, form, form, form, None, _name_kind(toks))
    return None


def _name_kind(toks: list[Tok]) -> str:
    """A bare capitalised name: a place, an organisation (acronym, institution word) or maybe a person."""
    text = " ".join(t.text for t in toks)
    if place_key(text) or (len(toks) == 1 and place_key(toks[0].text)):
        return "place"
    w = words()
    if any(t.bare in w.org_heads for t in toks):
        return "organization"
    core = toks[0].text.replace(".", "")
    if len(toks) == 1 and len(core) >= 2 and core.isupper():
        return "organization"
    return "unknown"


def head_only(name: str) -> bool:
    """A body's name that is only its head words ("Commission", "Supreme Court" is not: "Court")."""
    parts = name.split()
    org_heads = words().org_heads
    return 0 < len(parts) <= 2 and all(p[:1].isupper() and p.lower() in org_heads for p in parts)


def is_person_name(m: Mention) -> bool:
    """A name of two to five words that can be a person's: no place, no institution or stop word."""
    return _person_shaped(m.bare)


@lru_cache(maxsize=65536)
def _person_shaped(bare: str) -> bool:
    if not bare:
        return False
    parts = bare.split()
    if not 2 <= len(parts) <= 5:
        return False
    w = words()
    for p in parts:
        low = _POSSESSIVE.sub("", p.lower().translate(_APOS)).rstrip(".")
        if low in w.particles or low.split("-")[0] in w.particles:
            continue  # "al", "al-Rashid", "von"
        if not p[:1].isupper() or (len(p) > 1 and p.isupper()):
            return False
        if low in w.not_names or low in w.org_heads or low in w.titles or low in w.modifiers:
            return False
        if low in w.place_words or low.rsplit("-", 1)[-1] in w.place_words:
            return False
        if place_key(p):
            return False
        if any(ch.isdigit() for ch in p):
            return False
    return True


@cache
def _lower_roles() -> frozenset[str]:
    w = words()
    return w.titles | w.modifiers | w.org_titles | w.honorifics


def find(text: str, start: int, end: int, places: bool = True) -> list[Mention]:
    """Every name-bearing phrase of two words or more in text[start:end], left to right."""
    if start == 0 and end == len(text) and "\n" in text:
        return _find_by_line(text, places)
    out: list[Mention] = []
    for a, b, rest in _find_in(text, start, end, places, True):
        out.append(_new_tok(Mention, (a, b, *rest)))
    return out


def _find_in(text: str, start: int, end: int, places: bool, first: bool) -> list[tuple[int, int, tuple]]:
    """`find` as (start, end, the other fields of the mention). A text that is not `first` is a
    line after the first of a longer text: a lower-case role word is not looked for before the
    line's start (in the whole text, the line break there would be part of that word)."""
    out: list[tuple[int, int, tuple]] = []
    append = out.append
    lower_roles = _lower_roles()
    for m in _run_pattern().finditer(text, start, end):
        s, e = m.span()
        for _ in range(4):  # lower-case role words just before: "fire chief", "state broadcaster"
            if s - 2 < start or text[s - 1] != " " or not text[s - 2].islower():
                break
            j = text.rfind(" ", max(start, s - 30), s - 1)
            if j < 0 and not first and s - 30 < start:
                break
            word = text[j + 1 if j >= 0 else max(start, s - 30) : s - 1]
            if word not in lower_roles:
                break
            s = s - 1 - len(word)
        for rel in _parse_run(text[s:e]):
            if places or rel.kind != "place":
                append((rel.start + s, rel.end + s, tuple(rel[2:])))
    return out


# What `_find_in` finds in a line after the first of a text, by the line (bounded): a run of
# names never crosses a line break (its words are joined by single spaces, and the marks on
# either side of a line break, nothing or the break, look alike to its patterns), and wire copy
# repeats lines across articles.
_BY_LINE: tuple[dict[str, tuple], dict[str, tuple]] = ({}, {})
_MAX_LINES = 100_000


def _find_by_line(text: str, places: bool) -> list[Mention]:
    out: list[Mention] = []
    append = out.append
    memo = _BY_LINE[places]
    known = memo.get
    off = 0
    for line in text.split("\n"):
        if line:
            if off == 0:
                got = _find_in(line, 0, len(line), places, True)
            else:
                got = known(line)
                if got is None:
                    got = tuple(_find_in(line, 0, len(line), places, False))
                    if len(memo) >= _MAX_LINES:
                        memo.clear()
                    memo[line] = got
            for a, b, rest in got:
                append(_new_tok(Mention, (a + off, b + off, *rest)))
        off += len(line) + 1
    return out


def find_words(text: str, start: int, end: int, wanted: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Where each of some capitalised words (surnames already known) stands alone in the text."""
    if len(wanted) > 16:  # many words: one pass with a prefix-tree pattern beats a scan per word
        pattern = re.compile(rf"(?<![\w\-])(?:{trie_pattern(wanted)})(?![\w\-])")
        return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]
    out = []
    for word in wanted:
        i = text.find(word, start, end)
        while i >= 0:
            j = i + len(word)
            before = text[i - 1] if i > 0 else " "
            after = text[j] if j < len(text) else " "
            if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
                out.append((i, j))
            i = text.find(word, j, end)
    out.sort()
    return out


@lru_cache(maxsize=65536)
def _parse_run(run: str) -> tuple[Mention, ...]:
    """The mentions in one run of words (offsets relative to it); runs repeat, so this is cached."""
    w = words()
    toks = [t for t in tokens(run, 0, len(run)) if t.word]
    pieces: list[list[Tok]] = [[]]
    for i, t in enumerate(toks):
        if t.low == "and" and not (_role_next(toks, i + 1) and i > 0 and _role_next(toks, i - 1)) and not _and_in_body(toks, i):
            pieces.append([])  # "Moscow and Kabul": two names
            continue
        pieces[-1].append(t)
        if t.end < len(run) and run[t.end : t.end + 1] == ".":
            pieces.append([])  # a word ending in a sentence's full stop ends the run there
    out = []
    for piece in pieces:
        while piece and piece[0].cap and piece[0].low in w.not_names and piece[0].bare not in w.honorifics:
            piece = piece[1:]
        while piece and not piece[-1].cap and _kind_of_word(piece[-1]) not in ("title", "orgtitle"):
            piece = piece[:-1]
        if not piece or not any(t.cap for t in piece):
            continue
        mention = parse(run, piece)
        if mention is not None and mention.kind != "pronoun":
            out.append(mention)
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Phrases around speech verbs


_AFTER: dict[str, tuple[Tok, ...]] = {}  # text read by `phrase_after` -> its phrase there (offsets from 0)
_ROLES_AFTER: dict[str, str | None] = {}  # text read by `role_after` -> its role
_MAX_AFTER = 100_000


def phrase_after(text: str, pos: int, hi: int) -> list[Tok]:
    """The noun phrase that starts at pos (a subject after an inverted verb: 'said Muttaqi').

    It depends only on the text from pos to the bound (at most 120 characters), so it is kept by
    that text (bounded: the same attributions recur in wire copy)."""
    key = text[pos : min(hi, pos + 120)]
    got = _AFTER.get(key)
    if got is None:
        got = tuple(_phrase_after(key, 0, len(key)))
        if len(_AFTER) >= _MAX_AFTER:
            _AFTER.clear()
        _AFTER[key] = got
    return [_new_tok(Tok, (t[0], t[1] + pos, t[2] + pos, *t[3:])) for t in got]


def _phrase_after(text: str, pos: int, hi: int) -> list[Tok]:
    w = words()
    toks = tokens(text, pos, min(hi, pos + 120))
    out: list[Tok] = []
    i = 0
    while i < len(toks) and toks[i].low in ("the", "a", "an"):
        i += 1
    if i < len(toks) and toks[i].low in w.pronouns and not out:
        return [toks[i]]
    while i < len(toks):
        t = toks[i]
        if not t.word:
            break
        k = _kind_of_word(t)
        if k in ("cap", "hon", "title", "orgtitle", "orghead", "mod", "particle"):
            if k in ("mod",) and not t.cap and not _continues(toks, i + 1):
                break
            if k == "orghead" and not t.cap and not (out and out[-1].cap) and not _continues(toks, i + 1):
                out.append(t)
                break
            out.append(t)
            if _POSSESSIVE.search(t.low) and not t.cap:
                break
        elif k == "conn" and out and _continues(toks, i + 1, allow_the=True) and (
            t.low != "and" or (_role_next(toks, i + 1) and _role_next(toks, i - 1)) or _and_in_body(toks, i)
        ):
            out.append(t)
        else:
            if out and out[-1].cap and _POSSESSIVE.search(out[-1].low):
                # "China's commerce ministry": a country's body, its words lower case
                for j in range(i, min(len(toks), i + 4)):
                    kind = _kind_of_word(toks[j]) if toks[j].word else None
                    if kind in ("orghead", "title") and not toks[j].cap:
                        between = [out[-1], *toks[i : j + 1]]
                        if _possessive_body_start(between, len(between) - 2, [toks[j]]) == 0:
                            out.extend(toks[i : j + 1])
                        break
            break
        i += 1
    return out


def _continues(toks: list[Tok], i: int, allow_the: bool = False) -> bool:
    if allow_the and i < len(toks) and toks[i].low == "the":
        i += 1
    if i >= len(toks) or not toks[i].word:
        return False
    return _kind_of_word(toks[i]) in ("cap", "hon", "title", "orgtitle", "orghead", "mod")


def _and_in_body(toks: list[Tok], i: int) -> bool:
    """An "and" inside a body's name: "Department for Business and Trade", "Ministry of Industry
    and Trade" (a head, "for" or "of", one word, "and", one last word), not "the Ministry of
    Defence and Anna Berg"."""
    if i < 3 or i + 1 >= len(toks):
        return False
    last, first, prep, head = toks[i + 1], toks[i - 1], toks[i - 2], toks[i - 3]
    if not (last.cap and first.cap and head.cap) or len(last.text) < 2 or last.text.isupper():
        return False
    if i + 2 < len(toks) and toks[i + 2].word and toks[i + 2].cap:
        return False  # more capitalised words follow: a name of its own
    return prep.low in ("for", "of") and head.bare in words().org_heads and not place_key(last.text)


def _role_next(toks: list[Tok], i: int) -> bool:
    """A role word at i: what may stand on both sides of "and" inside one title."""
    return 0 <= i < len(toks) and _kind_of_word(toks[i]) in ("title", "mod", "orghead", "orgtitle")


def phrase_before(text: str, lo: int, pos: int) -> tuple[list[Tok], str | None]:
    """The subject phrase ending at pos ('Kabulov' in 'Kabulov said') and an appositive role.

    Skips auxiliaries ("was quoted as", "has also") and one appositive between commas
    ("Kabulov, Russia's special envoy, said").
    """
    w = words()
    aux = lexicon.words("speech_verbs", "auxiliaries")
    toks = tokens(text, max(lo, pos - 160), pos)
    i = len(toks) - 1
    while i >= 0 and toks[i].word and toks[i].low in aux:
        i -= 1
    appositive = None
    if i >= 0 and toks[i].text == ",":
        # "X, a former diplomat, said": find the opening comma of the appositive
        j = i - 1
        while j >= 0 and toks[j].text not in (",", ".", ";", ":", "\u201d", '"', "\u201c") and i - j < 16:
            j -= 1
        if j >= 0 and toks[j].text == "," and i - j > 1:
            inner = toks[j + 1 : i]
            first = inner[0]
            if (
                first.low in ("a", "an", "the", "who", "whose", "which", "aged")
                or first.low in lexicon.words("speech_verbs", "clause_openers")  # ", speaking in Oslo,"
                or first.text.isdigit()  # an age: "Tom Akers, 54, said"
                or _POSSESSIVE.search(first.low)
                or _kind_of_word(first) in ("title", "mod")
            ):
                appositive = _role_phrase(text, inner)
                i = j - 1
            elif all(t.cap or t.bare in w.particles for t in inner) and _person_shaped(
                text[inner[0].start : inner[-1].end]
            ):
                # "Its chairman, Moussa Faki, called it": the name between commas is the subject
                lead = [t for t in toks[max(0, j - 6) : j] if t.word]
                k = len(lead)
                while k > 0 and _kind_of_word(lead[k - 1]) in ("title", "mod", "cap", "orgtitle"):
                    k -= 1
                role = _role_phrase(text, lead[k:]) if k < len(lead) else None
                return inner, role
            else:
                return [], None
        else:
            return [], None
    out: list[Tok] = []
    if i >= 0 and toks[i].word and toks[i].low in w.pronouns:
        return [toks[i]], None
    while i >= 0:
        t = toks[i]
        if t.text == "&" and out and out[-1].cap and i > 0 and toks[i - 1].cap:
            out.append(t)  # "Ferris & Co"
            i -= 1
            continue
        if not t.word:
            break
        k = _kind_of_word(t)
        if k in ("cap", "hon", "title", "orgtitle", "orghead", "mod", "particle"):
            if t.cap and t.low in w.not_names and k == "cap":
                break
            out.append(t)
        elif k == "conn" and out and i > 0 and toks[i - 1].word and _kind_of_word(toks[i - 1]) in _NAME_PARTS:
            if t.low == "and" and not (_role_next(out, len(out) - 1) and _role_next(toks, i - 1)) and not _and_in_body(toks, i):
                break
            out.append(t)
        else:
            j = _possessive_body_start(toks, i, out)
            if j is not None:  # "China's commerce ministry": a country's body, its words lower case
                out.extend(reversed(toks[j : i + 1]))
            break
        i -= 1
    out.reverse()
    while out and _kind_of_word(out[0]) == "conn":
        out = out[1:]
    if out and appositive is None and i > 0 and toks[i].low in ("in", "at") and toks[i - 1].word:
        # "the Chinese embassy in London said", "Anna Berg in Paris said": the place is where the
        # subject is, not the subject
        plain = toks[i].low == "in" and all(_kind_of_word(t) in ("cap", "particle") for t in out)
        if plain or place_key(text[out[0].start : out[-1].end]) or _name_kind(out) == "place":
            before, role = phrase_before(text, max(lo, toks[0].start), toks[i].start)
            if before:
                return before, role
    return out, appositive


_BODY_WORD = re.compile(r"[a-z][a-z\-]*")


def _possessive_body_start(toks: list[Tok], i: int, out: list[Tok]) -> int | None:
    """Where a country's possessive starts a body named in lower case ("China's commerce
    ministry"), walking back from toks[i] (a lower-case word) before the head words in `out`."""
    if not out or any(t.cap for t in out) or _kind_of_word(out[0]) not in ("orghead", "title"):
        return None
    person = _kind_of_word(out[0]) == "title"  # "Norway's fisheries minister": a role of a country
    stops = lexicon.words("organisations", "possessive_body_stops")
    for j in range(i, max(-1, i - 3), -1):
        t = toks[j]
        if t.cap:
            if place_key(t.text) and (_POSSESSIVE.search(t.low) or (not person and out[0].bare in state_heads())):
                return j  # "China's commerce ministry", "the Chinese embassy"
            return None
        if not t.word or not _BODY_WORD.fullmatch(t.text) or t.low in stops or t.low.endswith("est"):
            return None
        if _kind_of_word(t) in ("conn", "particle") or t.low in words().pronouns:
            return None
    return None


@cache
def state_heads() -> frozenset[str]:
    return lexicon.words("organisations", "state_heads")


def possessive_body(toks: list[Tok]) -> bool:
    """A country's body written in lower case: "China's commerce ministry" (a country's
    possessive, lower-case words of no stop list, an organisation head word last) or "the Chinese
    embassy" (a demonym, then a head word of a state's own bodies)."""
    if len(toks) < 2 or not toks[0].cap or not place_key(toks[0].text):
        return False
    rest = toks[1:]
    if len(rest) > 4 or any(t.cap for t in rest) or _kind_of_word(rest[-1]) != "orghead":
        return False
    if not _POSSESSIVE.search(toks[0].low) and rest[-1].bare not in state_heads():
        return False
    return _possessive_body_start(toks, len(toks) - 2, [rest[-1]]) == 0 if len(rest) > 1 else True


_DETERMINERS = frozenset(("a", "an", "the", "its", "his", "her", "their", "our", "my", "your"))


def _role_phrase(text: str, toks: list[Tok]) -> str | None:
    """The role in an appositive or copula ("a former U.S. diplomat in Kabul" -> "former U.S. diplomat")."""
    w = words()
    while toks and toks[0].low in _DETERMINERS:
        toks = toks[1:]
    cut = len(toks)
    seen_title = False
    for i, t in enumerate(toks):
        if not t.word:
            cut = i
            break
        if t.bare in w.titles or t.bare in w.org_titles:
            seen_title = True
        elif seen_title and t.low in w.role_stops:
            cut = i
            break
    toks = toks[:cut]
    if not toks or not any(t.bare in w.titles or t.bare in w.org_titles for t in toks):
        return None
    return text[toks[0].start : toks[-1].end]


def role_text(text: str, toks: list[Tok]) -> str | None:
    """The role a phrase of words names, without determiners or trailing complement; None if it
    holds no title word ("the French trade minister" -> "French trade minister")."""
    if any(not t.word for t in toks if t.text not in ("'", "\u2019", ".")):
        return None
    if not any(t.bare in words().titles for t in toks):
        return None
    return _role_phrase(text, toks)


def person_shaped(name: str) -> bool:
    """A name of two to five words that can be a person's (see `is_person_name`)."""
    return _person_shaped(name)


_ROLE_TEXT = r"(?:[^,.;:()\u201c\u201d\"]|\.(?=\w|\s+[a-z]))"  # a full stop only in "U.S. diplomat"
_APPOSITIVE = re.compile(
    rf",\s+((?:a|an|the)\s+{_ROLE_TEXT}{{2,120}}|[^\s,]+(?:'s|\u2019s)\s+{_ROLE_TEXT}{{2,120}}|[a-z]{_ROLE_TEXT}{{2,120}})"
)
_COPULA = re.compile(rf"\s+(?:is|was|has been|had been|serves as|served as)\s+(?:a|an|the)\s+({_ROLE_TEXT}{{2,120}})")
_SERVING = re.compile(rf"\b(?:serving|served|serves|working|acting) as (?:a |an |the )?({_ROLE_TEXT}{{2,120}})")


@cache
def _has_title() -> re.Pattern[str]:
    w = words()
    return re.compile(rf"\b(?:{trie_pattern(x for x in w.titles | w.org_titles if x.isalpha())})\b", re.IGNORECASE)


_COPULA_HEAD = re.compile(r"\s+(?:is|was|has been|had been|serves as|served as)\s+(?:a|an|the)\s")


def role_may_follow(text: str, pos: int) -> bool:
    """Whether `role_after` can find anything at pos, whatever its bound: a comma, or the start
    of a copula. A cheap test before working out the bound (the paragraph's end)."""
    c = text[pos : pos + 1]
    return c == "," or (c == " " and _COPULA_HEAD.match(text, pos) is not None)


def role_after(text: str, pos: int, hi: int) -> str | None:
    """A role given right after a name: an appositive (", a former diplomat") or a copula ("is a").
    Past the cheap test, it depends only on text[pos:hi], and is kept by it (bounded)."""
    if pos >= hi or not role_may_follow(text, pos):
        return None
    key = text[pos:hi]
    got = _ROLES_AFTER.get(key, _ROLES_AFTER)
    if got is _ROLES_AFTER:
        got = _role_after(key, 0, len(key))
        if len(_ROLES_AFTER) >= _MAX_AFTER:
            _ROLES_AFTER.clear()
        _ROLES_AFTER[key] = got
    return got


def _role_after(text: str, pos: int, hi: int) -> str | None:
    for pattern in (_APPOSITIVE, _COPULA):
        m = pattern.match(text, pos, hi)
        if m and _has_title().search(text, m.start(1), m.end(1)):
            toks = [t for t in tokens(text, m.start(1), m.end(1))]
            role = _role_phrase(text, toks)
            if role:
                # a copula role may be vaguer than the office it then names ("serving as the X")
                tail = _SERVING.search(text, m.start(1), min(hi, m.end(1) + 80))
                if tail:
                    better = _role_phrase(text, tokens(text, tail.start(1), tail.end(1)))
                    if better:
                        return better
                return role
    return None


# --------------------------------------------------------------------------------------------
# Name keys for merging


_VOWELS = re.compile(r"[aeiouy]+")
_NONALPHA = re.compile(r"[^a-z]+")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower case, accents and punctuation dropped: 'Zhirinov' -> 'zhirinov'."""

    text = unicodedata.normalize("NFKD", name.translate(_APOS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_NONALPHA.sub(" ", text).split())


def surname(name: str) -> str:
    parts = fold(name).split()
    return parts[-1] if parts else ""


_SOUNDS = (("ph", "f"), ("ck", "k"), ("z", "s"), ("c", "k"), ("q", "k"), ("w", "v"), ("x", "ks"), ("j", "y"))


def skeleton(word: str) -> str:
    """Consonants only, alike sounds as one, repeats collapsed: a blocking key most spelling
    variants of one name share ("Zhirnov"/"Zhirinov", "Mendes"/"Mendez")."""
    s = fold(word).replace(" ", "")
    for a, b in _SOUNDS:
        s = s.replace(a, b)
    s = s[:1] + _VOWELS.sub("", s[1:])
    return re.sub(r"(.)\1+", r"\1", s)[:6]
