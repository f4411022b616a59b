"""Date normalisation: written dates to ISO prefixes, resolved against a reference date."""

import datetime as dt

from briefing.analysis import dates
from briefing.loader import build_article, ArticleInput

REF = dt.date(2024, 3, 15)  # a Friday


def one(text, ref=REF):
    found = dates.find(text, ref=ref)
    assert len(found) == 1, found
    return found[0]


def test_full_date_month_first():
    m = one("The treaty was signed on March 2, 2019, in Oslo.")
    assert (m.value, m.text, m.kind) == ("2019-03-02", "March 2, 2019", "absolute")


def test_full_date_day_first():
    assert one("Signed on 2 March 2019 in Oslo.").value == "2019-03-02"


def test_range_keeps_both_ends():
    m = one("Talks ran on October 10-12, 2022, in Geneva.")
    assert (m.value, m.until, m.text) == ("2022-10-10", "2022-10-12", "October 10-12, 2022")


def test_month_and_year():
    assert one("Prices rose in February 2020 across the region.").value == "2020-02"


def test_bare_year():
    m = one("The bridge opened in 1998 to traffic.")
    assert (m.value, m.kind) == ("1998", "year")


def test_iso_date():
    assert one("Published 2023-11-30 by the agency.").value == "2023-11-30"


def test_month_without_year_takes_latest_before_reference():
    assert one("In January, the council voted.").value == "2024-01"
    assert one("In November, the council voted.").value == "2023-11"


def test_weekday_resolved_to_the_latest_such_day():
    m = one("The minister resigned on Wednesday after a vote.")
    assert m.value == "2024-03-13"
    assert m.label() == "Wednesday (March 13, 2024)"


def test_weekday_same_day_as_reference():
    assert one("Officials met on Friday morning.").value == "2024-03-15"


def test_weekday_without_reference_stays_unresolved():
    m = one("Officials met on Friday morning.", ref=None)
    assert m.value is None and m.label() == "Friday"


def test_relative_days_and_years():
    assert one("The plant closed yesterday.").value == "2024-03-14"
    assert one("Exports fell last year.").value == "2023"


def test_modal_may_is_not_a_month():
    assert dates.find("Voters may decide otherwise, analysts say.", ref=REF) == []


def test_numbers_are_not_years():
    assert dates.find("The fund holds 2,019 accounts and 1,500 shares worth $2000.", ref=REF) == []


def test_invalid_day_is_rejected():
    assert all(m.value != "2019-02-30" for m in dates.find("It happened on February 30, 2019.", ref=REF))


def test_since_marks_background():
    found = dates.find("No court has ruled on it since the coup in June 2013.", ref=REF)
    assert found[0].background
    assert not one("The coup happened in June 2013.").background


def test_reference_prefers_publication_date():
    art = build_article("a", "a.txt", ArticleInput("PARIS, May 3, 2021\nThe mayor spoke on Monday about the plan for the city."))
    assert dates.reference(art) == dt.date(2021, 5, 3)  # the dateline
    art.published = "2021-05-10"
    assert dates.reference(art) == dt.date(2021, 5, 10)


def test_offsets_point_at_the_text():
    text = "Before that, on June 5, 2020, rain fell."
    m = dates.find(text, ref=REF)[0]
    assert text[m.start : m.end] == m.text


from hypothesis import given, strategies as st  # noqa: E402

_PIECES = st.sampled_from(["July", "4", "3-4", ",", " ", "2025", "Thursday", "last year", "in", "May",
                           "-", "2025-07-04", "since", "yesterday", "12th", "\n", "Sept.", "on"])


@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from([None, REF]))
def test_mentions_are_exact_spans_and_valid_values(text, ref):
    for m in dates.find(text, ref=ref):
        assert text[m.start : m.end] == m.text
        if m.value:
            dt.date.fromisoformat((m.value + "-01-01")[:10] if len(m.value) == 4 else (m.value + "-01")[:10])


def test_dating_back_marks_background():
    found = dates.find("The feud, dating back to the 1998 election, ended in March 2020.", ref=REF)
    assert [m.background for m in found] == [True, False]
