"""Shared fixtures: the bundled story, and a helper to write small stories of our own."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Never touch the user's cache, and never let a cached analysis hide a test's monkeypatch:
# the cache's own tests switch it on for themselves.
os.environ.setdefault("BRIEFING_CACHE_DIR", tempfile.mkdtemp(prefix="briefing-test-cache-"))
os.environ["BRIEFING_NO_CACHE"] = "1"

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def seeds_path() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_story():
    from briefing.loader import load_story

    return load_story(SEEDS)


@pytest.fixture(scope="session")
def seeds_analysis(seeds_story):
    from briefing.analysis import analyse

    return analyse(seeds_story)


@pytest.fixture
def write_story(tmp_path):
    """write_story({"a.txt": "text", ...}) -> the folder; bytes values are written as they are."""

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A private cache folder, switched on whatever the environment says."""
    from briefing import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return folder
