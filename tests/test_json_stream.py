"""The JSON export is written in pieces (`chunks`): the same bytes as one json.dumps of the whole,
without ever holding a big story's export whole."""

from __future__ import annotations

import json
from pathlib import Path

from test_render_sample import sample_analysis

from briefing.export import json_export
from briefing.model import Analysis, Story


def whole(analysis: Analysis) -> str:
    """The export made the plain way: one dict, one json.dumps, escapes over the whole text."""
    text = json.dumps(json_export.to_dict(analysis), ensure_ascii=False, indent=2)
    return json_export._RAW.sub(json_export._escape, text) + "\n"


def test_streamed_export_equals_one_dumps_of_every_section():
    a = sample_analysis()
    assert "".join(json_export.chunks(a)) == whole(a)


def test_streamed_export_keeps_hostile_text_escaped():
    a = sample_analysis(hostile=True)
    out = "".join(json_export.chunks(a))
    assert out == whole(a)
    assert "\u202e" not in out and "\x9b" not in out
    assert json.loads(out)["sources"][0]["file"] == a.story.articles[0].file


def test_streamed_export_of_an_empty_story_has_empty_lists():
    a = Analysis(story=Story(Path("empty"), []))
    out = "".join(json_export.chunks(a))
    assert out == whole(a)
    assert '"sources": [],' in out and '"claims": []' in out


def test_streamed_export_of_the_bundled_story(seeds_analysis):
    pieces = list(json_export.chunks(seeds_analysis))
    assert "".join(pieces) == whole(seeds_analysis)
    # one piece per quote, source and claim at most: never the whole list in one string
    assert len(pieces) > len(seeds_analysis.quotes) + len(seeds_analysis.claims)
    assert max(map(len, pieces)) < sum(map(len, pieces)) / 10


def test_to_dict_evidence_is_what_asdict_gives(seeds_analysis):
    from dataclasses import asdict

    claim = seeds_analysis.claims[0]
    assert json_export._evidence(claim.evidence) == [asdict(e) for e in claim.evidence]
