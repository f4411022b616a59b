"""The timeline: dated sentences from all sources, one calendar, one row per event."""

from briefing.analysis import timeline
from briefing.loader import ArticleInput, build_article
from briefing.model import Analysis, Story


def run(texts, published=None):
    arts = []
    for k, t in enumerate(texts):
        art = build_article(f"s{k}", f"s{k}.txt", ArticleInput(t))
        art.published = (published or [None] * len(texts))[k]
        arts.append(art)
    analysis = Analysis(story=Story(path=None, articles=arts))
    timeline.combine(analysis, [timeline.extract(a) for a in arts])
    return analysis.timeline


def test_events_are_ordered_and_merged_across_sources():
    events = run([
        "The dam was completed in 1987 after ten years of work.\nEngineers found a crack in the dam wall on Tuesday.",
        "Engineers found a crack in the dam wall on March 5, 2024, officials said.\nWork on the dam was completed in 1987, supplying the valley.",
    ], published=["2024-03-07", None])
    assert [e.date for e in events] == ["1987", "2024-03-05"]
    assert events[0].sources == ["s0", "s1"] and events[1].sources == ["s0", "s1"]


def test_background_dates_do_not_make_events():
    events = run(["The party has governed the province since 2011 without a break, analysts noted."])
    assert events == []


def test_unresolved_weekday_is_left_out():
    events = run(["Engineers found a crack in the dam wall on Tuesday, officials said."])
    assert events == []


def test_different_events_of_one_year_stay_apart():
    events = run(["In 2015 the city banned cars from the old town centre.",
                  "In 2015 a fire destroyed the cathedral roof and its organ."])
    assert len(events) == 2 and all(e.date == "2015" for e in events)
