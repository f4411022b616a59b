"""Keeping big object graphs cheap to make: the cyclic GC paused while they are built, and freed
heap pages handed back to the system.

Unpickling or combining a big story makes ~10^6 objects that are kept and hold no cycles; each
collection triggered on the way would walk every live object again (about the time of the work
itself at 10,000 articles).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic GC off inside the block, and back as it was after (also when nested)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


_MALLOC_TRIM = None


def trim_heap() -> None:
    """Hand the pages of freed objects back to the system (glibc's malloc_trim; elsewhere
    nothing). Bytes and big lists freed among live objects stay mapped otherwise, and Python's
    small objects, allocated apart, never reuse them. A few milliseconds."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            import ctypes

            _MALLOC_TRIM = ctypes.CDLL(None).malloc_trim
        except (AttributeError, OSError, ImportError):
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)
