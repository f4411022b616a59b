"""Loading stories: folders, story.yaml, encodings, and every kind of bad input."""

from __future__ import annotations

import json
import os

import pytest

from briefing import cli
from briefing.loader import StoryError, decode, default_story_path, load_story

ARTICLE = "Harbour talks resume\nThe two delegations met on Monday. Both sides spoke.\n"


def test_folder_loads_articles_sorted_with_ids_titles_and_sentences(write_story):
    folder = write_story({"b.txt": ARTICLE, "a.md": "Second story line\nIt rained.\n", "notes.csv": "x,y"})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a", "b"]
    b = story.article("b")
    assert b.file == "b.txt"
    assert b.title == "Harbour talks resume"
    assert [b.text[s.start : s.end] for s in b.sentences] == [
        "Harbour talks resume",
        "The two delegations met on Monday.",
        "Both sides spoke.",
    ]
    assert story.problems == []


def test_story_yaml_gives_title_and_metadata(write_story):
    folder = write_story(
        {
            "a.txt": ARTICLE,
            "story.yaml": "title: Harbour talks\nsources:\n  a.txt: {outlet: Daily Post, published: 2024-05-02, lean: left}\n",
        }
    )
    story = load_story(folder)
    assert story.title == "Harbour talks"
    art = story.articles[0]
    assert (art.outlet, art.published, art.lean, art.url) == ("Daily Post", "2024-05-02", "left", None)


def test_story_yaml_path_loads_only_the_files_it_lists(write_story):
    folder = write_story(
        {"a.txt": ARTICLE, "b.txt": ARTICLE, "sub/c.txt": ARTICLE, "story.yaml": "sources: [a.txt, sub/c.txt]\n"}
    )
    story = load_story(folder / "story.yaml")
    assert [a.file for a in story.articles] == ["a.txt", os.path.join("sub", "c.txt")]


def test_listed_file_missing_is_reported_and_others_load(write_story):
    folder = write_story({"a.txt": ARTICLE, "story.yaml": "sources: [a.txt, gone.txt]\n"})
    story = load_story(folder / "story.yaml")
    assert [a.id for a in story.articles] == ["a"]
    assert [str(p) for p in story.problems] == ["gone.txt: listed in story.yaml but not found; skipped"]


def test_a_single_file_is_a_story(write_story):
    folder = write_story({"a.txt": ARTICLE})
    assert [a.id for a in load_story(folder / "a.txt").articles] == ["a"]


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with BOM
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        ARTICLE.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "crlf", "cr"],
)
def test_encodings_and_newlines_normalise_to_the_same_text(data):
    assert decode(data) == ARTICLE


def test_legacy_encodings_are_detected():
    russian = "Переговоры в гавани возобновились в понедельник. Обе стороны выступили с заявлениями о мире.\n" * 3
    assert decode(russian.encode("cp1251")) == russian
    french = "Les délégations se sont réunies à Genève, où l'été était très chaud.\n" * 3
    assert decode(french.encode("latin-1")) == french


def test_mixed_newlines_offsets_point_into_the_normalised_text(write_story):
    folder = write_story({"a.txt": b"Title here\r\nOne. Two.\rThree.\n"})
    art = load_story(folder).articles[0]
    assert "\r" not in art.text
    assert [art.text[s.start : s.end] for s in art.sentences] == ["Title here", "One.", "Two.", "Three."]


def test_missing_path_is_an_error():
    with pytest.raises(StoryError, match="no such file or folder"):
        load_story("/nonexistent/story/folder")


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(StoryError, match="no articles here"):
        load_story(tmp_path)


def test_binary_file_is_reported_and_the_rest_load(write_story):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    folder = write_story({"a.txt": ARTICLE, "image.txt": png})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    assert [str(p) for p in story.problems] == ["image.txt: binary file (not text), skipped"]


def test_unreadable_file_is_reported_and_the_rest_load(write_story):
    folder = write_story({"a.txt": ARTICLE})
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")  # a dangling link cannot be opened
    (folder / "dir.txt").mkdir()  # nor can a folder with an article's name
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    assert sorted(str(p) for p in story.problems) == [
        "broken.txt: cannot read: no such file or directory; skipped",
        "dir.txt: cannot read: is a directory; skipped",
    ]


def test_empty_file_is_reported(write_story):
    folder = write_story({"a.txt": ARTICLE, "blank.txt": "  \n\n"})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    assert [str(p) for p in story.problems] == ["blank.txt: empty, skipped"]


def test_nothing_readable_is_an_error(write_story):
    folder = write_story({"image.txt": b"\x00\x01\x02"})
    with pytest.raises(StoryError, match="none of its 1 files could be read"):
        load_story(folder)


def test_malformed_story_yaml_names_its_line_and_articles_still_load(write_story):
    folder = write_story({"a.txt": ARTICLE, "story.yaml": "title: Talks\nsources:\n  a.txt: {outlet: [unclosed\n"})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    [problem] = story.problems
    assert problem.file == "story.yaml"
    assert "malformed YAML at line 4" in problem.message or "malformed YAML at line 3" in problem.message


