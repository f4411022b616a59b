"""Markdown and HTML export: every section of the model, tables, and untrusted text kept inert."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from test_render_sample import EVERY_SECTION, sample_analysis

from briefing.export.html import to_html
from briefing.export.markdown import esc, to_markdown


class Collect(HTMLParser):
    """Tags, attributes and visible text of a page, as a browser's parser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Collect:
    c = Collect()
    c.feed(page)
    return c


# ---------------------------------------------------------------------------------------------
# Markdown


def test_markdown_has_every_section():
    md = to_markdown(sample_analysis())
    flat = " ".join(md.split()).replace("\\", "")
    assert not [s for s in EVERY_SECTION if s not in flat]
    for heading in ("## Summary", "## Sources", "## Claims shared", "## Claims only one", "## Discrepancies",
                    "## Quotes by speaker", "## People named", "## Where countries stand", "## Timeline", "## Load problems"):
        assert heading in md


def test_markdown_tables_have_one_cell_per_column():
    md = to_markdown(sample_analysis(hostile=True))
    rows = [line for line in md.split("\n") if line.startswith("|")]
    assert rows
    # An unescaped | inside a cell would add a column: count the separators that are not escaped.
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in rows if "---" not in line}
    header_cols = {len(re.findall(r"(?<!\\)\|", line)) for line in rows if "---" in line}
    tables = md.split("\n\n")
    for table in tables:
        lines = [line for line in table.split("\n") if line.startswith("|")]
        if lines:
            assert len({len(re.findall(r"(?<!\\)\|", line)) for line in lines}) == 1, table
    assert widths and header_cols


def test_markdown_escapes_untrusted_text():
    md = to_markdown(sample_analysis(hostile=True))
    assert "<script>" not in md  # raw HTML neutralised
    assert "](javascript:" not in md.replace("\\]", "")  # no live link
    assert "**b**" not in md  # no emphasis
    assert "\x1b" not in md and "\u202e" not in md and "\x9b" not in md


def test_esc_neutralises_line_starts_and_specials():
    assert esc("# head") == "\\# head"
    assert esc("- item") == "\\- item"
    assert esc("1. first") == "1\\. first"
    assert esc("a\nb") == "a b"
    assert esc("x_y*z`w") == "x\\_y\\*z\\`w"
    assert esc("&amp;") == "\\&amp;"


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_has_every_section():
    page = parse(to_html(sample_analysis()))
    text = " ".join(" ".join(page.text).split())
    assert not [s for s in EVERY_SECTION if s not in text]
    assert ("table", {}) in page.tags


def test_html_is_self_contained():
    page_text = to_html(sample_analysis())
    page = parse(page_text)
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed"}
    for tag, attrs in page.tags:
        assert "src" not in attrs
        if tag == "a":  # the only URLs: plain links to the articles, not loaded
            assert attrs["href"].startswith(("http://", "https://"))
    assert "url(" not in page_text and "@import" not in page_text


def test_html_escapes_untrusted_text():
    page_text = to_html(sample_analysis(hostile=True))
    page = parse(page_text)
    assert "script" not in {t for t, _ in page.tags}
    assert "<script>alert(1)</script>" in " ".join(page.text)  # shown as text
    assert "\x1b" not in page_text and "\u202e" not in page_text
    assert {t for t, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "table",
        "thead", "tbody", "tr", "th", "td", "blockquote", "em", "strong", "span", "div", "a",
    }


def test_html_refuses_a_javascript_url():
    analysis = sample_analysis()
    analysis.story.articles[0].url = 'javascript:alert(1)"'
    page = parse(to_html(analysis))
    assert not [a for t, a in page.tags if t == "a"]
    assert html.escape('javascript:alert(1)"') not in to_html(analysis)  # not even shown as a link


def test_exports_of_the_bundled_story(seeds_analysis):
    assert seeds_analysis.story.articles[0].id.replace("_", "\\_") in to_markdown(seeds_analysis)
    assert "<table>" in to_html(seeds_analysis)


from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.export.html import h


@settings(max_examples=1000)  # plain string functions: more finds nothing new, and costs CI time
@given(st.text())
def test_html_escape_never_opens_a_tag_or_leaves_an_attribute(text):
    out = h(text)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    page = parse(f'<p title="{out}">{out}</p>')
    assert [t for t, _ in page.tags] == ["p"]


@settings(max_examples=1000)  # plain string functions: more finds nothing new, and costs CI time
@given(st.text())
def test_markdown_escape_keeps_one_line_and_no_live_syntax(text):
    out = esc(text)
    assert "\n" not in out
    # Every special character is preceded by a backslash that is not itself escaped.
    for m in re.finditer(r"[`*_\[\]<>#|~&!{}]", out):
        run = len(out[: m.start()]) - len(out[: m.start()].rstrip("\\"))
        assert run % 2 == 1, (text, out)
