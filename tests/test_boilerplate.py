"""Boilerplate is recognised by its features, on texts unlike any seed."""

from briefing.analysis import boilerplate
from briefing.loader import ArticleInput, build_article


def article(text):
    return build_article("a", "a.txt", ArticleInput(text))


def dropped(text):
    art = article(text)
    return {art.text[art.paragraphs[i].start : art.paragraphs[i].end] for i in boilerplate.paragraphs(art)}


def test_newsletter_pitch_and_disclaimer():
    text = (
        "The harbour reopened after the storm, port officials said on Monday.\n"
        "Sign up for our weekly digest and never miss a story.\n"
        "Summary written by a machine | read more or flag a problem.\n"
        "Cargo traffic is expected to recover within a week.\n"
    )
    out = dropped(text)
    assert "Sign up for our weekly digest and never miss a story." in out
    assert "Summary written by a machine | read more or flag a problem." in out
    assert not any("harbour" in x or "Cargo" in x for x in out)


def test_reporting_with_imperative_verb_is_kept():
    # "Report" and "Read" open these, but they report, they do not address the reader
    text = (
        "Reports of flooding reached the capital on Tuesday, officials said.\n"
        "Read by millions, the bulletin warned of further rain in the north of the country.\n"
    )
    assert dropped(text) == set()


def test_related_topics_list_between_separators():
    text = (
        "The festival drew a record crowd of visitors this year, organisers said.\n"
        "Related subjects\n-\nThe Danube is a river in Europe.\n-\nVienna is the capital of Austria.\n"
        "-\nA festival is an event celebrated by a community.\n"
    )
    out = dropped(text)
    assert "Related subjects" in out
    assert "Vienna is the capital of Austria." in out
    assert "The festival drew a record crowd of visitors this year, organisers said." not in out


def test_two_separators_are_not_a_link_list():
    text = "Opening remarks by the mayor were brief.\n-\nThe vote is due in June, the council said.\n-\nIt passed.\n"
    out = dropped(text)
    assert "-" in out
    assert "The vote is due in June, the council said." not in out


def test_questions_and_counters_and_shouting():
    text = (
        "The league suspended two players for the rest of the season on Friday.\n"
        "- What does the ban mean for the title race?\n"
        "Comments (12)\n"
        "ADVERTISEMENT\n"
    )
    out = dropped(text)
    assert {"- What does the ban mean for the title race?", "Comments (12)", "ADVERTISEMENT"} <= out
    assert len(out) == 3


def test_promotional_features():
    assert boilerplate.is_promotional("Get the app to follow your team.")
    assert boilerplate.is_promotional("Here are the key facts about the strike.")
    assert not boilerplate.is_promotional("Get-togethers were banned by the city council last year, the report found.")
    assert not boilerplate.is_promotional("Our reporters witnessed the vote in the chamber.")


def test_paragraph_kinds_are_remembered_by_text_with_the_same_answer():
    # a paragraph's own kind is kept by its text (wire copy repeats paragraphs): a second article
    # repeating the lines gets the same paragraphs, and a separator still counts towards a list
    text = (
        "The festival drew a record crowd of visitors this year, organisers said.\n"
        "---\nMusic\n---\nFood\n---\nTheatre\n---\n"
        "Sign up for our weekly digest and never miss a story.\n"
        "What does the festival cost?\n"
    )
    boilerplate._LINES.clear()
    first = sorted(boilerplate._paragraphs(article(text)))
    assert boilerplate._LINES["---"] == boilerplate._SEPARATOR
    assert boilerplate._LINES["What does the festival cost?"] == boilerplate._FURNITURE
    assert boilerplate._LINES["The festival drew a record crowd of visitors this year, organisers said."] == 0
    again = sorted(boilerplate._paragraphs(article(text)))
    assert first == again
    assert first == [1, 3, 5, 7, 8, 9]  # separators, the pitch and the question
