"""Where sources contradict each other: a name's spelling, an event's date, a number, a list, who
did something. Each discrepancy gives every version with the sources that print it.

Per-article parts (`name_lists`, `actions`, `name_runs`) are plain values found in one text; the
cross-source parts meet them through indexes keyed by item, verb or surname, never all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import Indel

from briefing import lexicon
from briefing.analysis import claims as claims_mod
from briefing.analysis.claims import Alignment, ClaimSentence
from briefing.analysis.gazetteer import code as country_code
from briefing.model import Discrepancy, Evidence

LEADERS = 24  # entries of one index key that later entries are compared with (keeps it linear)
OBJECT_TERMS = 5  # terms after the verb that identify what an action was done to
SPELLING = 0.75  # similarity from which two different name words are one name misspelt

# ---------------------------------------------------------------------------------------------
# Lists: "China, the United Arab Emirates (UAE), Uzbekistan, and Pakistan have..."

# Bounded repetitions (a name of at most 6 words, a list of at most 16 members) keep the scan
# linear on long runs of capitalised words and commas.
_ITEM = r"(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w\-]*){0,5}(?:\s*\([A-Z][A-Za-z]+\))?"
_LIST = re.compile(rf"{_ITEM}(?:\s*,\s*{_ITEM}){{1,14}},?\s+(?:and|or)\s+{_ITEM}")
_ITEM_RE = re.compile(rf"(?P<item>{_ITEM})")
# What every match of _LIST holds: a comma before an item, "and" or "or" before one. Two fast
# scans (each opens with a fixed mark) rule out half the sentences before _LIST, which opens
# with an optional word and is tried at every position.
_LIST_COMMA = re.compile(r",\s*(?:the\s+)?[A-Z]")
_LIST_AND = re.compile(r"\s(?:and|or)\s+(?:the\s+)?[A-Z]")
_PAREN = re.compile(r"\s*\(([A-Z][A-Za-z]+)\)\s*$")


@dataclass(frozen=True, slots=True)
class NameList:
    sentence: int  # index into the article's claim sentences
    start: int
    end: int
    items: tuple[tuple[str, str], ...]  # (key, display) in written order
    context: tuple[str, ...] = ()  # the sentence's other terms: what the list is a list of


def item_key(item: str) -> tuple[str, str]:
    """(key, display): one key for "the United Arab Emirates (UAE)", "the UAE" and "UAE"."""
    display = re.sub(r"^the\s+", "", item.strip())
    paren = _PAREN.search(display)
    full = _PAREN.sub("", display).strip()
    if paren:
        display = paren.group(1)
    cc = country_code(full) or (country_code(display) if paren else None)
    if cc:
        return "@" + cc.lower(), display
    words = full.split()
    if paren:
        return paren.group(1).lower(), display
    if len(words) > 1:
        return "".join(w[0] for w in words if w[0].isupper()).lower(), display
    return full.lower(), display


def _strip_lead(item: str, stops: frozenset[str]) -> str:
    words = item.split()
    while words and words[0].lower() in stops and words[0].lower() != "the":
        words.pop(0)
    return " ".join(words)


def name_lists(sentences: list[ClaimSentence]) -> list[NameList]:
    out = []
    for k, s in enumerate(sentences):
        if "," not in s.text or (" and " not in s.text and " or " not in s.text):
            continue  # no "A, B and C" here: skip the pattern
        key = (s.text, s.terms)
        found = _LISTS.get(key)
        if found is None:
            found = _lists_in(s.text, s.terms)
            if len(_LISTS) >= 100_000:
                _LISTS.clear()
            _LISTS[key] = found
        for start, end, items, context in found:
            out.append(NameList(k, s.start + start, s.start + end, items, context))
    return out


_LISTS: dict[tuple[str, tuple[str, ...]], list] = {}  # a sentence's lists: wire copy repeats them


def _lists_in(text: str, terms: tuple[str, ...]) -> list[tuple[int, int, tuple[tuple[str, str], ...], tuple[str, ...]]]:
    out: list[tuple[int, int, tuple[tuple[str, str], ...], tuple[str, ...]]] = []
    if _LIST_COMMA.search(text) is None or _LIST_AND.search(text) is None:
        return out
    for m in _LIST.finditer(text):
        stops = lexicon.words("stopwords")
        raw = [x.group("item") for x in _ITEM_RE.finditer(m.group(0))]
        raw = [_strip_lead(x, stops) for x in raw]  # "However, China", "Only Peru": an adverb opens
        raw = [x for x in raw if x]
        items = tuple(dict((item_key(x)) for x in raw).items())
        if len(items) >= 3:
            listed = set(claims_mod.analyse_text(m.group(0))[0])
            context = tuple(t for t in terms if t not in listed)
            out.append((m.start(), m.end(), items, context))
    return out


def _note(values: dict[str, list[str]], named: set[tuple[str, str]], label: str, source: str) -> None:
    """Add `source` under `label` once (`named` remembers the pairs: lists stay short to search)."""
    if (label, source) not in named:
        named.add((label, source))
        values.setdefault(label, []).append(source)


def list_discrepancies(lists: list[tuple[int, NameList]], ids: list[str], texts: list[str]) -> list[Discrepancy]:
    """Lists from different sources naming mostly the same members, but not all the same, in
    sentences that share a word besides the members (what the list is of)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for n, (_src, nl) in enumerate(lists):
        for key, _ in nl.items:
            postings[key].append(n)
    # Each list is compared with the first `LEADERS` lists of each of its keys. Whether two lists
    # match depends only on their kinds (keys and context as sets), and lists of one kind meet the
    # same leaders: so a kind is compared once with each kind among its leaders, and then joined
    # with the leaders it matches. (A list never matches itself as its own leader, but the others
    # of its kind join it, so the kind and the leaders it matches are one group whenever any match.)
    kind_of: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    members: list[list[int]] = []
    kinds = []
    for n, (_src, nl) in enumerate(lists):
        k = kind_of.setdefault((frozenset(key for key, _ in nl.items), frozenset(nl.context)), len(kind_of))
        if k == len(members):
            members.append([])
        members[k].append(n)
        kinds.append(k)
    heads: dict[str, list[tuple[int, list[int]]]] = {}  # key -> (kind, its lists) among the key's leaders
    for key, post in postings.items():
        by_kind: dict[int, list[int]] = {}
        for m in post[:LEADERS]:
            by_kind.setdefault(kinds[m], []).append(m)
        heads[key] = list(by_kind.items())
    kind_key = list(kind_of)
    parent, find = claims_mod.disjoint_sets(len(lists))
    for k, (keys, context) in enumerate(kind_key):
        matched: dict[int, bool] = {}
        joined: set[int] = set()
        for key in keys:
            for j, leaders in heads[key]:
                ok = matched.get(j)
                if ok is None:
                    other, other_context = kind_key[j]
                    common = len(keys & other)
                    ok = matched[j] = (common >= 2 and common >= 0.5 * min(len(keys), len(other))
                                       and not context.isdisjoint(other_context))
                if ok:
                    joined.update(leaders)
        if joined:
            joined.update(members[k])
            root = find(members[k][0])
            for m in joined:
                r = find(m)
                if r != root:
                    parent[r] = root
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(lists)):
        groups[find(n)].append(n)
    out = []
    for members in groups.values():
        sources = {lists[n][0] for n in members}
        sets = {frozenset(k for k, _ in lists[n][1].items) for n in members}
        if len(sources) < 2 or len(sets) < 2:
            continue
        shortest: dict[str, str] = {}
        for n in members:
            for key, display in lists[n][1].items:
                if key not in shortest or len(display) < len(shortest[key]):
                    shortest[key] = display
        values: dict[str, list[str]] = {}
        named: set[tuple[str, str]] = set()
        seen: dict[frozenset, str] = {}
        evidence = []
        for n in members:
            src, nl = lists[n]
            keyset = frozenset(k for k, _ in nl.items)
            label = seen.setdefault(keyset, ", ".join(shortest[k] for k, _ in nl.items))
            _note(values, named, label, ids[src])
            evidence.append(Evidence(ids[src], nl.start, nl.end, texts[src][nl.start : nl.end]))
        common = set.intersection(*(set(s) for s in sets))
        what = "who is listed" + (f" with {', '.join(shortest[k] for k in sorted(common))}" if common else "")
        out.append(Discrepancy("list", what, values, evidence))
    return out


