"""Direct quotations: the marks, and every attribution pattern, on short texts of our own."""

from __future__ import annotations

import pytest

from test_quotes_support import analyse, article, found, speaker_of

from briefing.analysis import quotes

# --------------------------------------------------------------------------------------------
# Quotation marks


@pytest.mark.parametrize(
    "text",
    [
        'Headline here\n"We will rebuild the bridge by spring," Mayor Ana Kovac said on Monday.',
        "Headline here\n\u201cWe will rebuild the bridge by spring,\u201d Mayor Ana Kovac said on Monday.",
    ],
)
def test_straight_and_curly_double_quotes(text):
    got = found(text)
    assert got == [("We will rebuild the bridge by spring", "Ana Kovac")]


def test_offsets_point_at_the_quoted_words():
    text = "Title line\nThe council met. \u201cIt is done,\u201d said Tomas Brandt. Nothing else."
    a = analyse(text)
    (q,) = a.quotes
    assert text[q.start : q.end] == q.text == "It is done"
    assert q.id == "s0:q1"


def test_apostrophes_are_not_quotation_marks():
    text = "Title line\nThe city's plan, the workers' union and the mayor's office don't agree. It's late."
    assert found(text) == []


def test_single_quotes_in_a_headline_are_a_quotation():
    text = "'Time to act': the health minister\nHealth Minister Lena Ortiz spoke on Monday about the ward's closure."
    got = found(text)
    assert got == [("Time to act", "Lena Ortiz")]


def test_single_quotes_with_possessive_inside():
    text = "'The board's choice was wrong,' said Omar Haddad, a union organiser.\nMore text follows here."
    assert found(text) == [("The board's choice was wrong", "Omar Haddad")]


def test_single_quote_pairs_do_not_span_apostrophes_across_the_text():
    text = "Title line\nThe firm's boss said the farmers' losses were small and the drivers' pay was fair."
    assert found(text) == []


# --------------------------------------------------------------------------------------------
# Attribution after the quotation


@pytest.mark.parametrize(
    "tail, who",
    [
        (", Ana Kovac said.", "Ana Kovac"),
        (", said Ana Kovac.", "Ana Kovac"),
        (", Ana Kovac, the city's mayor, said.", "Ana Kovac"),
        (", said Ana Kovac, the mayor of the city.", "Ana Kovac"),
        (", Ana Kovac told reporters.", "Ana Kovac"),
        (", Ana Kovac was quoted as saying by the local radio station.", "Ana Kovac"),
        (", Ana Kovac said in a statement.", "Ana Kovac"),
        (", according to Ana Kovac.", "Ana Kovac"),
    ],
)
def test_attribution_after(tail, who):
    text = f"Title line\n\u201cThe bridge will reopen next month and traffic will return{tail[0]}\u201d{tail[1:]}"
    assert found(text) == [("The bridge will reopen next month and traffic will return", who)]


def test_quoted_as_saying_by_an_outlet_gives_the_speaker_not_the_outlet():
    text = (
        "Title line\n\u201cThe talks went well and will continue,\u201d Pavel Orlov was quoted as saying by "
        "state broadcaster Radio Nine."
    )
    assert speaker_of(text, "The talks") == "Pavel Orlov"


def test_an_organisation_speaks_in_a_statement():
    text = 'Title line\n"We welcome the decision of the court," the Danish Foreign Ministry said in a statement.'
    assert speaker_of(text, "We welcome") == "Danish Foreign Ministry"


def test_words_after_a_quote_that_are_not_an_attribution():
    text = "Title line\n\u201cThe bridge will reopen next month and traffic will return,\u201d is the promise on the banner."
    assert found(text) == [("The bridge will reopen next month and traffic will return", None)]


# --------------------------------------------------------------------------------------------
# Attribution before the quotation


@pytest.mark.parametrize(
    "head",
    [
        "Ana Kovac said: ",
        "Ana Kovac told the council that ",
        "Ana Kovac, the mayor, said ",
        "According to Ana Kovac, ",
        "In a speech on Monday, Ana Kovac said: ",
    ],
)
def test_attribution_before(head):
    text = f"Title line\n{head}\u201cThe bridge will reopen next month.\u201d"
    assert speaker_of(text, "The bridge") == "Ana Kovac"


