"""Who does what to whom: each stance label, negation, passives, owners, relative clauses."""

from __future__ import annotations

import pickle

import pytest

from briefing.analysis import gazetteer, stance


def acts(text: str) -> list[stance.Act]:
    return stance.read(text, 0, len(text), gazetteer.find(text))


def agents(text: str) -> dict[str, str]:
    """code -> stance of every agent act (the last one wins; tests use one cue each)."""
    return {a.code: a.stance for a in acts(text) if a.role == "agent"}


def patients(text: str) -> set[str]:
    return {a.code for a in acts(text) if a.role == "patient"}


# --- each label -------------------------------------------------------------------------------


def test_recognition_is_supportive_and_names_who_is_recognised():
    text = "Peru formally recognized the new government of Bolivia on Monday."
    assert agents(text) == {"PE": "supportive"}
    assert patients(text) == {"BO"}
    [a] = [a for a in acts(text) if a.role == "agent"]
    assert a.cameo == "054"
    assert a.action == "formally recognized the new government"


def test_welcoming_is_supportive():
    assert agents("The Chilean foreign ministry welcomed the decision.") == {"CL": "supportive"}


def test_embassies_and_ambassadors_are_engagement():
    assert agents("Kenya, Ghana and Nigeria have appointed ambassadors to Cairo.") == {
        "KE": "engaged",
        "GH": "engaged",
        "NG": "engaged",
    }
    assert patients("Kenya, Ghana and Nigeria have appointed ambassadors to Cairo.") == {"EG"}


def test_a_list_introduced_by_including_is_the_subject():
    text = "Several countries, including Spain and Italy, maintain embassies in Caracas."
    assert agents(text) == {"ES": "engaged", "IT": "engaged"}


def test_criticism_is_critical():
    assert agents("Norway criticized the verdict.") == {"NO": "critical"}


def test_lobbying_or_arguing_against_is_critical():
    assert agents("Portugal had lobbied against the new levy.") == {"PT": "critical"}
    assert agents("Chile argued against the proposal at the summit.") == {"CL": "critical"}
    assert agents("Peru lobbied for the proposal.") == {}  # lobbying *for* is no criticism


def test_predicative_adjective_needs_a_copula():
    assert agents("Western governments remain critical of the plan.") == {"Western governments": "critical"}
    assert agents("Egypt took a critical step.") == {}


def test_sanctions_are_opposition():
    text = "Canada imposed sanctions on Iran."
    assert agents(text) == {"CA": "opposed"}
    assert patients(text) == {"IR"}
    assert [a.cameo for a in acts(text) if a.role == "agent"] == ["163"]


def test_frozen_assets_with_an_owner_of_the_sanctions():
    text = "Billions in Iranian assets remain frozen because of Canadian sanctions."
    assert agents(text) == {"CA": "opposed"}
    assert "IR" not in agents(text)


def test_mention_without_a_cue_has_no_act():
    assert acts("Talks were held in Doha on Monday with officials from Oman.") == []


# --- who does what to whom --------------------------------------------------------------------


def test_the_criticised_country_is_not_critical():
    text = "Argentina criticized Brazil over the dam."
    assert agents(text) == {"AR": "critical"}
    assert patients(text) == {"BR"}


def test_passive_with_by_names_the_agent():
    text = "Brazil was criticized by Argentina over the dam."
    assert agents(text) == {"AR": "critical"}
    assert patients(text) == {"BR"}


def test_passive_without_by_has_no_agent():
    assert agents("Brazil was sanctioned last year.") == {}


def test_removing_from_a_terrorist_list_is_the_remover_act():
    text = "In May, Peru removed the movement from its terrorist list."
    assert agents(text) == {"PE": "supportive"}
    [a] = acts(text)
    assert a.cue == "ease" and "terrorist list" in a.action


def test_owner_of_a_noun_is_its_agent():
    assert agents("Japan's recognition of the new government surprised many.") == {"JP": "supportive"}
    assert agents("The plan drew Dutch criticism.") == {"NL": "critical"}


def test_noun_without_an_owner_has_no_agent():
    # "a step toward recognition": nobody recognised anything
    assert agents("Chile appointed an envoy as a step toward recognition.") == {"CL": "engaged"}


