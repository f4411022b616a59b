"""Who does what to whom: the acts a sentence ascribes to the countries and blocs it names.

A light reading of English word order, no parser: the cue words of `stance_cues.yaml` (verbs,
owned nouns, predicative adjectives), their agent (the nearest country in subject position to the
left, a "by X" after a passive, the owner of a noun as in "U.S. sanctions", the antecedent of
"X, which ..."), the countries on the other end (objects after the cue), negation ("has yet
to recognize" is no recognition, "refused to" is opposition) and hedges ("could recognize" counts
half). A criticised country is a patient of the criticism, not critical; that is why roles matter
more than co-occurrence. Only sentences holding a mention are tokenised (once, as strings); a
set lookup per token finds the cue words, and every search is bounded, so a long line stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from briefing import lexicon
from briefing.analysis.gazetteer import Mention, trie_pattern

# Words (with inner hyphens and apostrophes: "army-led", "Chile's", "hasn't") or one mark.
_TOKEN = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*|[^\w\s]")
_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")
_CLAUSE_MARKS = frozenset(";:")
_NOT_MANNER = frozenset({"likely", "only", "early", "family", "apply", "supply", "rally", "ally", "reply"})
_FLOATING = frozenset({"that", "both", "all", "also", "each"})  # stand before verbs too ("both welcomed")
_REACH = 60  # tokens: how far back an agent or a clause start is sought (keeps long lines linear)
_JOINERS = frozenset({",", "and", "or", "the", "(", ")", "\u2014", "\u2013", "-", "&", "as", "well"})


@dataclass(slots=True)
class Cue:
    id: str
    stance: str
    weight: float
    cameo: str
    label: str
    question: str
    question_prep: str
    object_any: frozenset[str]
    needs: frozenset[str]
    symmetric: bool


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, Cue]  # inflected form -> cue
    nouns: dict[str, Cue]
    adjectives: dict[str, Cue]
    phrases: dict[tuple[str, ...], Cue]  # first word... -> cue
    phrase_starts: frozenset[str]  # the first words of `phrases`
    more: dict[str, list[Cue]]  # verb forms shared by several cues ("sent" weapons / congratulations)
    noun_phrases: frozenset[tuple[str, ...]]  # phrases read as nouns ("trade war")
    non_state: frozenset[str]  # "consumers" after a demonym: people, not the state
    speech: frozenset[str]  # said, told: an attribution names who "we" is
    cues: dict[str, Cue]
    past: dict[str, str]
    any_cue: re.Pattern[str]  # every cue word (case-insensitive, whole words)
    heads: frozenset[str] | None  # the words `any_cue` finds, when a token lookup can stand in for it
    negators: frozenset[str]
    hedges: frozenset[str]
    before_to: frozenset[str]
    refusals: dict[str, str]
    prepositions: frozenset[str]
    list_introducers: frozenset[str]
    passive_aux: frozenset[str]
    auxiliaries: frozenset[str]
    copulas: frozenset[str]
    determiners: frozenset[str]
    relatives: frozenset[str]
    clause_breaks: frozenset[str]
    pronouns: frozenset[str]


@dataclass(slots=True)
class Act:
    """One thing a sentence says a country or bloc did (role "agent") or underwent ("patient")."""

    code: str  # ISO alpha-2 or bloc name
    role: str  # agent | patient
    cue: str  # cue id
    stance: str
    weight: float
    action: str  # a few words: "recognized the new government", "yet to recognize"
    cameo: str
    question: str  # the noun naming the event ("recognition", "tariffs")
    negated: bool
    start: int  # the sentence holding it
    end: int
    targets: tuple[str, ...] = ()  # for an agent: the countries it acts on
    about: str = ""  # the event its object names ("condemned the *invasion*"), as a question noun


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    mention: int = -1  # index into the sentence's mentions
    group: int = -1  # index of the coordinated group the mention belongs to


@dataclass(slots=True)
class _Group:
    first: int  # token indices, inclusive
    last: int
    mentions: list[int] = field(default_factory=list)
    object: bool = False  # after a preposition or a verb: not a subject
    relative: bool = False  # "X, which ...": X is the subject of what follows
    inside: tuple[int, int] | None = None  # the ", which ... ," aside it sits in (token span)


# ---------------------------------------------------------------------------------------------
# The lexicon


def inflect(lemma: str) -> list[str]:
    """Regular forms of an English verb: recognize -> recognizes, recognized, recognizing."""
    out = [lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        out.append(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out.append(lemma[:-1] + "ies")
    else:
        out.append(lemma + "s")
    if lemma.endswith("e"):
        out += [lemma + "d", (lemma[:-1] if not lemma.endswith("ee") else lemma) + "ing"]
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out += [lemma[:-1] + "ied", lemma + "ing"]
    else:
        out += [lemma + "ed", lemma + "ing"]
    if "iz" in lemma:
        out += [f.replace("iz", "is") for f in out]
    return out


@cache
def lex() -> Lexicon:
    data = lexicon.load("stance_cues")
    irregular = data.get("irregular") or {}
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    adjectives: dict[str, Cue] = {}
    phrases: dict[tuple[str, ...], Cue] = {}
    more: dict[str, list[Cue]] = {}
    noun_phrases: set[tuple[str, ...]] = set()

    def add_verb(form: str, cue: Cue) -> None:
        if form in verbs and verbs[form] is not cue:
            more.setdefault(form, []).append(cue)
        verbs.setdefault(form, cue)
    cues: dict[str, Cue] = {}
    past: dict[str, str] = {}  # any form -> its past tense, for actions ("recognize" -> "recognized")
    for c in data["cues"]:
        cue = Cue(
            id=c["id"],
            stance=c["stance"],
            weight=float(c.get("weight", 1)),
            cameo=str(c.get("cameo") or ""),
            label=c.get("label", c["id"]),
            question=c.get("question", c["id"]),
            question_prep=c.get("question_prep", "of"),
            object_any=frozenset(c.get("object_any") or ()),
            needs=frozenset(c.get("needs") or ()),
            symmetric=bool(c.get("symmetric")),
        )
        cues[cue.id] = cue
        for lemma in c.get("verbs") or ():
            forms = inflect(lemma)
            extra = list(irregular.get(lemma, ()))
            done = extra[0] if extra and not extra[0].endswith("ing") else forms[2]
            for f in forms + extra:
                add_verb(f, cue)
                past.setdefault(f, done.replace("iz", "is") if "is" in f and "iz" in done else done)
        for f in c.get("forms") or ():
            if " " in f:
                phrases.setdefault(tuple(f.split()), cue)
            else:
                add_verb(f, cue)
        for f in c.get("nouns") or ():
            nouns.setdefault(f, cue)
        for f in c.get("adjectives") or ():
            adjectives.setdefault(f, cue)
        for f in c.get("phrases") or ():
            phrases.setdefault(tuple(f.split()), cue)
        for f in c.get("noun_phrases") or ():
            phrases.setdefault(tuple(f.split()), cue)
            noun_phrases.add(tuple(f.split()))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    heads = set(verbs) | set(nouns) | set(adjectives) | {p[0] for p in phrases}
    any_cue = re.compile(rf"(?<![^\W_])(?:{trie_pattern(heads)})(?![^\W_])", re.IGNORECASE)
    # ASCII words of letters and digits (inner hyphens, apostrophes): on an ASCII token, looking
    # its lower-cased prefixes up in a set finds what the pattern finds (see `_hits`)
    plain = all(h.isascii() and h == h.lower() and _HEAD.fullmatch(h) for h in heads)
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        phrases=phrases,
        phrase_starts=frozenset(p[0] for p in phrases),
        more=more,
        noun_phrases=frozenset(noun_phrases),
        non_state=words("non_state_nouns"),
        speech=words("speech_verbs"),
        cues=cues,
        past=past,
        any_cue=any_cue,
        heads=frozenset(heads) if plain else None,
        negators=words("negators"),
        hedges=words("hedges"),
        before_to=words("negating_before_to"),
        refusals={str(k): str(v) for k, v in data["refusals"].items()},
        prepositions=words("prepositions"),
        list_introducers=words("list_introducers"),
        passive_aux=words("passive_aux"),
        auxiliaries=words("auxiliaries"),
        copulas=words("copulas"),
        determiners=words("determiners"),
        relatives=words("relatives"),
        clause_breaks=words("clause_breaks"),
        pronouns=words("pronouns"),
    )


# ---------------------------------------------------------------------------------------------
# Reading one sentence


_HEAD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_INNER = ("-", "'", "\u2019")


def _tokens(text: str, start: int, end: int, mentions: list[Mention]) -> list[_Tok]:
    # the tokens as strings (no match objects), placed by searching forward: between tokens the
    # pattern skips only white space and "_", which no token starts with
    toks = []
    p = start
    find = text.find
    append = toks.append
    for w in _TOKEN.findall(text, start, end):
        p = find(w, p)
        q = p + len(w)
        append(_Tok(p, q, w, w.lower()))
        p = q
    if not mentions:
        return toks
    j = 0
    for i, m in enumerate(mentions):
        while j < len(toks) and toks[j].end <= m.start:
            j += 1
        k = j
        while k < len(toks) and toks[k].start < m.end:
            toks[k].mention = i
            k += 1
    return toks


def _hits(text: str, start: int, end: int, toks: list[_Tok], L: Lexicon) -> set[int]:
    """The tokens where a cue word starts: where `L.any_cue` matches, as token indices."""
    heads = L.heads
    if heads is None:
        at = {m.start() for m in L.any_cue.finditer(text, start, end)}
        return {i for i, t in enumerate(toks) if t.start in at}
    out = {i for i, t in enumerate(toks) if t.low in heads}
    segment = text[start:end]
    if not segment.isascii() or "-" in segment or "'" in segment:
        for i, t in enumerate(toks):
            w = t.text
            if i in out or w.isalnum() and w.isascii() or not w[0].isalnum():
                continue  # found already; a plain word; a mark
            if w.isascii():
                # "cease-fire's": a cue word may end at an inner hyphen or apostrophe
                low = t.low
                if any(low[:k] in heads for k, c in enumerate(low) if c in _INNER):
                    out.add(i)
            elif L.any_cue.match(text, t.start, end) is not None:
                out.add(i)  # case-insensitive matching equates a few letters lower() does not
    if out and toks[0].start == start and _joined(text, start):
        out.discard(0)  # a word running into the sentence's start: the pattern's look-behind fails
    return out


def _possessive(tok: _Tok) -> bool:
    return tok.text.endswith(_POSSESSIVE)


def _groups(toks: list[_Tok], L: Lexicon, mentions: list[Mention]) -> list[_Group]:
    """Mentions joined by commas and "and" into one coordinated group ("China, the UAE and Iran")."""
    groups: list[_Group] = []
    n = len(toks)
    starts = [k for k, t in enumerate(toks) if t.mention >= 0]  # where a group may start
    s = 0
    while s < len(starts):
        i = starts[s]
        g = _Group(first=i, last=i)
        j = i
        while j < n:
            if toks[j].mention >= 0:
                if toks[j].mention not in g.mentions:
                    g.mentions.append(toks[j].mention)
                g.last = j
                j += 1
                continue
            # look through joiners for another mention
            k = j
            while k < n and toks[k].mention < 0 and (
                toks[k].low in _JOINERS
                or toks[k].low in ("along", "together")
                or (toks[k].low == "with" and k > 0 and toks[k - 1].low in ("along", "together"))
            ):
                k += 1  # "China, the UAE and Iran"; "the US, along with Israel,"
            if k < n and k > j and toks[k].mention >= 0 and not _possessive(toks[g.last]):
                j = k
                continue
            break
        for t in range(g.first, g.last + 1):
            toks[t].group = len(groups)
        g.object = _is_object(toks, g.first, L)
        if mentions[toks[g.last].mention].kind == "demonym" and g.last + 1 < n and toks[g.last + 1].low in L.non_state:
            g.object = True  # "South Korean consumers": people of the country, not its state
        nxt = g.last + 1
        while nxt < n and nxt < g.last + 6 and toks[nxt].text[:1].isupper() and toks[nxt].mention < 0:
            nxt += 1  # "Kenyan President William Ruto, who ...": the person speaks for the country
        if nxt < n and toks[nxt].low == ",":
            nxt += 1
        g.relative = nxt < n and toks[nxt].low in ("which", "who")
        groups.append(g)
        while s < len(starts) and starts[s] <= g.last:
            s += 1
    aside: dict[int, tuple[int, int]] = {}
    for span in _asides(toks, L):
        for t in range(span[0] + 1, span[1] + 1):
            aside[t] = span
    for g in groups:
        g.inside = aside.get(g.first)
    return groups


def _asides(toks: list[_Tok], L: Lexicon) -> list[tuple[int, int]]:
    """Token spans of ", which/who ... ," asides: what sits there is not the main clause's subject."""
    out = []
    for k in range(1, len(toks)):
        if toks[k].low in ("which", "who") and toks[k - 1].text == ",":
            j = k + 1
            while j < len(toks) and j < k + _REACH and toks[j].text not in (",", ";", ":", "\u2014"):
                j += 1
            out.append((k, j))
    return out


