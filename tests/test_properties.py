"""Property tests: any text, however odd, loads and analyses without error, with exact offsets.

The `ci` hypothesis profile (.ci/run) runs 10,000 examples per property; the default is quicker.
"""

from __future__ import annotations

import tempfile
from dataclasses import fields, is_dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import segment
from briefing.analysis import pipeline
from briefing.export import json_export
from briefing.loader import ArticleInput, StoryError, build_article, load_story

# Text built from news-like pieces as well as arbitrary Unicode, so that quote marks, capitals,
# abbreviations and newlines meet each other far more often than in uniform random text.
PIECES = st.sampled_from(
    [
        "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", ". ", ".", ", ", ": ", "\n", "\n\n", " said ",
        " told ", "according to ", "He added", "The ministry said", "Dr. ", "U.S. ", "Jul. 3", "(ISIS-K). ",
        "Anna Berg", "Oslo", "Norway", "Norwegian", "the Kremlin", "on Thursday", "In April 2025, ",
        "35 killed", "\u2014", "...", "\u2026", "-", "What's happened", "[bold]", "\x1b[31m", "\u202e",
        "\x00", "\t", "\r", "\r\n", "  ",
    ]
)
NEWSISH = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)

SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _article(text: str, ident: str = "a"):
    return build_article(ident, f"{ident}.txt", ArticleInput(text.replace("\r\n", "\n").replace("\r", "\n")))


def _spans(obj, found):
    """Every (source, start, end, text) span anywhere in an extraction result."""
    if is_dataclass(obj):
        names = {f.name for f in fields(obj)}
        if {"start", "end"} <= names:
            found.append(obj)
        for f in fields(obj):
            _spans(getattr(obj, f.name), found)
    elif isinstance(obj, (list, tuple, set)):
        for item in obj:
            _spans(item, found)
    elif isinstance(obj, dict):
        for item in obj.values():
            _spans(item, found)
    return found


@SETTINGS
@given(NEWSISH)
def test_segmentation_offsets_are_exact(text):
    paras = segment.paragraphs(text)
    sents = segment.sentences(text, paras)
    for p in paras:
        assert 0 <= p.start < p.end <= len(text)
    last = -1
    for s in sents:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last  # ordered, disjoint
        last = s.end
        para = paras[s.paragraph]
        assert para.start <= s.start and s.end <= para.end


@SETTINGS
@given(NEWSISH)
def test_extraction_never_raises_and_spans_point_into_the_text(text):
    art = _article(text)
    facts = pipeline.extract(art)
    for span in _spans(facts, []):
        start, end = getattr(span, "start"), getattr(span, "end")
        if start is None or end is None:
            continue
        assert 0 <= start <= end <= len(art.text)
        if hasattr(span, "text") and isinstance(span.text, str) and getattr(span, "source", art.id) == art.id:
            assert art.text[start:end] == span.text
    assert pipeline.extract(art) == facts  # a re-run gives the same output