# ---------------------------------------------------------------------------------------------
# Attribution: the same action on the same object, done by a different actor.

_LEAD = r"(?:(?:And|But|So|Also)\s+)?(?:(?:[Ii]n|[Oo]n|[Bb]y|[Ee]arlier|[Ll]ater|[Bb]ack\s+in|[Aa]fter|[Ll]ast)\b[^,]{0,40},\s*)?"
_ACTOR = r"(?P<actor>(?:[Tt]he\s+)?[A-Z][\w\-]*(?:(?:['\u2019]s)?\s+(?:of\s+(?:the\s+)?)?[A-Z][\w\-]*)*)"
_ACTION = re.compile(rf"^{_LEAD}{_ACTOR}\s+(?:(?:has|have|had)\s+)?(?:also\s+)?(?P<verb>[a-z]+)\b(?P<rest>[^.;]*)")


@dataclass(frozen=True, slots=True)
class Action:
    sentence: int
    actor: str  # as written
    actor_key: str
    verb: str  # stem
    objects: tuple[str, ...]  # the first terms after the verb: what was acted on
    months: tuple[int, ...]  # months the sentence mentions: the action's time anchor
    start: int
    end: int


@cache
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicon.load("verbs")
    return frozenset(data["irregular_past"]), frozenset(data["not_verbs"])


