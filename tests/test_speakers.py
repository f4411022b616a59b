"""Speakers and people across sources: canonical names, aliases, forms, merging with evidence."""

from __future__ import annotations

import pytest

from test_quotes_support import analyse


def _speaker(a, name):
    for s in a.speakers:
        if s.name == name:
            return s
    raise AssertionError(f"no speaker {name!r} in {[s.name for s in a.speakers]}")


def test_canonical_name_drops_honorifics_and_roles_and_keeps_every_form():
    a = analyse(
        "Title one\n\u201cWe are ready,\u201d said Acting Trade Minister Sheikh Omar Nasser Haddad.",
        "Title two\nTrade Minister Omar Nasser Haddad spoke. \u201cThe port opens soon,\u201d Haddad said.",
    )
    (s,) = a.speakers
    assert s.name == "Omar Nasser Haddad"
    assert s.kind == "person"
    assert "Haddad" in s.aliases and "Sheikh Omar Nasser Haddad" in s.aliases
    assert s.forms["Haddad"] == ["s1"]
    assert s.forms["Sheikh Omar Nasser Haddad"] == ["s0"]
    assert s.role and "Trade Minister" in s.role
    assert len(s.quotes) == 2


def test_surname_alone_joins_the_full_name_in_another_source():
    a = analyse(
        "Title one\n\u201cWe are ready,\u201d said Pavel Orlov, the envoy.",
        "Title two\n\u201cThe talks went well,\u201d Orlov said.",
    )
    assert [s.name for s in a.speakers] == ["Pavel Orlov"]


def test_spelling_variants_merge_with_a_shared_role():
    a = analyse(
        "Title one\n\u201cWe are ready,\u201d said Chilean Ambassador to Peru Ivan Petrenko.",
        "Title two\n\u201cThe talks went well,\u201d said Chilean Ambassador Ivan Petrienko.",
    )
    (s,) = a.speakers
    assert s.forms == {"Ivan Petrenko": ["s0"], "Ivan Petrienko": ["s1"]}


def test_spelling_variants_without_evidence_stay_apart():
    a = analyse(
        "Title one\n\u201cWe are ready,\u201d said Ivan Petrenko, a farmer.",
        "Title two\n\u201cThe talks went well,\u201d said Olga Petrienko, a teacher.",
    )
    assert sorted(s.name for s in a.speakers) == ["Ivan Petrenko", "Olga Petrienko"]


def test_similar_surnames_with_conflicting_countries_stay_apart():
    a = analyse(
        "Title one\n\u201cWe are ready,\u201d said Chilean Ambassador Petrenko.",
        "Title two\n\u201cThe talks went well,\u201d said Peruvian Ambassador Petrienko.",
    )
    assert len(a.speakers) == 2


def test_two_people_sharing_a_surname_are_never_merged():
    a = analyse(
        "Title one\n\u201cThe law is fair,\u201d said Senator John Miller.",
        "Title two\n\u201cThe clinic is full,\u201d said Dr. Mary Miller, a doctor in the city.",
    )
    assert sorted(s.name for s in a.speakers) == ["John Miller", "Mary Miller"]


def test_surname_alone_with_two_candidates_follows_the_shared_role():
    a = analyse(
        "Title one\n\u201cThe law is fair,\u201d said Senator John Miller.\n"
        "\u201cThe clinic is full,\u201d said Mary Miller, a doctor in the city.",
        "Title two\n\u201cWe need more beds,\u201d said the doctor, Miller.",
    )
    names = sorted(s.name for s in a.speakers)
    assert names == ["John Miller", "Mary Miller"]


def test_a_surname_alone_in_an_article_joins_that_articles_full_name():
    a = analyse("Title one\nThe envoy Pavel Orlov arrived. \u201cWe came to listen,\u201d Orlov said.")
    (s,) = a.speakers
    assert s.name == "Pavel Orlov" and "Orlov" in s.aliases


