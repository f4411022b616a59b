"""The pins store: order and notes persist, saves are atomic, a corrupt file is kept aside."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from test_render_sample import sample_analysis

from briefing import brief as brief_mod
from briefing.brief import Brief, Pin, pin_of, to_markdown


def pins3():
    return [
        Pin("quote", "Ruth Okafor", "It guides us home.", source="gazette", start=100, end=118),
        Pin("claim", "shared by 2", "The lighthouse reopened.", source="courier"),
        Pin("country", "Pellonia", "subject: reopened the light"),
    ]


def test_pins_round_trip_in_order_with_notes(tmp_path):
    b = Brief.open(tmp_path)
    assert b.pins == [] and b.problems == []
    assert b.path == tmp_path / ".briefing" / "brief.yaml"
    for p in pins3():
        b.add(p)
    b.move(2, 0)
    b.set_note(1, "check the date: 3 or 4 May?")
    b.remove(2)
    assert b.save()
    again = Brief.open(tmp_path)
    assert [p.label for p in again.pins] == ["Pellonia", "Ruth Okafor"]
    assert again.pins[1] == Pin("quote", "Ruth Okafor", "It guides us home.", "gazette", 100, 118, "check the date: 3 or 4 May?")
    assert again.problems == []


def test_opening_leaves_the_story_folder_untouched(tmp_path):
    Brief.open(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_temp_files_of_killed_saves_are_swept_but_fresh_ones_kept(tmp_path):
    folder = tmp_path / ".briefing"
    folder.mkdir()
    old, fresh = folder / ".brief.yaml.abc.tmp", folder / ".brief.yaml.def.tmp"
    old.write_text("half")
    fresh.write_text("being written")
    os.utime(old, (1, 1))
    Brief.open(tmp_path)
    assert not old.exists() and fresh.exists()


def test_move_past_the_ends_is_clamped(tmp_path):
    b = Brief(tmp_path / "b.yaml", pins3())
    b.move(0, 99)
    assert b.pins[-1].label == "Ruth Okafor"
    b.move(2, -5)
    assert b.pins[0].label == "Ruth Okafor"


def test_brief_of_a_story_yaml_lives_next_to_it(tmp_path):
    (tmp_path / "story.yaml").write_text("title: x\n")
    assert Brief.open(tmp_path / "story.yaml").path == tmp_path / ".briefing" / "brief.yaml"


def test_corrupt_file_is_kept_aside_not_overwritten(tmp_path):
    target = tmp_path / ".briefing" / "brief.yaml"
    target.parent.mkdir()
    target.write_text("pins:\n  - kind: quote\n    label: [unclosed\n")
    b = Brief.open(tmp_path)
    assert b.pins == []
    assert len(b.problems) == 1 and "corrupt" in b.problems[0] and "kept aside" in b.problems[0]
    aside = list(target.parent.glob("brief.yaml.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text().endswith("[unclosed\n")
    b.add(pins3()[0])
    b.save()
    assert aside[0].read_text().endswith("[unclosed\n")  # still there after a save
    assert Brief.open(tmp_path).pins == [pins3()[0]]


def test_wrong_shape_is_kept_aside(tmp_path):
    target = tmp_path / ".briefing" / "brief.yaml"
    target.parent.mkdir()
    target.write_text("- just\n- a list\n")
    b = Brief.open(tmp_path)
    assert b.pins == [] and "not a brief" in b.problems[0]
    assert list(target.parent.glob("brief.yaml.corrupt-*"))


def test_one_bad_pin_is_reported_and_the_rest_load(tmp_path):
    target = tmp_path / ".briefing" / "brief.yaml"
    target.parent.mkdir()
    target.write_text(
        yaml.safe_dump({"pins": [{"kind": "quote", "label": "a", "text": "t"}, {"label": "no kind"}, {"kind": "claim", "label": "b", "text": "u", "start": "x"}, {"kind": "claim", "label": "c", "text": "v"}]})
    )
    b = Brief.open(tmp_path)
    assert [p.label for p in b.pins] == ["a", "c"]
    assert sum("malformed" in p for p in b.problems) == 2
    assert any("kept as" in p for p in b.problems)  # the original, bad pins included, is not lost
    assert list(target.parent.glob("brief.yaml.corrupt-*"))


def test_read_only_story_folder_falls_back_to_the_user_data_dir(tmp_path, monkeypatch):
    story = tmp_path / "story"
    story.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(brief_mod, "_writable", lambda folder: not str(folder).startswith(str(story)))
    b = Brief.open(story)
    assert str(b.path).startswith(str(tmp_path / "data"))
    assert b.problems and "cannot write" in b.problems[0]
    b.add(pins3()[0])
    assert b.save()
    assert Brief.open(story).pins == [pins3()[0]]
    assert not (story / ".briefing" / "brief.yaml").exists()


def test_save_failure_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    b = Brief(blocker / "sub" / "brief.yaml", pins3())  # a file where a folder should be
    assert b.save() is False
    assert "cannot save" in b.problems[-1]


def test_markdown_cites_each_pin_with_its_source():
    analysis = sample_analysis()
    b = Brief(Path("unused"), pins3())
    b.set_note(0, "lead with this")
    md = to_markdown(b, analysis)
    assert md.startswith("# Brief: Pell Island lighthouse reopens")
    first, second, third = md.split("\n## ")[1:]
    assert "Quote: Ruth Okafor" in first and "> It guides us home\\." not in first  # a full stop is not escaped
    assert "> It guides us home." in first
    assert "Harbor Gazette" in first and "gazette.txt" in first and "100–118" in first and "<https://example.org/light>" in first
    assert "Note: lead with this" in first
    assert "Island Courier" in second
    assert "no single source" in third


def test_markdown_escapes_pinned_text():
    analysis = sample_analysis()
    b = Brief(Path("unused"), [Pin("quote", "[x](javascript:1)", "<img src=x onerror=alert(1)>\n# not a heading", note="**n**")])
    md = to_markdown(b, analysis)
    assert not re.search(r"(?<!\\)<img", md) and not re.search(r"(?<!\\)\]\(javascript", md) and "\n# not" not in md and "**n**" not in md


def test_every_kind_of_item_can_be_pinned_and_cited():
    a = sample_analysis()
    items = [a.quotes[0], a.claims[0], a.countries[0], a.blocs[0], a.discrepancies[0], a.timeline[0], a.timeline[1]]
    pins = [pin_of(i) for i in items]
    assert [p.kind for p in pins] == ["quote", "claim", "country", "bloc", "discrepancy", "timeline", "timeline"]
    assert pins[0] == Pin("quote", "Ruth Okafor", "It guides us home.", "gazette", 100, 118)
    assert (pins[1].source, pins[1].start, pins[1].end) == ("gazette", 15, 68)  # its first evidence
    assert pins[2].label == "Pellonia (XP)" and pins[2].text == "subject: reopened the light"
    assert pins[4].text == "3 May 2024 (gazette); 4 May 2024 (courier)"
    assert pins[6].source == "courier" and pins[6].start is None  # one source, no span
    md = to_markdown(Brief(Path("unused"), pins), a)
    assert md.count("Source: ") == 7 and "Harbor Gazette" in md
    with pytest.raises(TypeError):
        pin_of("a string")


# ---------------------------------------------------------------------------------------------
# kill -9 during a save

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefing.brief import Brief, Pin
    # Few pins with long texts: most of each save is spent writing, where a non-atomic save breaks.
    versions = [[Pin("claim", f"v{v} pin {i}", f"v{v} " * 50_000, note=f"v{v}") for i in range(4 + v)] for v in (0, 1)]
    b = Brief.open(Path(sys.argv[1]))
    n = 0
    while True:
        b.pins = list(versions[n % 2])
        b.save()
        if n == 0:
            print("ready", flush=True)
        n += 1
    """
)


def test_pins_file_survives_kill_9_during_save(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    rng = random.Random(6)
    for _ in range(15):  # a save that writes in place is caught in about one kill in three
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(story)], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.1))  # into a later save; where exactly it dies is up to chance
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            child.stdout.close()
        b = Brief.open(story)
        assert b.problems == []
        assert len(b.pins) in (4, 5)  # the whole old or the whole new version, never a mix
        assert all(len(p.text) == 150_000 for p in b.pins)
        notes = {p.note for p in b.pins}
        assert len(notes) == 1
    assert not list((story / ".briefing").glob("brief.yaml.corrupt-*"))
