"""The country stance table across sources: rows, stances, subject, question, evidence, blocs."""

from __future__ import annotations

import pickle

import pytest

from briefing.analysis import countries
from briefing.loader import load_story
from briefing.model import Analysis

RECOGNITION = {
    "a.txt": (
        "Peru recognizes the new government of Bolivia\n"
        "Peru formally recognized the new government of Bolivia on Monday, the first country to do so.\n"
        "Chile has yet to recognize the government. Canada imposed sanctions on Bolivian officials.\n"
        "Brazil and Colombia have appointed ambassadors to La Paz. The talks took place in Central Asia.\n"
    ),
    "b.txt": (
        "Lima becomes first to recognize Bolivian government\n"
        "Peru has recognized the new government of Bolivia, the foreign ministry in Lima said.\n"
        "Brazil welcomed the decision. The European Union criticized the move.\n"
        "Michael Jordan, a fan, watched from Europe.\n"
    ),
}


def table(write_story, files: dict[str, str]) -> Analysis:
    story = load_story(write_story(files))
    analysis = Analysis(story=story)
    countries.combine(analysis, [countries.extract(a) for a in story.articles])
    return analysis


def rows(analysis: Analysis) -> dict[str, str]:
    return {r.code: r.stance for r in analysis.countries}


def test_rows_and_stances(write_story):
    analysis = table(write_story, RECOGNITION)
    assert rows(analysis) == {
        "BO": "subject",
        "PE": "supportive",
        "CL": "neutral",  # "has yet to recognize" is no recognition
        "CA": "opposed",
        "BR": "supportive",  # welcomed (2) outweighs one ambassador (1)
        "CO": "engaged",
    }


def test_subject_and_question(write_story):
    analysis = table(write_story, RECOGNITION)
    assert analysis.subject == ["BO"]
    assert analysis.question == "recognition of the new government"
    assert analysis.countries[0].code == "BO"  # the subject heads the table


def test_no_rows_for_regions_or_people(write_story):
    analysis = table(write_story, RECOGNITION)
    assert not {"JO"} & set(rows(analysis))
    assert all(r.name not in ("Europe", "Central Asia") for r in analysis.countries)


def test_by_source_shows_where_sources_differ(write_story):
    analysis = table(write_story, RECOGNITION)
    brazil = next(r for r in analysis.countries if r.code == "BR")
    assert brazil.by_source == {"a": "engaged", "b": "supportive"}
    assert brazil.sources == ["a", "b"]


def test_actions_cameo_and_evidence(write_story):
    analysis = table(write_story, RECOGNITION)
    peru = next(r for r in analysis.countries if r.code == "PE")
    assert peru.actions[0].startswith("recognized")
    assert peru.cameo[0] == "054"
    assert len(peru.cameo) == len(peru.actions)
    assert peru.mentions == 5  # Peru three times, Lima twice
    for ev in peru.evidence:
        assert analysis.story.article(ev.source).text[ev.start : ev.end] == ev.text
    assert any("formally recognized" in ev.text for ev in peru.evidence)
    chile = next(r for r in analysis.countries if r.code == "CL")
    assert chile.actions == ["yet to recognize the government"]


def test_blocs_have_their_own_rows(write_story):
    analysis = table(write_story, RECOGNITION)
    assert [(b.name, b.stance) for b in analysis.blocs] == [("European Union", "critical")]
    assert "European Union" not in {r.name for r in analysis.countries}


def test_ceasefire_has_two_subjects(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Ceasefire between Armenia and Azerbaijan holds\n"
                "A ceasefire between Armenia and Azerbaijan held on Tuesday after talks brokered by Qatar.\n"
                "France welcomed the truce.\n"
            ),
            "b.txt": "Truce holds\nThe ceasefire between Armenia and Azerbaijan held for a second day.\n",
        },
    )
    assert sorted(analysis.subject) == ["AM", "AZ"]
    assert analysis.question == "ceasefire between Armenia and Azerbaijan"
    assert rows(analysis)["QA"] == "supportive"  # brokered: a mediator, not a party
    assert rows(analysis)["FR"] == "supportive"


def test_trade_dispute_question_is_the_object(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Washington imposes new tariffs on Chinese steel\n"
                "The United States imposed new tariffs on Chinese steel on Friday.\n"
                "China condemned the tariffs. Japan said nothing.\n"
            )
        },
    )
    assert analysis.question == "tariffs on China"
    assert analysis.subject == ["CN"]
    assert rows(analysis) == {"CN": "subject", "US": "opposed", "JP": "neutral"}


def test_story_without_countries(write_story):
    analysis = table(write_story, {"a.txt": "A local bakery opened.\nIt sells bread.\n"})
    assert analysis.countries == [] and analysis.blocs == []
    assert analysis.subject == [] and analysis.question is None


def test_article_facts_pickle(write_story):
    story = load_story(write_story(RECOGNITION))
    facts = countries.extract(story.articles[0])
    again = pickle.loads(pickle.dumps(facts))
    assert again == facts
    assert again.mentions and again.acts and again.lead_events


