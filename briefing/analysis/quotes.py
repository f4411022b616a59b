"""Direct quotations and who said them: the entry point of the quotes concern.

Per article (`extract`): find the spans inside quotation marks (here), attribute each from the
words around it (`attribution`: after, before, in the middle, on the line before, after a
heading's colon, "according to", "quoted as saying"), and resolve pronoun and role speakers
("he added", "the ministry said") to the article's people (`article_people`, built on `names`).
Scare quotes and labels are dropped. Across sources (`combine`): one speaker per person or body
(`speakers`), named people who are not quoted, and one statement's renderings (`variants`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from briefing import lexicon
from briefing.analysis import names
from briefing.analysis.article_people import ArticlePeople, Entity
from briefing.analysis.attribution import REACH, Cue, cue_after, cue_after_loose, cue_before, is_label, is_partial
from briefing.model import Analysis, Article

__all__ = ["ArticleQuotes", "Entity", "FoundQuote", "combine", "extract", "find_spans"]

_OPEN_D = "\u201c\u201e\u00ab"
_CLOSE_D = "\u201d\u00bb"
_DOUBLE = re.compile(r"[\u201c\u201d\u201e\u00ab\u00bb\"]")
# the mark first, then the look-behind, so that the engine can skip ahead to marks
_SINGLE_OPEN = re.compile(r"['\u2018](?<![\w\u2019']['\u2018])(?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"['\u2019](?<=[^\s'\u2018]['\u2019])(?![\w])")
_TRAILING = " \t\n,"
_HEADING_COLON = re.compile(r"\s*[:\u2014\u2013\-|]\s*")  # "'Quote': who said it"
_CLOSER = re.compile(r"[\u201d\"]")
_OPENER = re.compile(r"[\u201c\u201e]")
_MAX_SINGLE = 400  # single quotation marks never pair further apart than this

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
    description_heads: list[str] = field(default_factory=list)  # "the ministry said": its head words


@dataclass(slots=True)
class ArticleQuotes:
    article_id: str
    quotes: list[FoundQuote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Finding the spans inside quotation marks


@dataclass(slots=True)
class _Span:
    open: int  # index of the opening mark
    close: int  # index of the closing mark, or -1 if the paragraph ends first
    para: int
    single: bool = False
    continues: bool = False  # continues a quotation left open at the previous paragraph's end


_CLOSES = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", '"': '"'}


def _double_spans(text: str, start: int, end: int, para: int) -> list[_Span]:
    """Top-level double-quote spans; a quotation inside a quotation (a different mark, as
    "\u00ab... \u201c...\u201d ...\u00bb" or "\u201e...\u201c") is part of the outer one."""
    out: list[_Span] = []
    stack: list[tuple[int, str]] = []  # (index, opening mark); the first is the top-level one
    for m in _DOUBLE.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if stack:
            # a closing mark pops to the innermost opener it closes ("\u201c" closes "\u201e")
            k = len(stack) - 1
            while k >= 0 and ch not in _CLOSES[stack[k][1]]:
                k -= 1
            if ch == '"' and k >= 0 and k < len(stack) - 1:
                k = -1  # a straight mark inside an inner curly quotation opens, not closes
            if ch == '"' and k >= 0 and k == len(stack) - 1 and len(stack) > 1:
                nxt = text[i + 1] if i + 1 < end else " "
                if not nxt.isspace() and text[i - 1 : i].isspace():
                    k = -1  # '... "inner "nested" ...': opening, by what is around it
            if k >= 0:
                del stack[k + 1 :]
                o, _ = stack.pop()
                if not stack:
                    out.append(_Span(o, i, para))
                continue
            if ch in _CLOSE_D:
                continue  # a stray closing mark
            if len(stack) == 1 and ch == stack[0][1] and ch != '"':
                stack = [(i, ch)]  # a second opener of the same kind: the first was never closed
                continue
            if ch == '"' and (i + 1 >= end or text[i + 1].isspace()):
                continue
            stack.append((i, ch))
            continue
        if ch in _OPEN_D or (ch == '"' and i + 1 < end and not text[i + 1].isspace()):
            stack.append((i, ch))
    if stack:
        out.append(_Span(stack[0][0], -1, para))
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
            # 'He said "no" twice,': double quotes wholly inside single ones are a quotation
            # within a quotation (the British way), dropped from `taken` by the caller
            n = j
            while n < len(inside) and inside[n][0] < c:
                n += 1
            if taken[n - 1].close < 0 or inside[n - 1][1] >= c or not _single_outer(text, o, c):
                continue
            for t in taken[j:n]:
                t.para = -1
        out.append(_Span(o, c, para, single=True))
        after = c + 1
    return out


def _single_outer(text: str, o: int, c: int) -> bool:
    """Single marks that open a quotation in their own right: at a sentence's or clause's start or
    after a speech colon, and closed before a comma or full stop ('...,' she said)."""
    before = text[o - 1 : o]
    after = text[c - 1 : c] + text[c + 1 : c + 2]
    return (not before or before in " \n:(\u2014") and bool(set(after) & set(",.!?\u2026"))


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
        doubles = [d for d in doubles if d.para >= 0]
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
# Per article


def extract(article: Article) -> ArticleQuotes:
    """Every quotation of one article with its speaker (an index into the article's people).

    Unattributed quotations inherit from the one before them in the same paragraph, or from the
    one that ended the paragraph before when theirs is only a quotation (the news convention for a
    statement that runs on); short spans nobody is found saying are labels and are dropped.
    """
    text = article.text
    paras = article.paragraphs
    spans = find_spans(article)
    inners = [_inner(text, s, paras[s.para].end) for s in spans]
    quoted = sorted((s.open, (s.close if s.close >= 0 else paras[s.para].end) + 1) for s in spans)
    people = ArticlePeople(article, quoted)
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
        cue = _find_cue(article, span, lo, hi)
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
        if cue is None and not inherited and sent_open is not None and sent_open.start == span.open:
            cue = _cue_sentence_before(article, span)
            if cue is not None:
                speaker = people.speaker(cue)
                unresolved = people.unresolved if speaker is None else None
        words = len(text[s:e].split())
        label = is_label(text, span.open, close, para.start, para.end)
        keep = not label and (cue is not None or inherited or (words >= 5 and not _title_case(text[s:e])))
        if cue is not None and cue.naming and speaker is None and words < 3 and not inherited:
            keep = False  # "critics called it a "paper peace"": a label nobody is named saying
        prev_kept = prev is not None and prev[2]
        prev = (span, speaker, keep)
        if not keep:
            continue
        if speaker is not None:
            people.entities[speaker].quoted = True
        partial = is_partial(text, s, e, span.open, lo) if not span.continues else False
        cue_text = text[cue.start : cue.end] if cue is not None else None
        found = FoundQuote(s, e, partial, speaker, cue_text)
        if unresolved is not None and unresolved.kind == "organization":
            heads = names.words().org_heads
            found.description = unresolved.form
            found.description_heads = sorted({w for w in names.fold(unresolved.form).split() if w in heads})
            found.description_country = unresolved.qualifier
        elif unresolved is not None and unresolved.role_words:
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


def _find_cue(article: Article, span: _Span, lo: int, hi: int) -> Cue | None:
    """The attribution of one quotation: each pattern in turn, the most common first."""
    text = article.text
    para = article.paragraphs[span.para]
    close = span.close if span.close >= 0 else para.end
    cue = cue_after(text, close + 1, hi) if span.close >= 0 else None  # '"...," X said'
    if cue is None:
        cue = cue_before(text, lo, span.open)  # 'X said: "...', 'calling it a "...'
    if cue is None and span.close >= 0:
        # a headline's "..., minister says" at the end of the sentence
        comma = text.rfind(",", close + 1, hi)
        if comma >= 0:
            tail = cue_after_loose(text, comma + 1, hi)
            if tail is not None and not text[tail.end : hi].strip(" .\n"):
                cue = tail
    at_para_start = span.open - para.start < 8 and not text[para.start : span.open].strip()
    if cue is None and at_para_start and span.para > 0:
        # the line before ends with "X stated:"
        before = article.paragraphs[span.para - 1]
        if text[before.start : before.end].rstrip().endswith(":"):
            last = article.sentence_at(before.end - 1)
            cue = cue_before(text, last.start if last else before.start, before.end)
    if cue is None:
        # "Minister: 'We will rebuild'": a short name or role, a colon, the quotation
        head = text[para.start : span.open].rstrip() if span.open - para.start < 120 else ""
        if head.endswith(":") and 0 < len(head.split()) <= 6:
            toks, _ = names.phrase_before(text, para.start, para.start + len(head) - 1)
            if toks and toks[0].start == para.start + (len(head) - len(head.lstrip())):
                cue = Cue(toks, None, toks[0].start, toks[-1].end)
    if cue is None and para.heading and span.close >= 0:
        # a heading "'Brave decision...': Afghanistan's foreign minister"
        m = _HEADING_COLON.match(text, close + 1, para.end)
        if m:
            toks = names.phrase_after(text, m.end(), para.end)
            if toks:
                cue = Cue(toks, None, m.end(), toks[-1].end)
    return cue


def _cue_sentence_before(article: Article, span: _Span) -> Cue | None:
    """'Kovac said the bridge would reopen. "We owe it to the city."': the sentence before, in the
    same paragraph, says who is speaking."""
    text = article.text
    para = article.paragraphs[span.para]
    p = span.open - 1
    while p > para.start and text[p].isspace():
        p -= 1
    before = article.sentence_at(p) if p > para.start else None
    if before is None or before.paragraph != span.para:
        return None
    cue = cue_before(text, max(before.start, before.end - REACH), before.end)
    return cue if cue is not None and not cue.naming else None


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
