"""A small hand-built Analysis using every field of the model, for the print and export tests.

Built by hand (not by the pipeline) so these tests check rendering, not the analysis of the day.
`hostile=True` puts markup, escape sequences and HTML into every untrusted string.
"""

from __future__ import annotations

from pathlib import Path

from briefing.model import (
    Analysis,
    Article,
    BlocRow,
    Claim,
    CountryRow,
    Discrepancy,
    Evidence,
    LoadProblem,
    Person,
    Quote,
    QuoteVariant,
    Speaker,
    Story,
    TimelineEvent,
)

# Each one tries a different way out of its context: Rich markup, an SGR colour, an OSC window
# title, a C1 CSI, a right-to-left override, raw HTML, Markdown emphasis, link and table syntax.
EVIL = "[bold red]x[/] \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x9b2J \u202eevil <script>alert(1)</script> **b** [l](javascript:alert(1)) a|b"


def sample_analysis(hostile: bool = False) -> Analysis:
    e = (lambda s: f"{s} {EVIL}") if hostile else (lambda s: s)
    a_text = "Harbor Gazette\nThe lighthouse on Pell Island reopened on 3 May 2024.\nMayor Ruth Okafor said: \"It guides us home.\""
    b_text = "The Pell Island light shone again on 4 May 2024, officials said.\nOkafor called it \"our old friend\"."
    a = Article(id="gazette", file=e("gazette.txt"), text=a_text, title=e("Lighthouse reopens"), outlet=e("Harbor Gazette"),
                url="https://example.org/light", published="2024-05-03", lean="center")
    b = Article(id="courier", file="courier.md", text=b_text, title="Pell light shines again", outlet="Island Courier",
                published="2024-05-04")
    story = Story(path=Path("/nonexistent/story"), articles=[a, b], title=e("Pell Island lighthouse"),
                  problems=[LoadProblem(e("broken.html"), e("no article text found"))])
    ev = Evidence("gazette", 15, 68, "The lighthouse on Pell Island reopened on 3 May 2024.")
    return Analysis(
        story=story,
        title=e("Pell Island lighthouse reopens"),
        subject=["XP"],
        question=e("reopening of the lighthouse"),
        headlines={"gazette": e("Lighthouse reopens"), "courier": "Pell light shines again"},
        summary=[Claim(e("The Pell Island lighthouse reopened in May 2024."), ["gazette", "courier"], [ev])],
        quotes=[
            Quote("q1", "gazette", "Ruth Okafor", e("It guides us home."), False, 100, 118, "Mayor Ruth Okafor said"),
            Quote("q2", "courier", "Ruth Okafor", "our old friend", True, 80, 94, "Okafor called it"),
            Quote("q3", "courier", None, e("Unclaimed words"), False, 0, 5),
        ],
        speakers=[Speaker(e("Ruth Okafor"), aliases=[e("Okafor")], role=e("Mayor of Pell"), quotes=["q1", "q2"]),
                  Speaker("Harbor Board", kind="organization")],
        people=[Person(e("Sven Lind"), aliases=["Lind"], role=e("keeper"))],
        quote_variants=[QuoteVariant("Ruth Okafor", ["q1", "q2"])],
        countries=[CountryRow(e("Pellonia"), "XP", "subject", actions=[e("reopened the light")], mentions=3,
                              sources=["gazette", "courier"], evidence=[ev], by_source={"gazette": "subject", "courier": "subject"}),
                   CountryRow("Nordmark", "XN", "critical", actions=["objected"], mentions=1, sources=["courier"])],
        blocs=[BlocRow(e("Harbor League"), "supportive", actions=["welcomed it"], mentions=1, sources=["gazette"])],
        claims=[Claim(e("The lighthouse reopened."), ["gazette", "courier"], [ev]),
                Claim(e("Officials spoke about it."), ["courier"])],
        discrepancies=[Discrepancy("date", e("When it reopened"), {e("3 May 2024"): ["gazette"], "4 May 2024": ["courier"]}, [ev])],
        timeline=[TimelineEvent("2024-05-03", e("The lighthouse reopens."), ["gazette"], [ev]),
                  TimelineEvent("2024-05", "Celebrations on the island.", ["courier"])],
    )


# Strings every rendering of the sample must contain: one from each section of the model.
EVERY_SECTION = [
    "Pell Island lighthouse reopens",  # title
    "reopening of the lighthouse",  # question
    "XP",  # subject
    "The Pell Island lighthouse reopened in May 2024.",  # summary
    "Harbor Gazette",  # source outlet
    "Pell light shines again",  # headline
    "2024-05-04",  # published
    "The lighthouse reopened.",  # shared claim
    "Officials spoke about it.",  # unique claim
    "When it reopened",  # discrepancy
    "4 May 2024",  # discrepancy value
    "Ruth Okafor",  # speaker
    "Mayor of Pell",  # role
    "It guides us home.",  # quote
    "our old friend",  # second quote
    "Unclaimed words",  # unattributed quote
    "Harbor Board",  # organisation speaker
    "Sven Lind",  # person
    "Pellonia",  # country
    "reopened the light",  # country action
    "critical",  # stance
    "Harbor League",  # bloc
    "Celebrations on the island.",  # timeline
    "2024-05-03",  # timeline date
    "broken.html",  # load problem
]
