"""The briefing as one self-contained HTML page (`briefing export --format html`).

One file with its style inline and no scripts, fonts, images or other external assets, so it can
be mailed or archived and opened offline. Every piece of article-derived text goes through `h()`
(html.escape, quotes included, controls made visible); nothing from an article is ever a tag,
an attribute name or a URL the page loads. Links to the articles are plain `<a href>` restricted
to http(s).
"""

from __future__ import annotations

import html
import re

from briefing.model import Analysis, Claim, Evidence
from briefing.render import visible

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
h3{font-size:1rem;margin-bottom:.2rem}.meta,.src{color:#666;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #eee}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #ccc}
.stance{font-weight:600}.ev{color:#555;font-size:.85rem;margin:.1rem 0 .4rem 1rem}
@media (prefers-color-scheme:dark){body{background:#161616;color:#ddd}.meta,.src,.ev{color:#aaa}th,td{border-color:#333}}
"""


def h(text: object) -> str:
    """Escape untrusted text for element content and quoted attribute values."""
    return html.escape(visible(str(text)), quote=True)


def _href(url: str | None) -> str | None:
    if url and re.fullmatch(r"https?://[^\s\"'<>`]+", url):
        return html.escape(url, quote=True)
    return None


def _src(ids: list[str]) -> str:
    return f' <span class="src">[{h(", ".join(ids))}]</span>' if ids else ""


def _evidence(items: list[Evidence], limit: int = 1) -> str:
    return "".join(f'<div class="ev">{h(e.source)}: “{h(e.text)}”</div>' for e in items[:limit])


def _claims(claims: list[Claim]) -> list[str]:
    return ["<ul>"] + [f"<li>{h(c.text)}{_src(c.sources)}{_evidence(c.evidence)}</li>" for c in claims] + ["</ul>"]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows]
    return out + ["</tbody></table>"]


def to_html(analysis: Analysis) -> str:
    story = analysis.story
    title = analysis.title or story.title or "Untitled story"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No external fetches even if a later edit slips one in.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{h(title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{h(title)}</h1>",
    ]
    meta = []
    if analysis.question:
        meta.append(f"question: {h(analysis.question)}")
    if analysis.subject:
        meta.append(f"about: {h(', '.join(analysis.subject))}")
    meta.append(f"{len(story.articles)} sources")
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')

    if analysis.summary:
        out += ["<h2>Summary</h2>"] + _claims(analysis.summary)

    out.append("<h2>Sources</h2>")
    rows = []
    for a in story.articles:
        headline = h(analysis.headlines.get(a.id) or a.title or "")
        href = _href(a.url)
        if href:
            headline = f'<a href="{href}" rel="noreferrer noopener">{headline}</a>'
        rows.append([h(a.id), headline, h(a.outlet or ""), h(a.published or ""), h(a.lean or ""), str(a.words)])
    out += _table(["source", "headline", "outlet", "date", "lean", "words"], rows)

    shared = [c for c in analysis.claims if len(c.sources) > 1]
    unique = [c for c in analysis.claims if len(c.sources) <= 1]
    if shared:
        out += ["<h2>Claims shared by several sources</h2>"] + _claims(shared)
    if unique:
        out += ["<h2>Claims only one source makes</h2>"] + _claims(unique)

    if analysis.discrepancies:
        out += ["<h2>Discrepancies</h2>", "<ul>"]
        for d in analysis.discrepancies:
            vals = "".join(f"<li>“{h(v)}”{_src(ids)}</li>" for v, ids in d.values.items())
            out.append(f"<li><strong>{h(d.kind)}</strong>: {h(d.what)}<ul>{vals}</ul></li>")
        out.append("</ul>")

    if analysis.quotes:
        out.append("<h2>Quotes by speaker</h2>")
        by_id = {q.id: q for q in analysis.quotes}
        groups, rest = analysis.quotes_by_speaker()
        for sp, quotes in groups:
            role = f" <em>({h(sp.role)})</em>" if sp.role else ""
            org = ' <span class="src">organization</span>' if sp.kind == "organization" else ""
            out.append(f"<h3>{h(sp.name)}{role}{org}</h3>")
            if sp.aliases:
                out.append(f'<p class="meta">also: {h(", ".join(sp.aliases))}</p>')
            for q in quotes:
                part = ' <span class="src">(partial)</span>' if q.partial else ""
                out.append(f"<blockquote>“{h(q.text)}”{part}{_src([q.source])}</blockquote>")
        if rest:
            out.append("<h3>Unattributed or unmatched</h3>")
            out += [
                f"<blockquote>“{h(q.text)}”{' <em>(' + h(q.speaker) + ')</em>' if q.speaker else ''}{_src([q.source])}</blockquote>"
                for q in rest
            ]
        if analysis.quote_variants:
            out += ["<h3>One statement, several renderings</h3>", "<ul>"]
            for v in analysis.quote_variants:
                items = "".join(f"<li>“{h(by_id[i].text)}”{_src([by_id[i].source])}</li>" for i in v.quotes if i in by_id)
                out.append(f"<li>{h(v.speaker)}<ul>{items}</ul></li>")
            out.append("</ul>")

    if analysis.people:
        out += ["<h2>People named</h2>", "<ul>"]
        for p in analysis.people:
            extra = (f", {h(p.role)}" if p.role else "") + (f' <span class="src">(also {h(", ".join(p.aliases))})</span>' if p.aliases else "")
            out.append(f"<li>{h(p.name)}{extra}</li>")
        out.append("</ul>")

    if analysis.countries or analysis.blocs:
        out.append("<h2>Where countries stand</h2>")
        rows = []
        for row, name in [(c, f"{c.name} ({c.code})") for c in analysis.countries] + [(b, f"{b.name} (bloc)") for b in analysis.blocs]:
            by = ", ".join(f"{s}: {v}" for s, v in row.by_source.items()) or ", ".join(row.sources)
            rows.append([h(name), f'<span class="stance">{h(row.stance)}</span>', h("; ".join(row.actions)), str(row.mentions), h(by)])
        out += _table(["country or bloc", "stance", "actions", "mentions", "by source"], rows)

    if analysis.timeline:
        out.append("<h2>Timeline</h2>")
        out += _table(["date", "event", "sources"], [[h(t.date), h(t.text), h(", ".join(t.sources))] for t in analysis.timeline])

    if story.problems:
        out += ["<h2>Load problems</h2>", "<ul>"] + [f"<li><strong>{h(p.file)}</strong>: {h(p.message)}</li>" for p in story.problems] + ["</ul>"]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
