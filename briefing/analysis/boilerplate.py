"""Page furniture that is not reporting: newsletter pitches, AI disclaimers, related-topic lists,
FAQ prompts, separators, counters and shouting labels.

It is recognised by its features (a call to action or address to the reader, a question, a run of
items between bare separator lines, a short line without a sentence), never by its exact wording,
so that it drops out of claims, summary and timeline on sites nobody has seen.
"""

from __future__ import annotations

import re
from functools import cache

from briefing import lexicon
from briefing.model import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_CLAUSE_SPLIT = re.compile(r"[\u2014\u2013|\u00b7:]|\s-\s|(?<=[.!])\s")
_COUNTER = re.compile(r"\(\d+\)\s*$|^\W*\d+\w*\s+\w+\W*$")
_MIN_LIST_ITEMS = 3


@cache
def _data() -> dict:
    data = dict(lexicon.load("boilerplate"))
    for key in ("call_to_action", "reader_words", "page_words"):
        data[key] = frozenset(data[key])
    data["page_deixis"] = tuple(data["page_deixis"])
    return data


def is_separator(line: str) -> bool:
    """A line of only dashes, bullets or rules: it separates items of a list."""
    chars = _data()["separator_chars"]
    line = line.strip()
    return bool(line) and line[0] in chars and all(c in chars or c.isspace() for c in line)


_LOW_WORD = re.compile(r"[a-z][a-z'\u2019]*")


@cache
def _cues() -> frozenset[str]:
    data = _data()
    return data["call_to_action"] | data["reader_words"] | data["page_words"]


@cache
def _addressing() -> frozenset[str]:
    data = _data()
    return data["reader_words"] | data["page_words"]


def is_promotional(line: str) -> bool:
    """A call to action or address to the reader, or a line about the page's own machinery."""
    data = _data()
    low_words = _LOW_WORD.findall(line.lower())
    if _cues().isdisjoint(low_words) or (len(low_words) > 14 and _addressing().isdisjoint(low_words)):
        # most lines hold no cue word, and a long line is promotional only if it addresses the
        # reader or names the page: a set test decides
        return line.lstrip().lower().startswith(data["page_deixis"])
    found = _WORD.findall(line)
    if not found:
        return False
    if line.strip().lower().startswith(data["page_deixis"]):
        return True
    if "\u0130" in line or "\u212a" in line:  # the two characters whose lower case is an ASCII letter
        words = {w.lower().replace("\u2019", "'") for w in found}
    else:  # otherwise the words of the lower-cased line are the lower-cased words
        words = set(_WORD.findall(line.lower().replace("\u2019", "'")))
    reader = not data["reader_words"].isdisjoint(words)
    page = not data["page_words"].isdisjoint(words)
    short = len(found) <= 14
    if not (reader or page or short):
        return False
    if short and reader and page:
        return True
    # an imperative opens a clause: at the line's start, or after a dash or bar
    cta = data["call_to_action"]
    for clause in _CLAUSE_SPLIT.split(line):
        first = _WORD.search(clause)
        if first and first.group().lower() in cta and clause.strip()[:1].isalpha():
            return True
    return False


def is_shouting(line: str) -> bool:
    """A short all-capitals line ("BREAKING", "ADVERTISEMENT"), a label rather than a sentence."""
    return line.isupper() and len(line.split()) <= 6 and sum(c.isalpha() for c in line) >= 3


def is_counter(line: str) -> bool:
    """A label with a count: "Articles (6)", "2d3 articles"."""
    most = _data()["max_short_words"]
    return len(line.split(None, most)) <= most and bool(_COUNTER.search(line.strip().lstrip("-*\u2022 ")))


_RECENT: dict[str, frozenset[int]] = {}  # the last few articles' answers (several steps ask)


def paragraphs(article: Article) -> frozenset[int]:
    """Indices of the article's paragraphs that are furniture, not reporting."""
    got = _RECENT.get(article.text)
    if got is None:
        got = frozenset(_paragraphs(article))
        if len(_RECENT) >= 4:
            _RECENT.pop(next(iter(_RECENT)))
        _RECENT[article.text] = got
    return got


def _paragraphs(article: Article) -> set[int]:
    text = article.text
    paras = article.paragraphs
    lines = [text[p.start : p.end] for p in paras]
    out: set[int] = set()
    seps = []
    known = _LINES.get
    for i, line in enumerate(lines):
        got = known(line)
        if got is None:
            got = _line_kind(line)
            if len(_LINES) >= _MAX_LINES:
                _LINES.clear()
            _LINES[line] = got
        if got:
            out.add(i)
            if got == _SEPARATOR:
                seps.append(i)
    out.update(_item_runs(paras, lines, seps))
    return out


_FURNITURE, _SEPARATOR = 1, 2
_MAX_LINES = 100_000
_LINES: dict[str, int] = {}  # paragraph text -> `_line_kind`: wire copy repeats paragraphs


def _line_kind(line: str) -> int:
    """What a paragraph is by its own text: a separator, other furniture, or 0 (reporting, or
    furniture only by its place among separators: see `_item_runs`)."""
    if is_separator(line):
        return _SEPARATOR
    bare = line.strip().lstrip("-*\u2022 ").strip()
    if bare.endswith("?") and len(bare) < 200:
        return _FURNITURE  # a question as a paragraph: an FAQ or "go deeper" prompt
    return _FURNITURE if is_promotional(bare) or is_shouting(bare) or is_counter(bare) else 0


def _item_runs(paras, lines: list[str], seps: list[int]) -> set[int]:
    """Items between bare separator lines, where there are enough of them to be a list of links.

    A run of items ends at a heading that is itself followed by a separator (the label of the
    next list); a run with at least three items is dropped with the label that introduces it.
    """
    out: set[int] = set()
    if len(seps) < _MIN_LIST_ITEMS:
        return out
    sep_set = set(seps)
    runs: list[list[int]] = []
    current: list[int] = []
    for s in seps:
        if current:
            between = range(current[-1] + 1, s)
            if any(paras[i].heading and i + 1 == s for i in between):
                runs.append(current)
                current = []
        current.append(s)
    if current:
        runs.append(current)
    for run in runs:
        if len(run) < _MIN_LIST_ITEMS:
            continue
        last = run[-1] + 1
        while last < len(lines) and last not in sep_set and not (paras[last].heading and last + 1 in sep_set):
            last += 1
        out.update(range(run[0], last))
        label = run[0] - 1
        if label >= 0 and paras[label].heading:
            out.add(label)
    return out