def test_attribution_on_the_line_before():
    text = (
        "Title line\nThe mayor spoke at length.\nIn a 2021 address, Kovac stated:\n"
        "\u201cNo city can grow without bridges that its people trust.\u201d\nOther news."
    )
    assert speaker_of(text, "No city") == "Kovac"


def test_a_line_before_without_a_colon_does_not_attribute():
    text = (
        "Title line\nIn a 2021 address, Kovac stated her aims.\n"
        "\u201cNo city can grow without bridges that its people trust.\u201d\nOther news."
    )
    assert speaker_of(text, "No city") is None


def test_x_told_y_names_x_not_y():
    text = "Title line\nLena Ortiz told Marco Bell that \u201cthe budget is not enough for the wards.\u201d"
    assert speaker_of(text, "the budget") == "Lena Ortiz"


# --------------------------------------------------------------------------------------------
# Attribution in the middle, and across paragraphs


def test_statement_split_by_its_attribution():
    text = (
        "Title line\nTomas Brandt spoke after the vote. \u201cWe lost tonight,\u201d he said. "
        "\u201cBut we will be back next year.\u201d"
    )
    assert found(text) == [("We lost tonight", "Tomas Brandt"), ("But we will be back next year.", "Tomas Brandt")]


def test_split_with_comma_continuation():
    text = "Title line\n\u201cWe lost tonight,\u201d said Tomas Brandt, \u201cbut we will be back next year.\u201d"
    assert found(text) == [("We lost tonight", "Tomas Brandt"), ("but we will be back next year.", "Tomas Brandt")]


def test_quote_running_over_a_paragraph_break():
    text = (
        "Title line\n\u201cWe lost tonight and it hurts,\u201d said Tomas Brandt. \u201cThe team gave everything.\n"
        "\u201cNext year we will be back and stronger than before.\u201d\nThe season ends in May."
    )
    got = found(text)
    assert got[-1] == ("Next year we will be back and stronger than before.", "Tomas Brandt")
    assert all(who == "Tomas Brandt" for _, who in got)


def test_attribution_in_the_second_paragraph_reaches_back_to_the_first():
    text = (
        "Title line\n\u201cThe river rose faster than anyone expected last night.\n"
        "\u201cWe moved every family out by dawn,\u201d fire chief Nadia Roussel said.\nMore news."
    )
    got = found(text)
    assert [who for _, who in got] == ["Nadia Roussel", "Nadia Roussel"]


def test_a_standalone_quote_paragraph_without_a_speaker_nearby_stays_unattributed():
    text = "Title line\nThe weather was fine.\n\u201cNothing lasts forever, not even the longest winter.\u201d\nMore news."
    assert found(text) == [("Nothing lasts forever, not even the longest winter.", None)]


# --------------------------------------------------------------------------------------------
# Partial quotations woven into the sentence


@pytest.mark.parametrize(
    "sentence, fragment",
    [
        ("Lena Ortiz welcomed the plan, calling it a \u201cturning point\u201d for the region.", "turning point"),
        ("Lena Ortiz praised the plan, describing it as a \u201cgreat day\u201d for patients.", "great day"),
        ("Lena Ortiz called the plan \u201ca sign of hope for everyone\u201d on Monday.", "a sign of hope for everyone"),
    ],
)
def test_partial_quotes(sentence, fragment):
    a = analyse("Title line\n" + sentence)
    (q,) = a.quotes
    assert (q.text, q.speaker, q.partial) == (fragment, "Lena Ortiz", True)


def test_partial_after_a_speech_verb_goes_to_its_subject_not_the_nearest_name():
    text = (
        "Title line\n\u201cThe deal is good for both sides,\u201d Pavel Orlov said. "
        "He added that President Ilse Marten harbors a \u201cgenuine wish\u201d to visit."
    )
    assert speaker_of(text, "genuine wish") == "Pavel Orlov"


def test_quoting_x_calling_it():
    text = (
        "Title line\nThe Daily Courier covers the summit, quoting Trade Minister Ola Berg calling the "
        "accord a \u201cmodel for other countries,\u201d while others doubt it."
    )
    assert speaker_of(text, "model for") == "Ola Berg"


