"""One name per person or body across all sources, every other form kept as an alias.

Each article names its people on its own (`article_people.Entity`); here they merge across
sources by blocking, never by comparing all pairs: people by surname (then by first name within a
surname), spelling variants by a consonant skeleton of the surname, bodies by a normalised key or
their initials. Two spellings are merged only with evidence (same first name, or a shared role
word, and no conflicting country); two people who merely share a surname are kept apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefing.analysis import names
from briefing.analysis.article_people import Entity, org_key
from briefing.model import Analysis, Person, Quote, Speaker

SPELLING_SIMILARITY = 80  # rapidfuzz ratio of two surnames that may be one name spelled twice


@dataclass(slots=True)
class _Node:
    source: str
    entity: Entity
    key: str  # folded name


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _titles(e) -> set[str]:
    w = names.words()
    return {x for x in e.role_words if x in w.titles or x in w.org_titles}


def _merge_people(nodes: list[_Node], idx: list[int], uf: _Union) -> None:
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        by_surname[names.surname(nodes[i].key)].append(i)
    # 1. same surname and same first name: one person ("Vladimir Putin", "Vladimir Vladimirovich Putin")
    for members in by_surname.values():
        firsts: dict[str, int] = {}
        for i in members:
            parts = nodes[i].key.split()
            if len(parts) >= 2:
                first = parts[0]
                if first in firsts:
                    uf.union(firsts[first], i)
                else:
                    firsts[first] = i
        # a surname alone joins the one full name with that surname (or the one sharing its role)
        groups = sorted({uf.find(i) for i in firsts.values()})
        titles_of: dict[int, set[str]] = defaultdict(set)
        if len(groups) > 1:
            for i in members:
                if len(nodes[i].key.split()) >= 2:
                    titles_of[uf.find(i)] |= _titles(nodes[i].entity)
        unplaced = None  # surnames alone that no full name takes: one speaker "Yilmaz", not many
        for i in members:
            if len(nodes[i].key.split()) != 1:
                continue
            if len(groups) == 1:
                uf.union(groups[0], i)
                continue
            if len(groups) > 1:
                mine = _titles(nodes[i].entity)
                fits = [g for g in groups if mine and mine & titles_of[g]]
                if len(fits) == 1:
                    uf.union(fits[0], i)
                    continue
            if unplaced is None:
                unplaced = i
            else:
                uf.union(unplaced, i)
    # 2. spelling variants: similar surnames in one skeleton block, with evidence
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for sur in by_surname:
        if len(sur) >= 3:
            by_skeleton[names.skeleton(sur)].append(sur)
    for surnames in by_skeleton.values():
        for a in range(len(surnames)):
            for b in range(a + 1, len(surnames)):
                sa, sb = surnames[a], surnames[b]
                if fuzz.ratio(sa, sb) < SPELLING_SIMILARITY:
                    continue
                # compare the people (groups) under each spelling, not every mention
                for ra, ga in _summaries(nodes, by_surname[sa], uf).items():
                    for rb, gb in _summaries(nodes, by_surname[sb], uf).items():
                        if uf.find(ra) != uf.find(rb) and _same_person(ga, gb):
                            uf.union(ra, rb)


@dataclass(slots=True)
class _Summary:
    firsts: set[str]
    titles: set[str]
    countries: set[str]


def _summaries(nodes: list[_Node], members: list[int], uf: _Union) -> dict[int, _Summary]:
    out: dict[int, _Summary] = {}
    for i in members:
        root = uf.find(i)
        g = out.get(root)
        if g is None:
            g = out[root] = _Summary(set(), set(), set())
        parts = nodes[i].key.split()
        if len(parts) >= 2:
            g.firsts.add(parts[0])
        g.titles |= _titles(nodes[i].entity)
        g.countries.update(nodes[i].entity.qualifiers)
    return out


def _same_person(a: _Summary, b: _Summary) -> bool:
    """Evidence that two spellings name one person: first name or role shared, countries agree."""
    if a.countries and b.countries and not a.countries & b.countries:
        return False
    if a.firsts and b.firsts and not a.firsts & b.firsts:
        return False  # different first names
    return bool(a.titles & b.titles or a.firsts & b.firsts)


def _merge_bodies(nodes: list[_Node], uf: _Union) -> None:
    """One body under one key ("Ministry of Foreign Affairs" = "Foreign Ministry"), and an acronym
    with the one full name whose initials it is ("NHTSA" = "National Highway Traffic Safety
    Administration")."""
    first: dict[str, int] = {}
    by_initials: dict[str, set[int]] = defaultdict(set)
    acronyms: list[tuple[str, int]] = []
    for i, n in enumerate(nodes):
        if n.entity.kind == "person":
            continue
        name = n.entity.name
        key = org_key(name)
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
        if name.isupper() and " " not in name and 2 <= len(name) <= 8:
            acronyms.append((name.replace(".", ""), i))
        else:
            initials = _initials(name)
            if len(initials) >= 2:
                by_initials[initials].add(i)
    for acronym, i in acronyms:
        roots = {uf.find(j) for j in by_initials.get(acronym, ())}
        if len(roots) == 1:
            uf.union(roots.pop(), i)
    # "the Commission" of one source is the one "European Commission" of the story, if only one
    by_tail: dict[str, set[int]] = defaultdict(set)  # last one or two words of a longer key
    for key, j in first.items():
        parts = key.split()
        for n in (1, 2):
            if len(parts) > n:
                by_tail[" ".join(parts[-n:])].add(j)
    for key, i in list(first.items()):
        if names.head_only(nodes[i].entity.name):
            roots = {uf.find(j) for j in by_tail.get(key, ())}
            if len(roots) == 1:
                uf.union(roots.pop(), i)


def _initials(name: str) -> str:
    w = names.words()
    return "".join(p[0] for p in name.split() if p[:1].isupper() and p.lower() not in w.connectors)


def _is_title(role: str) -> bool:
    """A formal title ("Foreign Minister") rather than a description ("a Russian diplomat")."""
    w = names.words()
    return any(word[:1].isupper() and word.lower() in w.titles for word in role.split())


def _canonical(nodes: list[_Node], members: list[int], kind: str) -> str:
    """The fullest proper name most sources agree on."""
    by_name: dict[str, set[str]] = defaultdict(set)
    surname_votes: Counter[str] = Counter()
    written: set[str] = set()  # names some source wrote as they are ("China's commerce ministry" is
    for i in members:  # a body named "China's Commerce Ministry", a form no source wrote)
        n = nodes[i]
        by_name[n.entity.name].add(n.source)
        written.update(n.entity.forms)
    for name, sources in by_name.items():
        surname_votes[names.surname(name)] += len(sources)

    def score(name: str) -> tuple:
        if kind == "person":
            words = len(name.split())
            return (words >= 2, surname_votes[names.surname(name)], len(by_name[name]), words, len(name))
        return (not names.head_only(name), name in written, len(by_name[name]), name[:1].isupper(), len(name))

    return max(sorted(by_name), key=score)


def _resolve_descriptions(
    nodes: list[_Node], groups: dict[int, list[int]], facts: list
) -> tuple[dict[tuple[str, int], int], dict[int, list[str]]]:
    """Quotes given to a role ("the environment secretary said") that their own article does not
    name: the one person of the story holding that role, found through an index by role word.

    Returns (article id, quote number) -> group, and group -> the descriptions used for it.
    """
    wanted = [
        (f.article_id, n, q)
        for f in facts
        for n, q in enumerate(f.quotes, 1)
        if q.speaker is None and (q.description_words or q.description_heads)
    ]
    out: dict[tuple[str, int], int] = {}
    described_forms: dict[int, list[str]] = defaultdict(list)
    if not wanted:
        return out, described_forms
    by_word: dict[str, set[int]] = defaultdict(set)
    by_head: dict[str, set[int]] = defaultdict(set)  # bodies by the head words of their names
    countries: dict[int, set[str]] = defaultdict(set)
    heads = names.words().org_heads
    for root, members in groups.items():
        for i in members:
            e = nodes[i].entity
            if e.kind != "person":
                if not names.head_only(e.name):
                    for w in names.fold(e.name).split():
                        if w in heads:
                            by_head[w].add(root)
                    countries[root].update(e.qualifiers)
                    key = org_key(e.name).split()
                    if key and names.place_key(key[0]):
                        countries[root].add(names.place_key(key[0]))
                continue
            for w in e.role_words:
                by_word[w].add(root)
            countries[root].update(e.qualifiers)
    for source, n, q in wanted:
        if q.description_heads:
            sets = [by_head.get(w, set()) for w in q.description_heads]
        else:
            sets = [by_word.get(w, set()) for w in q.description_words]
        roots = set.intersection(*sets) if sets else set()
        if q.description_country:
            roots = {r for r in roots if not countries[r] or q.description_country in countries[r]}
        if len(roots) == 1:
            root = roots.pop()
            out[(source, n)] = root
            described_forms[root].append(q.description)
    return out, described_forms


def combine(analysis: Analysis, facts: list) -> None:
    """Fill analysis.quotes, speakers and people from each article's quotes and entities."""
    nodes: list[_Node] = []
    offset: list[int] = []
    for f in facts:
        offset.append(len(nodes))
        for e in f.entities:
            key = names.fold(e.name)
            nodes.append(_Node(f.article_id, e, key))
    uf = _Union(len(nodes))
    people_idx = [i for i, n in enumerate(nodes) if n.entity.kind == "person" and n.key]
    _merge_people(nodes, people_idx, uf)

    _merge_bodies(nodes, uf)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[uf.find(i)].append(i)
    described, described_forms = _resolve_descriptions(nodes, groups, facts)
    canonical: dict[int, str] = {}
    taken: dict[str, int] = {}
    for root, members in sorted(groups.items(), key=lambda g: -len(g[1])):
        name = _canonical(nodes, members, nodes[root].entity.kind)
        if name in taken:  # quotes name their speaker by name: two groups never share one
            taken[name] += 1
            name = f"{name} ({taken[name]})"
        taken.setdefault(name, 1)
        canonical[root] = name

    quotes: list[Quote] = []
    quotes_of: dict[int, list[str]] = defaultdict(list)
    texts = {a.id: a.text for a in analysis.story.articles}
    for f, base in zip(facts, offset):
        article_text = texts.get(f.article_id, "")
        for n, q in enumerate(f.quotes, 1):
            root = uf.find(base + q.speaker) if q.speaker is not None else described.get((f.article_id, n))
            qid = f"{f.article_id}:q{n}"
            quotes.append(
                Quote(
                    id=qid,
                    source=f.article_id,
                    speaker=canonical[root] if root is not None else None,
                    text=article_text[q.start : q.end],
                    partial=q.partial,
                    start=q.start,
                    end=q.end,
                    cue=q.cue,
                )
            )
            if root is not None:
                quotes_of[root].append(qid)

    speakers: list[Speaker] = []
    people: list[Person] = []
    for root, members in groups.items():
        name = canonical[root]
        kind = nodes[root].entity.kind
        forms: dict[str, dict[str, None]] = {}  # form -> sources, in order, without repeats
        seen: dict[str, None] = {}
        roles: Counter[str] = Counter()
        evidence = False
        for i in members:
            n = nodes[i]
            for form in n.entity.forms:
                forms.setdefault(form, {})[n.source] = None
            for alias in n.entity.forms:
                seen[alias] = None
            for alias in n.entity.aliases:
                seen[alias] = None
            roles.update(n.entity.roles)
            evidence |= n.entity.evidence
        for alias in described_forms.get(root, []):
            seen[alias] = None
        seen.pop(name, None)
        aliases = list(seen)
        forms_out = {form: list(srcs) for form, srcs in forms.items()}
        order = {r: k for k, r in enumerate(roles)}
        role = max(roles, key=lambda r: (_is_title(r), roles[r], -order[r])) if roles else None
        if root in quotes_of:
            speakers.append(
                Speaker(name=name, aliases=aliases, role=role, kind=kind, quotes=quotes_of[root], forms=forms_out)
            )
        elif kind == "person" and evidence and len(name.split()) >= 2:
            people.append(Person(name=name, aliases=aliases, role=role, forms=forms_out))
    speakers.sort(key=lambda s: (-len(s.quotes), s.name))
    people.sort(key=lambda p: p.name)
    analysis.quotes = quotes
    analysis.speakers = speakers
    analysis.people = people
