"""Article lists as JSON (`.json`: a list, or {"articles": [...]}) or JSON Lines (`.jsonl`).

Each item has `title`, `text` or `html`, and optionally `url`, `published` and `outlet` (common
synonyms such as `content`, `date`, `source` are accepted, since lists come from many scrapers).
One bad item is skipped with its reason; the rest of the list loads.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.loader import ArticleInput, Unreadable, decode

_TEXT = ("text", "content", "body")
_META = {
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "pubDate", "datetime"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "lean": ("lean",),
}


TOO_DEEP = "nested too deeply to be a list of articles; skipped"


def _skip(reason: str) -> ArticleInput:
    return ArticleInput(text="", meta={"skip": reason})


def _first(obj: dict, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = obj.get(k)
        if isinstance(v, dict):  # {"source": {"name": "Example Wire"}}
            v = v.get("name") or v.get("title")
        if v is not None and not isinstance(v, (list, dict)) and str(v).strip():
            return str(v).strip()
    return None


def item(obj: object) -> ArticleInput:
    """One list entry as an article, or a skip with the reason."""
    if not isinstance(obj, dict):
        return _skip(f"expected an object with title and text, got {type(obj).__name__}")
    meta = {k: v for k, keys in _META.items() if (v := _first(obj, keys)) is not None}
    title = _first(obj, ("title", "headline"))
    text = _first(obj, _TEXT)
    if text is not None:
        text = "\n".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip())
        return ArticleInput(text=text, title=title, meta=meta)
    page = _first(obj, ("html",))
    if page is None:
        return _skip("no text or html")
    from briefing.readers.html import extract

    found = extract(page, url=meta.get("url"))
    if found is None:
        return _skip("its html has no article text")
    merged = {**found.meta, **meta}  # the list's own fields win over what the page says
    return ArticleInput(text=found.text, title=title or found.title, meta=merged)


def read_json(path: Path, data: bytes) -> list[ArticleInput]:
    try:
        doc = json.loads(decode(data))
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON (line {exc.lineno}: {exc.msg}); skipped") from None
    except RecursionError:  # [[[[...]]]] thousands deep: the parser's stack, not ours, gives out
        raise Unreadable(TOO_DEEP) from None
    if isinstance(doc, dict) and str(doc.get("schema", "")).startswith("briefing/"):
        raise Unreadable("a briefing export, not a list of articles; skipped")
    if isinstance(doc, dict):
        for key in ("articles", "items", "entries", "results"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
        else:
            doc = [doc]  # one article on its own
    if not isinstance(doc, list):
        raise Unreadable("expected a list of articles; skipped")
    if not doc:
        raise Unreadable("an empty list of articles; skipped")
    return [item(o) for o in doc]


def read_jsonl(path: Path, data: bytes) -> list[ArticleInput]:
    out = []
    for n, line in enumerate(decode(data).split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(_skip(f"line {n} is not valid JSON ({exc.msg})"))
            continue
        except RecursionError:
            out.append(_skip(f"line {n} is nested too deeply to be an article"))
            continue
        out.append(item(obj))
    if not out:
        raise Unreadable("no articles in it; skipped")
    return out