def test_whole_statement_after_saying_that_is_not_partial():
    text = "Title line\nThe Norwegian Foreign Ministry reacted, saying that \u201cTalks must go on.\u201d"
    (q,) = analyse(text).quotes
    assert (q.speaker, q.partial) == ("Norwegian Foreign Ministry", False)


# --------------------------------------------------------------------------------------------
# Pronoun and role speakers


def test_he_added_is_the_nearest_person_before():
    text = (
        "Title line\nMarta Lind met Ivo Sand on Friday. Ivo Sand later spoke to reporters.\n"
        "\u201cThe border stays open,\u201d he added."
    )
    assert speaker_of(text, "The border") == "Ivo Sand"


def test_he_skips_names_inside_quotations_and_organisations():
    text = (
        "Title line\n\u201cPresident Arno Vick has approved the plan,\u201d Ivo Sand told the Global News Agency. "
        "He added that the work would start soon, calling it \u201cthe biggest project in years.\u201d"
    )
    assert speaker_of(text, "the biggest") == "Ivo Sand"


def test_the_ministry_said_resolves_to_the_named_ministry():
    text = (
        "Title line\nThe Chilean Ministry of Health announced new rules on Monday.\n"
        "\u201cEvery hospital must report cases within a day,\u201d the ministry said."
    )
    assert speaker_of(text, "Every hospital") == "Chilean Ministry of Health"


def test_the_ambassador_said_resolves_to_the_ambassador_not_the_nearer_minister():
    text = (
        "Title line\nAmbassador Karl Weiss met Finance Minister Rosa Tal in the capital.\n"
        "\u201cOur trade has doubled in a year,\u201d the ambassador said."
    )
    assert speaker_of(text, "Our trade") == "Karl Weiss"


def test_an_unknown_role_speaker_stays_unattributed():
    text = "Title line\nMarta Lind met the press.\n\u201cThe vote was rigged from the start,\u201d a senior official said."
    assert speaker_of(text, "The vote") is None


def test_heading_quote_attributed_to_the_role_after_its_colon():
    text = (
        "Title line\nSome lead sentence here.\n'A historic day': Chile's trade minister\n"
        "Chilean Trade Minister Pablo Reyes welcomed the accord on Tuesday."
    )
    assert speaker_of(text, "A historic day") == "Pablo Reyes"


def test_heading_role_is_not_given_to_a_person_of_another_role():
    text = (
        "Title line\nSome lead sentence here.\n'A historic day': Chile's trade minister\n"
        "Chilean Health Minister Pablo Reyes spoke on Tuesday."
    )
    assert speaker_of(text, "A historic day") is None


# --------------------------------------------------------------------------------------------
# Scare quotes and labels are not quotations


@pytest.mark.parametrize(
    "sentence",
    [
        "The court removed the \u201cextremist\u201d label from the group in April.",
        "The so-called \u201cpeace plan\u201d was never published.",
        "Critics of the \u201cBig Four\u201d met in the capital.",
        "Nobody knows what the \u201cnew normal\u201d will be.",
    ],
)
def test_scare_quotes_and_labels_are_dropped(sentence):
    assert found("Title line\n" + sentence) == []


def test_a_short_fragment_with_a_speaker_is_kept():
    text = "Title line\nLena Ortiz said the plan was \u201cdead\u201d after the vote."
    assert found(text) == [("dead", "Lena Ortiz")]


def test_a_label_stays_a_label_even_with_a_speech_verb_nearby():
    text = "Title line\nLena Ortiz said the \u201cterror\u201d label was unfair."
    assert found(text) == []


def test_a_naming_verb_with_a_speaker_attributes_the_phrase():
    text = "Title line\nLast year President Ilse Marten called the rebels \u201cpartners in the fight for peace\u201d in a speech."
    assert speaker_of(text, "partners") == "Ilse Marten"


# --------------------------------------------------------------------------------------------
# Facts are plain values


def test_article_facts_are_picklable():
    import pickle

    facts = quotes.extract(article("Title line\n\u201cWe will win,\u201d said Ana Kovac, the mayor."))
    again = pickle.loads(pickle.dumps(facts))
    assert again == facts and again.quotes


# --------------------------------------------------------------------------------------------
# More shapes of attribution seen in wire copy