def test_relative_clause_refers_back():
    text = "The move will be watched by Ottawa, which has frozen billions in assets."
    assert agents(text) == {"CA": "opposed"}


def test_country_after_a_preposition_is_not_the_agent():
    text = "Officials from Mali met diplomats in Niger and Ghana welcomed the deal."
    assert agents(text).get("ML") is None


def test_asked_to_act_is_not_acting():
    text = "The minister called on Ecuador to upgrade its ties with Peru."
    assert "EC" not in agents(text)


def test_adjectival_participle_is_not_an_act():
    text = "Spanish troops supported the country's internationally recognized government."
    assert agents(text) == {}


def test_person_described_by_demonym_is_not_the_state():
    assert agents("Sam Lee, a Canadian commentator, criticized the vote.") == {}


# --- negation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chile has yet to recognize the government.",
        "Chile did not recognize the government.",
        "Chile hasn't recognized the government.",
        "Chile never recognized the government.",
    ],
)
def test_negated_recognition_is_no_recognition(text):
    [a] = [a for a in acts(text) if a.role == "agent"]
    assert a.negated and a.stance == "neutral" and a.weight == 0


def test_refusal_is_opposition():
    [a] = [a for a in acts("Chile refused to recognize the government.") if a.role == "agent"]
    assert a.negated and a.stance == "opposed"
    assert a.action.startswith("refused to recognize")


def test_no_other_country_negates():
    assert agents("No other country recognized the government, Peru said.") == {}


# --- events for the central question ----------------------------------------------------------


def test_events_name_the_object():
    text = "Peru recognizes the new government of Bolivia"
    assert ("recognize", "recognition", "the new government") in stance.events(text, 0, len(text))


def test_events_take_the_object_word_for_open_cues():
    text = "The United States imposed new tariffs on steel."
    assert [e[1] for e in stance.events(text, 0, len(text))] == ["tariffs"]


def test_acts_pickle():
    [a] = acts("Norway criticized the verdict.")
    assert pickle.loads(pickle.dumps(a)) == a


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("recognize", {"recognizes", "recognized", "recognizing", "recognise", "recognised"}),
        ("deny", {"denies", "denied", "denying"}),
        ("impose", {"imposes", "imposed", "imposing"}),
    ],
)
def test_inflect(lemma, forms):
    assert forms <= set(stance.inflect(lemma))


def test_noun_agent_after_from():
    text = "North Korea fired a missile, prompting condemnation from Seoul and Washington."
    assert agents(text) == {"KR": "critical", "US": "critical"}


def test_an_aside_is_not_the_subject():
    text = "Poland, which borders Ukraine, has sent weapons to Kyiv."
    assert agents(text) == {"PL": "supportive"}
    assert patients(text) == {"UA"}


def test_summoning_and_expelling_envoys():
    assert agents("Beijing summoned the Japanese ambassador.") == {"CN": "critical"}
    assert agents("Niger expelled the French ambassador.") == {"NE": "opposed"}
    assert patients("Niger expelled the French ambassador.") == {"FR"}


def test_reduced_passive_with_by():
    assert agents("The talks, brokered by Egypt, resumed.") == {"EG": "supportive"}


def test_object_naming_an_event_is_recorded():
    [a] = [a for a in acts("Germany condemned the invasion.") if a.role == "agent"]
    assert a.about == "military action"


def test_along_with_joins_the_agents():
    assert agents("The United States, along with Israel, has threatened strikes on Iran.") == {
        "US": "critical",
        "IL": "critical",
    }


def test_by_phrase_of_another_verb_is_not_a_patient():
    text = "The resolution was drafted by Britain and backed by France."
    assert agents(text) == {"FR": "supportive"}
    assert "GB" not in patients(text)


def test_lodging_a_protest_is_critical():
    text = "Beijing lodged a formal protest with Tokyo."
    assert agents(text) == {"CN": "critical"} and patients(text) == {"JP"}


def test_the_object_makes_the_cue():
    assert agents("Japan and South Korea agreed to resume talks.") == {"JP": "engaged", "KR": "engaged"}
    assert agents("Japan resumed its whaling season.") == {}


