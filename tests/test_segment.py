"""Paragraphs, sentences and titles (briefing.segment)."""

from __future__ import annotations

import pytest

from briefing import segment


def split(text: str) -> list[str]:
    paras = segment.paragraphs(text)
    return [text[s.start : s.end] for s in segment.sentences(text, paras)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. embassy stayed open in the capital.",
        "Dr. Ana Reyes spoke first at the meeting.",
        "The vote is set for Jul. 3 in the old hall.",
        "Mr. Okafor and Mrs. Diallo arrived late.",
        "Troops from the U.K. and the U.S. took part.",
        "J. R. Okafor wrote the report for No. 10 Downing Street.",
        "It was signed at 3 p.m. on Friday by both sides.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert split(text) == [text]


def test_bracket_after_abbreviation_ends_sentence_but_stays_intact():
    text = "Fighters of Islamic State Khorasan (ISIS-K). And the talks went on."
    assert split(text) == ["Fighters of Islamic State Khorasan (ISIS-K).", "And the talks went on."]


def test_closing_quote_stays_with_its_sentence():
    text = "\u201cWe will not back down.\u201d The minister left. \u201cNever,\u201d she added."
    assert split(text) == ["\u201cWe will not back down.\u201d", "The minister left.", "\u201cNever,\u201d she added."]


def test_question_and_exclamation_marks_split():
    assert split("Why now? Nobody knows! It happened.") == ["Why now?", "Nobody knows!", "It happened."]


def test_ellipsis_inside_a_quote_does_not_split():
    text = "\u201cThe act...will help,\u201d the ministry said."
    assert split(text) == [text]


def test_lowercase_after_full_stop_does_not_split():
    assert split("The plan, approx. ten pages, was read.") == ["The plan, approx. ten pages, was read."]


def test_sentences_never_cross_paragraphs_and_offsets_are_exact():
    text = "First line without stop\nSecond one. Third one.\n\n  Fourth.  \n"
    paras = segment.paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == ["First line without stop", "Second one. Third one.", "Fourth."]
    sents = segment.sentences(text, paras)
    assert [text[s.start : s.end] for s in sents] == ["First line without stop", "Second one.", "Third one.", "Fourth."]
    assert [s.paragraph for s in sents] == [0, 1, 1, 2]


def test_headings_are_short_lines_without_closing_punctuation():
    assert segment.is_heading("Diplomatic response")
    assert segment.is_heading("'Brave decision...': the foreign minister")
    assert not segment.is_heading("In a 2019 speech, the governor said:")
    assert not segment.is_heading("The council met on Monday.")
    assert not segment.is_heading("- a list item without a stop")


def _title(text: str) -> str | None:
    paras = segment.paragraphs(text)
    return segment.title(text, paras, segment.sentences(text, paras))


def test_title_is_the_first_line_when_it_is_a_headline():
    assert _title("Flood waters reach the old town\nThe river rose overnight.") == "Flood waters reach the old town"


def test_one_sentence_headline_with_full_stop_is_a_title():
    text = "Port city accepts first foreign envoy in years.\nHARBOURTON, May 2\nThe city council met."
    assert _title(text) == "Port city accepts first foreign envoy in years."


def test_section_label_is_not_a_title():
    assert _title("What's happened\nThe river rose overnight.") is None
    assert _title("Overview\nThe river rose overnight.") is None


def test_long_lead_sentence_is_not_a_title():
    lead = (
        "The river rose by four metres overnight, forcing hundreds of families in the low-lying eastern "
        "districts to leave their homes before dawn on Tuesday, officials said."
    )
    assert _title(lead + "\nMore rain is expected.") is None


def test_word_count():
    assert segment.word_count("one two  three\nfour") == 4
