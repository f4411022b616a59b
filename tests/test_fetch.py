"""`briefing fetch` against a local HTTP server on 127.0.0.1: feeds, URL lists, and what goes wrong."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from briefing.fetch import USER_AGENT, Options, fetch
from briefing.loader import load_story


def article(title: str, para: str) -> bytes:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Harbor Gazette"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{para}</p><p>The island council said the work took ten years and cost more than planned.</p></article>
<footer>Copyright Harbor Gazette. All rights reserved.</footer></body></html>""".encode()


def rss(base: str, items: list[str]) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbor Gazette: Islands</title><link>{base}/</link><description>d</description>
{''.join(items)}</channel></rss>""".encode()


def item(title: str, link: str | None, date: str = "Fri, 03 May 2024 09:30:00 GMT") -> str:
    link_el = f"<link>{link}</link>" if link is not None else ""
    return f"<item><title>{title}</title>{link_el}<pubDate>{date}</pubDate><description>short</description></item>"


class Site:
    """A tiny web site: path -> (status, headers, body); every request is recorded."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict, bytes]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.flaky: dict[str, int] = {}  # path -> failures (503) left before it works
        self.release = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                if self.path == "/slow":
                    site.release.wait(10)  # longer than any client timeout in these tests
                    return
                if site.flaky.get(self.path, 0) > 0:
                    site.flaky[self.path] -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                status, headers, body = site.routes.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for k, v in headers.items():
                    if k != "X-No-Length":
                        self.send_header(k, v)
                if "X-No-Length" not in headers:  # else the body ends when the connection closes
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def page(self, path: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200, **headers):
        self.routes[path] = (status, {"Content-Type": ctype, **headers}, body)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    s.page("/a1", article("Lighthouse reopens on Pell Island", "The lighthouse on Pell Island reopened on Friday after a decade of repairs."))
    s.page("/a2", article("Crowds greet the Pell light", "Hundreds of people gathered at the harbour to watch the lamp come on again."))
    s.page("/news/a3", article("Keeper recalls dark winters", "Sven Lind, the keeper, said ships had missed the beacon for years."))
    s.page(
        "/feed.xml",
        rss(
            s.base,
            [
                item("Lighthouse reopens", f"{s.base}/a1"),
                item("Crowds greet the light", f"{s.base}/a2"),
                item("Gone", f"{s.base}/missing"),
                item("Stuck", f"{s.base}/slow"),
                item("No link at all", None),
                item("Sneaky", "javascript:alert(1)"),
                item("Lighthouse reopens again", f"{s.base}/a1"),  # the same link twice
                item("Relative", "/news/a3"),
            ],
        ),
        ctype="application/rss+xml",
    )
    yield s
    s.close()