def test_ministry_named_two_ways_is_one_organisation():
    a = analyse(
        "Title one\n\u201cWe welcome the ruling,\u201d the Danish Ministry of Foreign Affairs said in a statement.",
        "Title two\n\u201cThe ruling is welcome,\u201d said Denmark's Foreign Ministry.",
    )
    (s,) = a.speakers
    assert s.kind == "organization"
    assert len(s.quotes) == 2


def test_ministries_of_two_countries_stay_apart():
    a = analyse(
        "Title one\n\u201cWe welcome the ruling,\u201d the Danish Foreign Ministry said.",
        "Title two\n\u201cWe reject the ruling,\u201d the Swedish Foreign Ministry said.",
    )
    assert len(a.speakers) == 2


def test_people_are_named_persons_who_are_not_quoted():
    a = analyse(
        "Title one\nThe envoy met Deputy Prime Minister Mullah Karim Yusufzai and Dr. Lena Brook in the capital. "
        "The Northern Daily Herald reported the meeting.\n\u201cIt went well,\u201d said Pavel Orlov, the envoy.",
    )
    people = {p.name: p for p in a.people}
    assert set(people) == {"Karim Yusufzai", "Lena Brook"}
    assert people["Karim Yusufzai"].role == "Deputy Prime Minister"
    assert "Mullah Karim Yusufzai" in people["Karim Yusufzai"].aliases
    assert [s.name for s in a.speakers] == ["Pavel Orlov"]


def test_people_forms_keep_each_spelling_with_its_sources():
    a = analyse(
        "Title one\nThe country's envoy Gul Ahmad Ahmad arrived in Oslo.",
        "Title two\nThe new envoy to Norway, Mawlawi Gul Ahmad, arrived on Monday.",
    )
    (p,) = a.people
    assert p.name == "Gul Ahmad Ahmad"
    assert p.forms == {"Gul Ahmad Ahmad": ["s0"], "Mawlawi Gul Ahmad": ["s1"]}


def test_copula_and_appositive_give_roles():
    a = analyse(
        "Title one\nMarta Lind is a Swedish diplomat. Ivo Sand, a former police chief in Oslo, spoke too."
    )
    roles = {p.name: p.role for p in a.people}
    assert roles == {"Marta Lind": "Swedish diplomat", "Ivo Sand": "former police chief"}


def test_names_without_any_sign_of_a_person_are_not_people():
    a = analyse("Title one\nThe Morning Star and Silver Lake Partners both covered the Grand Canal opening.")
    assert a.people == []


def test_role_description_used_as_subject_is_an_alias():
    a = analyse(
        "Title one\nSome lead here.\n'A historic day': Chile's trade minister\n"
        "Chilean Trade Minister Pablo Reyes welcomed the accord."
    )
    (s,) = a.speakers
    assert "Chile's trade minister" in s.aliases


def test_quote_variants_group_renderings_of_one_statement():
    a = analyse(
        "Title one\n\u201cWe believe the agreement will bring lasting stability and prosperity to both nations,\u201d "
        "the Danish Foreign Ministry said.",
        "Title two\n\u201cWe are convinced that the agreement brings lasting prosperity and stability to our two nations,\u201d "
        "said the Danish Foreign Ministry.",
        "Title three\n\u201cThe fishing quotas will be reviewed in the spring by the joint committee,\u201d said the "
        "Danish Foreign Ministry.",
    )
    (v,) = a.quote_variants
    assert v.speaker == "Danish Foreign Ministry"
    assert v.quotes == ["s0:q1", "s1:q1"]


def test_no_variants_within_one_source_or_for_fragments():
    a = analyse(
        "Title one\n\u201cWe believe the agreement will bring lasting stability and prosperity,\u201d said Pavel Orlov. "
        "\u201cWe believe the agreement will bring lasting stability and prosperity to all,\u201d Orlov said.",
        "Title two\nPavel Orlov called it a \u201clasting stability\u201d deal.",
    )
    assert a.quote_variants == []


