"""A small hand-built story and Analysis for the TUI tests, independent of the analysis' output.

Every Evidence and Quote is located by searching the article text, so offsets always point at
the words they claim to (checked by the tests at the bottom).
"""

from __future__ import annotations

from pathlib import Path

from briefing import segment
from briefing.model import (
    Analysis,
    Article,
    BlocRow,
    Claim,
    CountryRow,
    Discrepancy,
    Evidence,
    Quote,
    QuoteVariant,
    Speaker,
    Story,
    TimelineEvent,
)

TEXTS = {
    "alpha": (
        "Norland opens its northern port to Vesterland ships\n"
        "Norland agreed on 3 March 2024 to open the port of Skarv to ships from Vesterland. "
        "The deal was signed in Skarv by trade minister Ana Berg.\n"
        "\"This port will carry our grain for the next decade,\" Berg said at the ceremony. "
        "Osterland criticised the agreement as a threat to fishing.\n"
        "The European Union welcomed the step. Talks began in January 2023."
    ),
    "beta": (
        "Vesterland and Norland sign port deal\n"
        "Vesterland and Norland signed a deal on 4 March 2024 that opens Skarv to Vesterland ships. "
        "Trade minister Anna Berg signed for Norland.\n"
        "\"This harbour will carry our grain for a decade,\" Berg told reporters. "
        "Osterland's foreign ministry said it opposed the deal.\n"
        "The fishing union called it a betrayal."
    ),
    "gamma": (
        "Skarv deal draws protest\n"
        "Fishermen protested in Skarv on Friday against the port deal with Vesterland.\n"
        "\"We were never asked,\" said Lars Holm, who leads the fishing union. "
        "The European Union welcomed the step.\n"
        + " ".join(f"Paragraph filler sentence number {i} keeps the reader long enough to scroll." for i in range(40))
        + "\nThe last line mentions Skarv once more."
    ),
}
OUTLETS = {"alpha": "Norland Post", "beta": "Vester Daily", "gamma": "Coast Wire"}
DATES = {"alpha": "2024-03-03", "beta": "2024-03-04", "gamma": None}


def make_story(path: Path = Path("/tmp/tui-fixture")) -> Story:
    articles = []
    for aid, text in TEXTS.items():
        paras = segment.paragraphs(text)
        sents = segment.sentences(text, paras)
        articles.append(
            Article(id=aid, file=f"{aid}.txt", text=text, title=text.split("\n")[0], paragraphs=paras, sentences=sents,
                    outlet=OUTLETS[aid], published=DATES[aid])
        )
    return Story(path=path, articles=articles, title="The Skarv port deal")


def ev(story: Story, source: str, words: str, nth: int = 0) -> Evidence:
    text = story.article(source).text
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Evidence(source, start, start + len(words), words)


def quote(story: Story, qid: str, source: str, words: str, speaker: str | None, cue: str | None = None) -> Quote:
    e = ev(story, source, words)
    return Quote(qid, source, speaker, words, False, e.start, e.end, cue)


