"""The country stance table: which countries and blocs the story names, and where each stands.

Per article (`extract`): every mention (gazetteer), the acts each sentence ascribes to them
(stance), and the events of the title and lead (for the central question). Across sources
(`combine`): the central question and its subject, then one row per country and bloc with its
stance overall and per source, its actions and the sentences that say so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from operator import attrgetter

from briefing import lexicon
from briefing.analysis import gazetteer, stance
from briefing.analysis.stance import Act
from briefing.model import Analysis, Article, BlocRow, CountryRow, Evidence

# When stances tie, the stronger statement wins: an act of opposition says more than a visit.
_STRENGTH = {"opposed": 5, "critical": 4, "supportive": 3, "engaged": 2, "neutral": 1}
_LEAD_SENTENCES = 3
_MAX_ACTIONS = 8
_MAX_EVIDENCE = 8


@dataclass(slots=True)
class MentionFact:
    code: str  # ISO alpha-2, or a bloc's name
    kind: str  # name | government | capital | demonym | bloc
    start: int
    end: int
    sentence_start: int
    sentence_end: int


@dataclass(slots=True)
class ArticleCountries:
    article_id: str
    mentions: list[MentionFact] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    # events of the title and lead: (cue id, question noun, object phrase, weight)
    lead_events: list[tuple[str, str, str, float]] = field(default_factory=list)


def extract(article: Article) -> ArticleCountries:
    """Mentions and acts sentence by sentence (acts never cross a sentence), plus title and lead
    events; plain values only, so the result can be cached and made in another process.
    Lines that repeat (wire copy) come from a memo kept by their text (see `_lines`)."""
    out = ArticleCountries(article.id)
    _lines(article, out)
    _lead_events(article, out)
    return out


def _extract_plain(article: Article) -> ArticleCountries:
    """`extract` over the whole text at once, line memo aside (what `extract` is tested against)."""
    out = ArticleCountries(article.id)
    found = gazetteer.find(article.text)
    _sentences(article.text, article.sentences, found, out)
    _lead_events(article, out)
    return out


def _sentences(text: str, sentences: list, found: list, out: ArticleCountries) -> None:
    """The mentions and acts of `sentences`, given the text's mentions `found` (in order)."""
    credits = _credit_lines()
    j = 0
    n = len(found)
    for s in sentences:
        if j >= n:
            break  # no mentions left: the remaining sentences hold no acts either
        if found[j].start >= s.end:
            continue
        inside = []
        while j < n and found[j].start < s.end:
            if found[j].start >= s.start:
                inside.append(found[j])
            j += 1
        if not inside or text.startswith(credits, s.start, s.end):
            continue  # "Reporting by ... in London"
        for m in inside:
            out.mentions.append(MentionFact(m.code, m.kind, m.start, m.end, s.start, s.end))
        out.acts.extend(stance.read(text, s.start, s.end, inside))


# Wire copy repeats whole paragraphs: the mentions and acts of a line's sentences depend only on
# the line's text and where its sentences fall, where the line's mentions depend on it alone (see
# `gazetteer.scan_line`). Such lines are kept by their text: (sentence spans, then per sentence
# its mentions and acts, all relative to the line's start).
_LINE_MAX = 50_000
_LINES: dict[str, tuple] = {}


