"""The extraction cache: hits, misses after an edit, corrupt entries, concurrent writers."""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import cache
from briefing.analysis import pipeline
from briefing.export import json_export
from briefing.loader import load_story


@pytest.fixture
def counted(monkeypatch):
    """Count the articles actually extracted (not served from the cache)."""
    calls: list[str] = []
    real = pipeline.extract

    def extract(article):
        calls.append(article.id)
        return real(article)

    monkeypatch.setattr(pipeline, "extract", extract)
    return calls


def _entries(folder: Path) -> list[Path]:
    """Per-article entries (hex keys; whole-story entries start with "s")."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "s")))


def _story_entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("s*") if p.is_file())


@pytest.fixture
def no_combine(monkeypatch):
    def combine(story, facts):
        raise AssertionError("combine should not run: the whole analysis is cached")

    monkeypatch.setattr(pipeline, "combine", combine)


def test_second_run_is_served_from_the_cache(cache_dir, seeds_path, counted):
    story = load_story(seeds_path)
    first = pipeline.analyse(story)
    assert len(counted) == len(story.articles)
    assert len(_entries(cache_dir)) == len(story.articles)

    assert len(_story_entries(cache_dir)) == 1

    counted.clear()
    second = pipeline.analyse(load_story(seeds_path))
    assert counted == []
    assert json_export.dumps(second) == json_export.dumps(first)
    assert second.story.articles[0].text == story.articles[0].text  # the story re-attached


def test_a_warm_open_skips_combine_too(cache_dir, seeds_path, monkeypatch):
    first = pipeline.analyse(load_story(seeds_path))
    real_combine = pipeline.combine
    calls = []
    monkeypatch.setattr(pipeline, "combine", lambda story, facts: calls.append(1) or real_combine(story, facts))
    story = load_story(seeds_path)
    second = pipeline.analyse(story)
    assert calls == []
    assert second.story is story
    assert json_export.dumps(second) == json_export.dumps(first)


def test_an_edited_article_misses_and_only_it(cache_dir, seeds_path, tmp_path, counted):
    story_dir = tmp_path / "story"
    story_dir.mkdir()
    for f in seeds_path.iterdir():
        (story_dir / f.name).write_bytes(f.read_bytes())
    pipeline.analyse(load_story(story_dir))
    counted.clear()

    victim = sorted(story_dir.glob("*.txt"))[1]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    got = pipeline.analyse(load_story(story_dir))
    assert counted == [victim.stem]
    assert len(_story_entries(cache_dir)) == 2  # the edited story is a new whole-story entry
    assert json_export.dumps(got) == json_export.dumps(pipeline.analyse(load_story(story_dir), cache=False))


def test_a_code_change_changes_the_version(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "analysis").mkdir(parents=True)
    (pkg / "data").mkdir()
    (pkg / "analysis" / "quotes.py").write_text("X = 1\n")
    (pkg / "data" / "verbs.yaml").write_text("- said\n")
    sources = ("analysis", "data", "segment.py")
    before = cache.source_hash(pkg, sources)
    assert cache.source_hash(pkg, sources) == before  # stable

    (pkg / "analysis" / "__pycache__").mkdir()
    (pkg / "analysis" / "__pycache__" / "quotes.cpython-311.pyc").write_bytes(b"\0compiled")
    assert cache.source_hash(pkg, sources) == before  # bytecode is not source

    (pkg / "data" / "verbs.yaml").write_text("- said\n- told\n")
    after_data = cache.source_hash(pkg, sources)
    assert after_data != before
    (pkg / "analysis" / "quotes.py").write_text("X = 2\n")
    assert cache.source_hash(pkg, sources) not in (before, after_data)


def test_another_version_does_not_see_the_entries(cache_dir, seeds_path, counted):
    story = load_story(seeds_path)
    pipeline.analyse(story)
    counted.clear()
    store = cache.Store(cache_dir, version="0" * 32)
    assert all(store.get(cache.article_key(a)) is None for a in story.articles)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip", "empty", "wrong-object"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_dir, seeds_path, counted, damage):
    story = load_story(seeds_path)
    expected = json_export.dumps(pipeline.analyse(story))
    victim_article = story.articles[2]
    store = cache.Store(cache_dir)
    path = store.path(cache.article_key(victim_article))
    blob = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle at all" * 10)
    elif damage == "flip":
        mid = len(blob) - 20
        path.write_bytes(blob[:mid] + bytes([blob[mid] ^ 0xFF]) + blob[mid + 1 :])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a well-formed entry holding something else (another article's facts)
        path.write_bytes(cache.encode(pipeline.extract(story.articles[0])))
    for whole in _story_entries(cache_dir):
        whole.unlink()  # or the whole-story entry would answer without reading the article's

    counted.clear()
    got = pipeline.analyse(load_story(seeds_path))
    assert counted == [victim_article.id]
    assert json_export.dumps(got) == expected
    rebuilt = cache.decode(path.read_bytes())
    assert isinstance(rebuilt, pipeline.ArticleFacts) and rebuilt.article_id == victim_article.id


@pytest.mark.parametrize("damage", ["truncate", "other-object"])
def test_a_corrupt_story_entry_is_ignored_and_rebuilt(cache_dir, seeds_path, counted, damage):
    expected = json_export.dumps(pipeline.analyse(load_story(seeds_path)))
    (whole,) = _story_entries(cache_dir)
    blob = whole.read_bytes()
    whole.write_bytes(blob[:-7] if damage == "truncate" else cache.encode(["not", "an", "analysis"]))
    counted.clear()
    assert json_export.dumps(pipeline.analyse(load_story(seeds_path))) == expected
    assert counted == []  # the articles' entries were still good
    assert cache.decode(whole.read_bytes()).title  # rebuilt


def test_decode_refuses_what_encode_did_not_make():
    blob = cache.encode({"a": [1, 2, 3]})
    assert cache.decode(blob) == {"a": [1, 2, 3]}
    with pytest.raises(ValueError):
        cache.decode(blob[:-1])
    with pytest.raises(ValueError):
        cache.decode(pickle.dumps({"a": 1}))


def test_no_cache_env_writes_nothing(cache_dir, seeds_path, monkeypatch, counted):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    story = load_story(seeds_path)
    pipeline.analyse(story)
    pipeline.analyse(story)
    assert not cache_dir.exists()
    assert len(counted) == 2 * len(story.articles)


def test_an_unwritable_cache_location_is_skipped(tmp_path, monkeypatch, seeds_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    story = load_story(seeds_path)
    assert json_export.dumps(pipeline.analyse(story)) == json_export.dumps(pipeline.analyse(story, cache=False))


def test_writes_leave_no_temp_files(cache_dir, seeds_path):
    pipeline.analyse(load_story(seeds_path))
    assert [p for p in cache_dir.rglob("*.tmp")] == []
    assert len(_entries(cache_dir)) == 5


def test_prune_keeps_recent_versions(tmp_path):
    for k in range(5):
        s = cache.Store(tmp_path, version=f"{k:032d}")
        s.put("ab" * 20, k)
        os.utime(s.folder, (1000 + k, 1000 + k))
    current = cache.Store(tmp_path, version="f" * 32)
    current.put("cd" * 20, "now")
    current.prune(keep=3)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["facts-" + "0" * 28 + "0003", "facts-" + "0" * 28 + "0004", "facts-" + "f" * 32]


# ---------------------------------------------------------------------------------------------
# Two processes at once


def _hammer(root: str, version: str, keys: list[str], tag: int, rounds: int) -> None:
    store = cache.Store(root, version)
    for r in range(rounds):
        for k in keys:
            # big enough that a write is not one syscall's worth: a torn write would show
            store.put(k, {"key": k, "writer": tag, "round": r, "pad": bytes([tag]) * 200_000})


def _reader(root: str, version: str, keys: list[str], stop, bad) -> None:
    store = cache.Store(root, version)
    while not stop.is_set():
        for k in keys:
            try:
                blob = store.path(k).read_bytes()
            except FileNotFoundError:
                continue
            try:
                obj = cache.decode(blob)
            except ValueError:
                bad.value += 1
                continue
            if obj["key"] != k or obj["pad"] != bytes([obj["writer"]]) * 200_000:
                bad.value += 1


def test_two_writers_and_a_reader_see_only_whole_entries(tmp_path):
    ctx = mp.get_context("spawn")
    keys = [f"{k:02x}" * 20 for k in range(8)]
    version = "1" * 32
    stop, bad = ctx.Event(), ctx.Value("i", 0)
    reader = ctx.Process(target=_reader, args=(str(tmp_path), version, keys, stop, bad))
    reader.start()
    writers = [ctx.Process(target=_hammer, args=(str(tmp_path), version, keys, tag, 15)) for tag in (1, 2)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    stop.set()
    reader.join(60)
    assert [w.exitcode for w in writers] == [0, 0] and reader.exitcode == 0
    assert bad.value == 0
    store = cache.Store(tmp_path, version)
    for k in keys:
        obj = store.get(k)
        assert obj is not None and obj["key"] == k and obj["round"] == 14
    assert [p for p in tmp_path.rglob("*.tmp")] == []  # every temp file renamed


def test_two_briefing_processes_analyse_one_story_at_once(cache_dir, seeds_path):
    code = (
        "import sys; from briefing.loader import load_story; from briefing.analysis import analyse;"
        "from briefing.export import json_export;"
        "sys.stdout.write(json_export.dumps(analyse(load_story(sys.argv[1]))))"
    )
    env = {**os.environ, cache.ENV_DIR: str(cache_dir)}
    env.pop(cache.ENV_OFF, None)
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(seeds_path)], env=env, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    uncached = subprocess.run(
        [sys.executable, "-c", code, str(seeds_path)], env={**env, cache.ENV_OFF: "1"}, stdout=subprocess.PIPE
    )
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0] and uncached.returncode == 0
    assert outs[0] == outs[1] == uncached.stdout
    assert len(_entries(cache_dir)) == 5 and len(_story_entries(cache_dir)) == 1


# ---------------------------------------------------------------------------------------------
# Encoding


@dataclasses.dataclass(frozen=True, slots=True)
class _Frozen:
    a: int
    b: str = "x"


@dataclasses.dataclass
class _PostInit:
    a: int
    doubled: int = dataclasses.field(init=False, default=0)

    def __post_init__(self):
        self.doubled = self.a * 2


@dataclasses.dataclass
class _KwOnly:
    a: int
    b: int = dataclasses.field(kw_only=True, default=5)


@dataclasses.dataclass
class _OwnInit:
    a: int

    def __init__(self, a: int, extra: int = 1):
        self.a = a + extra


def test_dataclasses_round_trip_whatever_their_init():
    objs = [_Frozen(1, "y"), _PostInit(3), _KwOnly(1, b=7), _OwnInit(4, extra=0), [_Frozen(2)], {"k": _KwOnly(2)}]
    back = cache.decode(cache.encode(objs))
    assert back == objs
    assert back[1].doubled == 6 and back[3].a == 4
    assert cache._positional(_Frozen) and not cache._positional(_PostInit)
    assert not cache._positional(_KwOnly) and not cache._positional(_OwnInit)


def test_facts_and_analysis_round_trip(seeds_story):
    facts = [pipeline.extract(a) for a in seeds_story.articles]
    assert repr(cache.decode(cache.encode(facts))) == repr(facts)
    analysis = pipeline.combine(seeds_story, facts)
    assert repr(cache.decode(cache.encode(analysis))) == repr(analysis)


def test_articles_travel_to_workers_intact(seeds_story):
    for article in seeds_story.articles:
        assert repr(pipeline._unpack(pipeline._pack(article))) == repr(article)


def test_trim_deletes_the_oldest_entries_past_the_cap(tmp_path):
    store = cache.Store(tmp_path, version="2" * 32)
    keys = [f"{k:02x}" * 20 for k in range(10)]
    for n, k in enumerate(keys):
        store.put(k, b"x" * 10_000)
        os.utime(store.path(k), (2000 + n, 2000 + n))
    one = store.path(keys[0]).stat().st_size
    store.trim(max_bytes=4 * one, every=0)
    assert [store.get(k) is not None for k in keys] == [False] * 6 + [True] * 4
    # and not again within `every` seconds
    store.put("ff" * 20, b"y")
    store.trim(max_bytes=0, every=3600)
    assert store.get("ff" * 20) == b"y"