def _actor_key(actor: str) -> str:
    actor = re.sub(r"^[Tt]he\s+", "", actor).replace("\u2019", "'")
    cc = country_code(actor)
    if cc:
        return "@" + cc.lower()
    return " ".join(actor.lower().split())


def actions(sentences: list[ClaimSentence]) -> list[Action]:
    out = []
    for k, s in enumerate(sentences):
        found = _ACTIONS.get(s.text)
        if found is None:
            found = _action_in(s.text)
            if len(_ACTIONS) >= 100_000:
                _ACTIONS.clear()
            _ACTIONS[s.text] = found
        if not found:
            continue
        actor, actor_key, verb, objects, start = found
        months = tuple(sorted({int(d.value[5:7]) for d in s.dates if d.value and len(d.value) >= 7}
                              | {_month_of(d.text) for d in s.dates if d.value is None and _month_of(d.text)}))
        out.append(Action(k, actor, actor_key, verb, objects, months, s.start + start, s.end))
    return out


_ACTIONS: dict[str, tuple] = {}  # sentence -> its action without the dates, () none


def _action_in(text: str) -> tuple:
    """(actor, actor key, verb stem, objects, actor's offset) of "X [has] <verb>ed ...", or ()."""
    m = _ACTION.match(text)
    if not m:
        return ()
    irregular, not_verbs = _verbs()
    verb = m.group("verb")
    if not ((verb.endswith("ed") and verb not in not_verbs) or verb in irregular):
        return ()
    actor = m.group("actor")
    if actor.split()[0].lower() in lexicon.words("stopwords") and len(actor.split()) == 1:
        return ()  # a pronoun or function word, not an actor
    rest_terms, _ = claims_mod.analyse_text(m.group("rest"))
    return (actor, _actor_key(actor), claims_mod.stem(verb), rest_terms[:OBJECT_TERMS], m.start("actor"))


def _month_of(text: str) -> int:
    months = lexicon.load("dates")["months"]
    for w in text.split():
        n = months.get(w.lower().strip(".,"))
        if n:
            return n
    return 0