def _lines(article: Article, out: ArticleCountries) -> None:
    text = article.text
    g = gazetteer.gazetteer()
    sents = article.sentences
    ns = len(sents)
    # first the lines, their mentions where not kept, and which lines cannot be read on their own
    # (start, end, text, mentions, whether they may be out of order) or, kept: (..., None, kept)
    lines: list[tuple[int, int, str, list | None, object]] = []
    starts: list[int] = []
    dirty: set[int] = set()
    unsafe: list[list] = []  # the mentions of each line that is not safe: they may start before it
    a = 0
    for line in text.split("\n"):
        b = a + len(line)
        if line:
            kept = _LINES.get(line)
            if kept is not None:
                lines.append((a, b, line, None, kept))
            else:
                here, moved, safe = gazetteer.scan_line(g, text, a, b, line)
                if not safe:
                    dirty.add(len(lines))
                    unsafe.append(here)
                lines.append((a, b, line, here, moved))  # (moved: whether they may be out of order)
            starts.append(a)
        a = b + 1
    for here in unsafe:
        for m in here:
            dirty.add(bisect_right(starts, m.start) - 1)
    lower = gazetteer.lower_mentions(g, text)
    for m in lower:
        dirty.update(range(bisect_right(starts, m.start) - 1, bisect_right(starts, m.end)))
    k = 0
    for index, (a, b, line, here, moved_or_kept) in enumerate(lines):
        k0 = k
        while k < ns and sents[k].start < b:
            k += 1
        if k == k0:
            continue
        mine = sents[k0:k]
        if mine[-1].end > b or mine[0].start < a:
            _sentences(text, mine, gazetteer.find_lines(text), out)  # a sentence across lines
            continue
        if index in dirty:
            # what `gazetteer.find` gives on this line: its own mentions, those of later lines
            # that reach back, then blocs in lower case, in order of start
            if here is None:
                here, _moved, _safe = gazetteer.scan_line(g, text, a, b, line)
            found = [m for m in here if a <= m.start < b]
            for other in unsafe:
                if other is not here:
                    found.extend([m for m in other if a <= m.start < b])
            found.extend([m for m in lower if a <= m.start < b])
            found.sort(key=_START)
            _sentences(text, mine, found, out)
            continue
        spans = tuple([(s.start - a, s.end - a) for s in mine])
        kept = moved_or_kept if here is None else None
        if kept is None or kept[0] != spans:
            moved = moved_or_kept if here is not None else False
            if here is None:
                here, moved, _safe = gazetteer.scan_line(g, text, a, b, line)
            if moved:
                here.sort(key=_START)
            part = ArticleCountries(out.article_id)
            _sentences(text, mine, here, part)
            out.mentions.extend(part.mentions)
            out.acts.extend(part.acts)
            if len(_LINES) >= _LINE_MAX:
                for key in list(islice(_LINES, len(_LINES) // 2)):
                    del _LINES[key]
            _LINES[line] = (
                spans,
                tuple([(f.code, f.kind, f.start - a, f.end - a, f.sentence_start - a, f.sentence_end - a) for f in part.mentions]),
                tuple([(c.code, c.role, c.cue, c.stance, c.weight, c.action, c.cameo, c.question, c.negated,
                        c.start - a, c.end - a, c.targets, c.about) for c in part.acts]),
            )
            continue
        _spans, facts, acts = kept
        for code, kind, s, e, ss, se in facts:
            out.mentions.append(MentionFact(code, kind, a + s, a + e, a + ss, a + se))
        for c, r, cue, st, w, ac, cam, q, neg, s, e, tg, ab in acts:
            out.acts.append(Act(c, r, cue, st, w, ac, cam, q, neg, a + s, a + e, tg, ab))


_START = attrgetter("start")


def _lead_events(article: Article, out: ArticleCountries) -> None:
    text = article.text
    lead = 0
    for index, s in enumerate(article.sentences):
        heading = article.paragraphs[s.paragraph].heading if s.paragraph < len(article.paragraphs) else False
        if index == 0 and (heading or text[s.start : s.end] == article.title):
            weight = 3.0
        elif heading:
            continue
        else:
            lead += 1
            if lead > _LEAD_SENTENCES:
                break
            weight = 2.0
        for cue_id, noun, phrase in stance.events(text, s.start, s.end):
            out.lead_events.append((cue_id, noun, phrase, weight))


@cache
def _credit_lines() -> tuple[str, ...]:
    return tuple(lexicon.load("country_aliases")["credit_lines"])


# ---------------------------------------------------------------------------------------------
# Across sources


def _is_country(code: str) -> bool:
    """ISO alpha-2 codes; blocs go by their names ("G7", "NATO")."""
    return len(code) == 2 and code.isalpha() and code.isupper()


def _question(facts: list[ArticleCountries]) -> tuple[str | None, str | None]:
    """(question noun, the question) from the events the titles and leads name most."""
    weight: Counter[str] = Counter()
    phrases: dict[str, Counter[str]] = defaultdict(Counter)
    spelled: dict[str, str] = {}
    for f in facts:
        seen = set()
        for _cue, noun, phrase, w in f.lead_events:
            weight[noun] += w if noun not in seen else w / 2
            seen.add(noun)
            if phrase:
                key = phrase.lower()
                phrases[noun][key] += w
                spelled.setdefault(key, phrase)
    if not weight:
        # titles and leads name no event: the event the whole story names most
        for f in facts:
            for a in f.acts:
                if a.role == "agent" and not a.negated:
                    weight[a.question] += 1
    if not weight:
        return None, None
    told: Counter[str] = Counter(a.question for f in facts for a in f.acts)  # ties: what the bodies tell most
    noun = max(weight, key=lambda k: (weight[k], told[k], k))
    if phrases[noun]:
        key = max(phrases[noun], key=lambda k: (phrases[noun][k], -len(k)))
        if key.startswith("between "):
            return noun, f"{noun} {spelled[key]}"
        return noun, f"{noun} {_prepositions().get(noun, 'of')} {spelled[key]}"
    return noun, noun


@cache
def _prepositions() -> dict[str, str]:
    """Question noun -> the preposition that joins its object ("sanctions on", "election in"),
    where the cue lexicon names one."""
    L = stance.lex()
    out: dict[str, str] = {}
    for c in L.cues.values():
        if c.question == "{object}":
            for w in c.object_any:
                named = L.nouns.get(w)
                out.setdefault(named.question if named else w, c.question_prep)
        elif c.question_prep != "of":
            out.setdefault(c.question, c.question_prep)
    return out


def _subject(facts: list[ArticleCountries], noun: str | None) -> list[str]:
    """The countries the central event is done to (or, for a ceasefire or war, its parties)."""
    two_sided = any(c.symmetric and c.question == noun for c in stance.lex().cues.values())
    score: Counter[str] = Counter()
    for f in facts:
        for a in f.acts:
            if a.question != noun or not _is_country(a.code):
                continue
            if a.role == "patient" or (two_sided and not a.negated):
                score[a.code] += 1
    if score:
        top = max(score.values())
        return [c for c, n in score.most_common() if n >= max(1, top / 2)]
    if two_sided:
        # a trade war with no country on either end of a sentence: its two most named countries
        named: Counter[str] = Counter(m.code for f in facts for m in f.mentions if _is_country(m.code))
        top2 = named.most_common(2)
        return [c for c, n in top2 if n >= top2[0][1] / 2]
    # no event with a country on its receiving end: the country the titles and leads name most
    lead: Counter[str] = Counter()
    for f in facts:
        for m in f.mentions:
            if _is_country(m.code):
                lead[m.code] += 1
    return [lead.most_common(1)[0][0]] if lead else []


def _central_agents(facts: list[ArticleCountries], noun: str | None, subject: set[str]) -> dict[str, str]:
    """The countries doing the central event (code -> their stance in it): "Russia recognized",
    "X invaded". Acts aimed at them are read through them (see `_toward_subject`)."""
    count: Counter[str] = Counter()
    acts: dict[str, list[Act]] = defaultdict(list)
    for f in facts:
        for a in f.acts:
            if a.role == "agent" and a.question == noun and not a.negated and a.code not in subject:
                count[a.code] += 1
                acts[a.code].append(a)
    if not count:
        return {}
    top = max(count.values())
    return {c: _stance_of(acts[c]) for c, n in count.items() if n >= max(2, top / 2)}


_FLIP = {"opposed": "supportive", "critical": "supportive", "supportive": "opposed"}


def _HEAVIEST(a: Act) -> float:
    return -a.weight
_HOSTILE = ("opposed", "critical")


def _toward_subject(a: Act, subject: set[str], central: dict[str, str], noun: str | None) -> Act:
    """Stances are toward the subject. Where the central event is hostile (an invasion), an act
    against its doer or against the event itself sides with the subject: sanctions on the invader,
    condemning the invasion are support; backing it is opposition. Where the central event is
    support (a recognition), acts keep their sign: criticising the recognition is critical."""
    if a.role != "agent" or a.stance not in _FLIP or set(a.targets) & subject:
        return a
    hostile_event = any(s in _HOSTILE for s in central.values())
    aimed = any(central.get(c) in _HOSTILE for c in a.targets) or (hostile_event and a.about == noun)
    if not aimed:
        return a
    return Act(a.code, a.role, a.cue, _FLIP[a.stance], a.weight, a.action, a.cameo, a.question,
               a.negated, a.start, a.end, a.targets, a.about)


def _stance_of(acts: list[Act]) -> str:
    if not acts:
        return "neutral"
    total: dict[str, float] = {}  # a plain dict: Counter's constructor costs more than the sums
    for a in acts:
        if a.role == "agent" and a.weight > 0:
            total[a.stance] = total.get(a.stance, 0) + a.weight
    if not total:
        return "neutral"
    return max(total, key=lambda s: (total[s], _STRENGTH.get(s, 0)))


def _actions(acts: list[Act], stance_: str) -> tuple[list[str], list[str]]:
    """One line per kind of act (its most frequent wording): first those that make the row's
    stance, the weightiest first."""
    by_cue: dict[tuple[str, bool], list[Act]] = defaultdict(list)
    for a in acts:
        if a.role == "agent":
            by_cue[(a.cue, a.negated)].append(a)

    def rank(key: tuple[str, bool]) -> tuple:
        group = by_cue[key]
        return (group[0].stance != stance_, -sum(a.weight for a in group), -len(group), key)

    actions, cameo = [], []
    for key in sorted(by_cue, key=rank)[:_MAX_ACTIONS]:
        wording: Counter[str] = Counter(a.action.lower() for a in by_cue[key])
        spelled = {a.action.lower(): a.action for a in by_cue[key]}
        best = max(
            wording, key=lambda w: (len(w.split()) > 1, "\u2026" not in w, wording[w], len(w.split()) <= 5, len(w.split()), w)
        )
        actions.append(spelled[best])
        cameo.append(by_cue[key][0].cameo)
    # "sanctions" says nothing that "imposed sanctions" does not
    keep = [
        i
        for i, a in enumerate(actions)
        if not any(j != i and cameo[j] == cameo[i] and a.lower() in b.lower().split() for j, b in enumerate(actions))
    ]
    return [actions[i] for i in keep], [cameo[i] for i in keep]


def _evidence(texts: dict[str, str], spans: list[tuple[str, int, int]]) -> list[Evidence]:
    """The sentences behind a row, once each, in the order given (weightiest acts first)."""
    out: list[Evidence] = []
    seen = set()
    for source, start, end in spans:
        if (source, start) in seen:
            continue
        seen.add((source, start))
        text = texts[source][start:end]
        out.append(Evidence(source, start, end, text))
        if len(out) >= _MAX_EVIDENCE:
            break
    return out


def combine(analysis: Analysis, facts: list[ArticleCountries]) -> None:
    """Fill analysis.countries, blocs, subject and question."""
    noun, question = _question(facts)
    analysis.subject = _subject(facts, noun)
    cues = stance.lex().cues
    symmetric = any(c.symmetric and c.question == noun for c in cues.values())
    if noun and question == noun and len(analysis.subject) >= 2 and symmetric:
        names = [gazetteer.name_of(c) for c in analysis.subject[:2]]
        question = f"{noun} between {names[0]} and {names[1]}"  # a ceasefire, a war, talks
    elif noun and question == noun and analysis.subject and noun in _prepositions():
        names = " and ".join(gazetteer.name_of(c) for c in analysis.subject[:2])
        question = f"{noun} {_prepositions()[noun]} {names}"  # "tariffs on China", "election in Kenya"
    analysis.question = question
    subject = set(analysis.subject)
    central = _central_agents(facts, noun, subject)

    mentions: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    sources: dict[str, dict[str, None]] = defaultdict(dict)  # code -> source ids, in order
    mention_spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    acts: dict[str, dict[str, list[Act]]] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        aid = f.article_id
        for m in f.mentions:
            code = m.code
            mentions[code] += 1
            kinds[code] = "bloc" if m.kind == "bloc" else "country"
            sources[code][aid] = None
            spans = mention_spans[code]
            if len(spans) < 3:  # only the first three are ever shown
                spans.append((aid, m.sentence_start, m.sentence_end))
        for a in f.acts:
            acts[a.code][aid].append(_toward_subject(a, subject, central, noun))

    texts = {a.id: a.text for a in analysis.story.articles}
    countries: list[CountryRow] = []
    blocs: list[BlocRow] = []
    for code in mentions:
        by_source_acts = acts.get(code, {})
        everything = [a for src in sources[code] for a in by_source_acts.get(src, [])]
        if code in subject:
            overall = "subject"
            by_source = {src: "subject" for src in sources[code]}
        else:
            overall = _stance_of(everything)
            by_source = {src: _stance_of(by_source_acts.get(src, [])) for src in sources[code]}
        actions, cameo = _actions(everything, overall)
        role = "patient" if code in subject else "agent"
        agent_spans = [
            (src, a.start, a.end)
            for src in sources[code]
            if src in by_source_acts
            for a in sorted(by_source_acts[src], key=_HEAVIEST)
            if a.role == role and (role == "agent" or a.question == noun)
        ]
        evidence = _evidence(texts, agent_spans or mention_spans[code][:3])
        if kinds[code] == "bloc":
            blocs.append(BlocRow(code, overall, actions, mentions[code], list(sources[code]), evidence, by_source, cameo))
        else:
            row = CountryRow(
                gazetteer.name_of(code), code, overall, actions, mentions[code], list(sources[code]), evidence, by_source, cameo
            )
            countries.append(row)
    countries.sort(key=lambda r: (r.stance != "subject", -r.mentions, r.name))
    blocs.sort(key=lambda r: (-r.mentions, r.name))
    analysis.countries = countries
    analysis.blocs = blocs
