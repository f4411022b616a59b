"""The briefing as Markdown (`briefing export --format md`): every section, tables where it tabulates.

All article-derived text is untrusted: it is backslash-escaped so that it cannot open emphasis,
links, tables, headings or raw HTML, and terminal control characters are made visible, so that
neither a Markdown renderer nor `cat` on a terminal interprets it.
"""

from __future__ import annotations

import re

from briefing.model import Analysis, Claim, Evidence
from briefing.render import visible

_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~&!{}])")
_LINE_START = re.compile(r"^(\s*)([-+=>])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def esc(text: object) -> str:
    """Inline-safe Markdown for untrusted text: one line, every special character escaped."""
    s = visible(str(text)).replace("\t", " ")
    s = " ".join(s.split("\n"))
    s = _SPECIALS.sub(r"\\\1", s)
    s = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), s)  # "1\." : a digit takes no escape
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def cell(text: object) -> str:
    """A table cell: escaped (pipes included) and never empty-looking."""
    s = esc(text)
    return s if s.strip() else " "


def link(url: str) -> str:
    """A URL shown as text, not followed by a renderer unless it is plainly http(s)."""
    if re.fullmatch(r"https?://[^\s<>()\[\]`\\]+", url):
        return f"<{url}>"
    return esc(url)


def quote_block(text: str) -> str:
    """Untrusted text as a block quote, its paragraphs kept."""
    lines = visible(text).split("\n")
    return "\n".join("> " + esc(line) if line.strip() else ">" for line in lines)


def _sources(ids: list[str]) -> str:
    return ", ".join(esc(i) for i in ids)


def _evidence(items: list[Evidence], limit: int = 2) -> list[str]:
    return [f"  - {esc(e.source)} ({e.start}–{e.end}): “{esc(e.text)}”" for e in items[:limit]]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def _claims(claims: list[Claim]) -> list[str]:
    out = []
    for c in claims:
        out.append(f"- {esc(c.text)} — _{_sources(c.sources)}_")
        out += _evidence(c.evidence, 1)
    return out


def to_markdown(analysis: Analysis) -> str:
    story = analysis.story
    out: list[str] = [f"# {esc(analysis.title or story.title or 'Untitled story')}", ""]
    facts = []
    if analysis.question:
        facts.append(f"- **Question:** {esc(analysis.question)}")
    if analysis.subject:
        facts.append(f"- **About:** {esc(', '.join(analysis.subject))}")
    facts.append(f"- **Sources:** {len(story.articles)}")
    out += facts + [""]

    if analysis.summary:
        out += ["## Summary", ""] + _claims(analysis.summary) + [""]

    out += ["## Sources", ""]
    rows = [
        [
            cell(a.id),
            cell(analysis.headlines.get(a.id) or a.title or ""),
            cell(a.outlet or ""),
            cell(a.published or ""),
            cell(a.lean or ""),
            str(a.words),
            link(a.url) if a.url else " ",
        ]
        for a in story.articles
    ]
    out += _table(["source", "headline", "outlet", "date", "lean", "words", "url"], rows) + [""]

    shared = [c for c in analysis.claims if len(c.sources) > 1]
    unique = [c for c in analysis.claims if len(c.sources) <= 1]
    if shared:
        out += ["## Claims shared by several sources", ""] + _claims(shared) + [""]
    if unique:
        out += ["## Claims only one source makes", ""] + _claims(unique) + [""]

    if analysis.discrepancies:
        out += ["## Discrepancies", ""]
        for d in analysis.discrepancies:
            out.append(f"- **{esc(d.kind)}** — {esc(d.what)}")
            for version, ids in d.values.items():
                out.append(f"  - “{esc(version)}”: {_sources(ids)}")
        out.append("")

    if analysis.quotes:
        out += ["## Quotes by speaker", ""]
        by_id = {q.id: q for q in analysis.quotes}
        groups, rest = analysis.quotes_by_speaker()
        for sp, quotes in groups:
            head = f"### {esc(sp.name)}"
            if sp.role:
                head += f" ({esc(sp.role)})"
            if sp.kind == "organization":
                head += " — organization"
            out += [head, ""]
            if sp.aliases:
                out += [f"_Also:_ {esc(', '.join(sp.aliases))}", ""]
            for q in quotes:
                tag = " (partial)" if q.partial else ""
                out.append(f"- “{esc(q.text)}”{tag} — _{esc(q.source)}_")
            out.append("")
        if rest:
            out += ["### Unattributed or unmatched", ""]
            out += [f"- “{esc(q.text)}” — _{esc(q.source)}_" + (f" ({esc(q.speaker)})" if q.speaker else "") for q in rest]
            out.append("")
        if analysis.quote_variants:
            out += ["### One statement, several renderings", ""]
            for v in analysis.quote_variants:
                texts = [by_id[i] for i in v.quotes if i in by_id]
                out.append(f"- **{esc(v.speaker)}**")
                out += [f"  - “{esc(q.text)}” — _{esc(q.source)}_" for q in texts]
            out.append("")

    if analysis.people:
        out += ["## People named", ""]
        for p in analysis.people:
            line = f"- {esc(p.name)}"
            if p.role:
                line += f", {esc(p.role)}"
            if p.aliases:
                line += f" (also {esc(', '.join(p.aliases))})"
            out.append(line)
        out.append("")

    if analysis.countries or analysis.blocs:
        out += ["## Where countries stand", ""]
        rows = [
            [
                cell(f"{c.name} ({c.code})"),
                cell(c.stance),
                cell("; ".join(c.actions)),
                str(c.mentions),
                cell(", ".join(f"{s}: {v}" for s, v in c.by_source.items()) or ", ".join(c.sources)),
            ]
            for c in analysis.countries
        ]
        rows += [
            [
                cell(f"{b.name} (bloc)"),
                cell(b.stance),
                cell("; ".join(b.actions)),
                str(b.mentions),
                cell(", ".join(f"{s}: {v}" for s, v in b.by_source.items()) or ", ".join(b.sources)),
            ]
            for b in analysis.blocs
        ]
        out += _table(["country or bloc", "stance", "actions", "mentions", "sources"], rows) + [""]

    if analysis.timeline:
        out += ["## Timeline", ""]
        rows = [[cell(t.date), cell(t.text), cell(", ".join(t.sources))] for t in analysis.timeline]
        out += _table(["date", "event", "sources"], rows) + [""]

    if story.problems:
        out += ["## Load problems", ""] + [f"- {esc(p.file)}: {esc(p.message)}" for p in story.problems] + [""]
    return "\n".join(out).rstrip("\n") + "\n"
