"""HTML pages, JSON article lists and standard input become articles like any .txt file."""

from __future__ import annotations

import json
import subprocess
import sys

from briefing.loader import load_story

BOILER = """<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies?</div></header>"""
FOOT = """<footer><p>Copyright 2024 Harbor Gazette. All rights reserved.</p><ul><li><a href="/about">About us</a></li>
<li><a href="/privacy">Privacy policy</a></li></ul></footer>"""


def page(title="Lighthouse on Pell Island reopens after ten years", body=None, head_extra=""):
    body = body or (
        "<p>The lighthouse on Pell Island reopened on Friday after a decade of repairs, the island council said.</p>"
        "<p>Mayor Ruth Okafor told a crowd at the harbour that the light “guides us home” and thanked the volunteers "
        "who raised the money for the new lamp.</p>"
        "<p>The keeper, Sven Lind, said ships had missed the beacon during the long winters without it.</p>"
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Harbor Gazette</title>
<meta property="og:site_name" content="Harbor Gazette">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-05-03T09:30:00Z">
<link rel="canonical" href="https://gazette.example.org/pell-light">{head_extra}</head>
<body>{BOILER}<main><article><h1>{title}</h1>{body}</article></main>{FOOT}</body></html>"""


def test_html_page_gives_text_title_date_outlet(write_story):
    folder = write_story({"light.html": page()})
    story = load_story(folder)
    assert story.problems == []
    (art,) = story.articles
    assert art.id == "light" and art.file == "light.html"
    assert art.title == "Lighthouse on Pell Island reopens after ten years"
    assert art.published == "2024-05-03"
    assert art.outlet == "Harbor Gazette"
    assert art.url == "https://gazette.example.org/pell-light"
    assert "guides us home" in art.text and "Sven Lind" in art.text
    for boiler in ("cookies", "Privacy policy", "All rights reserved", "Sport"):
        assert boiler not in art.text
    assert art.sentences and all(art.text[s.start : s.end].strip() for s in art.sentences)


def test_story_yaml_metadata_fills_what_the_page_lacks(write_story):
    bare = "<html><body><article>" + "<p>The island council met on Monday to discuss the harbour wall and its repair costs.</p>" * 3 + "</article></body></html>"
    folder = write_story({"a.html": bare, "story.yaml": "sources:\n  a.html: {outlet: Island Courier, lean: left}\n"})
    (art,) = load_story(folder).articles
    assert art.outlet == "Island Courier" and art.lean == "left"


def test_truncated_html_still_gives_its_text(write_story):
    full = page()
    cut = full[: full.index("who raised")]  # mid-paragraph, no closing tags at all
    folder = write_story({"cut.html": cut, "ok.txt": "A plain article about the harbour.\n"})
    story = load_story(folder)
    arts = {a.id: a for a in story.articles}
    assert "ok" in arts
    assert "reopened on Friday" in arts["cut"].text


def test_page_without_article_text_is_reported_and_the_rest_load(write_story):
    folder = write_story({"empty.html": "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "ok.txt": "Fine text here.\n"})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["ok"]
    assert len(story.problems) == 1 and story.problems[0].file == "empty.html"
    assert "no article text" in story.problems[0].message


def test_html_in_a_legacy_encoding(write_story):
    html = page(body="<p>The café on the quay served crème brûlée to the crowd after the lighthouse reopened on Friday evening.</p>" * 2)
    folder = write_story({"latin.html": html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")})
    (art,) = load_story(folder).articles
    assert "crème brûlée" in art.text


def test_json_list_with_bad_items(write_story):
    items = [
        {"title": "Light is back", "text": "The Pell light shone again on Saturday.\nCrowds gathered.", "url": "https://c.example.org/1",
         "published": "2024-05-04", "outlet": "Island Courier"},
        "not an object",
        {"title": "No body at all"},
        {"headline": "From a scraper", "content": "Officials said the lamp was new.", "source": {"name": "Wire"}, "date": "2024-05-05"},
        {"title": "Page inside", "html": page(), "url": "https://x.example.org/p"},
    ]
    folder = write_story({"list.json": json.dumps({"articles": items})})
    story = load_story(folder)
    arts = {a.id: a for a in story.articles}
    assert sorted(arts) == ["list-1", "list-4", "list-5"]  # ids keep the item's position
    assert arts["list-1"].title == "Light is back" and arts["list-1"].outlet == "Island Courier"
    assert arts["list-1"].published == "2024-05-04" and arts["list-1"].url == "https://c.example.org/1"
    assert arts["list-4"].outlet == "Wire" and arts["list-4"].title == "From a scraper"
    assert arts["list-5"].title == "Page inside" and "guides us home" in arts["list-5"].text
    assert arts["list-5"].url == "https://x.example.org/p"  # the list's own field wins over the page's
    assert "cookies" not in arts["list-5"].text
    messages = [str(p) for p in story.problems]
    assert any("item 2" in m and "expected an object" in m for m in messages)
    assert any("item 3" in m and "no text or html" in m for m in messages)
    assert all(m.startswith("list.json: ") for m in messages)


def test_our_own_json_export_in_the_folder_is_not_an_article(write_story):
    folder = write_story({"a.txt": "The lighthouse reopened.\n", "analysis.json": json.dumps({"schema": "briefing/1", "story": {}})})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["a"]
    assert "a briefing export" in story.problems[0].message


def test_a_date_only_in_the_text_is_not_taken_for_the_publication_date(write_story):
    body = "<p>The council voted on 12 March 2019 to rebuild the lighthouse, and the work went on for years after that.</p>" * 2
    html = f"<html><head><title>Vote</title></head><body><article><h1>Vote</h1>{body}</article></body></html>"
    (art,) = load_story(write_story({"v.html": html})).articles
    assert art.published is None


def test_jsonl_with_a_broken_line(write_story):
    lines = [json.dumps({"title": "One", "text": "First article text."}), "{broken", "", json.dumps({"title": "Two", "text": "Second article text."})]
    folder = write_story({"feed.jsonl": "\n".join(lines) + "\n"})
    story = load_story(folder)
    assert [a.title for a in story.articles] == ["One", "Two"]
    assert len(story.problems) == 1 and "line 2 is not valid JSON" in story.problems[0].message


def test_invalid_json_file_is_reported_and_others_load(write_story):
    folder = write_story({"bad.json": '[{"title": "x", "text": "unterminated', "ok.txt": "Good.\n"})
    story = load_story(folder)
    assert [a.id for a in story.articles] == ["ok"]
    assert story.problems[0].file == "bad.json" and "not valid JSON" in story.problems[0].message


class FakeStdin:
    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


def test_stdin_text_as_one_article(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"Pell light back\n\nThe lighthouse on Pell Island reopened on Friday.\n"))
    story = load_story("-")
    (art,) = story.articles
    assert art.id == "stdin" and art.title == "Pell light back" and "reopened on Friday" in art.text


def test_stdin_html_page(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(page().encode()))
    (art,) = load_story("-").articles
    assert art.outlet == "Harbor Gazette" and "cookies" not in art.text


def test_empty_stdin_is_an_input_error():
    done = subprocess.run([sys.executable, "-m", "briefing", "print", "-"], input=b"", capture_output=True, timeout=120)
    assert done.returncode == 2
    assert b"stdin" in done.stderr and len(done.stderr.strip().split(b"\n")) == 1
