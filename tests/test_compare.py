"""Comparison on the bundled story, end to end: what a reader of the seeds must see."""

from briefing.analysis import compare


def test_seeds_discrepancies_cover_every_kind(seeds_analysis):
    kinds = {d.kind for d in seeds_analysis.discrepancies}
    assert {"spelling", "date", "list", "attribution"} <= kinds


def test_seeds_summary_says_what_happened(seeds_analysis):
    summary = seeds_analysis.summary
    assert 3 <= len(summary) <= 6
    first = summary[0]
    assert len(first.sources) == len(seeds_analysis.story.articles)  # every outlet reports it
    assert "first country" in first.text and "2025" in first.text


def test_seeds_summary_has_no_boilerplate(seeds_analysis):
    for claim in seeds_analysis.summary:
        assert "newsletter" not in claim.text.lower()
        assert not claim.text.endswith("?")


def test_extract_is_picklable(seeds_story):
    import pickle

    facts = compare.extract(seeds_story.articles[1])
    again = pickle.loads(pickle.dumps(facts))
    assert again.sentences == facts.sentences and again.lists == facts.lists


def test_timeline_is_ordered(seeds_analysis):
    dates = [e.date for e in seeds_analysis.timeline]
    assert dates == sorted(dates) and dates