def test_an_age_between_commas_does_not_hide_the_speaker():
    before = "Title line\nBut council leader Tom Akers, 54, said the plan was \u201ctoo little, too late.\u201d"
    after = "Title line\n\u201cI will believe it when I see it,\u201d said Joan Whitby, 71, whose home flooded twice."
    assert speaker_of(before, "too little") == "Tom Akers"
    assert speaker_of(after, "I will believe") == "Joan Whitby"


def test_a_digit_between_commas_that_is_not_an_age_clause_still_needs_a_verb():
    text = "Title line\nThe vote was 54, 12, and \u201cnobody expected it to pass\u201d in the end."
    assert speaker_of(text, "nobody expected") is None


def test_name_colon_quotation():
    text = "Kovac: 'We will rebuild the bridge by spring'\nAna Kovac, the mayor, spoke on Monday."
    assert speaker_of(text, "We will rebuild") == "Ana Kovac"


def test_a_long_line_before_a_colon_is_not_a_speaker():
    text = "Title line\nThe three words that were painted on the wall of the town hall last night: \u201cWe are still here and we are not leaving.\u201d"
    assert speaker_of(text, "We are still here") is None


def test_possessive_before_a_name_is_a_qualifier():
    text = "Title line\n\u201cThe plan is late,\u201d said Labour's Tom Akers.\n\u201cIt is also small,\u201d Akers added."
    a = analyse(text)
    assert {q.speaker for q in a.quotes} == {"Tom Akers"}
    assert a.speakers[0].role == "Labour's"


def test_a_role_description_resolved_in_another_source():
    a = analyse(
        "Title one\nEnvironment Secretary Helen Marsh visited the coast on Monday.",
        "Title two\nThe environment secretary, calling the storm \u201ca wake-up call for the country,\u201d promised money.",
    )
    (q,) = a.quotes
    assert q.speaker == "Helen Marsh"
    assert "environment secretary" in a.speakers[0].aliases


def test_a_role_description_held_by_two_people_stays_unresolved():
    a = analyse(
        "Title one\nEnvironment Secretary Helen Marsh visited the coast.\nFormer Environment Secretary Paul Dane stayed home.",
        "Title two\nThe environment secretary, calling the storm \u201ca wake-up call for the country,\u201d promised money.",
    )
    (q,) = a.quotes
    assert q.speaker is None


def test_according_to_a_title_and_name():
    text = "Title line\nAccording to agency chief executive Priya Nair, \u201cthe first works begin in spring.\u201d"
    a = analyse(text)
    assert a.quotes[0].speaker == "Priya Nair"
    assert a.speakers[0].role == "agency chief executive"


def test_she_is_the_person_not_the_firm_in_her_role():
    text = (
        "Title line\n\u201cIt is a relief for shops,\u201d said Maya Lind, chief economist at Harbor Analytics.\n"
        "She said rates could stay high \u201cwell into next year.\u201d"
    )
    assert speaker_of(text, "well into") == "Maya Lind"


def test_participle_after_an_attribution_takes_its_subject():
    text = (
        "Title line\nTransport Secretary Dale Romero spoke first.\n"
        "\u201cNobody wanted this to drag on,\u201d he said, adding that the government \u201cnever considered\u201d force."
    )
    a = analyse(text)
    assert [q.speaker for q in a.quotes] == ["Dale Romero", "Dale Romero"]


def test_a_new_sentence_after_a_quote_is_not_its_attribution():
    text = (
        "Title line\nThe Harbour Employers Group said the deal was \u201cfair to workers and to the firms.\u201d "
        "It added that cargo would move by the weekend."
    )
    assert speaker_of(text, "fair to workers") == "Harbour Employers Group"


def test_spelling_variants_with_alike_sounds_merge_given_first_name_and_role():
    a = analyse(
        "Title one\n\u201cOur members stood together,\u201d union president Carla Mendes said.",
        "Title two\n\u201cThis contract protects our jobs,\u201d union president Carla Mendez said.",
    )
    assert len(a.speakers) == 1 and set(a.speakers[0].forms) == {"Carla Mendes", "Carla Mendez"}


def test_role_then_name_between_commas_then_the_verb():
    text = "Title line\nThe Arctic Council welcomed the deal. Its chairman, Lars Enqvist, called it \u201ca victory for talks\u201d."
    a = analyse(text)
    assert a.quotes[0].speaker == "Lars Enqvist"
    assert a.speakers[0].role == "chairman"