def attribution_discrepancies(acts: list[tuple[int, Action]], ids: list[str], texts: list[str]) -> list[Discrepancy]:
    """One action on one object by different actors. Indexed by (verb, object term): an act is
    compared with the first `LEADERS` acts of each of its keys (and they with it)."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, (_src, a) in enumerate(acts):
        for o in a.objects:
            postings[(a.verb, o)].append(n)
    # Acts of one verb and object terms are in the same postings, so they meet the same leaders:
    # those are gathered once per (verb, objects), and each act is paired with them (a pair of two
    # leaders is met from both sides; the set keeps it once).
    leaders: dict[tuple[str, frozenset[str]], list[int]] = {}
    signature = []
    for _src, a in acts:
        sig = (a.verb, frozenset(a.objects))
        if sig not in leaders:
            met: set[int] = set()
            for o in sig[1]:
                met.update(postings[(a.verb, o)][:LEADERS])
            leaders[sig] = list(met)
        signature.append(sig)
    # pairs of different sources and actors, each once, as x * n + y with x < y: in order of (x, y)
    n = len(acts)
    source = [s for s, _a in acts]
    akey = [a.actor_key for _s, a in acts]
    codes: set[int] = set()
    for y, sig in enumerate(signature):
        sy, ky = source[y], akey[y]  # (x == y has the same source)
        codes.update([x * n + y if x < y else y * n + x
                      for x in leaders[sig] if source[x] != sy and akey[x] != ky])
    # whether a pair is one action, and which (verb, objects in common), depends only on the two
    # acts' verb, objects and months: found once per pair of those
    kind: dict[tuple, int] = {}
    kinds = [kind.setdefault((sig, frozenset(a.months)), len(kind)) for sig, (_s, a) in zip(signature, acts)]
    nk = len(kind)
    pair_of: dict[int, dict | None] = {}  # pair of kinds -> their discrepancy (None: not one action)
    merged: dict[tuple[str, tuple[str, ...]], dict] = {}
    out: list[Discrepancy] = []
    for code in sorted(codes):
        x, y = divmod(code, n)
        kk = kinds[x] * nk + kinds[y]
        d = pair_of.get(kk, False)
        if d is False:
            key = _same_action(acts[x][1], acts[y][1])
            d = pair_of[kk] = None if key is None else merged.get(key)
            if key is not None and d is None:
                sa, a = acts[x]
                action = texts[sa][a.start : a.end].split(maxsplit=len(a.actor.split()))[-1]
                what = f"who {short(_CLAUSE_END.split(action)[0])}"
                d = pair_of[kk] = merged[key] = {"what": what, "values": {}, "evidence": [], "seen": set(),
                                                 "named": set(), "acts": set()}
        if d is None:
            continue
        done = d["acts"]  # acts already entered: entering one again changes nothing
        if x in done and y in done:
            continue
        for z in (x, y):
            if z in done:
                continue
            done.add(z)
            src, act = acts[z]
            d["values"].setdefault(act.actor, [])
            if (act.actor, src) not in d["named"]:
                d["named"].add((act.actor, src))
                d["values"][act.actor].append(ids[src])
            if (src, act.start) not in d["seen"]:
                d["seen"].add((src, act.start))
                d["evidence"].append(Evidence(ids[src], act.start, act.end, texts[src][act.start : act.end]))
    for d in merged.values():
        if len(d["values"]) >= 2:
            out.append(Discrepancy("attribution", d["what"], d["values"], d["evidence"]))
    return out


def _same_action(a: Action, b: Action) -> tuple[str, tuple[str, ...]] | None:
    """(verb, objects in common) when acts `a` and `b` (of one verb) can be one action: months in
    common if either gives any, else two object terms in common."""
    if a.months or b.months:
        if set(a.months).isdisjoint(b.months):
            return None
        common = set(a.objects) & set(b.objects)
    else:
        common = set(a.objects) & set(b.objects)
        if len(common) < 2:
            return None
    return (a.verb, tuple(sorted(common)))


# ---------------------------------------------------------------------------------------------
# Numbers: near-miss sentences (same words) that count one thing differently.


NUMBER_TOPIC = 0.2  # cosine two sentences need for their counts of one thing to be one quantity


def number_discrepancies(alignment: Alignment, ids: list[str], texts: list[str]) -> list[Discrepancy]:
    """One quantity counted differently: numbers of one unit ("people"), with a word around them
    in common ("killed" / "dead", one synonym group), in sentences on one topic, from different
    sources. Indexed by unit; a unit's first `LEADERS` mentions are compared with the rest."""
    items = alignment.items
    index = alignment.index
    nums = [(n, num) for n, it in enumerate(items) for num in it.sentence.numbers if num.unit]
    by_unit: dict[str, list[int]] = defaultdict(list)
    for k, (_n, num) in enumerate(nums):
        by_unit[num.unit].append(k)
    parent, find = claims_mod.disjoint_sets(len(nums))
    item = [n for n, _num in nums]
    source = [items[n].source for n in item]
    near = [frozenset(num.near) for _n, num in nums]
    similarity = index.similarity
    for post in by_unit.values():
        for x in post[:LEADERS]:
            i, sx, nx = item[x], source[x], near[x]  # (y == x has the same source)
            for y in post:
                if source[y] != sx and not nx.isdisjoint(near[y]) and similarity(i, item[y]) >= NUMBER_TOPIC:
                    parent[find(y)] = find(x)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(nums)):
        groups[find(k)].append(k)
    out = []
    for members in groups.values():
        values: dict[str, list[str]] = {}
        named: set[tuple[str, str]] = set()
        for k in members:
            n, num = nums[k]
            label = f"{num.value} {num.text.split()[-1]}" if " " in num.text else num.value
            _note(values, named, label, ids[items[n].source])
        if len({nums[k][1].value for k in members}) < 2:
            continue
        first = nums[members[0]][1]
        evidence = [Evidence(ids[items[n].source], num.start, num.end, texts[items[n].source][num.start : num.end])
                    for n, num in (nums[k] for k in members)]
        out.append(Discrepancy("number", f"how many {first.text.split()[-1]}" if " " in first.text else "a number",
                               values, evidence))
    return out