class Sleeps(list):
    """Stands in for time.sleep: records the pauses instead of taking them."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def run(inputs, out: Path, sleep=None, **opts):
    messages: list[str] = []
    options = Options(**{"timeout": 1.0, "retries": 0, "backoff": 0.01, "delay": 0.0, **opts})
    result = fetch(inputs, out, options, report=messages.append, sleep=Sleeps() if sleep is None else sleep)
    return result, messages


def test_feed_into_a_story_folder(site, tmp_path):
    out = tmp_path / "story"
    result, messages = run([f"{site.base}/feed.xml"], out, timeout=0.5)
    assert len(result.saved) == 3
    problems = "\n".join(result.problems)
    assert "HTTP 404" in problems and "/missing" in problems
    assert "timed out" in problems and "/slow" in problems
    assert "no link" in problems and "not http(s)" in problems
    # Every request says who we are.
    assert {ua for _, ua in site.requests} == {USER_AGENT}
    assert site.hits("/a1") == 1  # the duplicate entry is fetched once

    meta = yaml.safe_load((out / "story.yaml").read_text())
    by_url = {v["url"]: (k, v) for k, v in meta["sources"].items()}
    name, a1 = by_url[f"{site.base}/a1"]
    assert name.endswith(".html") and a1["title"] == "Lighthouse reopens" and a1["published"] == "2024-05-03"
    assert a1["outlet"] == "Harbor Gazette: Islands"
    assert f"{site.base}/news/a3" in by_url  # a relative link, resolved against the feed

    story = load_story(out)
    assert story.problems == []
    assert len(story.articles) == 3
    texts = " ".join(a.text for a in story.articles)
    assert "decade of repairs" in texts and "All rights reserved" not in texts
    assert all(a.url and a.published == "2024-05-03" for a in story.articles)


def test_running_again_fetches_only_what_is_missing(site, tmp_path):
    out = tmp_path / "story"
    run([f"{site.base}/feed.xml"], out, timeout=0.5)
    site.page("/missing", article("Found after all", "The page that was missing is here now, with its own text."))
    result, _ = run([f"{site.base}/feed.xml"], out, timeout=0.5)
    assert len(result.kept) == 3 and len(result.saved) == 1
    assert site.hits("/a1") == 1 and site.hits("/a2") == 1  # not downloaded twice
    assert site.hits("/missing") == 2
    assert len(load_story(out).articles) == 4


def test_a_deleted_file_is_fetched_again(site, tmp_path):
    out = tmp_path / "story"
    first, _ = run([f"{site.base}/a1"], out)
    (out / first.saved[0]).unlink()
    again, _ = run([f"{site.base}/a1"], out)
    assert again.saved == first.saved


def test_transient_errors_are_retried_with_backoff(site, tmp_path):
    site.page("/flaky", article("Flaky", "This server fails twice before it answers with the page text."))
    site.flaky["/flaky"] = 2
    sleeps = Sleeps()
    result, _ = run([f"{site.base}/flaky"], tmp_path / "s", sleep=sleeps, retries=2, backoff=0.5)
    assert result.problems == [] and len(result.saved) == 1
    assert site.hits("/flaky") == 3
    assert sleeps == [0.5, 1.0]


def test_not_found_is_not_retried(site, tmp_path):
    result, _ = run([f"{site.base}/feed.xml"], tmp_path / "s", retries=3, timeout=0.3)
    assert site.hits("/missing") == 1
    assert site.hits("/slow") == 4  # a timeout is worth retrying


def test_pause_between_requests_to_one_host(site, tmp_path):
    sleeps = Sleeps()
    run([f"{site.base}/a1", f"{site.base}/a2"], tmp_path / "s", sleep=sleeps, delay=2.0)
    assert sleeps and all(0 < s <= 2.0 for s in sleeps)


def test_size_limit(site, tmp_path):
    site.page("/big", b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>")
    result, _ = run([f"{site.base}/big"], tmp_path / "s", max_bytes=10_000)
    assert result.saved == [] and "larger than the limit" in result.problems[0]


def test_size_limit_without_content_length(site, tmp_path):
    body = b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>"
    site.routes["/chunky"] = (200, {"Content-Type": "text/html", "X-No-Length": "1"}, body)
    result, _ = run([f"{site.base}/chunky"], tmp_path / "s", max_bytes=10_000)
    assert "larger than the limit" in result.problems[0]


def test_redirect_to_a_local_file_is_refused(site, tmp_path):
    site.page("/evil", b"", status=302, Location="file:///etc/passwd")
    site.page("/ok-redirect", b"", status=302, Location=f"{site.base}/a2")
    result, _ = run([f"{site.base}/evil", f"{site.base}/ok-redirect"], tmp_path / "s")
    assert len(result.saved) == 1
    assert any("/evil" in p for p in result.problems)
    assert not any("root:" in (tmp_path / "s" / f).read_text(errors="replace") for f in result.saved)


def test_url_list_file_with_a_bad_line(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# my reading list\n{site.base}/a1\n\nftp://example.org/x\n{site.base}/a2  second one\n")
    result, _ = run([str(urls)], tmp_path / "s")
    assert len(result.saved) == 2
    assert any("line 4" in p and "not an http(s) URL" in p for p in result.problems)


def test_local_feed_file(site, tmp_path):
    feed = tmp_path / "feed.atom"
    feed.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
<id>urn:x</id><updated>2024-05-04T00:00:00Z</updated>
<entry><title>Light back</title><link href="{site.base}/a2"/><id>urn:1</id><updated>2024-05-04T08:00:00Z</updated></entry>
</feed>"""
    )
    result, _ = run([str(feed)], tmp_path / "s")
    assert len(result.saved) == 1
    (art,) = load_story(tmp_path / "s").articles
    assert art.published == "2024-05-04" and "Hundreds of people" in art.text


