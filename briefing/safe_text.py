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


# One replacement character per control (a table: `str.translate` is fast on long articles).
_INERT = {c: "\ufffd" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]}
_INERT.update({c: "\ufffd" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]})


def visible(text: str) -> str:
    """Every terminal control character replaced by a visible stand-in (ESC as ␛, U+202E named)."""
    return _CONTROL.sub(_show, text)


def inert(text: str) -> str:
    """Each control character as one U+FFFD, so offsets into the text stay valid."""
    return text.translate(_INERT)


def one_line(text: object) -> str:
    """`visible()`, and a newline (in a file name, say) shown as ␊ so one message stays one line."""
    return visible(str(text)).replace("\n", "\u240a")
