"""The commands of issue 6 end to end: export formats and --brief, fetch, serve's checks, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.brief import Brief, Pin
from briefing.cli import main

STORY = {
    "gazette.txt": "Lighthouse reopens\n\nThe lighthouse on Pell Island reopened on Friday, the council said.\n",
    "courier.md": "Pell light shines again\n\nThe Pell Island light shone again on Saturday.\n",
}


def briefing(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], input=stdin, capture_output=True, timeout=120)


def test_export_markdown_and_html_to_files(write_story, tmp_path, capsys):
    folder = write_story(STORY)
    assert main(["export", "--format", "md", str(folder), "-o", str(tmp_path / "out.md")]) == 0
    md = (tmp_path / "out.md").read_text()
    assert md.startswith("# ") and "## Sources" in md and "| gazette |" in md
    assert main(["export", str(folder), "-o", str(tmp_path / "page.html")]) == 0  # format from the extension
    assert (tmp_path / "page.html").read_text().startswith("<!DOCTYPE html>")
    assert main(["export", str(folder)]) == 0  # default: JSON on stdout
    assert json.loads(capsys.readouterr().out)["schema"] == "briefing/1"


def test_export_brief(write_story, capsys):
    folder = write_story(STORY)
    b = Brief.open(folder)
    b.add(Pin("claim", "reopening", "The lighthouse reopened.", source="gazette", start=20, end=60, note="check"))
    b.save()
    assert main(["export", "--brief", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Brief: ") and "reopening" in out and "gazette.txt" in out and "Note: check" in out


def test_export_brief_is_markdown_only(write_story, capsys):
    assert main(["export", "--brief", "--format", "html", str(write_story(STORY))]) == 2
    assert "--brief writes Markdown" in capsys.readouterr().err


def test_export_unknown_format_is_a_usage_error(write_story):
    assert main(["export", "--format", "pdf", str(write_story(STORY))]) == 2


def test_fetch_with_nothing_usable_exits_2(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("no links\n")
    assert main(["fetch", str(notes), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "neither a feed" in err and "nothing fetched" in err


def test_fetch_needs_an_output_folder(tmp_path):
    assert main(["fetch", "x"]) == 2
    (tmp_path / "file").write_text("")
    assert main(["fetch", "x", "-o", str(tmp_path / "file")]) == 2
    assert main(["fetch", "x", "-o", str(tmp_path / "d"), "--timeout", "0"]) == 2


def test_serve_refuses_stdin_and_bad_paths(tmp_path, capsys):
    assert main(["serve", "-"]) == 2
    assert main(["serve", str(tmp_path / "absent")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_print_of_hostile_files_has_no_terminal_escapes(write_story):
    folder = write_story(
        {
            "evil\x1b[2J.txt": "Title \x1b]0;owned\x07 here\n\nBody with \x1b[31mred\x1b[0m and \u202eflipped text [bold]x[/].\n",
            "story.yaml": "title: \"Story \\e[5m blink\"\n",
        }
    )
    done = briefing("print", str(folder))
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout and "\u202e".encode() not in done.stdout
    assert b"[bold]x[/]" in done.stdout or b"Title" in done.stdout


@pytest.mark.parametrize(
    "args",
    [["--help"], ["fetch", "--help"], ["export", "--format", "html", "STORY"], ["export", "--format", "md", "STORY"], ["print", "STORY"], ["export", "--brief", "STORY"]],
)
def test_commands_do_not_import_textual_or_the_web_stack(args, write_story):
    folder = str(write_story(STORY))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", *[folder if a == "STORY" else a for a in args]],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "briefing" in imported  # the parsing of -X importtime's lines works
    assert not imported & {"textual", "textual_serve", "aiohttp", "trafilatura", "feedparser"}, sorted(imported & {"textual", "textual_serve", "aiohttp", "trafilatura", "feedparser"})


def test_fetch_does_not_import_textual(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title></item></channel></rss>')
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", "fetch", str(feed), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "no link" in done.stderr  # it did read the feed...
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "feedparser" in imported
    assert not imported & {"textual", "textual_serve", "aiohttp"}  # ...without the UI or the web server