def test_a_capitalised_group_noun_is_not_a_named_speaker():
    text = "Title line\nThe deal was signed. Critics called it a \u201cpaper peace\u201d."
    assert found(text) == []


def test_a_country_can_speak_as_its_government():
    text = "Title line\nSudan said it was \u201cwatching closely\u201d as talks went on."
    a = analyse(text)
    assert a.quotes[0].speaker == "Sudan" and a.speakers[0].kind == "organization"


# --------------------------------------------------------------------------------------------
# British style: single quotation marks among apostrophes


def test_british_single_quotes_with_contractions_and_plural_possessives():
    text = (
        "Title line\nCllr James Lewis said: 'We've made a fair offer. The workers' union knows that, "
        "and it's time they accepted it.'"
    )
    (q,) = analyse(text).quotes
    assert q.text == "We've made a fair offer. The workers' union knows that, and it's time they accepted it."
    assert q.speaker == "James Lewis"


def test_plural_possessive_inside_a_single_quoted_statement():
    got = found("Title line\n'We will not pay the bosses' fines,' said Sharon Graham, an organiser.")
    assert got == [("We will not pay the bosses' fines", "Sharon Graham")]


def test_plural_possessive_closing_a_quote_when_no_other_mark_follows():
    got = found("Title line\nSharon Graham, an organiser, said: 'The fault lies with the bosses' lawyers and the board'")
    assert got == [("The fault lies with the bosses' lawyers and the board", "Sharon Graham")]


def test_an_unnamed_speaker_still_makes_a_quotation():
    text = "Title line\n'It is disgusting,' said one resident, who did not want to be named. 'The rats are back.'"
    assert found(text) == [("It is disgusting", None), ("The rats are back.", None)]


def test_an_inverted_verb_before_a_common_noun_is_not_an_attribution():
    text = "Title line\nThe secretary, calling the storm \u201ca wake-up call\u201d, promised money for the coast."
    a = analyse(text)
    assert [q.cue for q in a.quotes] == ["secretary, calling"]


def test_headline_ending_in_a_role_says():
    text = "Council 'will not back down' over strike, leader says\nBody text here."
    a = analyse(text)
    assert [(q.text, q.cue) for q in a.quotes] == [("will not back down", "leader says")]


def test_a_role_of_a_body_is_a_person_description():
    text = (
        "Title line\nCouncil Leader Ann Hale spoke on Monday.\n"
        "The leader of Leeds City Council said the offer was \u201cfinal and fair to all sides\u201d."
    )
    a = analyse(text)
    assert a.quotes[0].speaker == "Ann Hale"


def test_he_can_be_someone_known_only_as_a_speaker():
    text = (
        "Title line\nIn a 2021 address, Kovac stated:\n\u201cNo city can grow without bridges people trust.\u201d\n"
        "He added that the work would take \u201cat least a decade\u201d to finish."
    )
    assert speaker_of(text, "at least a decade") == "Kovac"


def test_nested_single_quotes_are_part_of_the_quotation():
    text = "Title line\n\u201cHe told me \u2018never again\u2019 and I believed him,\u201d said Ana Kovac."
    assert found(text) == [("He told me \u2018never again\u2019 and I believed him", "Ana Kovac")]


def test_quoting_x_beats_the_subject_of_the_sentence():
    text = (
        "Title line\nPrime Minister Eva Lund praised the accord, quoting Trade Minister Ola Berg calling it "
        "\u201ca model for the region\u201d."
    )
    assert speaker_of(text, "a model") == "Ola Berg"


def test_it_said_is_the_nearest_body_not_the_nearest_person():
    text = (
        "Title line\nThe Northern Fisheries Agency met Anna Vidal on Monday.\n"
        "\u201cThe stocks are recovering faster than we hoped,\u201d it said."
    )
    assert speaker_of(text, "The stocks") == "Northern Fisheries Agency"


def test_they_said_is_left_unattributed():
    text = "Title line\nAnna Vidal and Ivo Sand met.\n\u201cWe agree on almost everything now,\u201d they said."
    assert speaker_of(text, "We agree") is None


