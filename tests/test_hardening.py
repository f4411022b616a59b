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
