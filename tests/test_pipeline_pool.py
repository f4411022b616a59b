"""`analyse` gives one answer however it gets there: serial, process pool, cache, or a mix."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from briefing import cache
from briefing.analysis import pipeline
from briefing.export import json_export
from briefing.loader import load_story

ROOT = Path(__file__).resolve().parent.parent


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _make_corpus().make(40, tmp_path_factory.mktemp("corpus"), seed=3)


def _same(a, b) -> None:
    assert json_export.dumps(a) == json_export.dumps(b)
    assert repr(a) == repr(b)  # every field, not only the exported ones


def test_pool_and_serial_give_identical_output(corpus, cache_dir):
    serial = pipeline.analyse(load_story(corpus), workers=1, cache=False)
    pooled = pipeline.analyse(load_story(corpus), workers=2, cache=False)
    _same(serial, pooled)


def test_pool_fills_the_cache_and_a_warm_run_agrees(corpus, cache_dir, monkeypatch):
    pooled = pipeline.analyse(load_story(corpus), workers=2)
    entries = [p for p in cache_dir.rglob("*") if p.is_file() and not p.name.startswith(("s", "."))]
    assert len(entries) == 40  # written by the workers
    for whole in cache_dir.rglob("s*"):
        if whole.is_file():
            whole.unlink()  # make the warm run read the per-article entries

    def no_extract(article):
        raise AssertionError("should have come from the cache")

    monkeypatch.setattr(pipeline, "extract", no_extract)
    warm = pipeline.analyse(load_story(corpus), workers=2)
    _same(pooled, warm)


def test_part_cached_part_pooled(corpus, cache_dir):
    story = load_story(corpus)
    expected = pipeline.analyse(story, workers=1, cache=False)
    # cache a third of the articles, then let the pool do the rest
    from briefing.model import Story

    part = Story(path=story.path, articles=story.articles[::3], title=story.title)
    pipeline.analyse(part, workers=1)
    _same(pipeline.analyse(load_story(corpus), workers=2), expected)


def test_default_story_is_the_same_with_and_without_cache(seeds_story, cache_dir):
    _same(pipeline.analyse(seeds_story, cache=False), pipeline.analyse(seeds_story))
    _same(pipeline.analyse(seeds_story, cache=False), pipeline.analyse(seeds_story))  # now warm


@pytest.mark.parametrize("mode", ["serial", "pool", "warm"])
def test_progress_counts_up_to_the_total(corpus, cache_dir, mode):
    story = load_story(corpus)
    if mode == "warm":
        pipeline.analyse(story, workers=1)
    calls: list[tuple[int, int]] = []
    pipeline.analyse(story, progress=lambda done, total: calls.append((done, total)), workers=2 if mode == "pool" else 1)
    assert calls, "progress never called"
    assert calls[-1] == (40, 40)
    assert all(total == 40 for _, total in calls)
    dones = [d for d, _ in calls]
    assert dones == sorted(dones) and dones[0] > 0
    if mode == "serial":
        assert dones == list(range(1, 41))
    if mode == "pool":
        assert len(calls) > 1  # moves in chunks, not only at the end


def test_a_pool_that_cannot_start_falls_back_to_serial(corpus, cache_dir, monkeypatch):
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    got = pipeline.analyse(load_story(corpus), workers=2, cache=False)
    _same(got, pipeline.analyse(load_story(corpus), workers=1, cache=False))


def test_an_error_in_a_worker_is_not_swallowed(tmp_path, cache_dir):
    """A bug in extraction must surface, not turn into an empty analysis."""
    from briefing.model import Article, Story

    bad = Article(id="x", file="x.txt", text="Hello.")
    bad.sentences = None  # type: ignore[assignment]  # unpicklable? no: extract will fail on it
    story = Story(path=tmp_path, articles=[bad, bad])
    with pytest.raises(Exception):
        pipeline.analyse(story, workers=2, cache=False)


def test_worker_count():
    assert pipeline._worker_count(None, pipeline.POOL_MIN) == 1
    assert pipeline._worker_count(1, 10_000) == 1
    assert pipeline._worker_count(8, 3) == 3
    assert pipeline._worker_count(None, 10_000) >= 1


def test_the_pool_starts_under_a_stderr_without_a_file_descriptor(corpus, tmp_path):
    """Inside the TUI sys.stderr is Textual's capture, whose fileno() is -1; the pool must still
    start (not fall back to serial), in a fresh process where no fork server runs yet."""
    import os
    import subprocess
    import sys

    code = f"""
import io, sys
class Capture(io.StringIO):
    def fileno(self):
        return -1
sys.stderr = Capture()
from briefing.analysis import pipeline
from briefing.loader import load_story
from multiprocessing import forkserver
steps = []
pipeline.analyse(load_story({str(corpus)!r}), progress=lambda d, t: steps.append(d), workers=2, cache=False)
assert forkserver._forkserver._forkserver_pid is not None, "no fork server: the pool did not start"
assert steps[-1] == 40 and len(steps) < 40, steps  # chunks, not one call per article
print("ok")
"""
    env = {**os.environ, cache.ENV_DIR: str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_stage_tells_each_cross_source_step_in_order(tmp_path):
    from briefing.loader import ArticleInput, build_article
    from briefing.model import Story

    arts = [build_article(f"a{n}", f"a{n}.txt", ArticleInput(pipeline._WARM_TEXT)) for n in range(2)]
    steps = []
    pipeline.analyse(Story(tmp_path, arts), cache=False, workers=1, stage=lambda *s: steps.append(s))
    assert [k for _, k, _ in steps] == [1, 2, 3, 4] and {n for _, _, n in steps} == {4}
    assert "quotes" in steps[0][0] and "claims" in steps[2][0]


def test_ready_gets_the_analysis_before_it_is_cached_and_on_a_cache_hit(tmp_path, cache_dir):
    from briefing import cache as _cache
    from briefing.loader import ArticleInput, build_article
    from briefing.model import Story

    story = Story(tmp_path, [build_article(f"a{n}", f"a{n}.txt", ArticleInput(pipeline._WARM_TEXT)) for n in range(2)])
    store = _cache.open_store()
    whole = pipeline._story_key(story, _cache.story_keys(story))
    seen = []
    first = pipeline.analyse(story, workers=1, ready=lambda a: seen.append((a, store.get(whole) is None)))
    assert seen == [(first, True)]  # given before the whole analysis was written
    assert store.get(whole) is not None
    again = pipeline.analyse(story, workers=1, ready=lambda a: seen.append((a, False)))
    assert len(seen) == 2 and seen[1][0] is again
