"""countries.extract keeps a line's mentions and acts by its text: the same facts as reading the
whole text at once (`_extract_plain`), wherever a line repeats and whatever surrounds it."""

from __future__ import annotations

from dataclasses import astuple

from briefing.analysis import countries
from briefing.loader import ArticleInput, build_article

LINE = "Russia and China condemned the sanctions imposed by the United States on Iran."
TEXTS = [
    f"Title about Iran\n{LINE}\n\n{LINE}\nThe Kremlin welcomed the move. France criticized it.\n{LINE}",
    # a state name reaching back over a line break, into the line before
    f"The Democratic\nRepublic of the Congo recognized the government of Kenya.\n{LINE}",
    f"Officials of the Islamic Republic of\nthe Iran delegation welcomed talks.\n{LINE}",
    # blocs in lower case, on one line and across two
    f"The international community condemned Russia.\n{LINE}\nworld\npowers sanctioned Iran.",
    f"{LINE} The international\ncommunity condemned Russia.",
    # Georgia weighed against the text around it; a comma-town running onto the next line
    f"The governor of Georgia criticized China.\nTbilisi said\nGeorgia will join NATO.\n{LINE}",
    f"He lives in Athens,\nGeorgia imposed tariffs on China.\n{LINE}",
    f"Reporting by Jane Doe in London\n{LINE}",
]


def _facts(f: countries.ArticleCountries) -> tuple:
    return ([astuple(m) for m in f.mentions], [astuple(a) for a in f.acts], f.lead_events)


def test_extract_equals_whole_text_reading():
    for i, text in enumerate(TEXTS):
        art = build_article(f"a{i}", f"a{i}.txt", ArticleInput(text))
        # twice: the second time the lines come from the memo
        for _ in range(2):
            assert _facts(countries.extract(art)) == _facts(countries._extract_plain(art)), text


def test_repeated_line_is_kept_and_placed():
    art = build_article("b", "b.txt", ArticleInput(TEXTS[0]))
    got = countries.extract(art)
    assert LINE in countries._LINES
    starts = [m.sentence_start for m in got.mentions if m.code == "RU" and art.text.startswith(LINE, m.sentence_start)]
    assert len(starts) == 3 and len(set(starts)) == 3  # each copy at its own place
    assert any(a.code == "RU" and a.start in starts for a in got.acts)