def _is_object(toks: list[_Tok], first: int, L: Lexicon) -> bool:
    """Whether the mention at `first` stands after a preposition or a verb (so is not a subject)."""
    i = first - 1
    if i >= 0 and toks[i].low in ("a", "an", "former"):
        return True  # "a Canadian commentator": a person described, not the state acting
    while i >= 0 and (toks[i].low in L.determiners or (toks[i].text[:1].isupper() and toks[i].mention < 0 and i > 0)):
        i -= 1
    if i < 0:
        return False
    low = toks[i].low
    if low in L.list_introducers or low == "as" and i > 0 and toks[i - 1].low == "such":
        # "countries including X", "nations like X": as the noun before
        for k in range(i - 1, max(-1, i - 5), -1):
            if toks[k].low in L.prepositions and toks[k].low not in L.list_introducers:
                return True
            if toks[k].low in L.clause_breaks or toks[k].low in (",", ";"):
                break
        return False
    if low in _SUBORDINATORS and _verb_follows(toks, first, L):
        return False  # "after Caracas expelled them": the subject of a clause
    if low in L.prepositions:
        return True
    if low in L.verbs or low in L.adjectives:
        return True
    return low.isalpha() and low.islower() and low.endswith(("ed", "ing")) and low not in L.auxiliaries