# ---------------------------------------------------------------------------------------------
# Dates: one fact (a claim cluster) dated differently by its sources.


_CLAUSE_END = re.compile(r"\s*[,;:\u2014\u2013]\s*|\s+-\s+")


def short(text: str, limit: int = 80) -> str:
    """A label's worth of a sentence: cut at a word, marked as cut."""
    text = text.strip().rstrip(".")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


LEAD = 4  # claim sentences that make an article's lead: the main event is dated there


def _day_dates(s: ClaimSentence):
    """The sentence's dates precise to the day (or weekdays not yet resolved), not background."""
    for m in s.dates:
        if m.background:
            continue
        unresolved_day = m.value is None and (m.kind in ("weekday", "relative") or any(c.isdigit() for c in m.text))
        if m.precision == 3 or unresolved_day:
            yield m


def date_discrepancies(alignment: Alignment, ids: list[str]) -> list[Discrepancy]:
    """One fact dated differently. A source whose sentence of the fact gives no date, but which
    states the fact in its lead, dates it by the first day its lead gives (news leads say when)."""
    items = alignment.items
    lead_dates: dict[int, list] = defaultdict(list)  # source -> (item, first day date) in its lead
    for n, it in enumerate(items):
        if it.sentence.position < LEAD and it.source not in lead_dates:
            first = next(_day_dates(it.sentence), None)
            if first is not None:
                lead_dates[it.source] = [(n, first)]
    source = [it.source for it in items]
    days = {}  # item -> its day dates, for the items that have any
    for n, it in enumerate(items):
        if it.sentence.dates:
            found = list(_day_dates(it.sentence))
            if found:
                days[n] = found
    out = []
    for cluster in alignment.clusters:
        sources = set(map(source.__getitem__, cluster))
        if len(sources) < 2:
            continue
        values: dict[str, list[str]] = {}
        named: set[tuple[str, str]] = set()
        resolved: dict[str, tuple] = {}
        evidence = []
        found = [(i, m) for i in cluster if i in days for m in days[i]]
        dated = {items[i].source for i, _ in found}
        if not found:
            continue  # no source dates this fact itself: the leads' dates may be another event's
        in_lead = {items[i].source for i in cluster if items[i].sentence.position < LEAD}
        for src in (sources - dated) & in_lead:
            found += lead_dates.get(src, [])
        for i, m in found:
            it = items[i]
            label = m.label()
            _note(values, named, label, ids[it.source])
            resolved[label] = (m.value, m.until) if m.value else ("?", m.text.lower())
            evidence.append(Evidence(ids[it.source], m.start, m.end, m.text))
        if len(set(resolved.values())) >= 2:
            rep = items[cluster[0]].sentence.text
            out.append(Discrepancy("date", f"when: {short(rep)}", values, evidence))
    return out


