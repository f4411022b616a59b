"""Making untrusted text (articles, titles, names, file names) inert for a terminal.

Two forms: `visible` names each control character for output nobody indexes into (print, stderr,
exports), and `inert` replaces each with one visible character so that offsets into the text stay
valid (the TUI highlights spans by offset). No imports beyond `re`: the CLI's error path uses it.
"""

from __future__ import annotations

import re

# Controls other than newline and tab, DEL, C1, and the bidi embedding/override/isolate/marks.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f{_BIDI}]")


def _show(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def _one(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"  # C1 and bidi controls: one visible replacement character each


def visible(text: str) -> str:
    """Every terminal control character replaced by a visible stand-in (ESC as ␛, U+202E named)."""
    return _CONTROL.sub(_show, text)


def inert(text: str) -> str:
    """Like `visible`, but one character for one, so offsets into the text stay valid."""
    return _CONTROL.sub(_one, text)


def one_line(text: object) -> str:
    """`visible()`, and a newline (in a file name, say) shown as ␊ so one message stays one line."""
    return visible(str(text)).replace("\n", "\u240a")