@pytest.mark.parametrize("code", ["RU", "AF", "CN", "AE", "UZ", "PK", "US", "IR", "KZ", "TM", "NO", "TR", "AZ"])
def test_seeds_rows(seeds_analysis, code):
    assert code in {r.code for r in seeds_analysis.countries}


def test_seeds_no_rows_for_not_countries(seeds_analysis):
    names = {r.name for r in seeds_analysis.countries}
    assert not names & {"Chechnya", "Central Asia", "South Asia", "Southeast Asia", "Europe", "Asia", "Soviet Union"}


WAR = {
    "a.txt": (
        "Russia launches new attack on Ukraine\n"
        + "Russian forces attacked the Ukrainian city of Kharkiv overnight.\n"
        "Russia invaded Ukraine in 2022. Poland has sent weapons to Kyiv.\n"
        "The European Union imposed new sanctions on Russia. Germany condemned the attack.\n"
        "Belarus backed the Russian offensive. India has not condemned the invasion.\n"
    )
}


def test_hostile_central_event_reads_stances_toward_its_victim(write_story):
    analysis = table(write_story, WAR)
    assert analysis.subject == ["UA"]
    assert analysis.question == "military action against Ukraine"
    assert rows(analysis) == {
        "UA": "subject",
        "RU": "opposed",  # the attacker
        "PL": "supportive",  # arms to the subject
        "DE": "supportive",  # condemning the attack sides with its victim
        "BY": "opposed",  # backing the attacker
        "IN": "neutral",  # "has not condemned"
    }
    assert {b.name: b.stance for b in analysis.blocs} == {"European Union": "supportive"}  # sanctions on the attacker


def test_supportive_central_event_keeps_signs(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Peru recognizes the new government of Bolivia\n"
                "Peru formally recognized the new government of Bolivia on Monday.\n"
                "Peru's recognition of the government was welcomed in La Paz. Chile criticized Peru.\n"
            )
        },
    )
    assert rows(analysis)["CL"] == "critical"  # against the recogniser: against the recognition


def test_ceasefire_with_a_party_that_is_no_country(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Truce between Israel and the rebels holds\n"
                "The truce between Israel and the rebels held on Sunday after mediation by Egypt.\n"
                "Iran welcomed the truce.\n"
            )
        },
    )
    assert analysis.subject == ["IL"]
    assert analysis.question == "ceasefire between Israel and the rebels"
    assert rows(analysis) == {"IL": "subject", "EG": "supportive", "IR": "supportive"}


def test_agreeing_a_truce_is_the_ceasefire_question(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": "Ceasefire between Armenia and Azerbaijan holds\nA ceasefire between Armenia and Azerbaijan held on Tuesday.\n",
            "b.txt": (
                "Armenia and Azerbaijan agree to halt fighting\n"
                "Armenia and Azerbaijan agreed to a truce late on Monday, ending a week of fighting.\n"
            ),
        },
    )
    assert analysis.question == "ceasefire between Armenia and Azerbaijan"
    assert sorted(analysis.subject) == ["AM", "AZ"]


def test_parties_agreeing_a_truce_are_its_subjects(write_story):
    analysis = table(
        write_story,
        {"a.txt": "Armenia and Azerbaijan agree truce\nArmenia and Azerbaijan agreed to a truce on Monday. France welcomed it.\n"},
    )
    assert sorted(analysis.subject) == ["AM", "AZ"]
    assert analysis.question == "ceasefire between Armenia and Azerbaijan"  # named from its subjects


def test_credit_lines_name_no_country(write_story):
    analysis = table(
        write_story,
        {"a.txt": "Peru recognizes Bolivia\nPeru recognized the government of Bolivia.\nReporting by Ana Diaz in London; Editing by Tom Li.\n"},
    )
    assert "GB" not in rows(analysis)


def test_export_controls_in_a_trade_row(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Japan tightens export controls on South Korea as trade row deepens\n"
                "Tokyo tightened export controls on chips to South Korea, deepening the trade row.\n"
                "Seoul condemned the move. China said it was watching closely.\n"
            )
        },
    )
    # the export controls and the trade row are named as often; the controls are told more
    assert analysis.question == "controls on South Korea"
    assert analysis.subject == ["KR"]
    assert rows(analysis)["JP"] == "opposed" and rows(analysis)["CN"] == "neutral"


def test_an_election_has_one_subject(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Venezuela's disputed election\n"
                "Venezuela's electoral council declared the incumbent the winner of the presidential election.\n"
                "Russia and China congratulated the incumbent. Cuba sent congratulations.\n"
                "The United States said it would not recognize the result.\n"
            )
        },
    )
    assert analysis.subject == ["VE"]
    assert analysis.question == "election in Venezuela"
    assert rows(analysis) == {"VE": "subject", "RU": "supportive", "CN": "supportive", "CU": "supportive", "US": "neutral"}


def test_trade_war_between_two_countries(write_story):
    analysis = table(
        write_story,
        {
            "a.txt": (
                "Trade war between Japan and South Korea deepens\n"
                "The trade war between Japan and South Korea deepened on Monday.\n"
                "China said it was watching closely.\n"
            )
        },
    )
    assert sorted(analysis.subject) == ["JP", "KR"]
    assert analysis.question == "trade dispute between Japan and South Korea"
    assert rows(analysis)["CN"] == "neutral"
