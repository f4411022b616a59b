"""Finding countries and blocs: every naming form, the places that are not countries, ambiguity."""

from __future__ import annotations

import pytest

from briefing.analysis import gazetteer


def codes(text: str) -> list[str]:
    return [m.code for m in gazetteer.find(text)]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.code, m.kind) for m in gazetteer.find(text)]


# --- naming forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Talks between Peru and Chile resumed.", ["PE", "CL"]),
        ("Papua New Guinea signed the pact.", ["PG"]),  # the longest name, not Guinea inside it
        ("Officials in the Central African Republic agreed.", ["CF"]),
        ("The Russian Federation objected.", ["RU"]),
        ("Bosnia and Herzegovina voted.", ["BA"]),
    ],
)
def test_country_names(text, want):
    assert codes(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The U.S. said it would wait.", "US"),
        ("US officials said it would wait.", "US"),
        ("America will wait.", "US"),
        ("Britain and the UK are one.", "GB"),
        ("Türkiye hosted the meeting.", "TR"),
        ("The UAE hosted the meeting.", "AE"),
        ("He flew to the Emirates.", "AE"),
        ("Czechia abstained.", "CZ"),
    ],
)
def test_aliases(text, want):
    assert set(codes(text)) == {want}


def test_the_is_required_for_the_emirates():
    assert codes("Emirates flight 12 landed.") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Kenyan officials denied it.", "KE"),
        ("An Emirati envoy arrived.", "AE"),
        ("Chinese diplomats left.", "CN"),
        ("Thousands of Afghans fled.", "AF"),
        ("The Dutch government fell.", "NL"),
    ],
)
def test_demonyms(text, want):
    assert [(m.code, m.kind) for m in gazetteer.find(text)][0] == (want, "demonym") or codes(text) == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [("Ankara said no.", "TR"), ("Talks in Nairobi ended.", "KE"), ("Washington said no.", "US"), ("Hanoi agreed.", "VN")],
)
def test_capitals(text, want):
    assert kinds(text) == [(want, "capital")]


def test_capitals_of_tiny_territories_are_not_read_as_places():
    # Victoria (Seychelles), Douglas (Isle of Man), Stanley (Falklands) are common names
    assert codes("Victoria and Douglas met Stanley.") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [("The Kremlin declined to comment.", "RU"), ("The White House said no.", "US"), ("Downing Street denied it.", "GB")],
)
def test_seats_of_government(text, want):
    assert kinds(text) == [(want, "government")]


def test_official_state_name_is_one_government_mention():
    text = "Envoys of the Transitional Emirate of Mali arrived."
    [m] = gazetteer.find(text)
    assert (m.code, m.kind, m.text) == ("ML", "government", "Transitional Emirate of Mali")


def test_offsets_point_at_the_words():
    text = "After the talks, \u201cKenya and the U.S. agree,\u201d said the Kremlin."
    for m in gazetteer.find(text):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in gazetteer.find(text)] == ["Kenya", "U.S.", "Kremlin"]


def test_headline_in_capitals():
    assert codes("KABUL / MOSCOW July 4") == ["AF", "RU"]


def test_iso_codes_are_not_words():
    assert codes("IT IS NO SECRET THAT WE WIN IN THE END.") == []


def test_pronoun_us_is_not_a_country():
    assert codes("They told us about it.") == []


# --- not countries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Trade across Central Asia and Southeast Asia grew.",
        "Europe and Asia are continents.",
        "The Soviet Union collapsed.",
        "Chechnya is a republic.",
        "Latin America and South America and North America.",
        "Ships in the South China Sea and the Indian Ocean.",
        "A rancher in New Mexico and a lawyer in New Jersey.",
        "The Moscow Times and the South China Morning Post reported it.",
        "She studied at the Moscow State Institute.",
    ],
)
def test_not_countries(text):
    assert codes(text) == []


def test_anti_and_pro_are_attitudes_not_actors():
    assert codes("An anti-Western speech and pro-Russian rebels.") == []


