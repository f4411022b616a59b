"""The headline summary: widely reported facts first, each once, no boilerplate; the title."""

from hypothesis import given
from hypothesis import strategies as st

from briefing.analysis import compare
from briefing.loader import ArticleInput, build_article
from briefing.model import Analysis, Story

A = """Storm Lena reached the coast of Portugal on Sunday night, cutting power to 40,000 homes.
The national weather agency had issued a red warning for the whole northern coast.
Sign up for our morning newsletter to get the news first.
The fishing port of Viana was closed to all boats until Tuesday.
"""
B = """Storm Lena hit Portugal's coast on Sunday night and cut power to 40,000 homes, the grid operator said.
The port of Viana was closed to all boats until Tuesday, harbour officials said.
A local bakery gave free bread to families without power.
"""
C = """Power was cut to 40,000 homes when Storm Lena reached the Portuguese coast on Sunday night.
The weather agency had put the whole northern coast under a red warning.
Read more: what to do in a power cut
"""


def analyse(texts, title=""):
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]
    analysis = Analysis(story=Story(path=None, articles=arts), title=title)
    compare.combine(analysis, [compare.extract(a) for a in arts])
    return analysis


def test_most_supported_fact_comes_first_with_its_sources():
    summary = analyse([A, B, C]).summary
    assert "40,000 homes" in summary[0].text
    assert summary[0].sources == ["s0", "s1", "s2"]
    assert {e.source for e in summary[0].evidence} == {"s0", "s1", "s2"}


def test_no_fact_twice_and_no_boilerplate():
    summary = analyse([A, B, C]).summary
    texts = [c.text for c in summary]
    assert sum("40,000" in t for t in texts) == 1
    assert sum("Viana" in t for t in texts) == 1
    assert not any("newsletter" in t or "Read more" in t for t in texts)
    assert 3 <= len(summary) <= 6


def test_evidence_spans_point_at_source_text():
    analysis = analyse([A, B, C])
    texts = {a.id: a.text for a in analysis.story.articles}
    for claim in analysis.summary + analysis.claims:
        for e in claim.evidence:
            assert texts[e.source][e.start : e.end] == e.text


def test_shared_claims_are_listed_before_unique_ones():
    claims = analyse([A, B, C]).claims
    support = [len(c.sources) for c in claims]
    assert support == sorted(support, reverse=True)
    assert any(len(c.sources) == 1 and "bakery" in c.text for c in claims)


def test_title_inferred_from_the_most_central_headline_only_without_story_title():
    heads = ["Storm Lena cuts power to 40,000 homes in Portugal\n", "Storm Lena hits Portugal\n", "Bakery helps families\n"]
    texts = [h + t for h, t in zip(heads, (A, B, C))]
    assert analyse(texts).title in {"Storm Lena cuts power to 40,000 homes in Portugal", "Storm Lena hits Portugal"}
    assert analyse(texts, title="Given").title == "Given"


def test_title_tie_goes_to_the_headline_closest_to_the_summary():
    from briefing.model import Claim

    heads = ["Storm Lena cuts power to coastal homes", "Fishing port shut as weather worsens"]
    summary = [Claim("Storm Lena cut power to 40,000 coastal homes on Sunday.", ["s0", "s1"])]
    assert compare.infer_title(heads, summary) == heads[0]
    assert compare.infer_title(list(reversed(heads)), summary) == heads[0]


def _brute_title(heads, summary):
    """The rule infer_title states, over every pair: what it must equal up to TITLE_SAMPLE headlines."""
    from briefing.analysis import claims

    terms = [set(claims.analyse_text(h)[0]) for h in heads]
    summary_terms = {t for c in summary for t in claims.analyse_text(c.text)[0]}

    def rank(k):
        central = sum(len(terms[k] & terms[j]) / (len(terms[k] | terms[j]) or 1) for j in range(len(heads)) if j != k)
        return (round(central, 6), len(terms[k] & summary_terms), -len(heads[k]))

    return heads[max(range(len(heads)), key=rank)]


@given(st.lists(st.sampled_from(["Storm Lena hits Portugal", "Storm Lena cuts power in Portugal", "Power cut in Lisbon",
                                 "Lisbon bakery reopens", "Storm hits coast", "Portugal storm: power cut"]),
                min_size=2, max_size=40))
def test_title_up_to_the_sample_size_is_the_pairwise_rule(heads):
    from briefing.model import Claim

    summary = [Claim("Storm Lena cut power across Portugal.", ["s0"])]
    assert compare.infer_title(heads, summary) == _brute_title(heads, summary)


def test_title_of_thousands_of_headlines_is_still_the_central_one():
    heads = ["Lisbon bakery reopens", "Fishing fleet stays in port"] * 1500 + ["Storm Lena hits Portugal"] * 2000
    assert len(heads) > 20 * compare.TITLE_SAMPLE
    assert compare.infer_title(heads, []) == "Storm Lena hits Portugal"