def test_speaker_names_are_unique():
    """A person and a body written alike stay two speakers, so their names must differ."""
    from pathlib import Path

    from briefing.analysis import speakers
    from briefing.analysis.quotes import ArticleQuotes, Entity, FoundQuote
    from briefing.model import Analysis, Story
    from test_quotes_support import article

    arts = [article("Title\n\u201cWe will build it,\u201d Ford said. \u201cNo,\u201d Ford said.", "s0")]
    facts = [
        ArticleQuotes(
            "s0",
            quotes=[FoundQuote(7, 21, False, 0), FoundQuote(36, 38, False, 1)],
            entities=[Entity(name="Ford", kind="organization", forms=["Ford"]), Entity(name="Ford", kind="person", forms=["Ford"])],
        )
    ]
    a = Analysis(story=Story(path=Path("."), articles=arts))
    speakers.combine(a, facts)
    assert sorted(s.name for s in a.speakers) == ["Ford", "Ford (2)"]
    assert {q.speaker for q in a.quotes} == {"Ford", "Ford (2)"}


def test_a_possessive_heading_is_not_a_person():
    a = analyse("Title one\nRussia's Strategic Pivot\nThe country changed course.\nIts Long Game\nMore text.")
    assert a.people == []


def test_a_formal_title_is_preferred_as_the_role():
    a = analyse(
        "Title one\nIvan Petrenko is a Chilean diplomat and writer.",
        "Title two\nForeign Minister Ivan Petrenko arrived in Lima.",
    )
    (p,) = a.people
    assert p.role == "Foreign Minister"


def test_an_acronym_joins_the_one_body_whose_initials_it_is():
    a = analyse(
        "Title one\nThe Northern Fisheries Agency said it was \u201cwatching the stocks closely\u201d this year.",
        "Title two\nThe NFA said it was \u201cclosely watching\u201d the stocks.",
    )
    (s,) = a.speakers
    assert s.kind == "organization" and len(s.quotes) == 2


def test_an_acronym_with_two_possible_bodies_stays_apart():
    a = analyse(
        "Title one\nThe Northern Fisheries Agency said it was \u201cwatching the stocks closely\u201d this year.\n"
        "The National Farmers Association said the prices were \u201cfar too low for anyone\u201d now.",
        "Title two\nThe NFA said it was \u201cclosely watching\u201d the stocks.",
    )
    assert len(a.speakers) == 3


def test_affiliation_after_of_is_not_part_of_the_name():
    a = analyse("Title one\nMarcus Webb of Ferris & Co called the recall \u201ca serious blow\u201d.")
    assert a.quotes[0].speaker == "Marcus Webb"


def test_a_noun_after_a_determiner_is_not_the_speech_verb():
    text = "Title one\nMarcus Webb called the recall \u201ca serious blow\u201d."
    assert analyse(text).quotes[0].speaker == "Marcus Webb"


def test_a_name_written_family_name_first():
    a = analyse(
        "Title one\nChinese President Xi Jinping met the envoy. \u201cWe want stable ties with everyone,\u201d Xi said."
    )
    (s,) = a.speakers
    assert s.name == "Xi Jinping" and "Xi" in s.aliases


def test_a_first_word_shared_by_two_people_names_neither():
    a = analyse(
        "Title one\nLi Wei and Li Na met on Monday. \u201cWe want stable ties with everyone,\u201d Li said."
    )
    assert [s.name for s in a.speakers] == ["Li"]


def test_json_export_gives_each_speaker_and_person_its_name_forms():
    from briefing.export.json_export import to_dict

    a = analyse(
        'Dr. Ada Lund said the tests were "clean and complete".\n\nLund added: "We will publish them."',
        'Ada Lund said: "The tests were clean." Piet Hals, a chemist at the lab, was not there.',
    )
    out = to_dict(a)
    lund = next(s for s in out["speakers"] if s["name"] == "Ada Lund")
    assert set(lund["forms"]) >= {"Dr. Ada Lund", "Ada Lund"}
    assert lund["forms"]["Ada Lund"] == ["s1"]
    hals = next(p for p in out["people"] if p["name"] == "Piet Hals")
    assert hals["forms"] == {"Piet Hals": ["s1"]}


