"""The benchmark's own machinery (not its timings): the corpus is reproducible, run.py runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_corpus  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_corpus_is_reproducible_and_varied(tmp_path):
    a = _files(make_corpus.make(25, tmp_path / "a", seed=11))
    b = _files(make_corpus.make(25, tmp_path / "b", seed=11))
    c = _files(make_corpus.make(25, tmp_path / "c", seed=12))
    assert a == b
    assert a != c
    texts = [v for k, v in a.items() if k.endswith(".txt")]
    assert len(texts) == 25 and len(set(texts)) == 25  # no two articles alike
    from briefing.loader import load_story

    story = load_story(tmp_path / "a")
    assert len(story.articles) == 25 and story.title.startswith("Benchmark story")
    assert all(a.outlet and a.published for a in story.articles)


def test_run_reports_start_up_without_textual(tmp_path):
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--json", "--only", "startup", "--runs", "1",
         "--work", str(tmp_path / "work")],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert "errors" not in r, r.get("errors")
    assert r["startup"]["help_imports_textual"] is False
    assert r["startup"]["export_imports_textual"] is False
    assert r["startup"]["help_s"] > 0 and r["startup"]["export_s"] > 0


def test_run_measures_throughput_in_fresh_processes(tmp_path):
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--json", "--only", "throughput", "--sizes", "10,20",
         "--runs", "1", "--work", str(tmp_path / "work")],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert "errors" not in r, r.get("errors")
    assert set(r["throughput"]) == {"10", "20"}
    for fig in r["throughput"].values():
        assert fig["mb"] > 0 and fig["analyse_s"] > 0 and fig["mb_per_s"] > 0
        assert 0 < fig["distinct_lines"] <= 1
    assert r["exponent"] is not None


def test_distinct_lines_counts_repeats_across_files(tmp_path):
    import run

    (tmp_path / "a.txt").write_text("One line.\nTwo line.\n\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("One line.\nThree line.\n", encoding="utf-8")
    assert run.distinct_lines(tmp_path) == 3 / 4