def _verb_follows(toks: list[_Tok], first: int, L: Lexicon) -> bool:
    k = first
    while k < len(toks) and (toks[k].mention >= 0 or toks[k].low in _JOINERS or _possessive(toks[k])):
        if _possessive(toks[k]):
            return False  # "after Russia's move": an owner, inside a noun phrase
        k += 1
    while k < len(toks) and toks[k].low.endswith("ly"):
        k += 1
    if k >= len(toks):
        return False
    low = toks[k].low
    return low in L.auxiliaries or (low in L.verbs and low.endswith("ed")) or (low.endswith("ed") and toks[k].text.islower())


def _negation(toks: list[_Tok], i: int, stop: int, L: Lexicon) -> tuple[int, str | None]:
    """Where the negation of the cue at i starts (-1: none), between its agent (`stop`) and it,
    and the stance of a refusal ("refused to recognize")."""
    for k in range(i - 1, max(stop, i - 5), -1):
        low = toks[k].low
        if low in L.negators or low.endswith("n't"):
            return k, None
        if low == "to" and k > 0 and toks[k - 1].low in L.before_to:
            return k - 1, L.refusals.get(toks[k - 1].low)
    return -1, None


def _hedge(toks: list[_Tok], i: int, stop: int, L: Lexicon) -> int:
    """Where a modal before the cue starts ("may recognize", "could soon impose"), else -1."""
    for k in range(i - 1, max(stop, i - 4), -1):
        if toks[k].low in L.hedges:
            return k
    return -1