# --------------------------------------------------------------------------------------------
# A country's body written in lower case: "Norway's fisheries ministry said"


def test_a_countrys_body_in_lower_case_speaks_and_both_partial_quotes_are_its():
    a = analyse('Norway\'s fisheries ministry said it "strongly rejects" the ruling and would "use every legal means" to fight it.')
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ("strongly rejects", "Norway's Fisheries Ministry"),
        ("use every legal means", "Norway's Fisheries Ministry"),
    ]
    (body,) = a.speakers
    assert body.kind == "organization"
    assert "Norway's fisheries ministry" in body.aliases


@pytest.mark.parametrize(
    "text",
    [
        '"We will defend our boats," Norway\'s fisheries ministry said on Friday.',
        'Norway\'s fisheries ministry said: "We will defend our boats."',
        'Norway\'s fisheries ministry issued a note.\n\n"We will defend our boats," the ministry said.',
    ],
)
def test_a_countrys_body_in_lower_case_after_before_and_as_the_ministry(text):
    assert [q.speaker for q in analyse(text).quotes] == ["Norway's Fisheries Ministry"]


def test_a_countrys_body_is_one_with_its_demonym_form_in_another_source():
    a = analyse(
        'Norway\'s fisheries ministry said it "strongly rejects" the ruling.',
        'The Norwegian Fisheries Ministry said it would "use every legal means" against it.',
    )
    assert len({q.speaker for q in a.quotes}) == 1
    (body,) = a.speakers
    assert {"Norway's fisheries ministry", "Norwegian Fisheries Ministry"} <= set(body.aliases) | {body.name}


@pytest.mark.parametrize(
    "text",
    [
        'Norway\'s largest bank said it would "review the loans" this year.',  # a superlative: which bank?
        'Norway\'s main opposition party said it was "deeply troubled" by it.',  # a description
        'Norway\'s fisheries minister said it was "a sad day" for the coast.',  # a person's role, not a body
    ],
)
def test_a_country_possessive_that_describes_rather_than_names_is_no_body(text):
    a = analyse(text)
    assert all(s.kind != "organization" for s in a.speakers)
    assert all(q.speaker is None or "Norway" not in q.speaker for q in a.quotes)


# --------------------------------------------------------------------------------------------
# A body's short name ("the Commission") is the fuller one named before it


@pytest.mark.parametrize(
    "text, who, short",
    [
        ('The Arctic Fisheries Commission set new quotas on Tuesday.\n\n"We have followed the science," the Commission said in a statement.', "Arctic Fisheries Commission", "Commission"),
        ('The Foreign Ministry summoned the envoy on Monday.\n\n"This is unacceptable," the ministry said.', "Foreign Ministry", "ministry"),
        ('The Food Safety Agency issued a recall.\n\n"No one should eat these," the agency said.', "Food Safety Agency", "agency"),
        ('The Supreme Court heard the case.\n\n"The law is clear," the Court said in its ruling.', "Supreme Court", "Court"),
        # the fuller name after the short one, in the same article
        ('"We have followed the science," the Commission said.\n\nThe Arctic Fisheries Commission set new quotas on Tuesday.', "Arctic Fisheries Commission", "Commission"),
    ],
)
def test_a_short_body_name_is_the_fuller_one_of_the_article(text, who, short):
    a = analyse(text)
    assert [q.speaker for q in a.quotes] == [who]
    (body,) = a.speakers
    assert short in body.aliases or short.lower() in [x.lower() for x in body.aliases]


