"""The briefing rendered with Rich for standard output (`briefing print`, non-TTY `briefing`).

Article text is untrusted: it only ever enters Rich as `Text` objects, never as markup.
"""

from __future__ import annotations

import sys

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from briefing.model import Analysis


def _console(width: int | None) -> Console:
    tty = sys.stdout.isatty()
    return Console(width=width or (None if tty else 100), no_color=not tty, highlight=False, emoji=False, markup=False)


def sections(analysis: Analysis) -> list:
    story = analysis.story
    out: list = [Text(analysis.title or "Untitled story", style="bold"), Text("")]
    if analysis.summary:
        out.append(Rule("Summary", align="left"))
        for claim in analysis.summary:
            out.append(Text.assemble("• ", claim.text, (f"  [{', '.join(claim.sources)}]", "dim")))
    out.append(Rule("Sources", align="left"))
    table = Table(box=None, show_header=True, header_style="bold")
    for col in ("source", "headline", "outlet", "date", "words"):
        table.add_column(col, overflow="fold")
    for a in story.articles:
        table.add_row(Text(a.id), Text(analysis.headlines.get(a.id, "")), Text(a.outlet or ""), Text(a.published or ""), str(a.words))
    out.append(table)
    if analysis.speakers:
        out.append(Rule("Quotes by speaker", align="left"))
        for sp in analysis.speakers:
            head = Text(sp.name, style="bold")
            if sp.role:
                head.append(f" ({sp.role})", style="italic")
            out.append(head)
            for qid in sp.quotes:
                q = analysis.quote(qid)
                out.append(Text.assemble("  “", q.text, "”", (f"  [{q.source}]", "dim")))
    return out


def print_briefing(analysis: Analysis, width: int | None = None) -> None:
    _console(width).print(Group(*sections(analysis)))