@SETTINGS
@given(st.lists(NEWSISH.filter(lambda t: t.strip()), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_analysis_is_independent_of_file_order_and_deterministic(texts, rnd):
    def export(order: list[int]) -> dict:
        with tempfile.TemporaryDirectory() as tmp:
            for i in order:  # files created in this order: directory listing order follows it
                Path(tmp, f"s{i}.txt").write_text(texts[i], encoding="utf-8")
            try:
                story = load_story(tmp)
            except StoryError:
                return {}
            data = json_export.to_dict(pipeline.analyse(story))
            data["problems"] = sorted(p["file"] for p in data["problems"])
            return data

    order = list(range(len(texts)))
    first = export(order)
    rnd.shuffle(order)
    assert export(order) == first
    if not first:
        return
    by_id = {a.id: a.text for a in load_story_texts(texts)}
    for q in first["quotes"]:
        assert by_id[q["source"]][q["start"] : q["end"]] == q["text"]
    for row in first["countries"] + first["blocs"]:
        for ev in row["evidence"]:
            assert by_id[ev["source"]][ev["start"] : ev["end"]] == ev["text"]


def load_story_texts(texts: list[str]):
    return [_article(t, f"s{i}") for i, t in enumerate(texts)]


# ---------------------------------------------------------------------------------------------
# Hardening (issue 8). Every extractor (headline, quotes, countries, compare, timeline) already
# runs on every example above through `pipeline.extract`, with its spans checked. Below: what is
# made of the extractions (print, exports, the brief) and the loader, on any input.

import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

from briefing.brief import Brief, Pin  # noqa: E402
from briefing.export import html as html_export  # noqa: E402
from briefing.export import markdown  # noqa: E402
from briefing.model import Story  # noqa: E402
from briefing.render import print_briefing  # noqa: E402

HOSTILE = st.sampled_from(
    ["[@click=app.quit]", "[link=https://x]", "[/]", "\x1b]8;;https://x\x07", "\x1b]52;c;aGk=\x07", "\x9b2J", "\x07",
     "\u2066", "\u202e", "<script>", "&#27;", "|", "# ", "* ", "`", "\\", "\u2028", "\x85", "\ufeff"]
)
HOSTILE_NEWS = st.lists(st.one_of(PIECES, HOSTILE, st.text(max_size=12)), max_size=40).map("".join)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Rendering is far slower than extraction, and these properties are about escaping, not the
# analysis: a smaller share of the profile's examples suffices (2,000 in ci).
FEWER = settings(SETTINGS, max_examples=max(1, settings.default.max_examples // 5))


@FEWER
@given(st.lists(HOSTILE_NEWS.filter(str.strip), min_size=1, max_size=3))
def test_print_and_exports_never_raise_and_never_pass_a_control(texts):
    arts = [_article(t, f"s{i}") for i, t in enumerate(texts)]
    story = Story(path=Path("."), articles=arts, title=texts[0][:40])
    analysis = pipeline.combine(story, [pipeline.extract(a) for a in arts])
    out = io.StringIO()
    print_briefing(analysis, width=80, file=out)
    assert not RAW.search(out.getvalue())
    md = markdown.to_markdown(analysis)
    assert not RAW.search(md)
    page = html_export.to_html(analysis)
    assert not RAW.search(page) and "<script>" not in page
    data = json.loads(json_export.dumps(analysis))
    assert [s["id"] for s in data["sources"]] == [a.id for a in arts]


PIN_TEXT = st.text(max_size=60) | HOSTILE_NEWS


@FEWER
@given(st.lists(st.tuples(PIN_TEXT, PIN_TEXT, PIN_TEXT, st.none() | st.integers(0, 10**6)), max_size=5))
def test_the_brief_keeps_any_text_exactly(items):
    pins = [Pin("claim", label, text, source="s0", start=n, end=n, note=note) for label, text, note, n in items]
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp, ".briefing", "brief.yaml")
        target.parent.mkdir()
        target.write_text(Brief(target, pins).dumps(), encoding="utf-8")  # what save() writes, without its fsyncs
        again = Brief.open(Path(tmp))
        assert again.problems == []
        assert again.pins == pins


@FEWER
@given(st.sampled_from([".txt", ".md", ".json", ".jsonl"]), st.binary(max_size=400) | HOSTILE_NEWS.map(str.encode), st.binary(max_size=200))
def test_the_loader_never_raises_on_any_bytes(ext, data, yaml_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, f"a{ext}").write_bytes(data)
        Path(tmp, "story.yaml").write_bytes(yaml_bytes)
        try:
            story = load_story(tmp)
        except StoryError as exc:
            assert "\n" not in str(exc)
            return
        for p in story.problems:
            assert p.file and p.message and "\n" not in p.message
        for a in story.articles:
            assert a.text.strip() and "\r" not in a.text