def make_analysis(story: Story | None = None) -> Analysis:
    story = story or make_story()
    a = Analysis(story=story, title="The Skarv port deal", subject=["NL"], question="opening the port of Skarv")
    a.headlines = {art.id: art.title for art in story.articles}
    a.summary = [
        Claim("Norland opened the port of Skarv to Vesterland ships.", ["alpha", "beta"],
              [ev(story, "alpha", "Norland agreed on 3 March 2024 to open the port of Skarv to ships from Vesterland."),
               ev(story, "beta", "Vesterland and Norland signed a deal on 4 March 2024 that opens Skarv to Vesterland ships.")]),
        Claim("Fishermen protested against the deal.", ["gamma"], [ev(story, "gamma", "Fishermen protested in Skarv on Friday")]),
    ]
    a.quotes = [
        quote(story, "q1", "alpha", "This port will carry our grain for the next decade,", "Ana Berg", "Berg said"),
        quote(story, "q2", "beta", "This harbour will carry our grain for a decade,", "Ana Berg", "Berg told reporters"),
        quote(story, "q3", "gamma", "We were never asked,", "Lars Holm", "said Lars Holm"),
    ]
    a.speakers = [
        Speaker("Ana Berg", ["Anna Berg"], "trade minister", quotes=["q1", "q2"], forms={"Ana Berg": ["alpha"], "Anna Berg": ["beta"]}),
        Speaker("Lars Holm", [], "head of the fishing union", quotes=["q3"]),
    ]
    a.quote_variants = [QuoteVariant("Ana Berg", ["q1", "q2"])]
    a.countries = [
        CountryRow("Norland", "NL", "subject", ["opened the port"], 4, ["alpha", "beta"],
                   [ev(story, "alpha", "Norland agreed on 3 March 2024")], {"alpha": "subject", "beta": "subject"}),
        CountryRow("Osterland", "OL", "opposed", ["criticised the agreement"], 2, ["alpha", "beta"],
                   [ev(story, "alpha", "Osterland criticised the agreement"), ev(story, "beta", "Osterland's foreign ministry said it opposed the deal")],
                   {"alpha": "critical", "beta": "opposed"}),
        CountryRow("Vesterland", "VL", "supportive", ["signed the deal"], 3, ["alpha", "beta"],
                   [ev(story, "beta", "Vesterland and Norland signed a deal")], {"beta": "supportive"}),
    ]
    a.blocs = [BlocRow("European Union", "supportive", ["welcomed the step"], 2, ["alpha", "gamma"],
                       [ev(story, "alpha", "The European Union welcomed the step."), ev(story, "gamma", "The European Union welcomed the step.")],
                       {"alpha": "supportive", "gamma": "supportive"})]
    a.claims = [
        Claim("The deal opens Skarv to Vesterland ships.", ["alpha", "beta"],
              [ev(story, "alpha", "Norland agreed on 3 March 2024 to open the port of Skarv to ships from Vesterland."),
               ev(story, "beta", "Vesterland and Norland signed a deal on 4 March 2024 that opens Skarv to Vesterland ships.")]),
        Claim("The European Union welcomed the step.", ["alpha", "gamma"],
              [ev(story, "alpha", "The European Union welcomed the step."), ev(story, "gamma", "The European Union welcomed the step.")]),
        Claim("The fishing union called it a betrayal.", ["beta"], [ev(story, "beta", "The fishing union called it a betrayal.")]),
    ]
    a.discrepancies = [
        Discrepancy("date", "when the deal was signed", {"3 March 2024": ["alpha"], "4 March 2024": ["beta"]},
                    [ev(story, "alpha", "3 March 2024"), ev(story, "beta", "4 March 2024")]),
        Discrepancy("spelling", "the trade minister's name", {"Ana Berg": ["alpha"], "Anna Berg": ["beta"]},
                    [ev(story, "alpha", "Ana Berg"), ev(story, "beta", "Anna Berg")]),
    ]
    a.timeline = [
        TimelineEvent("2023-01", "Talks began.", ["alpha"], [ev(story, "alpha", "Talks began in January 2023.")]),
        TimelineEvent("2024-03-03", "The port deal was signed.", ["alpha", "beta"],
                      [ev(story, "alpha", "3 March 2024"), ev(story, "beta", "4 March 2024")]),
    ]
    return a


# -- the fixture itself must be right, or every test built on it proves nothing ------------------


def test_every_span_points_at_its_text():
    a = make_analysis()
    spans = [e for c in a.summary + a.claims for e in c.evidence]
    spans += [e for r in a.countries + a.blocs for e in r.evidence]
    spans += [e for d in a.discrepancies for e in d.evidence] + [e for t in a.timeline for e in t.evidence]
    assert spans
    for e in spans:
        assert a.story.article(e.source).text[e.start : e.end] == e.text
    for q in a.quotes:
        assert a.story.article(q.source).text[q.start : q.end] == q.text
