"""Each kind of discrepancy on short texts of our own, and the look-alikes that must not count."""

from briefing.analysis import compare, discrepancies
from briefing.loader import ArticleInput, build_article
from briefing.model import Analysis, Person, Speaker, Story


def run(texts, speakers=(), people=(), published=None):
    arts = []
    for k, t in enumerate(texts):
        art = build_article(f"s{k}", f"s{k}.txt", ArticleInput(t))
        if published:
            art.published = published[k]
        arts.append(art)
    analysis = Analysis(story=Story(path=None, articles=arts), title="T")
    analysis.speakers = list(speakers)
    analysis.people = list(people)
    compare.combine(analysis, [compare.extract(a) for a in arts])
    return analysis.discrepancies


def kind(found, k):
    return [d for d in found if d.kind == k]


# Spelling ------------------------------------------------------------------------------------


def test_misspelt_surname_from_speaker_forms():
    sp = Speaker("Ingrid Halvorsen", forms={"Ingrid Halvorsen": ["s0", "s2"], "Ingrid Halvorson": ["s1"], "Halvorsen": ["s2"]})
    found = discrepancies.spelling_discrepancies([(sp.name, sp.forms)])
    assert len(found) == 1
    assert found[0].values == {"Halvorsen": ["s0", "s2"], "Halvorson": ["s1"]}


def test_full_name_with_a_part_dropped_from_the_end():
    forms = {"Ana Lucia Pereira": ["s0"], "Dr. Ana Lucia": ["s1"]}
    found = discrepancies.spelling_discrepancies([("Ana Lucia Pereira", forms)])
    assert found and set(found[0].values) == {"Ana Lucia Pereira", "Dr. Ana Lucia"}


def test_surname_honorific_role_and_middle_name_are_not_discrepancies():
    forms = {
        "Ana Lucia Pereira": ["s0"],
        "Pereira": ["s1"],
        "Dr. Ana Pereira": ["s2"],
        "Health Minister Ana Lucia Pereira": ["s3"],
        "Brazilian minister Pereira": ["s4"],
    }
    assert discrepancies.spelling_discrepancies([("Ana Lucia Pereira", forms)]) == []


def test_forms_within_one_source_only_are_not_compared():
    forms = {"Tomas Novak": ["s0"], "Tomas Nowak": ["s0"]}
    assert discrepancies.spelling_discrepancies([("Tomas Novak", forms)]) == []


def test_spelling_read_from_person_objects_in_combine():
    person = Person("Kofi Mensah", forms={"Kofi Mensah": ["s0"], "Kofi Menshah": ["s1"]})
    found = kind(run(["The mayor Kofi Mensah opened the new market hall on Saturday.",
                      "Mayor Kofi Menshah opened the new market hall on Saturday morning."], people=[person]), "spelling")
    assert found and set(found[0].values) == {"Mensah", "Menshah"}


def test_fallback_name_forms_when_no_person_step_ran():
    found = kind(run(["Coach Marta Kowalczyk resigned after the final on Sunday evening.",
                      "Coach Marta Kowalcyk resigned after the final on Sunday, the club said."]), "spelling")
    assert found and set(found[0].values) == {"Kowalczyk", "Kowalcyk"}


# Dates ---------------------------------------------------------------------------------------


def test_one_event_dated_differently():
    found = kind(run([
        "On March 3, 2023, the parliament of Estonia approved the new energy law, the first in the region.",
        "The parliament of Estonia approved the new energy law on Thursday, the first in the region.",
    ], published=["2023-03-04", "2023-03-04"]), "date")
    assert len(found) == 1
    # Thursday before March 4, 2023 (a Saturday) is March 2
    assert found[0].values == {"March 3, 2023": ["s0"], "Thursday (March 2, 2023)": ["s1"]}


def test_same_day_written_two_ways_is_no_discrepancy():
    found = kind(run([
        "On March 2, 2023, the parliament of Estonia approved the new energy law, the first in the region.",
        "The parliament of Estonia approved the new energy law on Thursday, the first in the region.",
    ], published=["2023-03-04", "2023-03-04"]), "date")
    assert found == []


# Numbers -------------------------------------------------------------------------------------


def test_number_of_one_quantity_differs():
    found = kind(run(["The landslide near Cusco killed 35 villagers, according to rescuers on the scene.",
                      "The landslide near Cusco killed 5 villagers, according to rescuers on the scene."]), "number")
    assert len(found) == 1
    assert found[0].values == {"35 villagers": ["s0"], "5 villagers": ["s1"]}


def test_numbers_of_different_things_are_no_discrepancy():
    found = kind(run(["The landslide near Cusco killed 35 villagers, according to rescuers on the scene.",
                      "The landslide near Cusco destroyed 5 houses, according to rescuers on the scene."]), "number")
    assert found == []


# Lists ---------------------------------------------------------------------------------------


