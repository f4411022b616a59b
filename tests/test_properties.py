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
