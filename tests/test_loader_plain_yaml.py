"""story.yaml's one-pass reader (loader._plain_yaml) agrees with PyYAML's safe loader, and hands
anything beyond plain mappings, lists and scalars to the checked general path."""

from __future__ import annotations

import pytest
import yaml

from briefing import loader

PLAIN = [
    "title: A story\nsources:\n  a.txt:\n    outlet: Wire\n    published: 2025-07-03\n    lean: left\n",
    "a: 1\nb: yes\nc: 2025-07-03\nd: '2025-07-03'\ne: ~\nf: 1.5\ng: 0x1F\nh: 2025-07-03T10:00:00Z\n",
    'x: [1, "1", true, "true", null, .inf, -2]',
    "",
    "# only a comment\n",
    "- a\n- b: c\n  d: [e, {f: g}]\n",
    "a: 1\na: 2\n",
    "1: a\n1.5: b\nnull: c\ntrue: d\n",
    'key: "\\u00e9t\\u00e9"\n',
    "a:\n  - - - x\n",
    "just a string",
    "3",
    "sources:\n  - a.txt\n  - file: b.txt\n    outlet: Post\n",
    "! a: ! b\n",
]

NOT_PLAIN = [
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "<<: {a: 1}\nb: 2\n",  # a merge key
    "!!str 1: x",  # an explicit tag
    "a: !!binary aGk=",
    "--- a\n--- b\n",  # two documents
    "? [a]\n: b\n",  # a list as a key
    "=: x\n",  # the value key
    "[" * (loader.MAX_YAML_DEPTH + 1) + "]" * (loader.MAX_YAML_DEPTH + 1),
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_files_read_as_the_safe_loader_reads_them(text):
    got = loader._plain_yaml(text)
    want = yaml.load(text, Loader=loader._safe_loader())  # noqa: S506
    assert got == want and list(_walk(got)) == list(_walk(want))  # the same keys in the same order


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_takes_the_general_path(text):
    assert loader._plain_yaml(text) is loader._NOT_PLAIN


def test_the_general_path_still_refuses_aliases_and_depth():
    with pytest.raises(yaml.YAMLError, match="aliases"):
        loader._parse_story_yaml("a: &x 1\nb: *x\n")
    with pytest.raises(yaml.YAMLError, match="nested"):
        loader._parse_story_yaml("[" * 100 + "]" * 100)


def test_syntax_errors_are_raised_as_before():
    with pytest.raises(yaml.YAMLError):
        loader._parse_story_yaml("a: [1, 2\nb: 3\n")


def _walk(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield ("key", k)
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)
    else:
        yield ("value", value)
