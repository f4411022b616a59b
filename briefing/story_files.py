"""Which files make a story, found without reading any of them.

Kept apart from `loader` (which imports PyYAML, the model and the segmenter) so that `briefing
PATH` can refuse a plainly unusable path before the app takes the screen, at almost no cost to
the app's first paint.
"""

from __future__ import annotations

from pathlib import Path

STORY_FILE = "story.yaml"
# The file kinds `loader.READERS` reads (a test keeps the two equal).
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})


class StoryError(Exception):
    """The story cannot be loaded at all (missing path, nothing readable)."""


def article_files(folder: Path) -> list[Path]:
    """Article files in a folder, sorted by name so that the story does not depend on disk order."""
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name == STORY_FILE:
            continue
        if entry.suffix.lower() in ARTICLE_SUFFIXES:
            out.append(entry)
    return out


def default_story_path() -> Path:
    """The bundled story: inside the installed package, or the checkout's seeds/ in development."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise StoryError("the bundled default story is missing from this installation")