# --- ambiguous words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Michael Jordan retired.",
        "Jordan Peterson spoke on Monday.",
        "Mr Chad said he would stay.",
        "Chad Smith plays the drums.",
        "The singer, Georgia, 34, won.",
        "Jordan's mother said he was fine.",
        "The price of a Turkey dinner rose.",
        "They ate turkey and china plates broke.",
        "Voters in Georgia elected a new governor.",
        "Atlanta, Georgia, and Alabama saw storms.",
        "George Washington crossed the river.",
    ],
)
def test_country_word_that_is_not_the_country(text):
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jordan said it would close the border.", ["JO"]),
        ("King Abdullah of Jordan arrived.", ["JO"]),
        ("Jordan's foreign ministry said no.", ["JO"]),
        ("Chad and Niger signed a pact.", ["TD", "NE"]),
        ("Georgia and Armenia signed a pact.", ["GE", "AM"]),
        ("Turkey and Greece held talks.", ["TR", "GR"]),
        ("Israel Defense Forces said.", ["IL"]),
        ("Tbilisi said Georgia would apply.", ["GE", "GE"]),
    ],
)
def test_country_word_that_is_the_country(text, want):
    assert codes(text) == want


def test_title_case_headline_keeps_countries():
    # in a Title Case line every word is capitalised, so "Jordan Rejects" is no person
    assert codes("Jordan Rejects Plan as Israel Weighs Response\n") == ["JO", "IL"]


# --- blocs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The EU and NATO agreed.", ["European Union", "NATO"]),
        ("The United Nations and the U.N. Security Council met.", ["United Nations", "United Nations"]),
        ("Western governments remain wary.", ["Western governments"]),
        ("The international community reacted.", ["the international community"]),
        ("ASEAN ministers met.", ["ASEAN"]),
    ],
)
def test_blocs(text, want):
    found = gazetteer.find(text)
    assert [m.code for m in found] == want
    assert all(m.is_bloc for m in found)


def test_region_beats_bloc_adjective():
    assert codes("Western Europe is cold.") == []


def test_index_is_built_once():
    assert gazetteer.gazetteer() is gazetteer.gazetteer()


def test_display_names_are_the_short_names():
    assert [gazetteer.name_of(c) for c in ("US", "RU", "TR", "AE", "MM")] == [
        "United States",
        "Russia",
        "Turkey",
        "United Arab Emirates",
        "Myanmar",
    ]


@pytest.mark.parametrize(
    "text",
    ["Latin American leaders met.", "Belfast is in Northern Ireland.", "Male voters turned out.", "Tom Holland starred."],
)
def test_more_places_and_words_that_are_not_countries(text):
    assert codes(text) == []


def test_south_african_is_a_demonym():
    assert codes("South African officials agreed.") == ["ZA"]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. criticized Georgia over its new law.",
        "American diplomats said Georgia should reconsider.",
        "Protesters in Tbilisi said the governor of the region resigned, and Georgia stayed calm.",
    ],
)
def test_georgia_the_country_beside_us_words(text):
    assert "GE" in codes(text)


def test_georgia_the_state_after_one_of_its_towns():
    assert codes("She grew up in Athens, Georgia.") == []
    assert codes("The law of the state of Georgia.") == []


def test_capital_name_of_a_us_town():
    assert codes("A farmer from Moscow, Idaho, and a student in Paris, Texas.") == []
    assert codes("She lives in Lebanon, Ohio.") == []
    assert codes("Talks in Lebanon, Syria and Jordan.") == ["LB", "SY", "JO"]
    assert codes("Talks in Armenia, Georgia and Azerbaijan.") == ["AM", "GE", "AZ"]
    assert codes("A student in Athens, Georgia.") == []
    assert codes("Talks in Moscow, officials said.") == ["RU"]


@pytest.mark.parametrize(
    "text",
    ["He wired money by Western Union.", "Settlers in the West Bank.", "Perth is in Western Australia.", "Fans of West Ham."],
)
def test_names_that_start_like_a_bloc(text):
    assert codes(text) == []


def test_western_as_bloc_adjective():
    assert codes("Western sanctions and the West's response.") == ["Western governments", "Western governments"]


def test_the_west_needs_its_capital():
    assert codes("Smoke rose to the west of the city.") == []


from hypothesis import given, strategies as st  # noqa: E402

_WORDS = st.sampled_from(
    ["Peru", "Chile", "the", "U.S.", "Kremlin", "Jordan", "Georgia", "Western", "said", ",", ".", "\n", "'s",
     "recognized", "sanctions", "by", "which", "not", "Mr", "Ocean", "Times", "-", "Ü", "\u2019", "Korea", "South"]
)


@given(st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=200))
def test_any_text_gives_mentions_that_point_at_themselves(text):
    from briefing.analysis import stance

    found = gazetteer.find(text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
    for a in stance.read(text, 0, len(text), found):
        assert a.role in ("agent", "patient") and a.code in {m.code for m in found}
