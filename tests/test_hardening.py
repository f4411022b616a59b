"""Hardening of the inputs and of the brief: broken and hostile files load or are refused with a
one-line reason naming the file; the exit code is 2 only when nothing usable remains; two app
instances editing one brief lose nothing.

(The loader cases already covered in test_loader.py / test_readers.py are not repeated here.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from briefing.loader import load_story
from briefing.readers.html import defuse_char_refs, extract

PAGE = (
    "<!DOCTYPE html><html><head><title>Talks resume in Oslo</title></head><body><article><h1>Talks resume in Oslo</h1>"
    "<p>OSLO, 10 March 2025 - Norway said on Monday that the deal holds and Freedonia agreed with it in full today.</p>"
    "<p>\"We keep our word,\" said Anna Berg, the foreign minister of Norway, at a press conference. REF</p>"
    "</article></body></html>"
)


# -- HTML with hostile character references -------------------------------------------------------


@pytest.mark.parametrize("ref", ["&#27;", "&#x1b;", "&#X1B;", "&#0000027;", "&#27", "&#1;", "&#x08;", "&#xFFFE;", "&#65535;"])
def test_a_control_character_reference_does_not_lose_the_page(ref):
    # lxml drops a whole document on a reference to a control character: the article was lost.
    found = extract(PAGE.replace("REF", f"{ref}[31m red"))
    assert found is not None
    assert "Anna Berg" in found.text and "\ufffd[31m red" in found.text


def test_char_refs_other_than_controls_are_left_alone():
    assert defuse_char_refs("&#1234; &#x263A; &amp; &#9; &#10; &#x9b;") == "&#1234; &#x263A; &amp; &#9; &#10; &#x9b;"
    assert defuse_char_refs("&#27a &#x1bz &#2;7") == "&#xFFFD;a &#xFFFD;z &#xFFFD;7"


def test_json_list_item_with_hostile_html_loads(write_story):
    page = PAGE.replace("REF", "&#27;]52;c;aGk=&#7;")
    folder = write_story({"list.json": json.dumps([{"title": "t", "html": page}, {"title": "u", "text": "Plain text article here."}])})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["list-1", "list-2"]
    assert story.problems == []


# -- the brief: two instances editing one story ------------------------------------------------------

from briefing.brief import Brief, Pin, merge  # noqa: E402


def labels(brief_or_pins) -> list[str]:
    pins = brief_or_pins.pins if isinstance(brief_or_pins, Brief) else brief_or_pins
    return [p.label for p in pins]


def seeded(tmp_path, *names: str) -> None:
    b = Brief.open(tmp_path)
    for n in names:
        b.add(Pin("claim", n, f"text {n}"))
    assert b.save()


def test_two_instances_adding_keep_both_pins(tmp_path):
    seeded(tmp_path, "a")
    one, two = Brief.open(tmp_path), Brief.open(tmp_path)
    one.add(Pin("quote", "from one", "x"))
    assert one.save()
    two.add(Pin("quote", "from two", "y"))
    assert two.save()  # before: this save replaced the file, and "from one" was lost
    assert labels(Brief.open(tmp_path)) == ["a", "from one", "from two"]
    assert labels(two) == ["a", "from one", "from two"]  # the instance now shows the other's pin too
    assert one.problems == [] and two.problems == []


def test_removal_move_and_note_from_each_side_all_survive(tmp_path):
    seeded(tmp_path, "a", "b", "c", "d")
    one, two = Brief.open(tmp_path), Brief.open(tmp_path)
    one.remove(1)  # b
    one.set_note(0, "one's note on a")
    assert one.save()
    two.move(3, 0)  # d first
    two.set_note(3, "two's note on c")
    two.add(Pin("claim", "e", "text e"))
    assert two.save()
    final = Brief.open(tmp_path)
    assert labels(final) == ["d", "a", "c", "e"]
    assert [p.note for p in final.pins] == ["", "one's note on a", "two's note on c", ""]
    # ...and the first instance, saving again without edits, keeps all of it.
    assert one.save()
    assert labels(Brief.open(tmp_path)) == ["d", "a", "c", "e"]


def test_both_removing_one_pin_and_editing_one_note(tmp_path):
    seeded(tmp_path, "a", "b")
    one, two = Brief.open(tmp_path), Brief.open(tmp_path)
    one.remove(0)
    two.remove(0)
    one.set_note(0, "first")
    two.set_note(0, "second")
    assert one.save() and two.save()
    final = Brief.open(tmp_path)
    assert labels(final) == ["b"] and final.pins[0].note == "second"  # the later save's note


def test_merge_of_the_same_item_pinned_twice_on_one_side():
    base = [Pin("claim", "a", "t")]
    ours = base + [Pin("claim", "a", "t", note="again")]
    assert [p.note for p in merge(base, ours, list(base))] == ["", "again"]


def test_a_corrupt_file_written_meanwhile_is_kept_aside_and_the_save_goes_on(tmp_path):
    seeded(tmp_path, "a")
    one = Brief.open(tmp_path)
    one.add(Pin("claim", "b", "t"))
    (tmp_path / ".briefing" / "brief.yaml").write_text("pins: [unclosed\n")
    assert one.save()
    assert labels(Brief.open(tmp_path)) == ["a", "b"]
    assert any("corrupt" in p for p in one.problems)
    assert list((tmp_path / ".briefing").glob("brief.yaml.corrupt-*"))


ADDER = """
import sys
from pathlib import Path
from briefing.brief import Brief, Pin
b = Brief.open(Path(sys.argv[1]))
for i in range(int(sys.argv[3])):
    b.add(Pin("claim", f"{sys.argv[2]}-{i}", "t"))
    assert b.save(), b.problems
"""


def test_two_processes_saving_at_once_lose_no_pin(tmp_path):
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(tmp_path), name, str(n)]) for name in ("one", "two")]
    for p in procs:
        assert p.wait(timeout=120) == 0
    got = labels(Brief.open(tmp_path))
    assert sorted(got) == sorted([f"one-{i}" for i in range(n)] + [f"two-{i}" for i in range(n)])
    assert [x for x in got if x.startswith("one")] == [f"one-{i}" for i in range(n)]  # each side's order kept
