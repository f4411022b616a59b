"""The same story gives the same analysis in every process, whatever Python's hash seed.

Set iteration order changes with PYTHONHASHSEED; a float sum over a set then changes in its last
bits and a borderline similarity can fall either side of a threshold. Found on a 1,000-article
corpus (smaller ones rarely hit a borderline case), so that is what this runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _export(folder: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "BRIEFING_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--format", "json", str(folder)],
        env=env, capture_output=True, text=True, check=True, timeout=900,
    )
    return done.stdout


def test_analysis_does_not_depend_on_the_hash_seed(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "1000", str(tmp_path / "story")],
        check=True, capture_output=True, timeout=300,
    )
    assert _export(tmp_path / "story", "1") == _export(tmp_path / "story", "2")