def test_story_yaml_wrong_shapes_are_reported(write_story):
    folder = write_story({"a.txt": ARTICLE, "story.yaml": "- just\n- a list\n"})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    assert [str(p) for p in story.problems] == ["story.yaml: expected a mapping (title:, sources:); ignored"]


def test_unknown_story_yaml_key_is_reported(write_story):
    folder = write_story({"a.txt": ARTICLE, "story.yaml": "title: T\ncolour: blue\n"})
    story = load_story(folder)
    assert story.title == "T"
    assert [str(p) for p in story.problems] == ["story.yaml: unknown key 'colour' ignored"]


def test_default_story_is_bundled():
    story = load_story(default_story_path())
    assert len(story.articles) == 5
    assert story.title


# -- the command line reports the same, one line each, with exit codes 0 / 2


def test_cli_missing_path_exits_2_with_one_line(capsys):
    assert cli.main(["export", "/nonexistent/folder"]) == 2
    err = capsys.readouterr().err
    assert err == "briefing: /nonexistent/folder: no such file or folder\n"


def test_cli_empty_folder_exits_2(tmp_path, capsys):
    assert cli.main(["export", str(tmp_path)]) == 2
    assert "no articles here" in capsys.readouterr().err


def test_cli_bad_file_warns_and_exports_the_rest(write_story, capsys):
    folder = write_story({"a.txt": ARTICLE, "image.txt": b"\x00\xff\x00"})
    assert cli.main(["export", "--format", "json", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert err == "briefing: warning: image.txt: binary file (not text), skipped\n"
    data = json.loads(out)
    assert [s["id"] for s in data["sources"]] == ["a"]


def test_cli_usage_error_exits_2(capsys):
    assert cli.main(["export", "--format", "nope"]) == 2


def test_yaml_alias_bomb_is_refused_with_its_line(write_story):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    folder = write_story({"a.txt": ARTICLE, "story.yaml": bomb})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    [problem] = story.problems
    assert problem.message.startswith("malformed YAML at line 2: aliases (*name) are not allowed")


def test_many_empty_files_are_one_line_and_the_rest_load(write_story):
    files = {f"empty{i:05d}.txt": "" for i in range(2000)}
    files["a.txt"] = ARTICLE
    story = load_story(write_story(files))
    assert [a.id for a in story.articles] == ["a"]
    assert [str(p) for p in story.problems] == [
        "2000 files (empty00000.txt, empty00001.txt, empty00002.txt, ...): empty, skipped"
    ]


def test_a_folder_of_only_empty_files_is_an_error(write_story):
    with pytest.raises(StoryError, match="none of its 50 files could be read"):
        load_story(write_story({f"e{i}.txt": "" for i in range(50)}))


def test_symlink_loop_is_reported_and_the_rest_load(write_story):
    folder = write_story({"a.txt": ARTICLE})
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    assert [str(p) for p in story.problems] == ["loop.txt: cannot read: too many levels of symbolic links; skipped"]


def test_huge_article_is_cut_with_a_message(write_story, monkeypatch):
    from briefing import loader

    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    folder = write_story({"big.txt": "Word after word. " * 200})
    story = load_story(folder)
    assert len(story.articles[0].text) == 1000
    [problem] = story.problems
    assert problem.file == "big.txt" and "only the start is read" in problem.message


def test_utf8_cut_mid_character_keeps_the_text():
    text = "Der Außenminister sprach über Zölle."
    cut = text.encode("utf-8")[: len("Der Außenminister sprach über Z".encode("utf-8")) + 1]
    assert decode(cut) == "Der Außenminister sprach über Z"
    assert decode("Zölle".encode("utf-8")[:2]) == "Z"


# -- `briefing PATH` checks what it cheaply can before the app takes the screen


def test_open_refuses_a_missing_path_before_starting_the_app(capsys):
    assert cli._openable("/nonexistent/folder") is None
    assert capsys.readouterr().err == "briefing: /nonexistent/folder: no such file or folder\n"


def test_open_refuses_a_folder_without_articles(tmp_path, capsys):
    (tmp_path / "notes.csv").write_text("x")
    assert cli._openable(str(tmp_path)) is None
    assert "no articles here" in capsys.readouterr().err


def test_open_accepts_a_story_and_defaults_to_the_bundled_one(write_story):
    folder = write_story({"a.txt": ARTICLE})
    assert cli._openable(str(folder)) == folder
    assert cli._openable(None) == default_story_path()


def test_the_cheap_path_check_knows_every_kind_of_file_the_loader_reads():
    """`story_files` lists article files without importing the loader; the two must agree."""
    from briefing import loader, story_files

    assert set(loader.READERS) == set(story_files.ARTICLE_SUFFIXES)


def test_the_app_and_the_path_check_do_not_import_the_loader_before_the_first_paint():
    import subprocess
    import sys

    code = (
        "import sys; from briefing.cli import _openable; from briefing.tui.app import BriefingApp; "
        "BriefingApp(_openable(None)); "
        "print(sorted(m for m in ('briefing.loader', 'briefing.model', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
