"""The briefing rendered with Rich for standard output (`briefing print`, non-TTY `briefing`).

Article text is untrusted: it only ever enters Rich as `Text` objects, never as markup, and its
terminal control characters (escape sequences, C0/C1 controls, bidi overrides) are first made
visible by `visible()`, so that a hostile article cannot recolour, retitle or rewrite the terminal.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from typing import IO

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from briefing.model import Analysis, Claim

from briefing.safe_text import one_line, visible  # noqa: F401 (one_line re-exported for callers)


def T(text: object, style: str = "") -> Text:
    """A Text from untrusted content (never markup)."""
    return Text(visible(str(text)), style=style)


def _console(width: int | None, file: IO[str] | None = None) -> Console:
    out = file or sys.stdout
    tty = out.isatty() if hasattr(out, "isatty") else False
    return Console(
        file=out,
        width=width or (None if tty else 100),
        no_color=not tty,
        force_terminal=tty,
        highlight=False,
        emoji=False,
        markup=False,
    )


def _section(name: str) -> Group:
    return Group(Text(""), Rule(Text(name, style="bold"), align="left"))


LISTED = 12  # sources named in one line or cell; past this, the first few and a count


def listed(ids: list[str]) -> str:
    """Source ids for a reader: all of a handful, or the first few and how many more (a claim
    of a 10,000-article story may have thousands; the JSON export keeps every one)."""
    if len(ids) <= LISTED:
        return ", ".join(ids)
    return f"{', '.join(ids[: LISTED - 2])} and {len(ids) - LISTED + 2:,} more"


def by_source(row) -> str:
    """Each source's stance, or past LISTED sources how many take each stance."""
    if len(row.by_source) > LISTED:
        counts = Counter(row.by_source.values())
        return ", ".join(f"{stance}: {n:,} sources" for stance, n in counts.most_common())
    return ", ".join(f"{s}: {v}" for s, v in row.by_source.items()) or listed(row.sources)


def _sources(ids: list[str]) -> Text:
    return T(f"  [{listed(ids)}]", "dim")


def _claims(claims: list[Claim]) -> list[Text]:
    return [Text.assemble("• ", T(c.text), _sources(c.sources)) for c in claims]


def _table(*columns: str) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def sections(analysis: Analysis) -> list:
    """Every section of the analysis, in reading order, as Rich renderables."""
    story = analysis.story
    out: list = [T(analysis.title or story.title or "Untitled story", "bold")]
    about = []
    if analysis.question:
        about.append(f"question: {analysis.question}")
    if analysis.subject:
        about.append(f"about: {', '.join(analysis.subject)}")
    about.append(f"{len(story.articles)} source{'s' if len(story.articles) != 1 else ''}")
    out.append(T(" · ".join(about), "italic"))

    if analysis.summary:
        out.append(_section("Summary"))
        out += _claims(analysis.summary)

    out.append(_section("Sources"))
    table = _table("source", "headline", "outlet", "date", "lean", "words")
    for a in story.articles:
        table.add_row(
            T(a.id),
            T(analysis.headlines.get(a.id) or a.title or ""),
            T(a.outlet or ""),
            T(a.published or ""),
            T(a.lean or ""),
            str(a.words),
        )
    out.append(table)

    shared = [c for c in analysis.claims if len(c.sources) > 1]
    unique = [c for c in analysis.claims if len(c.sources) <= 1]
    if shared:
        out.append(_section("Claims shared by several sources"))
        out += _claims(shared)
    if unique:
        out.append(_section("Claims only one source makes"))
        out += _claims(unique)

    if analysis.discrepancies:
        out.append(_section("Discrepancies"))
        for d in analysis.discrepancies:
            out.append(Text.assemble(T(d.kind, "bold"), ": ", T(d.what)))
            for version, ids in d.values.items():
                out.append(Text.assemble("  “", T(version), "”", _sources(ids)))

    if analysis.quotes:
        out.append(_section("Quotes by speaker"))
        by_id = {q.id: q for q in analysis.quotes}
        groups, rest = analysis.quotes_by_speaker()
        for sp, quotes in groups:
            head = T(sp.name, "bold")
            if sp.role:
                head.append_text(T(f" ({sp.role})", "italic"))
            if sp.kind == "organization":
                head.append(" — organization", style="dim")
            out.append(head)
            if sp.aliases:
                out.append(Text.assemble(("  also: ", "dim"), T(", ".join(sp.aliases), "dim")))
            for q in quotes:
                out.append(Text.assemble("  “", T(q.text), "”", (" (partial)" if q.partial else "", "dim"), _sources([q.source])))
        if rest:
            out.append(Text("Unattributed or unmatched", style="bold"))
            for q in rest:
                out.append(Text.assemble("  “", T(q.text), "”", T(f" ({q.speaker})" if q.speaker else "", "italic"), _sources([q.source])))
        if analysis.quote_variants:
            out.append(Text("One statement, several renderings", style="bold"))
            for v in analysis.quote_variants:
                out.append(Text.assemble("  ", T(v.speaker, "italic")))
                for qid in v.quotes:
                    if qid in by_id:
                        out.append(Text.assemble("    “", T(by_id[qid].text), "”", _sources([by_id[qid].source])))

    if analysis.people:
        out.append(_section("People named"))
        for p in analysis.people:
            line = Text.assemble("• ", T(p.name))
            if p.role:
                line.append_text(T(f", {p.role}"))
            if p.aliases:
                line.append_text(T(f" (also {', '.join(p.aliases)})", "dim"))
            out.append(line)

    if analysis.countries or analysis.blocs:
        out.append(_section("Where countries stand"))
        table = _table("country or bloc", "stance", "actions", "mentions", "by source")
        for row, name in [(c, f"{c.name} ({c.code})") for c in analysis.countries] + [
            (b, f"{b.name} (bloc)") for b in analysis.blocs
        ]:
            table.add_row(T(name), T(row.stance), T("; ".join(row.actions)), str(row.mentions), T(by_source(row), "dim"))
        out.append(table)

    if analysis.timeline:
        out.append(_section("Timeline"))
        table = _table("date", "event", "sources")
        for t in analysis.timeline:
            table.add_row(T(t.date), T(t.text), T(listed(t.sources), "dim"))
        out.append(table)

    if story.problems:
        out.append(_section("Load problems"))
        for p in story.problems:
            out.append(Text.assemble("• ", Text(one_line(p.file), "bold"), ": ", Text(one_line(p.message))))
    return out


def print_briefing(analysis: Analysis, width: int | None = None, file: IO[str] | None = None) -> None:
    """Each section's pieces are rendered and written in turn (what one Group of them all would
    give): a big story's output starts at once and is never held whole."""
    out = file or sys.stdout
    console = _console(width, out)
    if console.is_terminal:
        for item in sections(analysis):
            console.print(item)
        return
    # Plain text for pipes and mail: no styles, and no padding spaces at the ends of lines.
    for item in sections(analysis):
        with console.capture() as capture:
            console.print(item)
        out.write("\n".join(line.rstrip() for line in capture.get().split("\n")))