# ---------------------------------------------------------------------------------------------
# Spelling of one person's name across sources.


@cache
def _titles() -> frozenset[str]:
    """Words that are no part of a name: honorifics, role words (the quotes lexicons) and a few
    joining words."""
    return (
        _honorifics()
        | lexicon.words("roles", "person_titles")
        | lexicon.words("roles", "modifiers")
        | lexicon.words("name_titles", "other_words")
    )


def core(form: str) -> list[str]:
    """The name proper: capitalised words after any honorific, role, or place adjective."""
    words = re.findall(r"[A-Za-z\u00c0-\u024f][\w\-'\u2019]*", form.replace(".", " "))
    titles = _titles()
    out: list[str] = []
    for w in words:
        low = w.lower().replace("\u2019", "'")
        if low.endswith("'s"):
            out = []
            continue
        if low in titles or not w[0].isupper() or country_code(w):
            out = []  # what precedes a title or place word is not the name ("Russian Ambassador X")
            continue
        out.append(w)
    return out


def compare_names(a: list[str], b: list[str]) -> tuple[str, str] | None | bool:
    """None: consistent forms of one name. (x, y): these words differ in spelling. True: the forms
    differ in their make-up (a given name dropped or added), not as a surname vs full name."""
    if not a or not b or a == b:
        return None
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    for x in short:
        if x not in long_ and not any(y.lower().startswith(x.lower()) or x.lower().startswith(y.lower()) for y in long_):
            near = max(long_, key=lambda y: Indel.normalized_similarity(x.lower(), y.lower()))
            if Indel.normalized_similarity(x.lower(), near.lower()) >= SPELLING and x.lower() != near.lower():
                return (x, near) if short is a else (near, x)
    if len(short) == len(long_) and all(_derived(x, y) for x, y in zip(short, long_)):
        return None  # "Central Asia" / "Central Asian": a derived word, not another spelling
    if long_[-len(short):] == short:
        return None  # a surname, or given names dropped from the front
    if len(short) >= 2 and long_[0] == short[0] and long_[-1] == short[-1] and long_[: len(short)] != short:
        return None  # a middle name or patronymic dropped
    if set(short) & set(long_):
        return True
    return None


def _derived(x: str, y: str) -> bool:
    x, y = x.lower(), y.lower()
    return x.startswith(y) or y.startswith(x)