def _other_cue(toks: list[_Tok], i: int, last: int, L: Lexicon) -> Cue | None:
    """Another cue with this verb form whose object is here ("sent *weapons*" after "sent" failed
    as "sent congratulations")."""
    return next((c for c in L.more.get(toks[i].low, ()) if _object_ok(c, toks, last)), None)


def _object_ok(cue: Cue, toks: list[_Tok], i: int, width: int = 8) -> bool:
    """Whether the words a cue needs follow it ("appointed *ambassadors*"); for a noun, or a verb
    whose object is a pronoun, they may come just before ("its terrorist *designation*",
    "the diplomats ... expelled *them*")."""
    if not cue.object_any and not cue.needs:
        return True
    L = lex()
    # a word that starts a noun phrase of its own ("the *trade* row") is not this cue's object
    window = {
        t.low
        for k, t in enumerate(toks[i + 1 : i + 1 + width], i + 1)
        if not (k + 1 < len(toks) and (t.low, toks[k + 1].low) in L.noun_phrases)
    }
    window.update(w.strip("'\u2019\"") for w in list(window))
    if cue.needs and not (cue.needs & window):
        return False
    if cue.object_any and not (cue.object_any & window):
        noun = toks[i].low in L.nouns and L.nouns[toks[i].low] is cue
        pronoun = i + 1 < len(toks) and toks[i + 1].low in L.pronouns
        if not (noun or pronoun):
            return False
        before = {t.low for t in toks[max(0, i - 3) : i]}
        return bool(cue.object_any & before)
    return True


def _object_phrase(toks: list[_Tok], i: int, L: Lexicon, limit: int = 5) -> str:
    """The few words after a cue that say what it was done to: "the new government"."""
    j = i + 1
    while j < len(toks) and toks[j].low.endswith("ly") and toks[j].text.islower():
        j += 1
    words: list[str] = []
    while j < len(toks) and len(words) < limit:
        t = toks[j]
        if not t.text[0].isalnum() and t.text not in ("-",):
            break
        if t.low in L.prepositions or t.low in L.auxiliaries or t.low in L.relatives or t.low in ("and", "or", "as", "since", "until"):
            break
        if t.low.endswith("ly") and t.text.islower() and words:
            break
        words.append(t.text)
        j += 1
    if words and words[0].lower() in L.pronouns:
        return ""
    if words and words[-1][:1].isupper() and j < len(toks) and toks[j].text[:1].isupper():
        return ""  # the limit falls inside a name ("Acting Foreign ..."): no phrase beats half a name
    if len(words) == 1 and words[0].lower() in L.determiners:
        return ""
    return " ".join(words)


