"""Starting a big story's worker processes while it is read (pipeline.prestart, on_miss)."""

from __future__ import annotations

from briefing import cache
from briefing.analysis import pipeline
from briefing.loader import ArticleInput, build_article


def _folder(tmp_path, n):
    folder = tmp_path / f"story{n}"
    folder.mkdir()
    for k in range(n):
        (folder / f"a{k}.txt").write_text(f"Article {k}. It is short.\n")
    return folder


def test_prestart_starts_the_fork_server_only_for_a_story_big_enough(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline, "_start_fork_server", lambda: calls.append(1))
    monkeypatch.setattr(pipeline, "POOL_MIN", 3)
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    pipeline.prestart(_folder(tmp_path, 2))
    assert calls == []
    pipeline.prestart(_folder(tmp_path, 5) / "a0.txt")  # a file: its folder is counted
    assert calls == [1]
    pipeline.prestart(tmp_path / "missing")  # best effort: no error
    assert calls == [1]


def test_on_miss_is_called_before_a_real_load_only(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    folder = _folder(tmp_path, 2)
    seen = []
    cache.load_story(folder, on_miss=seen.append)
    cache.load_story(folder, on_miss=seen.append)  # served from the cache
    assert seen == [folder]
    monkeypatch.setenv(cache.ENV_OFF, "1")
    cache.load_story(folder, on_miss=seen.append)
    assert seen == [folder, folder]


def test_the_warm_up_article_exercises_the_extraction():
    facts = pipeline.extract(build_article("warm-up", "warm-up.txt", ArticleInput(pipeline._WARM_TEXT)))
    assert facts.headline and facts.quotes and facts.countries and facts.dates
    pipeline._warm_up()  # and never raises