def test_the_sentence_before_in_the_same_paragraph_names_the_speaker():
    text = (
        "Title line\nAna Kovac said the bridge would reopen next month. \u201cWe owe it to everyone who waited.\u201d\n"
        "The works cost more than planned.\n"
        "\u201cNothing lasts forever, not even the longest winter.\u201d\nMore news."
    )
    got = found(text)
    assert got[0] == ("We owe it to everyone who waited.", "Ana Kovac")
    assert got[1] == ("Nothing lasts forever, not even the longest winter.", None)  # another paragraph: no


def test_a_sentence_before_without_a_speech_verb_names_nobody():
    text = "Title line\nAna Kovac opened the bridge on Monday. \u201cWe owe it to everyone who waited so long.\u201d"
    assert speaker_of(text, "We owe it") is None


@pytest.mark.parametrize("clause", ["speaking in Oslo on Monday", "asked about the delay", "when asked"])
def test_a_clause_between_subject_and_verb_is_skipped(clause):
    text = f"Title line\nAna Kovac, {clause}, said the bridge would be \u201cready by spring\u201d."
    assert speaker_of(text, "ready by") == "Ana Kovac"


def test_a_clause_after_a_name_that_is_its_own_sentence_part():
    text = "Title line\nIn Oslo, where Ana Kovac lives, critics said the bridge was \u201ca waste of money\u201d."
    assert speaker_of(text, "a waste") is None


def test_the_cue_is_the_attribution_as_written():
    text = "Title line\n\u201cThe talks went well,\u201d Pavel Orlov was quoted as saying by Radio Nine."
    assert analyse(text).quotes[0].cue == "Pavel Orlov was quoted as saying"


@pytest.mark.parametrize(
    "sentence",
    [
        "The agency published the report \u201cClimate risks in a warming world\u201d on Monday.",
        "Protesters carried placards \u201cno more cuts to our hospitals\u201d through the city.",
        "Her book \u201cA long walk home from the border\u201d sold well.",
    ],
)
def test_titles_of_works_and_signs_are_not_quotations(sentence):
    assert found("Title line\n" + sentence) == []


def test_a_report_that_says_something_is_still_quoted():
    text = "Title line\nThe report said \u201cthe risks are rising faster than expected\u201d in most regions."
    assert [t for t, _ in found(text)] == ["the risks are rising faster than expected"]


# --------------------------------------------------------------------------------------------
# Quotations within quotations; German and French marks


@pytest.mark.parametrize(
    "text, whole, who",
    [
        # British: single marks outside, double inside
        (
            "Title line\nMara Quist left early. 'He said \"no\" twice, and then he walked out,' she said.",
            'He said "no" twice, and then he walked out',
            "Mara Quist",
        ),
        (
            "Title line\n'The label \"temporary\" fooled nobody,' said Mara Quist, the union's lawyer.",
            'The label "temporary" fooled nobody',
            "Mara Quist",
        ),
        # double outside, single inside (the American way): unchanged
        (
            "Title line\n\"He told me 'never again' and left the room,\" said Mara Quist.",
            "He told me 'never again' and left the room",
            "Mara Quist",
        ),
        # curly double outside, straight double inside
        (
            'Title line\n\u201cThe word "final" was in the letter,\u201d said Mara Quist.',
            'The word "final" was in the letter',
            "Mara Quist",
        ),
        # guillemets around a curly quotation
        (
            "Title line\nMara Quist said: \u00abThey called it \u201ca pause\u201d and it never ended.\u00bb",
            "They called it \u201ca pause\u201d and it never ended.",
            "Mara Quist",
        ),
        # German marks around guillemets and around a straight quotation
        (
            "Title line\nMara Quist said: \u201eThe \u00bbtemporary\u00ab tariff is still here today.\u201c",
            "The \u00bbtemporary\u00ab tariff is still here today.",
            "Mara Quist",
        ),
    ],
)
def test_a_quotation_inside_a_quotation_is_part_of_it(text, whole, who):
    assert found(text) == [(whole, who)]


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Title line\nMara Quist said: \u201eWe will look at it closely.\u201c Later she left.",
            [("We will look at it closely.", "Mara Quist")],
        ),
        (
            "Title line\n\u201eWe will look at it closely\u201c, said Mara Quist. \u201eAnd then decide\u201d, she added.",
            [("We will look at it closely", "Mara Quist"), ("And then decide", "Mara Quist")],
        ),
        (
            "Title line\nMara Quist said: \u00abWe will look at it closely and respond.\u00bb",
            [("We will look at it closely and respond.", "Mara Quist")],
        ),
        (
            "Title line\n\u00ab We will look at it closely \u00bb, said Mara Quist on Friday.",
            [("We will look at it closely", "Mara Quist")],
        ),
    ],
)
def test_german_and_french_quotation_marks(text, want):
    assert found(text) == want


