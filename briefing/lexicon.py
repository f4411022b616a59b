"""Word lists the extractors read: speech verbs, honorifics, abbreviations, stance cues...

They live as YAML in `briefing/data/` so that they can grow without touching code. Each file is
read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed contents of `briefing/data/<name>.yaml`."""
    text = resources.files("briefing.data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (safe)


@cache
def words(name: str, key: str | None = None) -> frozenset[str]:
    """A lexicon as a lower-cased set (optionally one key of a mapping file)."""
    data = load(name)
    if key is not None:
        data = data[key]
    return frozenset(str(w).lower() for w in data)
