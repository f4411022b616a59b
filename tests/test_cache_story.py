"""`cache.load_story`: a loaded story served from the cache until a file it depends on changes."""

from __future__ import annotations

import os
import shutil

import pytest

from briefing import cache, loader


@pytest.fixture
def story_dir(tmp_path, seeds_path):
    folder = tmp_path / "story"
    shutil.copytree(seeds_path, folder)
    return folder


class Counting:
    def __init__(self):
        self.calls = 0

    def __call__(self, path):
        self.calls += 1
        return loader.load_story(path)


def test_second_load_comes_from_the_cache(cache_dir, story_dir):
    load = Counting()
    first = cache.load_story(story_dir, load)
    second = cache.load_story(story_dir, load)
    assert load.calls == 1
    assert repr(second) == repr(first) == repr(loader.load_story(story_dir))


@pytest.mark.parametrize("change", ["edit", "add", "remove", "yaml", "touch"])
def test_any_change_in_the_folder_reloads(cache_dir, story_dir, change):
    load = Counting()
    cache.load_story(story_dir, load)
    victim = sorted(story_dir.glob("*.txt"))[0]
    if change == "edit":
        victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif change == "add":
        (story_dir / "zzz.txt").write_text("A late article. It says little.\n", encoding="utf-8")
    elif change == "remove":
        victim.unlink()
    elif change == "yaml":
        (story_dir / "story.yaml").write_text("title: Another title\n", encoding="utf-8")
    else:  # same size, new mtime: an editor that saved identical bytes, or a changed byte
        data = victim.read_bytes()
        victim.write_bytes(data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])
        st = victim.stat()
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    got = cache.load_story(story_dir, load)
    assert load.calls == 2
    assert repr(got) == repr(loader.load_story(story_dir))


def test_saving_pins_does_not_invalidate(cache_dir, story_dir):
    load = Counting()
    cache.load_story(story_dir, load)
    (story_dir / ".briefing").mkdir()
    (story_dir / ".briefing" / "brief.yaml").write_text("pins: []\n")
    cache.load_story(story_dir, load)
    assert load.calls == 1


def test_an_article_in_a_subfolder_is_watched(cache_dir, tmp_path):
    folder = tmp_path / "nested"
    (folder / "wire").mkdir(parents=True)
    (folder / "wire" / "a.txt").write_text("Alpha says yes. Beta says no.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Gamma agrees with Alpha.\n", encoding="utf-8")
    (folder / "story.yaml").write_text("sources:\n  - wire/a.txt\n  - b.txt\n", encoding="utf-8")
    load = Counting()
    cache.load_story(folder / "story.yaml", load)
    (folder / "wire" / "a.txt").write_text("Alpha says no after all.\n", encoding="utf-8")
    got = cache.load_story(folder / "story.yaml", load)
    assert load.calls == 2
    assert "after all" in got.articles[0].text


def test_a_corrupt_entry_reloads(cache_dir, story_dir):
    load = Counting()
    cache.load_story(story_dir, load)
    (entry,) = [p for p in cache_dir.rglob("L*") if p.is_file()]
    entry.write_bytes(entry.read_bytes()[:100])
    got = cache.load_story(story_dir, load)
    assert load.calls == 2 and len(got.articles) == 5


def test_errors_are_not_cached(cache_dir, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(loader.StoryError):
        cache.load_story(empty)
    with pytest.raises(loader.StoryError):
        cache.load_story(empty)


def test_off_switch_and_the_story_path(cache_dir, story_dir, monkeypatch):
    load = Counting()
    cache.load_story(story_dir, load)
    assert cache.load_story(str(story_dir), load).path == type(story_dir)(str(story_dir))
    monkeypatch.setenv(cache.ENV_OFF, "1")
    cache.load_story(story_dir, load)
    assert load.calls == 2