def test_a_possibility_counts_half():
    [a] = [a for a in acts("Pakistan could soon recognize the government.") if a.role == "agent"]
    assert a.stance == "supportive" and a.weight == 1.5
    assert a.action.startswith("could soon recognize")
    [b] = [a for a in acts("Pakistan recognized the government.") if a.role == "agent"]
    assert b.weight == 3


def test_subject_of_a_clause_after_a_subordinator():
    text = "Argentina withdrew its diplomats after Caracas expelled them."
    assert [(a.code, a.cue) for a in acts(text) if a.role == "agent"] == [("AR", "expel"), ("VE", "expel")]


def test_a_verb_with_its_own_subject_has_no_country_agent():
    text = "Chile's council declared the winner, a result the opposition rejected."
    assert agents(text) == {}


def test_one_verb_form_several_cues():
    assert agents("Cuba sent congratulations.") == {"CU": "supportive"}
    [a] = [a for a in acts("Poland sent weapons to Kyiv.") if a.role == "agent"]
    assert (a.code, a.cue) == ("PL", "aid")
    [b] = [a for a in acts("Peru sent an ambassador to Quito.") if a.role == "agent"]
    assert (b.code, b.cue, b.stance) == ("PE", "envoys", "engaged")


@pytest.mark.parametrize("name", ["stance_cues", "country_aliases", "blocs"])
def test_word_lists_hold_only_words(name):
    """YAML reads bare no/on/off as booleans and "x: y" as a mapping; every list item must be a word."""
    from briefing import lexicon

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                assert isinstance(k, str), (path, k)
                assert not isinstance(v, bool) or k == "symmetric", (path, k, v)  # "on" read as True
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, dict):
                    walk(item, path)
                else:
                    assert isinstance(item, str), (path, item)

    walk(lexicon.load(name), name)


def test_agent_is_sought_within_reach():
    filler = " ".join(["word"] * 100)
    assert agents(f"Peru {filler} criticized the plan.") == {}
    assert agents("Peru, after long and careful thought about it, criticized the plan.") == {"PE": "critical"}


def test_a_long_line_without_full_stops_is_read_in_one_pass():
    line = "Peru criticized Chile and Chile welcomed Peru and " * 2000
    found = acts(line)
    assert {(a.code, a.stance) for a in found if a.role == "agent"} == {("PE", "critical"), ("CL", "supportive")}


def test_last_of_a_list_before_a_verb_starts_its_own_clause():
    text = "Argentina criticized Chile and Peru welcomed the move."
    assert agents(text) == {"AR": "critical", "PE": "supportive"}
    assert agents("Spain and Peru welcomed the move.") == {"ES": "supportive", "PE": "supportive"}


def test_people_of_a_country_are_not_its_state():
    assert agents("South Korean consumers have boycotted Japanese beer.") == {}
    assert agents("South Korean officials have boycotted the summit.") == {"KR": "opposed"}


def test_a_verb_object_must_follow_unless_a_pronoun_stands_for_it():
    assert agents("Japan tightens export controls as the trade row deepens.") == {"JP": "opposed"}
    assert agents("Peru expelled them.") == {}
    assert agents("Chile kept its diplomats until Peru expelled them.") == {"PE": "opposed"}


def test_floating_quantifier_before_the_verb():
    assert agents("China and Turkey both welcomed the ceasefire.") == {"CN": "supportive", "TR": "supportive"}
    assert agents("The internationally recognized government met.") == {}


def test_a_relative_clause_after_a_titled_name_speaks_for_the_country():
    text = "According to Kenyan President Jane Doe, who hosted the talks in Nairobi, both sides agreed."
    assert agents(text) == {"KE": "supportive"}


def test_we_in_a_quotation_is_the_attributed_country():
    assert agents('"We strongly condemn this decision," the French foreign ministry said.') == {"FR": "critical"}
    assert agents('The Kenyan minister said: "We welcome the deal."') == {"KE": "supportive"}
    # a place in the attribution is no speaker; "we" outside a quotation is nobody's
    assert agents('"We condemn it," the group told reporters in Paris.') == {}
    assert agents("We condemn it, France said.") == {}