def test_a_short_body_name_is_the_nearest_fuller_one_before_it():
    a = analyse(
        "The Arctic Fisheries Commission set quotas. The Federal Trade Commission objected.\n\n"
        '"We have followed the rules," the Commission said.'
    )
    assert [q.speaker for q in a.quotes] == ["Federal Trade Commission"]


def test_a_short_body_name_in_another_source_is_the_storys_one_fuller_name():
    a = analyse(
        "The Arctic Fisheries Commission set new quotas on Tuesday.",
        '"We have followed the science," the Commission said in a statement.',
    )
    assert [q.speaker for q in a.quotes] == ["Arctic Fisheries Commission"]
    (body,) = a.speakers
    assert body.forms["Commission"] == ["s1"]


def test_a_short_body_name_with_two_fuller_candidates_in_the_story_is_left_alone():
    a = analyse(
        "The Arctic Fisheries Commission set new quotas on Tuesday.",
        "The Federal Trade Commission objected on Wednesday.",
        '"We have followed the science," the Commission said in a statement.',
    )
    assert [q.speaker for q in a.quotes] == ["Commission"]


def test_a_short_body_name_alone_stays_as_written():
    a = analyse('"We have followed the science," the Commission said in a statement.')
    assert [q.speaker for q in a.quotes] == ["Commission"]


@pytest.mark.parametrize(
    "text, who",
    [
        ('The Office for Fisheries and Aquaculture said it was "disappointed" by the ruling.', "Office for Fisheries and Aquaculture"),
        ('"We will study the ruling," the Ministry of Fisheries and Aquaculture said.', "Ministry of Fisheries and Aquaculture"),
        # two names joined by "and" stay two
        ('The Ministry of Fisheries and Anna Berg said it was "a sad day".', None),
        ('The Ministry of Fisheries and Norway said it was "a sad day".', None),
    ],
)
def test_and_inside_a_bodys_name(text, who):
    got = [q.speaker for q in analyse(text).quotes]
    if who is None:
        assert got != ["Ministry of Fisheries and Anna"] and all("and" not in (s or "") for s in got)
    else:
        assert got == [who]


def test_and_inside_a_bodys_name_then_the_short_reference():
    a = analyse('The Office for Fisheries and Aquaculture issued rules.\n\n"We will study the ruling," the office said.')
    assert [q.speaker for q in a.quotes] == ["Office for Fisheries and Aquaculture"]


@pytest.mark.parametrize("seat", ["Downing Street", "the Kremlin", "the White House"])
def test_a_seat_of_government_that_speaks_is_a_body(seat):
    a = analyse(f'{seat[:1].upper() + seat[1:]} said the deal was "a good outcome for everyone".')
    (s,) = a.speakers
    assert s.kind == "organization"


def test_a_person_named_like_a_street_is_still_a_person():
    a = analyse('Anna Downing said the deal was "a good outcome for everyone".')
    (s,) = a.speakers
    assert (s.name, s.kind) == ("Anna Downing", "person")


@pytest.mark.parametrize(
    "texts, who",
    [
        (("The Norwegian Foreign Ministry summoned the envoy.", '"This is unacceptable," the ministry said.'), "Norwegian Foreign Ministry"),
        (("The Food Safety Agency issued a recall.", '"No one should eat these," the agency said.'), "Food Safety Agency"),
        # one agency among other bodies of the story
        (
            ("The Food Safety Agency issued a recall. The Norwegian Foreign Ministry objected.", '"No one should eat these," the agency said.'),
            "Food Safety Agency",
        ),
        # two agencies: which one is not known
        (("The Food Safety Agency and the Drug Agency issued a recall.", '"No one should eat these," the agency said.'), None),
        # no body with that head word in the story
        (("The Food Safety Agency issued a recall.", '"No one should eat these," the court said.'), None),
    ],
)
def test_a_body_described_in_one_source_is_the_storys_one_body_of_that_kind(texts, who):
    assert [q.speaker for q in analyse(*texts).quotes] == [who]
