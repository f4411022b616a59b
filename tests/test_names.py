"""Names in running text: role, honorific and proper name split apart; kinds; roles after names."""

from __future__ import annotations

import pytest

from briefing.analysis import names


def _one(text: str) -> names.Mention:
    found = [m for m in names.find(text, 0, len(text)) if m.kind != "place"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "phrase, bare, role",
    [
        ("Acting Chilean Foreign Minister Mawlawi Amir Khan Rahimi", "Amir Khan Rahimi", "Acting Chilean Foreign Minister"),
        ("Chilean Ambassador to Peru Ivan Petrenko", "Ivan Petrenko", "Chilean Ambassador to Peru"),
        ("Secretary of State Anna Vidal", "Anna Vidal", "Secretary of State"),
        ("Deputy Prime Minister and Deputy Leader Mullah Karim Yusufzai", "Karim Yusufzai", "Deputy Prime Minister and Deputy Leader"),
        ("President Ilse Marten", "Ilse Marten", "President"),
        ("Dr. Lena Brook", "Lena Brook", None),
        ("Chile's ambassador Gul Ahmad Ahmad", "Gul Ahmad Ahmad", "Chile's ambassador"),
        ("Health Ministry spokesperson Maria Salo", "Maria Salo", "Health Ministry spokesperson"),
    ],
)
def test_role_and_honorific_split_from_the_name(phrase, bare, role):
    m = _one(f"Yesterday {phrase} arrived.")
    assert (m.bare, m.role, m.kind) == (bare, role, "person")


def test_honorific_kept_in_the_written_name_but_not_the_bare_one():
    m = _one("Yesterday Mawlawi Gul Ahmad arrived.")
    assert (m.name, m.bare) == ("Mawlawi Gul Ahmad", "Gul Ahmad")


def test_a_first_name_that_is_also_a_title_elsewhere_is_not_a_title():
    m = _one("Yesterday Amir Khan Rahimi arrived.")
    assert m.bare == "Amir Khan Rahimi" and m.role is None


@pytest.mark.parametrize(
    "phrase",
    ["the Danish Ministry of Foreign Affairs", "Denmark's Foreign Ministry", "the Supreme Court", "the WTO"],
)
def test_organisations(phrase):
    m = _one(f"Yesterday {phrase} ruled.")
    assert m.kind == "organization" and m.bare


@pytest.mark.parametrize("phrase", ["Chile's trade minister", "the Peruvian ambassador"])
def test_role_descriptions_have_no_name(phrase):
    m = _one(f"Yesterday {phrase} spoke.")
    assert m.described and m.kind == "person" and not m.bare


def test_and_between_two_names_splits_them():
    text = "They saw Anna Vidal and Ivo Sand at the talks."
    assert [m.bare for m in names.find(text, 0, len(text))] == ["Anna Vidal", "Ivo Sand"]


def test_sentence_end_splits_a_run():
    text = "The deal was signed by Anna Vidal. Ivo Sand was away."
    assert [m.bare for m in names.find(text, 0, len(text))] == ["Anna Vidal", "Ivo Sand"]


def test_countries_and_capitals_are_places():
    text = "Crowds in Buenos Aires and Costa Rica met."
    found = {m.bare: m.kind for m in names.find(text, 0, len(text))}
    assert found == {"Buenos Aires": "place", "Costa Rica": "place"}
    assert names.place_key("Peruvian") == names.place_key("Lima") == "peru"


@pytest.mark.parametrize(
    "tail, role",
    [
        (", a former U.S. diplomat in Lima, said", "former U.S. diplomat"),
        (", Chile's special envoy to Peru, said", "Chile's special envoy to Peru"),
        (" is a Swedish diplomat and writer.", "Swedish diplomat"),
        (" is a government official serving as the Chilean Ambassador to Peru.", "Chilean Ambassador to Peru"),
    ],
)
def test_role_after_a_name(tail, role):
    text = "Anna Vidal" + tail
    assert names.role_after(text, len("Anna Vidal"), len(text)) == role


@pytest.mark.parametrize("tail", [", the capital of Chile, is busy", " is a city in Chile.", ", which is new, said"])
def test_no_role_after_a_name_without_a_role_word(tail):
    text = "Anna Vidal" + tail
    assert names.role_after(text, len("Anna Vidal"), len(text)) is None


def test_person_name_shape():
    def m(bare):
        return names.Mention(0, 0, bare, bare, bare, None, "unknown")

    assert names.is_person_name(m("Anna Vidal"))
    assert names.is_person_name(m("Abu Bakr al-Rashid"))
    assert not names.is_person_name(m("South China Morning Post"))
    assert not names.is_person_name(m("Anna"))
    assert not names.is_person_name(m("The Times"))


def test_blocking_keys_for_spelling_variants():
    assert names.skeleton("Petrenko") == names.skeleton("Petrienko")
    assert names.surname("Dr. Ivan Petrenko") == "petrenko"
    assert names.fold("Jos\u00e9 M\u00fcller") == "jose muller"


@pytest.mark.parametrize("n", [3, 40])
def test_find_words_finds_whole_words_only(n):
    wanted = {f"Name{i}x" for i in range(n)} | {"Sand"}
    text = "Sand met Sandra and Sand-bank, then Sands; Sand."
    assert names.find_words(text, 0, len(text), wanted) == [(0, 4), (43, 47)]


def test_a_title_complement_is_not_a_name():
    text = "He was the Russian Representative to the UN for years."
    (m,) = [m for m in names.find(text, 0, len(text)) if m.kind != "place"]
    assert m.described and m.role == "Russian Representative to the UN"