def test_single_marks_with_apostrophes_around_a_double_quotation_are_not_one_quotation():
    # the workers' ... don't: apostrophes, not a single-quoted statement around the double quotes
    text = 'Title line\nThe workers\' union said the deal was "a fair compromise for everyone involved" and the bosses\' side agreed.'
    assert found(text) == [("a fair compromise for everyone involved", None)]


# --------------------------------------------------------------------------------------------
# Inverted verb, a role, then the name in apposition


@pytest.mark.parametrize(
    "text, who, role",
    [
        ('Title line\n"This is a fine day for the port," said the Danish transport minister, Ole Brask.', "Ole Brask", "Danish transport minister"),
        ("Title line\n\u201cWe will answer in kind,\u201d said Norway\u2019s fisheries minister, Kari Lunde.", "Kari Lunde", "Norway\u2019s fisheries minister"),
        ('Title line\n"We will check every claim," said Jane Roe, a spokeswoman for the agency.', "Jane Roe", "spokeswoman"),
        ('Title line\n"The rules are clear," said the deputy mayor, Ines Varga, on Friday.', "Ines Varga", "deputy mayor"),
        ('Title line\nOn Friday said the deputy mayor, Ines Varga: "The rules are clear and fair."', "Ines Varga", "deputy mayor"),
    ],
)
def test_inverted_verb_then_role_then_name(text, who, role):
    a = analyse(text)
    (q,) = a.quotes
    assert q.speaker == who
    assert next(s for s in a.speakers if s.name == who).role == role


@pytest.mark.parametrize(
    "text",
    [
        # after the comma, no name: a participle clause
        'Title line\n"The rules are clear," said the deputy mayor, adding that the fines would stay.',
        # after the comma, places, not a person
        'Title line\n"The rules are clear," said the deputy mayor, Paris and Lyon agreeing.',
        # before the comma, no role at all
        'Title line\n"The rules are clear," said the man in the hat, Ines Varga nodding.',
    ],
)
def test_inverted_verb_with_a_comma_but_no_appositive_name(text):
    assert all(q.speaker not in ("Ines Varga", "Paris", "Lyon", "Paris and Lyon") for q in analyse(text).quotes)


# --------------------------------------------------------------------------------------------
# "X in <place> said": the place is where the subject is


@pytest.mark.parametrize(
    "text, who",
    [
        ('Title line\nAnna Berg in Oslo said the quotas were "long overdue and welcome".', "Anna Berg"),
        ('Title line\nThe Norwegian embassy in London said the rules were "protectionism by another name".', "Norwegian Embassy"),
        ('Title line\n"The rules are protectionism by another name," the Norwegian Embassy in London said.', "Norwegian Embassy"),
        ('Title line\nOfficials at the Arctic Fisheries Commission in Oslo said it was "a fair deal for all".', "Arctic Fisheries Commission"),
        # a town no country list knows is still where the subject is
        ('Title line\nAnna Berg in Tromsdal said the quotas were "long overdue and welcome".', "Anna Berg"),
        ("Title line\n'They said \"never\" and meant it,' one trader in Tromsdal said.", None),
    ],
)
def test_a_place_after_in_is_not_the_speaker(text, who):
    assert [q.speaker for q in analyse(text).quotes] == [who]


@pytest.mark.parametrize(
    "text",
    [
        # the place is the subject itself here (a capital standing for its government)
        'Title line\nOslo said the quotas were "long overdue and welcome".',
    ],
)
def test_a_place_alone_still_speaks_for_its_government(text):
    assert [q.speaker for q in analyse(text).quotes] == ["Oslo"]