def spelling_discrepancies(people: list[tuple[str, dict[str, list[str]]]]) -> list[Discrepancy]:
    """`people`: (canonical name, {form as written: source ids}) for each person."""
    out = []
    for name, forms in people:
        items = [(f, core(f), set(srcs)) for f, srcs in forms.items()]
        items = [x for x in items if x[1]]
        words: dict[str, set[str]] = {}  # (sets: the sources are shown sorted)
        whole: dict[str, set[str]] = {}
        for n, (fa, ca, sa) in enumerate(items):
            for fb, cb, sb in items[n + 1 :]:
                if sa == sb:
                    continue
                verdict = compare_names(ca, cb)
                if isinstance(verdict, tuple):
                    for word, srcs in zip(verdict, (sa, sb)):
                        words.setdefault(word, set()).update(srcs)
                elif verdict is True:
                    for form, c, srcs in ((fa, ca, sa), (fb, cb, sb)):
                        whole.setdefault(_shown(form, c), set()).update(srcs)
        if len(words) >= 2:
            out.append(Discrepancy("spelling", f"spelling of {name}", {k: sorted(v) for k, v in words.items()}))
        if len(whole) >= 2:
            out.append(Discrepancy("spelling", f"name of {name}", {k: sorted(v) for k, v in whole.items()}))
    return out


@cache
def _honorifics() -> frozenset[str]:
    """Forms of address: kept in front of a name as shown ("Gen. X", "Mullah X")."""
    return lexicon.words("honorifics") | lexicon.words("name_titles", "address_titles")


def _shown(form: str, core_words: list[str]) -> str:
    """The name as written from its first honorific or name word (roles and places left out)."""
    words = form.split()
    honorifics = _honorifics()
    first = core_words[0]
    for i, w in enumerate(words):
        if w.strip(",.") == first:
            j = i
            while j > 0 and words[j - 1].lower().strip(".") in honorifics and words[j - 1][0].isupper():
                j -= 1
            return " ".join(words[j:]).strip(",.")
    return " ".join(core_words)


# Fallback while no other step fills people's name forms: capitalised runs grouped by surname.

# (the first word written out, not as a repeat, so that the scan skips to capitals)
_RUN_WORD = r"[A-Z][a-z\u00e0-\u024f]+(?:[\-'][A-Za-z]+)?\s+"
_RUN = re.compile(rf"{_RUN_WORD}(?:{_RUN_WORD}){{0,3}}[A-Z][a-z\u00e0-\u024f]+")


def name_runs(text: str) -> list[str]:
    """Multi-word capitalised names as written (with any honorific), for the fallback."""
    out = []
    for run in _RUN.findall(text):
        shown = _RUNS.get(run)
        if shown is None:
            words = core(run)
            shown = _shown(run, words) if len(words) >= 2 and not any(country_code(w) for w in words) else ""
            if len(_RUNS) >= 200_000:
                _RUNS.clear()
            _RUNS[run] = shown
        if shown:
            out.append(shown)
    return out


_RUNS: dict[str, str] = {}  # capitalised run -> the name it shows ("" none): names recur


def people_from_runs(runs: list[tuple[str, list[str]]]) -> list[tuple[str, dict[str, list[str]]]]:
    """Group name forms (form, sources) into people by a shared or near-identical surname and
    given name, indexed by the surname's first two letters."""
    blocks: dict[str, list[int]] = defaultdict(list)
    cores = [core(f) for f, _ in runs]
    for n, c in enumerate(cores):
        if c:
            blocks[c[-1][:2].lower()].append(n)
    parent, find = claims_mod.disjoint_sets(len(runs))

    for post in blocks.values():
        for x in post[:LEADERS]:
            for y in post:
                if x != y:
                    a, b = cores[x], cores[y]
                    same_last = Indel.normalized_similarity(a[-1].lower(), b[-1].lower()) >= SPELLING
                    if same_last and (a[0] == b[0] or a[0] in b or b[0] in a):
                        parent[find(y)] = find(x)
    groups: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for n, (form, srcs) in enumerate(runs):
        if cores[n]:
            groups[find(n)][form] = srcs
    out = []
    for forms in groups.values():
        if len(forms) >= 2:
            name = max(forms, key=lambda f: (len(set().union(*forms.values())), len(f)))
            out.append((" ".join(core(name)), forms))
    return out
