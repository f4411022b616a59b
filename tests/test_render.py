"""`briefing print`: every section of the model, width-aware, plain off a terminal, hostile text inert."""

from __future__ import annotations

import io
import re

import pytest
from test_render_sample import EVERY_SECTION, sample_analysis

from briefing.render import print_briefing, visible


def render(analysis, width=100) -> str:
    out = io.StringIO()  # not a terminal: the plain path
    print_briefing(analysis, width=width, file=out)
    return out.getvalue()


def test_every_section_is_printed():
    text = " ".join(render(sample_analysis(), width=200).split())
    missing = [s for s in EVERY_SECTION if s not in text]
    assert not missing


@pytest.mark.parametrize("width", [40, 72, 120])
def test_lines_fit_the_width(width):
    lines = render(sample_analysis(), width=width).split("\n")
    assert max(len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)  # no padding at line ends in plain output


def test_plain_output_has_no_escape_codes():
    assert "\x1b" not in render(sample_analysis())


def test_hostile_text_is_neither_markup_nor_control():
    text = render(sample_analysis(hostile=True), width=300)
    assert "[bold red]x[/]" in text  # shown literally, not interpreted as Rich markup
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert "␛[31m" in text and "<U+202E>" in text and "<U+009B>" in text  # visible, not silently lost


def test_terminal_output_keeps_article_escapes_inert():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    print_briefing(sample_analysis(hostile=True), width=120, file=out)
    text = out.getvalue()
    assert "\x1b[" in text  # our own styling is there on a terminal...
    assert "\x1b[31mred" not in text and "\x1b]0;" not in text and "\u202e" not in text  # ...theirs is not


def test_visible_keeps_newlines_and_tabs():
    assert visible("a\tb\nc\x07") == "a\tb\nc\u2407"


def test_print_on_the_bundled_story(seeds_analysis):
    text = render(seeds_analysis)
    assert "Sources" in text and seeds_analysis.story.articles[0].id in text


from hypothesis import given, settings
from hypothesis import strategies as st

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=1000)  # plain string functions: more finds nothing new, and costs CI time
@given(st.text())
def test_visible_never_lets_a_control_through(text):
    shown = visible(text)
    assert not CONTROLS.search(shown)
    assert shown.count("\n") == text.count("\n")  # lines stay lines


def test_printed_piece_by_piece_as_one_group_of_every_section_would_be():
    """print_briefing writes each section's pieces in turn; the text is what printing them all as
    one Rich Group gives (line ends stripped)."""
    from rich.console import Group

    from briefing.render import _console, sections

    analysis = sample_analysis(hostile=True)
    out = io.StringIO()
    print_briefing(analysis, width=90, file=out)
    console = _console(90, io.StringIO())
    with console.capture() as capture:
        console.print(Group(*sections(analysis)))
    assert out.getvalue() == "\n".join(line.rstrip() for line in capture.get().split("\n"))


def test_a_handful_of_sources_is_listed_whole_and_thousands_are_counted():
    from briefing.render import LISTED, listed

    few = [f"s{n}" for n in range(LISTED)]
    assert listed(few) == ", ".join(few)
    many = [f"s{n}" for n in range(5000)]
    shown = listed(many)
    assert shown.startswith("s0, s1, ") and shown.endswith(f" and {5000 - LISTED + 2:,} more")
    assert shown.count(",") == LISTED - 3 + 1  # the first LISTED - 2, and the thousands separator


def test_stance_by_source_of_many_sources_is_counted_by_stance():
    from types import SimpleNamespace

    from briefing.render import LISTED, by_source

    few = SimpleNamespace(by_source={"a": "supportive", "b": "opposed"}, sources=["a", "b"])
    assert by_source(few) == "a: supportive, b: opposed"
    stances = {f"s{n}": ("supportive" if n % 3 else "opposed") for n in range(3 * LISTED)}
    many = SimpleNamespace(by_source=stances, sources=list(stances))
    assert by_source(many) == f"supportive: {2 * LISTED} sources, opposed: {LISTED} sources"
