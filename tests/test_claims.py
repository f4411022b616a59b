"""Claim alignment: paraphrases across sources align, near misses (other numbers, other actors,
other years) do not, and blocking never compares sentences that share no rare term."""

from briefing.analysis import claims
from briefing.loader import ArticleInput, build_article

FILLER = [
    "Farmers in the valley harvested a record crop of apples this autumn.",
    "The city library will extend its opening hours during the exam season.",
    "A new ferry line links the two islands twice a day in summer.",
    "Local schools reported higher attendance after the bus routes changed.",
]


def aligned(a: str, b: str) -> bool:
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput("\n".join([t, *FILLER[k * 2 : k * 2 + 2]])))
            for k, t in enumerate((a, b))]
    items = [claims.Item(k, s) for k, art in enumerate(arts) for s in claims.sentences(art)]
    al = claims.align(items)
    first = {k: next(i for i, it in enumerate(items) if it.source == k and it.sentence.position == 0) for k in (0, 1)}
    return any(first[0] in c and first[1] in c for c in al.clusters)


def test_paraphrase_with_synonyms_and_country_forms_aligns():
    assert aligned(
        "Norway formally recognised the new government of Gabon on Monday, the first state to do so.",
        "On Monday the Norwegian government officially acknowledged Gabon's new government, becoming the first country to do so.",
    )


def test_paraphrase_inside_a_longer_sentence_aligns():
    assert aligned(
        "The Peruvian central bank raised its benchmark interest rate by half a point.",
        "Peru's central bank raised the benchmark interest rate, surprising investors who had expected a pause until the autumn.",
    )


def test_paraphrase_with_reordered_clauses_aligns():
    assert aligned(
        "Flooding forced the evacuation of the riverside hospital in Porto Alegre, officials said.",
        "Officials said the riverside hospital in Porto Alegre was evacuated because of flooding.",
    )


def test_different_number_does_not_align():
    assert not aligned(
        "The landslide near Cusco killed 35 people, according to rescuers.",
        "The landslide near Cusco killed 5 people, according to rescuers.",
    )


def test_different_actor_does_not_align():
    assert not aligned(
        "Germany imposed new sanctions on the shipping company's fleet.",
        "France imposed new sanctions on the shipping company's fleet.",
    )


def test_different_year_does_not_align():
    assert not aligned(
        "In 2019 the court banned the party from the ballot.",
        "In 2024 the court banned the party from the ballot.",
    )


def test_unrelated_sentences_do_not_align():
    assert not aligned(
        "The central bank raised its benchmark interest rate by half a point.",
        "The football club sacked its coach after a run of defeats.",
    )


def test_terms_map_country_forms_to_one_key():
    a, _ = claims.analyse_text("Moscow and the Kremlin welcomed Russian troops.")
    b, _ = claims.analyse_text("Russia welcomed troops.")
    assert "@ru" in a and "@ru" in b


def test_blocking_compares_only_pairs_sharing_a_key():
    texts = [
        "The harbour authority approved the dredging contract for the northern quay.",
        "Dredging of the northern quay was approved by the harbour authority.",
        "The orchestra announced a tour of twelve cities next spring.",
        "A tour of twelve cities next spring was announced by the orchestra.",
    ]
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(t)) for k, t in enumerate(texts)]
    items = [claims.Item(k, s) for k, art in enumerate(arts) for s in claims.sentences(art)]
    pairs = set(claims.Index(items).candidates())
    assert (0, 1) in pairs and (2, 3) in pairs
    assert not ({(0, 2), (0, 3), (1, 2), (1, 3)} & pairs)


def test_headings_questions_and_short_lines_are_not_claims():
    art = build_article("a", "a.txt", ArticleInput(
        "Storm hits the coast\nWhat happens next for the fishing fleet?\nToo short to say.\n"
        "The storm destroyed forty boats in the harbour on Sunday night.\n"))
    texts = [s.text for s in claims.sentences(art)]
    assert texts == ["The storm destroyed forty boats in the harbour on Sunday night."]


def test_word_for_word_copies_align_without_being_compared():
    text = "The harbour authority approved the dredging contract for the northern quay."
    arts = [build_article(f"s{k}", f"s{k}.txt", ArticleInput(text)) for k in range(3)]
    items = [claims.Item(k, s) for k, art in enumerate(arts) for s in claims.sentences(art)]
    assert list(claims.Index(items).candidates()) == []  # copies are not compared...
    assert claims.align(items).clusters == [[0, 1, 2]]  # ...yet they are one claim


def _one(text, published=None):
    art = build_article("a", "a.txt", ArticleInput(text))
    art.published = published
    return claims.sentences(art)[0]


def test_same_month_matches_a_month_without_year_but_not_another_month_or_year():
    a = _one("In April 2025, the regulator fined the bank for money laundering failures.")
    b = _one("In April, the bank was fined by the regulator for failures.")
    c = _one("In March 2025, the bank was fined by the regulator for failures.")
    d = _one("In April 2019, the bank was fined by the regulator for failures.")
    assert claims.same_month(a, b)
    assert not claims.same_month(a, c) and not claims.same_month(a, d)


def test_background_month_does_not_count_as_the_facts_date():
    a = _one("In April 2025, the regulator fined the bank for money laundering failures.")
    b = _one("The bank has been under review since April 2025, the regulator said today.")
    assert not claims.same_month(a, b)