def _clause_start(toks: list[_Tok], i: int, L: Lexicon) -> int:
    """Where the clause holding token i starts; never further back than `_REACH` tokens."""
    for k in range(i - 1, max(-1, i - _REACH - 1), -1):
        if toks[k].text in _CLAUSE_MARKS or toks[k].low in L.clause_breaks:
            return k + 1
    return max(0, i - _REACH)


# Wire copy repeats sentences word for word (and one story's articles quote each other): a reading
# depends only on the sentence, the mentions in it (where, which, what kind) and whether a word
# runs into its start (the cue pattern looks one character back), so it is kept by those.
_MEMO_MAX = 50_000
_READ_MEMO: dict[tuple, list[tuple]] = {}
_EVENTS_MEMO: dict[tuple[str, bool], list[tuple[str, str, str]]] = {}


def _forget_oldest(memo: dict) -> None:
    """Make room in a full memo by dropping its older half (dicts keep insertion order), so the
    sentences a story keeps repeating stay remembered past the limit."""
    for key in list(islice(memo, len(memo) // 2)):
        del memo[key]


def _joined(text: str, start: int) -> bool:
    """Whether a letter or digit runs into `start` (what the cue pattern's look-behind tests)."""
    return start > 0 and text[start - 1].isalnum()


def read(text: str, start: int, end: int, mentions: list[Mention]) -> list[Act]:
    """The acts in the sentence text[start:end], given the mentions that fall inside it."""
    if not mentions:
        return []
    key = (
        text[start:end],
        start > 0 and text[start - 1].isalnum(),  # `_joined`
        tuple([(m.start - start, m.end - start, m.code, m.kind) for m in mentions]),
    )
    kept = _READ_MEMO.get(key)
    if kept is None:
        acts = _read(text, start, end, mentions)
        if len(_READ_MEMO) >= _MEMO_MAX:
            _forget_oldest(_READ_MEMO)
        _READ_MEMO[key] = [(a.code, a.role, a.cue, a.stance, a.weight, a.action, a.cameo, a.question, a.negated,
                            a.targets, a.about) for a in acts]
        return acts
    return [Act(c, r, cue, st, w, ac, cam, q, neg, start, end, tg, ab) for c, r, cue, st, w, ac, cam, q, neg, tg, ab in kept]


def _read(text: str, start: int, end: int, mentions: list[Mention]) -> list[Act]:
    L = lex()
    toks = _tokens(text, start, end, mentions)
    hits = _hits(text, start, end, toks, L)
    if not hits:
        return []
    groups = _groups(toks, L, mentions)
    firsts = [g.first for g in groups]
    acts: list[Act] = []
    consumed: set[int] = set()  # object words of a cue already read ("imposed *tariffs*")
    after = 0  # a cue of several words is read once: the words it spans are passed over
    for i in sorted(hits):
        if i < after or toks[i].mention >= 0 or i in consumed:
            continue
        kind, cue, width = _cue_at(toks, i, L)
        if cue is None:
            continue
        last = i + width - 1
        if not _object_ok(cue, toks, last):
            cue = _other_cue(toks, i, last, L) if width == 1 else None
            if cue is None:
                after = i + width
                continue
        if cue.object_any:
            hit = _hit(toks, last, cue)
            if hit is not None:
                consumed.add(hit)
        agents, patients, passive = _roles(toks, groups, firsts, i, last, kind, L)
        if not agents and kind == "verb":
            speaker = _quoted_we(toks, groups, i, L)
            if speaker is not None:
                agents = [speaker]
        edge = _agent_edge(groups, agents)
        neg, refusal = _negation(toks, i, edge, L)
        negated = neg >= 0
        stance, weight = cue.stance, cue.weight
        if refusal:
            stance, weight = refusal, 2.0
        elif negated:
            stance, weight = "neutral", 0.0
        hedge = _hedge(toks, i, edge, L) if not negated else -1
        if hedge >= 0:
            weight /= 2  # "could recognize": a possibility, not an act
        action = _action(toks, neg if negated else (hedge if hedge >= 0 else i), last, cue, kind, L)
        question = _question_noun(toks, last, cue)
        seen = set()
        targets = tuple(dict.fromkeys(mentions[mi].code for g in patients for mi in groups[g].mentions))
        about = _about(toks, last, L)
        for role, which in (("agent", agents), ("patient", patients)):
            for g in which:
                for mi in groups[g].mentions:
                    code = mentions[mi].code
                    if (code, role) in seen or (role == "patient" and (code, "agent") in seen):
                        continue
                    seen.add((code, role))
                    w = weight if role == "agent" else 0.0
                    aim = tuple(c for c in targets if c != code) if role == "agent" else ()
                    acts.append(Act(code, role, cue.id, stance, w, action, cue.cameo, question, negated, start, end, aim, about))
        after = i + width
    return acts


def _about(toks: list[_Tok], last: int, L: Lexicon, width: int = 6) -> str:
    """The event a cue's object names: "condemned the Russian *invasion*" -> its question noun."""
    for k in range(last + 1, min(len(toks), last + 1 + width)):
        low = toks[k].low
        if toks[k].text in (",", ";", ":") or low in L.auxiliaries or low in L.relatives:
            break
        cue = L.nouns.get(low)
        if cue is not None:
            return cue.question
    return ""


def _hit(toks: list[_Tok], last: int, cue: Cue, width: int = 8) -> int | None:
    """The token after the cue that satisfies its `object_any` ("imposed new *tariffs*")."""
    return next((k for k in range(last + 1, min(len(toks), last + 1 + width)) if toks[k].low in cue.object_any), None)


def _question_noun(toks: list[_Tok], last: int, cue: Cue) -> str:
    if cue.question == "{object}":
        hit = _hit(toks, last, cue)
        if hit is None:
            return cue.id
        named = lex().nouns.get(toks[hit].low)  # "agreed a truce": the ceasefire's question
        return named.question if named is not None else toks[hit].low
    return cue.question


def _words(toks: list[_Tok], a: int, b: int) -> list[str]:
    return [t.text for t in toks[a:b] if t.text[0].isalnum()]


def _action(toks: list[_Tok], first: int, last: int, cue: Cue, kind: str, L: Lexicon) -> str:
    """The act in a few of the sentence's own words: "appointed ambassadors", "yet to recognize"."""
    head = _words(toks, first, last + 1)
    if kind == "verb" and first == last and toks[last].low in L.past:
        head = [L.past[toks[last].low]]  # "to recognize" -> "recognized": acts are reported done
        manner = toks[first - 1] if first > 0 else None
        if manner is not None and manner.text.islower() and manner.low.endswith("ly") and manner.low not in _NOT_MANNER:
            head.insert(0, manner.text)  # "formally recognized"
    if cue.object_any:
        hit = _hit(toks, last, cue)
        if hit is not None:
            nxt = hit + 1
            while nxt < len(toks) and toks[nxt].text in "\"'\u201d\u2019":
                nxt += 1
            if nxt < len(toks) and _adjective_like(toks[nxt], L) and toks[nxt].low not in L.verbs:
                hit = nxt  # "terrorist label"
        tail = _words(toks, last + 1, hit + 1) if hit is not None else []
        if len(tail) > 6:
            tail = ["\u2026", *tail[-2:]]
    else:
        if kind == "noun":
            of = last + 1 < len(toks) and toks[last + 1].low == "of"
            phrase = _object_phrase(toks, last + 1, L, limit=4) if of else ""
            tail = ["of", *phrase.split()] if phrase else []
        else:
            phrase = _object_phrase(toks, last, L, limit=4)
            if not phrase and last + 1 < len(toks) and toks[last + 1].low == "with":
                phrase = _object_phrase(toks, last + 1, L, limit=3)  # "engaged with the rebels"
                phrase = f"with {phrase}" if phrase else ""
            tail = phrase.split() if phrase else []
    words = head + tail
    if words and words[0][0].isupper() and not words[0].isupper() and toks[first].mention < 0:
        words[0] = words[0].lower()
    return " ".join(words)


def _agent_edge(groups: list[_Group], agents: list[int]) -> int:
    return max((groups[g].last for g in agents), default=-1)


def _cue_at(toks: list[_Tok], i: int, L: Lexicon) -> tuple[str, Cue | None, int]:
    """The cue starting at token i: (kind, cue, tokens it spans)."""
    low = toks[i].low
    if low in L.phrase_starts:
        for width in (3, 2):
            key = tuple(t.low for t in toks[i : i + width])
            if len(key) == width and key in L.phrases:
                return ("noun" if key in L.noun_phrases else "verb"), L.phrases[key], width
    prev = toks[i - 1] if i > 0 else None
    if low in L.nouns:
        return "noun", L.nouns[low], 1
    if low in L.verbs:
        if prev is not None and (prev.low in L.determiners and prev.low not in ("that", "also", "all", "both") or _possessive(prev)):
            return "noun", None, 1  # "its list", "the attack": a noun, not a verb
        if prev is not None and prev.low in L.prepositions and low.endswith("ing"):
            return "noun", L.verbs[low], 1  # "the step of recognizing": no subject of its own
        if low.endswith("ed") and _adjectival(toks, i, L):
            return "verb", None, 1  # "the internationally recognized government"
        return "verb", L.verbs[low], 1
    if low in L.adjectives:
        k = i - 1
        while k >= 0 and toks[k].low.endswith("ly"):
            k -= 1
        if k >= 0 and toks[k].low in L.copulas:
            return "verb", L.adjectives[low], 1
    return "", None, 1


def _adjectival(toks: list[_Tok], i: int, L: Lexicon) -> bool:
    k = i - 1
    while k >= 0 and toks[k].low.endswith("ly"):
        k -= 1
    if k < 0:
        return False
    return (toks[k].low in L.determiners and toks[k].low not in _FLOATING) or _possessive(toks[k])


def _roles(
    toks: list[_Tok], groups: list[_Group], firsts: list[int], i: int, last: int, kind: str, L: Lexicon
) -> tuple[list[int], list[int], bool]:
    """Agent groups and patient groups of the cue at tokens i..last."""
    n = len(toks)
    after = _patients(toks, groups, last, L)
    if kind == "noun":
        agents = []
        k = i - 1
        skipped = 0
        while k >= 0 and skipped < 2 and _adjective_like(toks[k], L):
            k -= 1
            skipped += 1
        if k >= 0 and toks[k].mention >= 0:
            agents.append(toks[k].group)
        by = _by_agent(toks, last, L, ("by", "from"))
        if by is not None:
            agents.append(by)
            after = [g for g in after if g != by]
        return agents, after, False
    # a verb or predicative adjective
    clause = _clause_start(toks, i, L)
    passive = False
    k = i - 1
    while k >= 0 and k >= i - 3 and (toks[k].low.endswith("ly") or toks[k].low in ("still", "also", "already", "not")):
        k -= 1
    participle = toks[i].low.endswith(("ed", "en", "wn"))
    if participle and k >= 0 and toks[k].low in L.passive_aux:
        passive = True
    elif participle and last + 1 < n and toks[last + 1].low == "by":
        passive = True  # "talks brokered by Qatar"
    if passive:
        by = _by_agent(toks, last, L)
        before = [
            g
            for g in range(bisect_left(firsts, clause), bisect_left(firsts, i))
            if not (groups[g].first > 0 and toks[groups[g].first - 1].low == "by")
        ]
        return ([by] if by is not None else []), before, True
    if _own_subject(toks, i, L):
        return [], after, False
    # the nearest subject-position group to the left, or "X, which ..." antecedent
    if i > 0 and toks[i - 1].mention >= 0:
        g = toks[i - 1].group
        if not groups[g].object:
            return [g], after, False
        # "criticized Chile and Peru welcomed": the last of the list starts a clause of its own
        k = i - 1
        while k > 0 and toks[k - 1].mention == toks[i - 1].mention:
            k -= 1
        if k > 0 and toks[k - 1].low in ("and", "but", "while", ","):
            groups.append(_Group(first=k, last=i - 1, mentions=[toks[i - 1].mention]))
            return [len(groups) - 1], after, False
    for g in range(bisect_left(firsts, i) - 1, -1, -1):
        grp = groups[g]
        if grp.first < i - _REACH:
            break
        if grp.inside is not None and not (grp.inside[0] < i <= grp.inside[1]):
            continue  # "Poland, which borders Ukraine, has sent": not Ukraine
        if grp.relative:
            return [g], after, False
        if grp.first < clause:
            break
        if not grp.object:
            return [g], after, False
    return [], after, False


_SUBORDINATORS = frozenset({"after", "before", "until", "since", "as", "when", "once", "because", "if", "unless"})


def _own_subject(toks: list[_Tok], i: int, L: Lexicon) -> bool:
    """Whether the verb at i has a subject of its own that names no country: "..., a result
    *the opposition* rejected", "*the council* declared"."""
    k = i - 1
    while k >= 0 and (toks[k].low in L.auxiliaries or toks[k].low.endswith("ly") or toks[k].low in ("not", "also", "still")):
        k -= 1
    if k < 1 or toks[k].mention >= 0 or not toks[k].text.isalpha() or not toks[k].text.islower():
        return False
    if toks[k].low in L.determiners or toks[k].low in L.prepositions or toks[k].low in L.relatives:
        return False
    det = toks[k - 1]
    return det.low in ("the", "a", "an", "this", "that") and (k < 2 or toks[k - 2].mention < 0)


def _adjective_like(tok: _Tok, L: Lexicon) -> bool:
    """A word that can stand between an owner and its noun ("Russia's pragmatic engagement")."""
    low = tok.low
    return (
        tok.mention < 0
        and low not in ("and", "or", "but", "nor", "than", "as")
        and tok.text.islower()
        and tok.text[0].isalpha()
        and not low.endswith(("ly", "ing", "ed"))
        and low not in L.prepositions
        and low not in L.determiners
        and low not in L.auxiliaries
        and low not in L.verbs
    )


_QUOTES = frozenset('"\u201c\u201d')
_FIRST_PERSON = frozenset({"we", "i"})


def _quoted_we(toks: list[_Tok], groups: list[_Group], i: int, L: Lexicon) -> int | None:
    """'"We condemn this," the French ministry said': inside a quotation, "we" before the cue is
    the country the attribution names (a name or demonym beside a speech verb, outside the quote)."""
    k = i - 1
    while k >= 0 and (toks[k].low in L.auxiliaries or toks[k].low.endswith("ly") or toks[k].low in L.hedges):
        k -= 1
    if k < 0 or toks[k].low not in _FIRST_PERSON:
        return None
    marks = [j for j, t in enumerate(toks) if t.text in _QUOTES]
    if not marks or not any(m < i for m in marks):
        return None
    opened, closed = marks[0], marks[-1]
    for g, grp in enumerate(groups):
        if opened < grp.first < closed or grp.object:
            continue
        near = toks[max(0, grp.first - 4) : grp.last + 5]
        if any(t.low in L.speech for t in near):
            return g
    return None


def _by_agent(toks: list[_Tok], last: int, L: Lexicon, words: tuple[str, ...] = ("by",)) -> int | None:
    """The group after "by" (or "from", for nouns: "condemnation from Seoul") right after the cue."""
    for k in range(last + 1, min(len(toks), last + 4)):
        if toks[k].low in words:
            for j in range(k + 1, min(len(toks), k + 4)):
                if toks[j].mention >= 0:
                    return toks[j].group
                if toks[j].low not in L.determiners and not toks[j].text[:1].isupper():
                    break
    return None


def _patients(toks: list[_Tok], groups: list[_Group], last: int, L: Lexicon, limit: int = 12) -> list[int]:
    """Groups in the cue's object: "on Chinese steel", "between A and B", "the government of X".

    Up to four words of the object's head may come first ("imposed new tariffs on X"); after a
    country, the next ordinary word ends the object ("a ceasefire between A and B held ...").
    """
    out: list[int] = []
    words = 0
    for k in range(last + 1, min(len(toks), last + 1 + limit)):
        t = toks[k]
        if t.mention >= 0:
            if t.group not in out:
                out.append(t.group)
            continue
        if t.text in (",", ";", ":", "(", "\u2014") or t.low in L.auxiliaries or t.low in L.relatives or t.low in L.clause_breaks:
            break
        if t.low in L.prepositions or t.low in L.determiners or t.low in _JOINERS or t.text[:1].isupper():
            continue
        if out:
            break
        words += 1
        if words > 4:
            break
    return out


def events(text: str, start: int, end: int) -> list[tuple[str, str, str]]:
    """The events a sentence names, whoever does them: (cue id, question noun, object phrase).

    Read on titles and leads to find what the story is about.
    """
    key = (text[start:end], _joined(text, start))
    kept = _EVENTS_MEMO.get(key)
    if kept is None:
        kept = _events(text, start, end)
        if len(_EVENTS_MEMO) >= _MEMO_MAX:
            _forget_oldest(_EVENTS_MEMO)
        _EVENTS_MEMO[key] = kept
    return list(kept)


def _events(text: str, start: int, end: int) -> list[tuple[str, str, str]]:
    L = lex()
    toks = _tokens(text, start, end, [])
    hits = _hits(text, start, end, toks, L)
    if not hits:
        return []
    out = []
    after = 0
    consumed: set[int] = set()
    for i in sorted(hits):
        if i < after or i in consumed:
            continue
        kind, cue, width = _cue_at(toks, i, L)
        if cue is not None and not _object_ok(cue, toks, i + width - 1):
            cue = _other_cue(toks, i, i, L) if width == 1 else None
        if cue is not None:
            phrase = ""
            last = i + width - 1
            if cue.object_any:
                hit = _hit(toks, last, cue)
                if hit is not None:
                    consumed.add(hit)
            if cue.symmetric and last + 1 < len(toks) and toks[last + 1].low == "between":
                parties = _words(toks, last + 1, min(len(toks), last + 9))
                if "and" in parties[2:]:
                    end = parties.index("and", 2) + 1
                    while end < len(parties) and parties[end].lower() in L.determiners:
                        end += 1
                    end += 1
                    while end < len(parties) and parties[end][:1].isupper() and parties[end - 1][:1].isupper():
                        end += 1
                    phrase = " ".join(parties[:end])  # "between Armenia and Azerbaijan", "... and the rebels"
            elif not cue.object_any and not cue.symmetric:
                if kind != "noun":
                    phrase = _object_phrase(toks, last, L)
                elif last + 1 < len(toks) and toks[last + 1].low == "of":
                    phrase = _object_phrase(toks, last + 1, L)
            out.append((cue.id, _question_noun(toks, i + width - 1, cue), phrase))
        after = i + width
    return out
