"""memory: the GC pause leaves the collector as it found it, also nested and on errors."""

import gc

import pytest

from briefing.memory import gc_paused, trim_heap


def test_gc_paused_restores_the_state_it_found():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause found it off and leaves it off
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_paused_turns_it_back_on_after_an_error():
    with pytest.raises(ValueError):
        with gc_paused():
            raise ValueError("boom")
    assert gc.isenabled()


def test_trim_heap_is_harmless_where_it_means_nothing():
    trim_heap()
    trim_heap()  # (the C function is looked up once)
