"""The JSON export, schema `briefing/1` (shared/spec/export-json.md). Extra keys may be added."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict

from briefing.model import Analysis, Evidence

SCHEMA = "briefing/1"


def _evidence(items) -> list[dict]:
    # (dataclasses.asdict deep-copies field by field: a third of the export's time at 10,000 articles)
    return [{"source": e.source, "start": e.start, "end": e.end, "text": e.text} if type(e) is Evidence else asdict(e)
            for e in items]  # fmt: skip


def to_dict(analysis: Analysis) -> dict:
    """The whole export as one dict (the long lists made in full)."""
    return _full(_sections(analysis))


def _full(value):
    if isinstance(value, Iterator):
        return list(value)
    if isinstance(value, dict):
        return {k: _full(v) for k, v in value.items()}
    return value


def _sections(analysis: Analysis) -> dict:
    """The export's top level; its long lists are generators, made one item at a time as written."""
    story = analysis.story
    return {
        "schema": SCHEMA,
        "story": {
            "title": analysis.title,
            "subject": list(analysis.subject),
            "question": analysis.question,
            "summary": [{"text": c.text, "sources": list(c.sources), "evidence": _evidence(c.evidence)} for c in analysis.summary],
        },
        "sources": (
            {
                "id": a.id,
                "file": a.file,
                "headline": analysis.headlines.get(a.id, a.title or ""),
                "title": a.title,
                "outlet": a.outlet,
                "url": a.url,
                "published": a.published,
                "lean": a.lean,
                "words": a.words,
            }
            for a in story.articles
        ),
        "quotes": (
            {
                "id": q.id,
                "source": q.source,
                "speaker": q.speaker,
                "text": q.text,
                "partial": q.partial,
                "start": q.start,
                "end": q.end,
                "cue": q.cue,
            }
            for q in analysis.quotes
        ),
        "speakers": (
            {"name": s.name, "aliases": list(s.aliases), "role": s.role, "kind": s.kind, "quotes": list(s.quotes), "forms": dict(s.forms)}
            for s in analysis.speakers
        ),
        "people": ({"name": p.name, "aliases": list(p.aliases), "role": p.role, "forms": dict(p.forms)} for p in analysis.people),
        "quote_variants": [{"speaker": v.speaker, "quotes": list(v.quotes)} for v in analysis.quote_variants],
        "countries": (
            {
                "name": c.name,
                "code": c.code,
                "stance": c.stance,
                "actions": list(c.actions),
                "cameo": list(c.cameo),
                "mentions": c.mentions,
                "sources": list(c.sources),
                "by_source": dict(c.by_source),
                "evidence": _evidence(c.evidence),
            }
            for c in analysis.countries
        ),
        "blocs": (
            {
                "name": b.name,
                "stance": b.stance,
                "actions": list(b.actions),
                "cameo": list(b.cameo),
                "mentions": b.mentions,
                "sources": list(b.sources),
                "by_source": dict(b.by_source),
                "evidence": _evidence(b.evidence),
            }
            for b in analysis.blocs
        ),
        "discrepancies": (
            {"kind": d.kind, "what": d.what, "values": {k: list(v) for k, v in d.values.items()}, "evidence": _evidence(d.evidence)}
            for d in analysis.discrepancies
        ),
        "comparison": {
            "claims": ({"text": c.text, "sources": list(c.sources), "evidence": _evidence(c.evidence)} for c in analysis.claims)
        },
        "timeline": (
            {"date": t.date, "text": t.text, "sources": list(t.sources), "evidence": _evidence(t.evidence)} for t in analysis.timeline
        ),
        "problems": [{"file": p.file, "message": p.message} for p in story.problems],
    }


# Kept in the strings but written as \u escapes, so that `cat` of the file on a terminal shows no
# C1 control or bidi override from an article (json.dumps already escapes C0). Outside strings the
# output is ASCII, so replacing these characters anywhere is exact.
_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)  # what json.dumps(..., indent=2) uses


def chunks(analysis: Analysis) -> Iterator[str]:
    """The export as `json.dumps(to_dict(analysis), ensure_ascii=False, indent=2)` would write it,
    in pieces: each item of a long list is encoded on its own and indented to its depth (JSON
    strings hold no raw newline, so indenting after every newline is exact). A 10,000-article
    story's 130 MB of JSON is then never held whole, nor its dicts all at once."""
    for piece in _stream(_sections(analysis), 0):
        yield _RAW.sub(_escape, piece)
    yield "\n"


def _stream(value, level: int) -> Iterator[str]:
    pad = "\n" + "  " * level
    inner = pad + "  "
    if isinstance(value, dict) and any(isinstance(v, (Iterator, dict)) for v in value.values()):
        yield "{"
        for n, (k, v) in enumerate(value.items()):
            yield ("," if n else "") + inner + _ENCODER.encode(k) + ": "
            yield from _stream(v, level + 1)
        yield pad + "}"  # (a dict here has entries: an empty one is encoded whole below)
    elif isinstance(value, Iterator):
        n = -1
        for n, item in enumerate(value):
            yield ("," if n else "[") + inner + _ENCODER.encode(item).replace("\n", inner)
        yield "[]" if n < 0 else pad + "]"
    else:
        yield _ENCODER.encode(value).replace("\n", pad)


def dumps(analysis: Analysis) -> str:
    return "".join(chunks(analysis))