def test_a_name_after_a_title_complement():
    text = "Yesterday Senior Adviser to Lund Ivar Berg Dahl arrived."
    (m,) = [m for m in names.find(text, 0, len(text)) if m.kind != "place"]
    assert m.bare == "Ivar Berg Dahl"


@pytest.mark.parametrize("phrase", ["Sri Lanka's Central Bank", "Nad Ali District", "Islamic State-Khorasan Province"])
def test_places_and_things_are_not_people(phrase):
    text = f"Yesterday {phrase} was in the news."
    found = [m for m in names.find(text, 0, len(text))]
    assert not any(m.kind == "person" or names.is_person_name(m) for m in found), found


def test_an_honorific_word_inside_a_place_name():
    text = "Yesterday Sri Lanka's Dr. Asha Perera spoke."
    people = [m for m in names.find(text, 0, len(text)) if m.kind == "person"]
    assert [m.bare for m in people] == ["Asha Perera"]


def test_a_place_with_an_honorific_word_stays_whole_in_the_role():
    text = "Yesterday Sri Lanka's Dr. Asha Perera spoke."
    (m,) = [m for m in names.find(text, 0, len(text)) if m.kind == "person"]
    assert m.role == "Sri Lanka's"


def test_place_key_is_the_gazetteers_one_country_lookup():
    from briefing.analysis import gazetteer

    for word in ("Peruvian", "Lima", "Peru's", "Britain", "U.S.", "Saudi", "American"):
        code = gazetteer.code(word)
        assert code is not None
        assert names.place_key(word) == gazetteer.name_of(code).lower()
    assert names.place_key("Philippines'") == names.place_key("Philippines") is not None
    # short codes in lower case are English words, not countries ("and" was once Andorra)
    for word in ("and", "as", "us", "Anna", "minister"):
        assert names.place_key(word) is None


@pytest.mark.parametrize(
    "phrase, body",
    [
        ("Norway's fisheries ministry", True),
        ("Norway\u2019s foreign ministry", True),
        ("Norway's government", True),
        ("Norway's largest bank", False),  # a superlative describes
        ("Norway's main opposition party", False),  # a stop word describes
        ("Anna's fisheries ministry", False),  # not a country
        ("Norway's fisheries minister", False),  # a person's role
        ("Norwegian embassy", True),  # a demonym, then a state's own body
        ("Norwegian authorities", True),
        ("Norwegian fishing company", False),  # a demonym before any other body describes
        ("Norwegian largest ministry", False),
    ],
)
def test_possessive_body(phrase, body):
    toks = [t for t in names.tokens(phrase, 0, len(phrase)) if t.word]
    assert names.possessive_body(toks) is body


@pytest.mark.parametrize(
    "name, short",
    [("Commission", True), ("Court", True), ("Supreme Court", False), ("Foreign Ministry", False), ("Anna", False), ("commission", False)],
)
def test_head_only(name, short):
    assert names.head_only(name) is short


def _find_whole(text, places=True):
    """`find` over the whole text in one pass (what the line-by-line memo must reproduce)."""
    return [names.Mention(a, b, *rest) for a, b, rest in names._find_in(text, 0, len(text), places, True)]


def test_find_line_by_line_matches_one_pass():
    text = (
        "fire chief Anna Berg said the Ministry of Defence and Jan Kowalski met.\n"
        "minister Ola Nordmann spoke first; state broadcaster NRK Radio agreed.\n"
        "\n"
        "fire chief Anna Berg said the Ministry of Defence and Jan Kowalski met.\n"
        "Officials in Oslo and Bergen said President Emmanuel Macron would visit Central Asia.\n"
    )
    for places in (True, False):
        names._BY_LINE[places].clear()
        once = names.find(text, 0, len(text), places=places)
        assert once == _find_whole(text, places)
        assert names.find(text, 0, len(text), places=places) == once  # from the memo
    forms = [m.form for m in names.find(text, 0, len(text))]
    assert forms.count("chief Anna Berg") == 2
    # a lower-case role word opening a line after the first is not joined to the name (as in
    # one pass over the text, where the line break is part of that word)
    assert "minister Ola Nordmann" not in forms and "Ola Nordmann" in forms
    first = names.find("minister Ola Nordmann spoke.\nMore text here.", 0, 44)
    assert first[0].form == "minister Ola Nordmann"


def test_phrase_and_role_after_from_the_memo_match_the_plain_reading():
    text = (
        'Prices rose, said Anna Berg, the central bank governor, on Monday. "We act," said '
        "the French trade minister, Anne Roy, who is a former diplomat serving as the envoy to Oslo.\n"
        'Later: "We act," said China\'s commerce ministry. "We wait," said Anna Berg, the central bank governor.'
    )
    names._AFTER.clear()
    names._ROLES_AFTER.clear()
    for rep in range(2):  # computed, then from the memo at other offsets
        for pos in range(0, len(text), 3):
            for hi in (pos + 5, pos + 60, len(text)):
                assert names.phrase_after(text, pos, hi) == names._phrase_after(text, pos, hi)
                plain = names._role_after(text, pos, hi) if pos < hi and names.role_may_follow(text, pos) else None
                assert names.role_after(text, pos, hi) == plain
    said = text.index("said Anna") + 5
    assert [t.text for t in names.phrase_after(text, said, len(text))] == ["Anna", "Berg"]
    assert names.phrase_after(text, said, len(text))[0].start == said
    assert names.role_after(text, text.index(", the central"), len(text)) == "central bank governor"
