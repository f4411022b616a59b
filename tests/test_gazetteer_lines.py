"""gazetteer.find_lines: the mentions of `find`, each line's kept by its text where no rule on
it reads past the line."""

from dataclasses import astuple

from briefing.analysis import gazetteer


def _same(text: str) -> list[tuple]:
    want = [astuple(m) for m in gazetteer.find(text)]
    got = [astuple(m) for m in gazetteer.find_lines(text)]
    assert got == want
    return got


def test_repeated_lines_give_the_mentions_find_gives():
    line = "Russia and China condemned the move, the U.S. State Department said."
    text = f"Headline about Iran\n{line}\n\n  {line}\nThe Kremlin welcomed it.\n{line}"
    got = _same(text)
    assert sum(1 for m in got if m[2] == "RU") >= 3
    assert gazetteer._LINE_MEMO[line]  # kept by its text


def test_lines_whose_reading_depends_on_the_line_before():
    cases = [
        "the Democratic\nRepublic of the Congo said",  # a state name reaching back over a line break
        "Islamic Republic of\nthe Iran talks",
        "He lives in Athens,\nGeorgia is far",  # a comma-town reading on
        "Athens, Georgia\nAtlanta reports",
        "the governor of\nGeorgia spoke",  # Georgia weighed against the text around it
        "Tbilisi said\nGeorgia will join",
        "Chad,\n34, was there",
        "they met the\nEmirates delegation",  # a form that needs its "the"
    ]
    for text in cases:
        _same(text)
        # the same second line after another first line, and on its own
        second = text.split("\n", 1)[1]
        _same(f"Nothing here.\n{second}")
        _same(second)
        _same(f"{text}\n{text}")


def test_unsafe_line_is_scanned_each_time():
    line = "Republic of the Congo and Georgia signed"
    _same(f"Democratic\n{line}")
    assert gazetteer._LINE_MEMO.get(line, False) is None
    _same(f"Nothing\n{line}")


def test_state_head_local():
    g = gazetteer.gazetteer()
    text = "the government of Russia"
    pos = text.index("Russia")
    assert gazetteer._state_head_local(g, text, 0, pos)  # "government of": never a state name
    text = "Republic of Congo"
    assert not gazetteer._state_head_local(g, text, 0, text.index("Congo"))
    text = "the Kenya"
    assert not gazetteer._state_head_local(g, text, 0, text.index("Kenya"))  # what came before decides
