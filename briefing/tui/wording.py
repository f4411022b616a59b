"""Showing how variants of one statement differ: words not shared with the first version stand out."""

from __future__ import annotations

from difflib import SequenceMatcher

from rich.text import Text

from briefing.tui.text import clean

DIFF_STYLE = "bold underline"  # underline carries the meaning without colour


def marked(text: str, reference: str | None) -> Text:
    """`text` with the words that `reference` lacks in DIFF_STYLE (all plain when no reference)."""
    words = clean(text).split()
    out = Text()
    if reference is None:
        out.append(" ".join(words))
        return out
    ref = [w.lower().strip(".,;:!?“”\"'") for w in clean(reference).split()]
    norm = [w.lower().strip(".,;:!?“”\"'") for w in words]
    same = set()
    for block in SequenceMatcher(a=ref, b=norm, autojunk=False).get_matching_blocks():
        same.update(range(block.b, block.b + block.size))
    for i, word in enumerate(words):
        if i:
            out.append(" ")
        out.append(word, style="" if i in same else DIFF_STYLE)
    return out
