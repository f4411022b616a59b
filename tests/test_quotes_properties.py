"""Properties of quote extraction on any text: never a crash, offsets always exact, linear work."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from test_quotes_support import analyse

from briefing import lexicon

PIECES = st.sampled_from(
    [
        "said", "Ana Kovac", "he", "the ministry", "told", "according to", "calling it", "'", "\u2018",
        "\u2019", '"', "\u201c", "\u201d", ",", ".", ":", "\n", "\n\n", "Mr.", "Dr", "the", "a", "U.S.",
        "it's", "workers'", "so-called", "label", "Minister", "of", "Chile", "quoted as saying", "by",
        "\u2014", "?", "x" * 30, "Zoe", "And", "Foreign Ministry", "added", "that", "54,", "who",
    ]
)


@given(st.lists(PIECES, max_size=60))
def test_quotes_point_exactly_into_any_text(parts):
    text = "Title line\n" + " ".join(parts)
    a = analyse(text)
    names = {s.name for s in a.speakers}
    for q in a.quotes:
        assert text[q.start : q.end] == q.text
        assert q.start < q.end
        assert q.speaker is None or q.speaker in names
    ids = [q.id for q in a.quotes]
    assert len(ids) == len(set(ids))


@given(st.text(max_size=300))
def test_any_unicode_text_is_handled(text):
    a = analyse("Title line\n" + text)
    for q in a.quotes:
        assert a.story.articles[0].text[q.start : q.end] == q.text


def test_every_word_list_of_quotes_holds_only_words():
    """YAML reads a bare on/no/yes as a boolean: every entry must have stayed a string."""
    for name in ("speech_verbs", "honorifics", "roles", "organisations", "names"):
        data = lexicon.load(name)
        lists = [data] if isinstance(data, list) else [v for v in data.values() if isinstance(v, list)]
        for items in lists:
            for item in items:
                assert isinstance(item, (str, list)), (name, item)


NESTING = st.sampled_from(
    [
        "said", "Ana Kovac", "she", "'", "\u2018", "\u2019", '"', "\u201c", "\u201d", "\u201e", "\u00ab",
        "\u00bb", ",", ".", ":", "\n\n", "it's", "workers'", "China's", "commerce ministry", "the",
        "Commission", "European Commission", "in London", "a spokesman for", "as", "put it", "and",
        "Department for Business", "Trade", "we will", "no",
    ]
)


@given(st.lists(NESTING, max_size=60))
def test_quotations_never_overlap(parts):
    # a quotation inside a quotation is part of it, never a second quotation of its own
    text = "Title line\n" + " ".join(parts)
    a = analyse(text)
    spans = sorted((q.start, q.end) for q in a.quotes)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, (text, spans)