def test_lists_naming_mostly_the_same_members():
    found = kind(run([
        "Chile, Peru, and the United Kingdom (UK) have sent observers to the vote.",
        "Observers came from Chile, the UK, Peru and Canada to watch the vote.",
        "Only Peru, Chile, and the United Kingdom sent observers to the vote.",
    ]), "list")
    assert len(found) == 1
    assert found[0].values == {"Chile, Peru, UK": ["s0", "s2"], "Chile, UK, Peru, Canada": ["s1"]}


def test_unrelated_lists_are_not_compared():
    found = kind(run([
        "Chile, Peru, and Bolivia have sent observers to the vote.",
        "Spain, Italy, and Greece signed the fisheries accord at the summit.",
    ]), "list")
    assert found == []


def test_list_items_normalise_acronyms():
    assert discrepancies.item_key("the European Union (EU)")[0] == discrepancies.item_key("EU")[0]
    assert discrepancies.item_key("the Netherlands")[0] == discrepancies.item_key("Netherlands")[0]


# Attribution ---------------------------------------------------------------------------------


def test_same_action_by_a_different_actor():
    found = kind(run([
        "In May 2022, Kenya's High Court suspended the tender for the railway.",
        "In May 2022, Kenya suspended the tender for the railway after protests.",
    ]), "attribution")
    assert len(found) == 1
    assert found[0].values == {"Kenya's High Court": ["s0"], "Kenya": ["s1"]}


def test_same_actor_or_different_time_is_no_attribution_discrepancy():
    same = run(["In May 2022, Kenya suspended the tender for the railway.",
                "In May 2022, Kenya suspended the tender for the railway after protests."])
    other_time = run(["In May 2022, Kenya's High Court suspended the tender for the railway.",
                      "In August 2019, the Treasury suspended the tender for the railway."])
    assert kind(same, "attribution") == [] and kind(other_time, "attribution") == []


def test_lead_dates_a_fact_its_sentence_leaves_undated():
    found = kind(run([
        "On March 3, 2023, the parliament of Estonia approved the new energy law.",
        "The parliament of Estonia has approved the new energy law.\nThe vote was held on Thursday after a long debate.",
    ], published=["2023-03-04", "2023-03-04"]), "date")
    assert len(found) == 1
    assert found[0].values == {"March 3, 2023": ["s0"], "Thursday (March 2, 2023)": ["s1"]}


def test_lead_dates_are_not_used_for_facts_no_source_dates():
    found = kind(run([
        "On March 3, 2023, the storm reached the coast.\nThe parliament of Estonia has approved the new energy law.",
        "The storm reached the coast on Thursday.\nThe parliament of Estonia has approved the new energy law.",
    ], published=["2023-03-04", "2023-03-04"]), "date")
    assert all("energy" not in d.what for d in found)


def test_one_toll_worded_differently_is_one_quantity():
    found = kind(run(["Floods along the Limpopo river killed at least 12 people this week, officials said.",
                      "The Limpopo river floods have left 21 people dead, according to the provincial officials."]), "number")
    assert len(found) == 1
    assert found[0].values == {"12 people": ["s0"], "21 people": ["s1"]}


def test_counts_of_one_unit_doing_different_things_are_not_paired():
    found = kind(run(["After the protest in the capital, police arrested 40 people, officials said on Monday.",
                      "During the protest in the capital, 3 people were injured, officials said on Monday."]), "number")
    assert found == []


def test_numbers_in_one_source_are_not_a_discrepancy():
    found = kind(run(["Floods killed 12 people on Monday. By Friday the floods had killed 30 people in the province."]), "number")
    assert found == []


def test_same_members_listed_for_unrelated_things_are_not_compared():
    found = kind(run([
        "Chile, Peru, and Bolivia sent observers to the vote.",
        "Chile, Peru, Bolivia and Ecuador signed a fisheries accord last spring.",
    ]), "list")
    assert found == []


def test_list_prechecks_hold_for_every_list_match():
    # _lists_in tries _LIST only where both fast scans find something: each match holds both
    from briefing.analysis import discrepancies as disc

    texts = [
        "Ministers from France, Germany and Italy met, the Kremlin said.",
        "Delegates of the United Nations,the African Union, and the Arab League (AL) attended.",
        "Talks with Peru , Chile\tor\nBolivia resumed.",
        "Prices rose, and officials said so.",  # a comma and an 'and', no list
        "Oslo, Bergen and trondheim",  # the last item is not capitalised
    ]
    for text in texts:
        for m in disc._LIST.finditer(text):
            assert disc._LIST_COMMA.search(m.group(0)) and disc._LIST_AND.search(m.group(0))
    assert [items for _, _, items, _ in disc._lists_in(texts[0], ())] and not disc._lists_in(texts[3], ())
    assert not disc._lists_in(texts[4], ())