def test_truncated_feed_keeps_the_entries_before_the_cut(site, tmp_path):
    whole = rss(site.base, [item("One", f"{site.base}/a1"), item("Two", f"{site.base}/a2")]).decode()
    cut = whole[: whole.index("<item><title>Two")] + "<item><title>Tw"
    feed = tmp_path / "cut.xml"
    feed.write_text(cut)
    result, _ = run([str(feed)], tmp_path / "s")
    assert len(result.saved) == 1


def test_a_page_url_is_one_article(site, tmp_path):
    result, _ = run([f"{site.base}/a1"], tmp_path / "s")
    assert len(result.saved) == 1 and site.hits("/a1") == 1


def test_neither_feed_nor_list(site, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("just some words\nno links here\n")
    result, _ = run([str(junk), str(tmp_path / "absent.xml")], tmp_path / "s")
    assert result.articles == 0
    assert any("neither a feed" in p for p in result.problems)
    assert any("absent.xml" in p and "cannot read" in p for p in result.problems)
    assert not (tmp_path / "s" / "story.yaml").exists()


def test_existing_story_yaml_is_kept(site, tmp_path):
    out = tmp_path / "s"
    out.mkdir()
    (out / "story.yaml").write_text("title: Pell Island light\nsources:\n  mine.txt: {outlet: My notes}\n")
    (out / "mine.txt").write_text("My own notes about the lighthouse.\n")
    run([f"{site.base}/a1"], out)
    meta = yaml.safe_load((out / "story.yaml").read_text())
    assert meta["title"] == "Pell Island light" and meta["sources"]["mine.txt"] == {"outlet": "My notes"}
    assert len(load_story(out).articles) == 2


def test_limit_takes_the_first_entries_of_a_feed(site, tmp_path):
    result, _ = run([f"{site.base}/feed.xml"], tmp_path / "s", limit=2)
    assert len(result.saved) == 2 and site.hits("/missing") == 0


def test_gzip_encoded_page(site, tmp_path):
    import gzip

    site.page("/gz", gzip.compress(article("Zipped", "This page came compressed over the wire and still reads well.")), **{"Content-Encoding": "gzip"})
    result, _ = run([f"{site.base}/gz"], tmp_path / "s")
    (art,) = load_story(tmp_path / "s").articles
    assert "came compressed" in art.text


def test_cli_fetch_then_print(site, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "story"
    args = [sys.executable, "-m", "briefing", "fetch", f"{site.base}/feed.xml", "-o", str(out), "--delay", "0", "--retries", "0", "--timeout", "0.5"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "3 articles" in done.stdout and "HTTP 404" in done.stderr
    shown = subprocess.run([sys.executable, "-m", "briefing", "print", str(out)], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "Harbor Gazette" in shown.stdout


def test_feed_full_text_stands_in_for_a_refused_page(site, tmp_path):
    words = " ".join(["The harbour master described the new lamp in detail for the evening crowd."] * 8)
    entry = (
        f"<item><title>Refused</title><link>{site.base}/forbidden</link>"
        f"<content:encoded><![CDATA[<p>{words}</p>]]></content:encoded></item>"
        f"<item><title>Teaser only</title><link>{site.base}/forbidden2</link>"
        f"<content:encoded><![CDATA[<p>Short teaser.</p>]]></content:encoded></item>"
    )
    feed = rss(site.base, [entry]).replace(b'<rss version="2.0">', b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    site.page("/full.xml", feed, ctype="application/rss+xml")
    site.page("/forbidden", b"no robots", status=403)
    result, _ = run([f"{site.base}/full.xml"], tmp_path / "s")
    assert len(result.saved) == 1
    assert any("HTTP 403" in p and "feed's own full text" in p for p in result.problems)
    assert any("/forbidden2" in p and "HTTP 404" in p for p in result.problems)  # a teaser is not enough
    (art,) = load_story(tmp_path / "s").articles
    assert art.title == "Refused" and "harbour master" in art.text


def test_a_pdf_or_image_is_not_an_article(site, tmp_path):
    site.page("/doc.pdf", b"%PDF-1.7 binary", ctype="application/pdf")
    site.page("/notes", b"The council met on Monday.\nIt approved the lamp.\n", ctype="text/plain; charset=utf-8")
    result, _ = run([f"{site.base}/doc.pdf", f"{site.base}/notes"], tmp_path / "s")
    assert len(result.saved) == 1 and result.saved[0].endswith(".txt")
    assert any("not a web page (application/pdf)" in p for p in result.problems)
