"""The people and bodies one article names, and who its pronouns and role descriptions mean.

Mentions found by `names` are grouped per article (a surname alone joins the full name it
shortens); "he added" resolves to the nearest person before it, "the ministry said" to the nearest
body with that word in its name, "the ambassador said" to the person holding that role. Merging
across articles is `speakers`' job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from briefing import lexicon
from briefing.analysis import names
from briefing.analysis.attribution import Cue
from briefing.model import Article

_EMPLOYER = re.compile(r"\b([a-z][\w\-]*) (?:at|for|with) (?:the )?$")  # "economist at X"
_AFTER_PREPOSITION = (" at ", " for ", " with ", " at the ", " for the ", " with the ")
NEAREST_REACH = 200  # mentions looked through for a pronoun's or role's antecedent, each way


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


class ArticlePeople:
    """Mentions of one article grouped into entities; resolves pronouns and role descriptions."""

    def __init__(self, article: Article, quoted_ranges: list[tuple[int, int]]):
        self.article = article
        self.unresolved: names.Mention | None = None  # the last role description left unresolved
        self._ready = False
        self._starts: list[int] = []
        self._by_kind: dict[str, tuple[list[int], list[int]]] = {}  # kind -> (starts, entities)
        self.entities: list[Entity] = []
        self.mentions: list[tuple[int, int, int]] = []  # (start, end, entity) outside quotations
        self._by_key: dict[str, int] = {}
        self._by_surname: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}  # first word of a full name -> people
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
            employer = None
            if m.kind == "unknown" and text.endswith(_AFTER_PREPOSITION, 0, m.start):
                employer = _EMPLOYER.search(text, max(0, m.start - 60), m.start)
            if employer and employer.group(1) in names.words().titles:
                # "chief economist at Harbor Analytics": the setting of a role is a body
                self._add(m, None, "organization", evidence=False)
                continue
            appositive = None
            if not m.role and names.role_may_follow(text, m.end):
                appositive = names.role_after(text, m.end, self._para_end(m.end))
            role = m.role or appositive
            if multi:
                # a possessive before a name ("Russia's Strategic Pivot") is no sign of a person
                evidence = bool(appositive) or bool(m.role_words) or m.kind == "person"
                self._add(m, role, "person", evidence=evidence)
            else:
                pending_single.append((m, role))
        for a, b in _country_bodies(text):
            if not names.place_key(text[a : text.index(" ", a, b)]):
                continue  # (its first word, a token of its own, names no country: no country's body)
            toks = [t for t in names.tokens(text, a, b) if t.word]
            if names.possessive_body(toks) and not self.in_quote(a) and not _indefinite_before(text, a):
                self._add(_body_mention(text, toks), None, "organization", evidence=True)
        for m, role in pending_single:
            index = self._one_named(m.bare)
            if index is not None:
                self._attach(index, m, role)
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
            role = names.role_after(text, b, self._para_end(b)) if names.role_may_follow(text, b) else None
            self._attach(surnames[word], m, role)
        self.mentions.sort()
        self._starts = [s for s, _, _ in self.mentions]
        entities = self.entities
        for start, _, index in self.mentions:  # in order: appending keeps each kind's list sorted
            starts, indices = self._by_kind.setdefault(entities[index].kind, ([], []))
            starts.append(start)
            indices.append(index)
        self._ready = True  # from here on, mentions are inserted in order

    def _index_kind(self, start: int, index: int) -> None:
        starts, indices = self._by_kind.setdefault(self.entities[index].kind, ([], []))
        k = bisect_right(starts, start)
        starts.insert(k, start)
        indices.insert(k, index)

    def _one_named(self, word: str) -> int | None:
        """The one person of this article a single name stands for: by surname ("Kabulov"), else
        by the first word of a full name, for names written family name first ("Xi" for "Xi
        Jinping") and first-name references."""
        key = names.fold(word)
        hits = self._by_surname.get(key, [])
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
        firsts = self._by_first.get(key, [])
        return firsts[0] if len(firsts) == 1 else None

    def _para_end(self, pos: int) -> int:
        s = self.article.sentence_at(pos - 1)
        if s is None:
            return pos
        return self.article.paragraphs[s.paragraph].end

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def _add(self, m: names.Mention, role: str | None, kind: str, evidence: bool) -> int:
        key = names.fold(m.bare) if kind == "person" else org_key(m.bare)
        index = self._by_key.get(key)
        if index is None:
            index = len(self.entities)
            self.entities.append(Entity(name=m.bare, kind=kind))
            self._by_key[key] = index
            if kind == "person":
                self._by_surname.setdefault(names.surname(m.bare), []).append(index)
                parts = key.split()
                if len(parts) >= 2:
                    self._by_first.setdefault(parts[0], []).append(index)
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
            e.evidence |= bool(m.role_words) or role != m.role  # a title, or an appositive role
        if m.role_words:
            for w in sorted(m.role_words):
                if w not in e.role_words:
                    e.role_words.append(w)
        if role and role != m.role:
            for w in role.lower().replace("\u2019", "'").split():
                w = w.removesuffix("'s")
                if (w in names.words().titles or w in names.words().modifiers) and w not in e.role_words:
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
                self._index_kind(m.start, index)
            else:
                self.mentions.append((m.start, m.end, index))

    def speaker(self, cue: Cue) -> int | None:
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
            return self._nearest_of_kind(cue.start, want)
        if m.described:
            index = self._described(m, cue)
            if index is None and m.kind == "person":
                self.unresolved = m
            if index is None and m.kind == "organization":
                index = self._country_body(m, cue)
                if index is None:
                    self.unresolved = m  # "the ministry said": the story may name it elsewhere
            if index is None and m.kind == "person":
                index = self._spoken_for(cue)
                if index is not None:
                    self.unresolved = None
            return index
        if m.kind == "place" and not m.role:
            index = self._add(m, None, "organization", evidence=False)
        else:
            key_person = names.fold(m.bare)
            index = self._by_key.get(key_person)
            if index is None and " " not in m.bare:
                index = self._one_named(m.bare)
                if index is not None:
                    self._attach(index, m, m.role)
            if index is None:
                org = org_key(m.bare)
                index = self._by_key.get(org)
            if index is None and m.kind == "organization" and names.head_only(m.bare):
                # "the Commission said" after "the European Commission": the fuller name
                index = self._fuller_body(m.bare, cue.start)
                if index is not None:
                    self._attach(index, m, None)
            if index is None:
                kind = "organization" if m.kind == "organization" or names.seat_of_government(m.bare) else "person"
                index = self._add(m, m.role, kind, evidence=True)
            elif m.form not in self.entities[index].aliases:
                self._attach(index, m, m.role)
        e = self.entities[index]
        if cue.appositive and cue.appositive not in e.roles:
            e.roles.append(cue.appositive)
        e.evidence = True
        return index

    def _spoken_for(self, cue: Cue) -> int | None:
        """"a spokesperson for the Fisheries Office said": the body the unnamed speaker speaks for,
        as when the attribution comes before ("... for the Fisheries Office said:")."""
        toks = cue.phrase
        speaks_for = lexicon.words("roles", "speaks_for")
        for i in range(len(toks) - 2):
            if toks[i].bare in speaks_for and toks[i + 1].low in ("for", "of"):
                rest = toks[i + 2 :]
                body = names.parse(self.article.text, rest)
                if body is None or body.kind != "organization" or not body.bare:
                    return None
                return self.speaker(Cue(rest, None, rest[0].start, rest[-1].end))
        return None

    def _country_body(self, m: names.Mention, cue: Cue) -> int | None:
        """"China's commerce ministry said": a body named by its country and what it does, its
        name the phrase with its words capitalised ("China's Commerce Ministry"), so that it is one
        body with "the Chinese Commerce Ministry" (one `org_key`)."""
        toks = [t for t in cue.phrase if t.word]
        while toks and toks[0].low in ("the", "a", "an"):
            toks = toks[1:]
        if not names.possessive_body(toks) or _indefinite_before(self.article.text, toks[0].start):
            return None
        return self._add(_body_mention(self.article.text, toks), None, "organization", evidence=True)

    def _fuller_body(self, short: str, pos: int) -> int | None:
        """The body named before pos (else after it) whose fuller name ends with a short one."""
        tail = " " + org_key(short)

        def fits(e: Entity) -> bool:
            return e.kind == "organization" and org_key(e.name).endswith(tail)

        return self._nearest(pos, fits, after=True)

    def _nearest_of_kind(self, pos: int, kind: str) -> int | None:
        """The last person (or body) named before pos: one bisection in that kind's mentions."""
        starts, indices = self._by_kind.get(kind, ([], []))
        k = bisect_right(starts, pos) - 1
        return indices[k] if k >= 0 else None

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

    def _described(self, m: names.Mention, cue: Cue) -> int | None:
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


def _body_mention(text: str, toks: list[names.Tok]) -> names.Mention:
    """"China's commerce ministry" as a body named "China's Commerce Ministry"."""
    a, b = toks[0].start, toks[-1].end
    name = " ".join([toks[0].text] + [t.text[:1].upper() + t.text[1:] for t in toks[1:]])
    role_words = frozenset(t.bare for t in toks if t.bare in names.words().modifiers)
    return names.Mention(a, b, text[a:b], text[a:b], name, None, "organization", role_words, names.place_key(toks[0].text))


@lru_cache(maxsize=1)
def _country_body_pattern() -> re.Pattern[str]:
    return re.compile(rf"{_COUNTRY_BODY_START}[\w\-]*(?:['\u2019]s)?(?: [a-z][a-z\-]*){{0,3}}? (?:{_heads_alt()})\b")


_COUNTRY_BODY_START = rf"[{names.UPPER}](?<![\w\-][{names.UPPER}])"
_WORD_START = re.compile(_COUNTRY_BODY_START)


@lru_cache(maxsize=1)
def _heads_alt() -> str:
    return names.trie_pattern(h for h in names.words().org_heads if h.isalpha())


@lru_cache(maxsize=1)
def _head_pattern() -> re.Pattern[str]:
    return re.compile(rf" (?:{_heads_alt()})\b")


def _indefinite_before(text: str, pos: int) -> bool:
    """"an American embassy": some body, not one named."""
    return text[max(0, pos - 4) : pos].lower().endswith(("a ", "an "))


def _country_bodies(text: str) -> list[tuple[int, int]]:
    """Spans shaped like "China's commerce ministry" (checked by `names.possessive_body`).

    The same matches as `_country_body_pattern().finditer(text)`, found from the head words (one
    fast scan): a match ends in " <head>", and starts at a capitalised word at most four words
    before it on its line (its words are joined by single spaces). Only those starts are tried.
    A match never crosses a line break, so the text is read line by line, each line's spans kept
    by its text (bounded: wire copy repeats lines).
    """
    if "\n" not in text:
        return _line_country_bodies(text)
    out: list[tuple[int, int]] = []
    known = _BODIES_BY_LINE.get
    off = 0
    for line in text.split("\n"):
        if " " in line:
            got = known(line)
            if got is None:
                got = tuple(_line_country_bodies(line))
                if len(_BODIES_BY_LINE) >= 100_000:
                    _BODIES_BY_LINE.clear()
                _BODIES_BY_LINE[line] = got
            for a, b in got:
                out.append((a + off, b + off))
        off += len(line) + 1
    return out


_BODIES_BY_LINE: dict[str, tuple[tuple[int, int], ...]] = {}


def _line_country_bodies(text: str) -> list[tuple[int, int]]:
    starts: set[int] = set()
    for h in _head_pattern().finditer(text):
        at = h.start()
        lo = text.rfind("\n", 0, at) + 1
        for _ in range(4):
            q = text.rfind(" ", lo, at)
            if q < 0:
                break
            at = q
        else:
            lo = at + 1  # a match holds three spaces at most before its head word
        starts.update(m.start() for m in _WORD_START.finditer(text, lo, h.start()))
    out = []
    after = 0
    pattern = _country_body_pattern()
    for a in sorted(starts):
        if a < after:
            continue
        m = pattern.match(text, a)
        if m is not None:
            out.append(m.span())
            after = m.end()
    return out


_org_rules: list[tuple[re.Pattern[str], str]] = []


@lru_cache(maxsize=16384)
def org_key(name: str) -> str:
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

