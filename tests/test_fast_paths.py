"""The fast paths of the quotes and dates passes give what the plain definitions give.

Each shortcut (a token cache, a pre-test before a costly pattern, one scan where there were two)
is checked here against the straightforward computation it replaces, on text shaped to reach
its edge cases.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefing.analysis import article_people, boilerplate, dates, names
from briefing.model import Article, Paragraph

# --------------------------------------------------------------------------------------------
# names.tokens


def _plain_tokens(text: str, start: int, end: int) -> list[names.Tok]:
    """Tokens as defined: a match object per token, a final full stop split off unless an abbreviation."""
    out = []
    abbrev = names.words().abbreviations
    for m in names._TOKEN.finditer(text, start, end):
        s, e, t = m.start(), m.end(), m.group()
        if len(t) > 1 and t.endswith("."):
            core = t[:-1].lower()
            if not (core in abbrev or len(core) == 1 or "." in core):
                out += [names.tok(t[:-1], s, e - 1), names.tok(".", e - 1, e)]
                continue
        out.append(names.tok(t, s, e))
    return out


TEXTS = [
    "Dr. Lena Brook said on Monday. The U.S. envoy, Mr. Ivan Petrenko, left.",
    "  \u201cWe won\u2019t,\u201d said Anna Berg\u2019s aide \u2014 twice...  ",
    "St. Louis e.g. Jan. 5 No. 10 Downing Street; end.",
    "the workers' union (TUC) - 12.5% of 1,000 \u00c9milie O\u2019Neill-Smith.\n\nNew line.",
    "a.b.c. x. Y. ... . .. word.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_match_the_plain_definition_on_every_window(text):
    for start in range(0, len(text), 3):
        for end in (start, start + 1, start + 7, len(text) - 1, len(text)):
            if start <= end <= len(text):
                assert names.tokens(text, start, end) == _plain_tokens(text, start, end)


def test_tokens_are_the_named_tuple_with_its_forms():
    t = names.tokens("Chile\u2019s envoy.", 0, 14)
    assert [x.text for x in t] == ["Chile\u2019s", "envoy", "."]
    assert type(t[0]) is names.Tok
    assert (t[0].low, t[0].bare, t[0].cap, t[0].word) == ("chile's", "chile", True, True)
    assert (t[2].start, t[2].end, t[2].word) == (13, 14, False)


# --------------------------------------------------------------------------------------------
# names.role_may_follow: a pre-test that never hides a role


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg, a former diplomat, said",
        "Anna Berg is the trade minister of Chile",
        "Anna Berg  was\na senior adviser",
        "Anna Berg has been the ambassador",
        "Anna Berg said the minister",
        "Anna Berg; the minister",
        "Anna Berg serves as the chief economist",
    ],
)
def test_role_may_follow_is_true_wherever_role_after_finds_a_role(text):
    pos = len("Anna Berg")
    if names.role_after(text, pos, len(text)) is not None:
        assert names.role_may_follow(text, pos)
    if not names.role_may_follow(text, pos):
        assert names.role_after(text, pos, len(text)) is None


def test_role_after_still_reads_appositive_and_copula():
    assert names.role_after("Anna Berg, a former diplomat, said", 9, 34) == "former diplomat"
    assert names.role_after("Anna Berg is the trade minister.", 9, 31) == "trade minister"
    assert names.role_after("Anna Berg said the minister.", 9, 28) is None


# --------------------------------------------------------------------------------------------
# article_people._country_bodies: from the head words, the same spans as the whole-text pattern


@pytest.mark.parametrize(
    "text",
    [
        "China's commerce ministry said. The Chinese embassy in Oslo and Norway's fisheries ministry.",
        "x\nChina's ministry\nFoo Bar's big new trade ministry office",
        "A b c d e ministry. Ab cd ef gh ministry. Ann's a b c ministry ministry",
        "the French embassy, the EU Commission and Kenya\u2019s health ministry",
        "ministry at the start; Embassy; Chile ministry",
    ],
)
def test_country_bodies_are_the_pattern_matches(text):
    want = [m.span() for m in article_people._country_body_pattern().finditer(text)]
    assert article_people._country_bodies(text) == want


def test_country_bodies_of_repeated_lines_come_from_the_memo_at_their_offsets():
    line = "Then Norway's fisheries ministry and the Chinese embassy spoke."
    text = f"{line}\n\nx {line}\n{line}"
    want = [m.span() for m in article_people._country_body_pattern().finditer(text)]
    article_people._BODIES_BY_LINE.clear()
    assert article_people._country_bodies(text) == want
    assert len(want) == 6 and article_people._BODIES_BY_LINE[line] == tuple(want[:2])
    assert article_people._country_bodies(text) == want


# --------------------------------------------------------------------------------------------
# dates: relative words, one scan for both resolutions


def _plain_relative(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for key in dates.lexicon.load("dates")["relative"]:
        for form in (key, key[0].upper() + key[1:]):
            for m in re.finditer(re.escape(form), text[start:end]):
                j = start + m.end()
                if j >= len(text) or not text[j].isalnum():
                    out.append((start + m.start(), j, form))
    return sorted(out)


@pytest.mark.parametrize(
    "text",
    [
        "Today, yesterday and Tomorrow; last year and Last month, next year's plan.",
        "todayesterday \u0130 today \u212a Yesterday9 tonight's this month",
        "No relative words at all here.",
    ],
)
def test_relative_dates_found_as_by_one_search_per_form(text):
    got = [(f.span()[0], f.span()[1], f.group("rel")) for f in dates._relative(text, 0, len(text))]
    assert got == _plain_relative(text, 0, len(text))
    got = [(f.span()[0], f.span()[1], f.group("rel")) for f in dates._relative(text, 5, len(text) - 3)]
    assert got == _plain_relative(text, 5, len(text) - 3)


def _article(text: str, published: str | None) -> Article:
    return Article("a", "a.txt", text, paragraphs=[Paragraph(0, len(text))], published=published)


def _two_pass(article: Article) -> list[dates.DateMention]:
    """The definition: dates without a reference, then again with it where some date needs it."""
    raw = dates.find(article.text)
    ref = dates.reference(article, raw)
    if ref is not None and any(m.kind not in ("absolute", "year") for m in raw):
        raw = dates.find(article.text, ref=ref)
    return raw


@pytest.mark.parametrize("published", [None, "2024-03-01", "2023-03-01", "2020-02-29", "not a date"])
@pytest.mark.parametrize(
    "text",
    [
        "KABUL, July 4, 2025\nOn Thursday the talks ended; last year they began in May.",
        "On 29 February the board met; since March 2020 it has voted yesterday.",
        "Only 2019 and 2021-05-06 are given here.",
        "Feb 29, Jan 31 and next Friday.",
    ],
)
def test_in_article_resolves_once_as_the_two_pass_definition(text, published):
    article = _article(text, published)
    dates._RECENT.clear()
    assert dates.in_article(article) == _two_pass(article)


def test_a_reference_changes_only_dates_that_need_it():
    text = "Signed on 29 February, ratified in 2021."
    without = dates.find(text)
    assert [m.kind for m in without] == ["partial", "year"]
    # the reference gives the day without a year its year; the year alone needs none
    with_ref = dates.find(text, ref=dt.date(2024, 3, 1))
    assert [m.value for m in with_ref] == ["2024-02-29", "2021"]


# --------------------------------------------------------------------------------------------
# boilerplate


def _plain_is_promotional(line: str) -> bool:
    data = boilerplate._data()
    low_words = boilerplate._LOW_WORD.findall(line.lower())
    cues = data["call_to_action"] | data["reader_words"] | data["page_words"]
    addressing = data["reader_words"] | data["page_words"]
    if cues.isdisjoint(low_words) or (len(low_words) > 14 and addressing.isdisjoint(low_words)):
        return line.lstrip().lower().startswith(data["page_deixis"])
    words = [w.lower().replace("\u2019", "'") for w in boilerplate._WORD.findall(line)]
    if not words:
        return False
    if line.strip().lower().startswith(data["page_deixis"]):
        return True
    reader = any(w in data["reader_words"] for w in words)
    page = any(w in data["page_words"] for w in words)
    short = len(words) <= 14
    cta = any(
        (cw := boilerplate._WORD.findall(c)) and cw[0].lower() in data["call_to_action"] and c.strip()[:1].isalpha()
        for c in boilerplate._CLAUSE_SPLIT.split(line)
    )
    return (cta and (reader or page or short)) or (short and reader and page)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our newsletter",
        "Read more: you\u2019re invited to our podcast",
        "The minister said our country would read the report and share it with us next week at length today",
        "Here are the AI tools you need",
        "\u0130ou SIGN up | \u212aick our app",
        "Subscribe \u2014 click here",
        "Officials will follow the plan, he said.",
        "",
        "---",
    ],
)
def test_is_promotional_as_defined(line):
    assert boilerplate.is_promotional(line) == _plain_is_promotional(line)


@pytest.mark.parametrize("line", ["---", " \u2022 \u2022 ", "- a", "a -", "", "   ", "|=|"])
def test_is_separator_as_defined(line):
    chars = boilerplate._data()["separator_chars"]
    bare = line.strip()
    assert boilerplate.is_separator(line) == (bool(bare) and all(c in chars or c.isspace() for c in bare))


@pytest.mark.parametrize("line", ["Articles (6)", "2d3 articles", "one two three four (5)", "one two three four five (5)"])
def test_is_counter_counts_words_as_split_does(line):
    short = len(line.split()) <= boilerplate._data()["max_short_words"]
    assert boilerplate.is_counter(line) == (short and bool(boilerplate._COUNTER.search(line.strip())))


# dates._scan: ISO dates tried only where a year starts, the same as the pattern over the text
@pytest.mark.parametrize(
    "text",
    [
        "On 2025-07-04 and 2025-07-04x, 12025-01-01, 2024-13-45 and 1999-12-31.",
        "2020-01-012020-02-02 1900-01-01 2021-05-06-07 20210-05-06",
        "x2021-05-06 (2019-02-03) 1599-01-01 1600-01-01%",
        "Published 2024-03-01\n2024-03-02\n\n2024-03",
    ],
)
def test_iso_dates_are_the_pattern_matches(text):
    iso = dates._patterns()[0]
    for start in range(0, len(text), 4):
        for end in (len(text), len(text) - 2, start + 10):
            if start <= end <= len(text):
                want = [m.span() for m in iso.finditer(text, start, end)]
                got = [m.span() for k, m in dates._scan(text, start, end) if k == 0]
                assert got == want


# dates._scan_lines: a text's candidates from its lines' own, the same as one scan of the text
_LINE_BITS = [
    "July", "Jan.", "4", "4th", "- 6 July", "\u2013 5", "2025", "%", "May", "5 people", ",", "2024-03-01",
    "on Monday", "last week", "since March 2020", "the 12 - 14 June talks", "Officials said", "In June,",
    "KABUL, July 4, 2025", "  ", "",
]


def _norm(found):
    return [(k, m.span(), m.groupdict()) for k, m in found]


@pytest.mark.parametrize("seed", range(40))
def test_scan_by_lines_is_one_scan_of_the_text(seed):
    import random

    rnd = random.Random(seed)
    for _ in range(40):
        lines = [" ".join(rnd.choice(_LINE_BITS) for _ in range(rnd.randint(0, 3))) for _ in range(rnd.randint(2, 5))]
        text = "\n".join(lines)
        if rnd.random() < 0.3:
            dates._LINES.clear()
        assert _norm(dates._scan_lines(text)) == _norm(dates._scan(text, 0, len(text))), text


@pytest.mark.parametrize(
    "text",
    [
        "Talks began on\nJuly\n4, 2025 in Oslo.",  # a date across lines: the whole text is scanned
        "It was 4\nJuly when they met.\n\nLater, on 4\n\n- 6 July, more talks.",
        "Growth in 2025\n% was slow.\nIn May\n5 people left.",
        "Jan.\n4 and Jan.\n\n2024",
        "KABUL, July 4, 2025\nThe talks ended.\nThe talks ended.\nOn Monday, officials met again.",
    ],
)
def test_scan_by_lines_where_dates_cross_lines(text):
    dates._LINES.clear()
    want = _norm(dates._scan(text, 0, len(text)))
    assert _norm(dates._scan_lines(text)) == want
    assert _norm(dates._scan_lines(text)) == want  # the lines' candidates from the memo


def test_lines_seen_before_are_read_from_the_memo():
    dates._LINES.clear()
    text = "KABUL, July 4, 2025\nThe talks ended on Monday.\n\nSince March 2020, 12 people left."
    first = _norm(dates._scan_lines(text))
    assert "The talks ended on Monday." in dates._LINES
    assert first == _norm(dates._scan(text, 0, len(text)))
    moved = "Intro line.\n" + text
    assert _norm(dates._scan_lines(moved)) == _norm(dates._scan(moved, 0, len(moved)))