def test_an_indefinite_body_of_a_country_is_nobody_named():
    # "a Norwegian embassy" is some embassy; "a Norwegian fishing company" a description
    for text in (
        'Title line\nA Norwegian fishing company said the quotas were "long overdue and welcome".',
        'Title line\nAn official from a Norwegian embassy said it was "long overdue and welcome".',
    ):
        assert all(q.speaker is None or "Norw" not in q.speaker for q in analyse(text).quotes)


@pytest.mark.parametrize(
    "text, who",
    [
        ("Title line\nA spokesperson for the Arctic Fisheries Commission said: 'We are reviewing the decision.'", "Arctic Fisheries Commission"),
        ("Title line\n'We are reviewing the decision,' a spokesperson for the Arctic Fisheries Commission said.", "Arctic Fisheries Commission"),
        ('Title line\n"We are reviewing the decision," said a spokeswoman for the Arctic Fisheries Commission.', "Arctic Fisheries Commission"),
        # a named spokesperson is the speaker, not the body
        ('Title line\n"We are reviewing the decision," said Jane Roe, a spokeswoman for the Arctic Fisheries Commission.', "Jane Roe"),
        # a spokesperson for a person is not that person
        ('Title line\n"We are reviewing the decision," a spokesman for Anna Berg said.', None),
    ],
)
def test_a_spokesperson_for_a_body_speaks_for_it(text, who):
    assert [q.speaker for q in analyse(text).quotes] == [who]


def test_a_spokesperson_for_a_person_before_the_quote_is_not_that_person():
    text = 'Title line\nA spokesman for Anna Berg said: "We are reviewing the decision."'
    assert [q.speaker for q in analyse(text).quotes] == [None]


def test_a_titled_spokesperson_for_a_body_with_a_name_is_the_named_person():
    text = 'Title line\n"We are reviewing it," said Spokesperson for the Foreign Ministry Maria Zakhar.'
    assert [q.speaker for q in analyse(text).quotes] == ["Maria Zakhar"]


@pytest.mark.parametrize(
    "text, want",
    [
        ("Title line\nThe industry's 'red lines', as Anna Berg put it, were clear.", [("red lines", "Anna Berg")]),
        ('Title line\nThe talks were "a slow dance", as the trade minister, Anna Berg, put it.', [("a slow dance", "Anna Berg")]),
        ('Title line\nThe deal is "dead in the water", as Anna Berg said on Monday.', [("dead in the water", "Anna Berg")]),
        # "as" not followed by a speaker and a speech verb
        ('Title line\nThey saw the "dead in the water" deal as Anna Berg left.', []),
        ('Title line\nThe "red lines" stayed as Anna Berg expected.', []),
    ],
)
def test_as_x_put_it(text, want):
    assert found(text) == want


@pytest.mark.parametrize(
    "text, who",
    [
        ("Title line\n'We will appeal,' the fisheries secretary, Anna Berg, said.", "Anna Berg"),
        ('Title line\n"We will appeal," the fisheries secretary, Anna Berg, told reporters.', "Anna Berg"),
        ("Title line\n'We will appeal,' Norway's fisheries secretary, Anna Berg, said on Monday.", "Anna Berg"),
        # the words between the commas are not a name: no speaker from them
        ("Title line\n'We will appeal now,' the fisheries secretary, in Oslo and Bergen, said.", None),
    ],
)
def test_role_then_name_between_commas_then_the_verb(text, who):
    assert [q.speaker for q in analyse(text).quotes] in ([who], [] if who is None else [who])
    assert all(q.speaker in (who, None) for q in analyse(text).quotes)


def test_a_headline_role_is_the_person_an_appositive_gives_it_to():
    text = "'We will respond in kind': Norway's fisheries minister\nAnna Berg, Norway's fisheries minister, spoke on Monday."
    assert found(text) == [("We will respond in kind", "Anna Berg")]


@pytest.mark.parametrize(
    "text",
    [
        "Title line\nAnna Berg, Norway's fisheries minister, spoke on Monday. Norway's fisheries minister said the quotas were \"a fair deal for the coast\".",
        "Title line\nAnna Berg, Norway's fisheries minister, spoke on Monday. \"The quotas are a fair deal for the coast,\" Norway's fisheries minister said.",
    ],
)
def test_a_countrys_lower_case_role_is_the_person_holding_it(text):
    assert [q.speaker for q in analyse(text).quotes] == ["Anna Berg"]
