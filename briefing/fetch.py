"""`briefing fetch`: turn a feed or a list of URLs into a story folder the loader reads.

The only network access in the program, and only when the user asks for it. Each page is saved
as it was downloaded (`NNN_slug.html`; the HTML reader extracts it at load time, so a better
extractor later needs no refetch), with its metadata in `story.yaml`. Downloads are polite (own
user agent, a pause between requests to one host), bounded (timeouts, a size limit, a few retries
on transient failures only) and resumable: a manifest in `.briefing/fetch.json` remembers what is
done, so running the same command again fetches only what is missing or failed. Links from a feed
are untrusted: only http(s) is followed, redirects included. When a page cannot be had (sites often
refuse non-browsers) but the feed carries the entry's full text, that text is kept instead.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing import __version__
from briefing.brief import atomic_write

USER_AGENT = f"briefing/{__version__} (terminal news briefing; fetching on its user's request)"
MANIFEST = Path(".briefing") / "fetch.json"
STORY_FILE = "story.yaml"


@dataclass(slots=True)
class Options:
    timeout: float = 15.0  # seconds, for connecting and for each read; also bounds a whole download x4
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2  # extra attempts after a transient failure (timeout, 5xx, 429, reset)
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    delay: float = 1.0  # seconds between two requests to the same host
    limit: int | None = None  # at most this many articles from a feed
    user_agent: str = USER_AGENT


class FetchError(Exception):
    """One URL or input could not be fetched; the message is for the user."""

    def __init__(self, message: str, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass(slots=True)
class Download:
    url: str  # after redirects
    data: bytes
    content_type: str


@dataclass(slots=True)
class Item:
    """One article to fetch, with what the feed or list already says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    content: str | None = None  # the feed's own full text of the entry (HTML), if it carries one


@dataclass(slots=True)
class Result:
    saved: list[str] = field(default_factory=list)  # file names written this run
    kept: list[str] = field(default_factory=list)  # already there from an earlier run
    problems: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len(self.saved) + len(self.kept)


# ---------------------------------------------------------------------------------------------
# Downloading


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: a hostile page must not redirect us to ftp: or file:."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http URL refused: {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # Built by hand so that no file:, ftp: or data: handler is ever installed.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def is_url(text: str) -> bool:
    return urllib.parse.urlsplit(text).scheme.lower() in ("http", "https") and bool(urllib.parse.urlsplit(text).netloc)


class Fetcher:
    """Downloads with the politeness and limits of `Options`; one per `fetch` run."""

    def __init__(self, options: Options, sleep: Callable[[float], None] = time.sleep):
        self.options = options
        self.sleep = sleep
        self._last: dict[str, float] = {}  # host -> monotonic time of the last request
        self._opener = _opener()

    def get(self, url: str) -> Download:
        attempt = 0
        while True:
            try:
                return self._get_once(url)
            except FetchError as exc:
                if not exc.transient or attempt >= self.options.retries:
                    raise
                self.sleep(self.options.backoff * 2**attempt)
                attempt += 1

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.options.delay - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def _get_once(self, url: str) -> Download:
        if not is_url(url):
            raise FetchError(f"{url}: not an http(s) URL; skipped")
        opts = self.options
        self._wait_turn(urllib.parse.urlsplit(url).netloc.lower())
        req = urllib.request.Request(
            url,
            headers={
                "User-Agent": opts.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "gzip",
            },
        )
        try:
            with self._opener.open(req, timeout=opts.timeout) as resp:
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > opts.max_bytes:
                    raise FetchError(f"{url}: larger than the limit ({_mb(opts.max_bytes)}); skipped")
                data = _read_limited(resp, opts, url)
                if resp.headers.get("Content-Encoding", "").lower() == "gzip":
                    data = _gunzip(data, opts.max_bytes, url)
                return Download(resp.geturl(), data, resp.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            transient = exc.code in (408, 425, 429, 500, 502, 503, 504)
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}", transient=transient) from None
        except TimeoutError:
            raise FetchError(f"{url}: timed out after {opts.timeout:g} s", transient=True) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise FetchError(f"{url}: timed out after {opts.timeout:g} s", transient=True) from None
            raise FetchError(f"{url}: cannot connect ({reason})", transient=True) from None
        except (ConnectionError, OSError) as exc:
            raise FetchError(f"{url}: connection failed ({exc.strerror or exc})", transient=True) from None


def _mb(n: int) -> str:
    return f"{n / 2**20:g} MB"


def _read_limited(resp, opts: Options, url: str) -> bytes:
    """Read at most max_bytes, within an overall deadline (a trickling server cannot hold us)."""
    deadline = time.monotonic() + 4 * opts.timeout
    chunks, size = [], 0
    while True:
        chunk = resp.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > opts.max_bytes:
            raise FetchError(f"{url}: larger than the limit ({_mb(opts.max_bytes)}); skipped")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: too slow (over {4 * opts.timeout:g} s)", transient=True)


def _gunzip(data: bytes, limit: int, url: str) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error:
        raise FetchError(f"{url}: broken gzip encoding") from None
    if len(out) > limit:
        raise FetchError(f"{url}: larger than the limit ({_mb(limit)}) once decompressed; skipped")
    return out


# ---------------------------------------------------------------------------------------------
# What an input is: a feed, a list of URLs, or one page


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def _one_line(text: object) -> str | None:
    s = " ".join(str(text or "").split())
    return s or None


FULL_TEXT_WORDS = 80  # fewer is a teaser, not something to compare with whole articles


def _full_text(entry) -> str | None:
    """The entry's content:encoded / Atom content when it is a whole article, for a fallback."""
    for part in entry.get("content") or []:
        value = part.get("value") if hasattr(part, "get") else None
        if value and len(re.sub(r"<[^>]*>", " ", value).split()) >= FULL_TEXT_WORDS:
            return value
    return None


def _as_page(item: Item) -> bytes:
    import html

    title = html.escape(item.title or "")
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><article><h1>{title}</h1>\n{item.content}\n</article></body></html>\n".encode()


def parse_feed(data: bytes, base: str | None) -> tuple[list[Item], list[str], str | None] | None:
    """Items of an RSS/Atom feed, problems with its entries, its title; None if it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)  # bytes: parsed as a document, never fetched
    if not parsed.get("version") and not parsed.entries:
        return None
    feed_title = _one_line(parsed.feed.get("title"))
    items, problems, seen = [], [], set()
    if parsed.get("bozo") and not parsed.entries:
        problems.append(f"the feed is malformed ({parsed.get('bozo_exception')}) and has no entries")
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or ""
        if base and link:
            link = urllib.parse.urljoin(base, link)
        title = _one_line(entry.get("title"))
        name = f"entry {n}" + (f" ({title[:60]})" if title else "")
        if not link:
            problems.append(f"{name}: no link; skipped")
            continue
        if not is_url(link):
            problems.append(f"{name}: link {link[:80]!r} is not http(s); skipped")
            continue
        if link in seen:
            continue
        seen.add(link)
        source = entry.get("source") or {}
        outlet = _one_line(source.get("title") if hasattr(source, "get") else None) or feed_title
        items.append(Item(link, title, _date(entry), outlet, _full_text(entry)))
    return items, problems, feed_title


def parse_url_list(text: str) -> tuple[list[Item], list[str]] | None:
    """A text file of URLs, one a line (# comments and blank lines allowed); None if it is not one."""
    items, problems, seen = [], [], set()
    lines = [(n, ln.strip()) for n, ln in enumerate(text.split("\n"), 1)]
    lines = [(n, ln) for n, ln in lines if ln and not ln.startswith("#")]
    if not lines or not any(is_url(ln.split()[0]) for _, ln in lines):
        return None
    for n, line in lines:
        url = line.split()[0]
        if not is_url(url):
            problems.append(f"line {n}: {url[:80]!r} is not an http(s) URL; skipped")
        elif url not in seen:
            seen.add(url)
            items.append(Item(url))
    return items, problems


def _looks_like_html(data: bytes, content_type: str) -> bool:
    head = data[:2048].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


# ---------------------------------------------------------------------------------------------
# The story folder


def slug(text: str, limit: int = 50) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-") or "article"


class Folder:
    """The output folder: its manifest (what is fetched) and its story.yaml (what loads)."""

    def __init__(self, path: Path):
        self.path = path
        self.manifest_path = path / MANIFEST
        self.entries: dict[str, dict] = {}
        self.problems: list[str] = []
        if self.manifest_path.exists():
            try:
                raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
                self.entries = dict(raw.get("items", {}))
            except (OSError, ValueError, AttributeError) as exc:
                self.problems.append(f"{self.manifest_path}: unreadable ({exc}); starting afresh, files already there are kept")

    def done(self, url: str) -> str | None:
        e = self.entries.get(url)
        if e and e.get("status") == "ok" and e.get("file") and (self.path / e["file"]).exists():
            return e["file"]
        return None

    def file_for(self, url: str, title: str | None) -> str:
        e = self.entries.get(url)
        if e and e.get("file"):
            return e["file"]
        taken = {x.get("file") for x in self.entries.values()} | {p.name for p in self.path.iterdir()}
        n = len(self.entries)
        while True:
            path_name = urllib.parse.urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
            name = f"{n:03d}_{slug(title or path_name or urllib.parse.urlsplit(url).netloc)}.html"
            if name not in taken:
                return name
            n += 1

    def record(self, url: str, **fields) -> None:
        self.entries.setdefault(url, {}).update({k: v for k, v in fields.items() if v is not None})
        if fields.get("status") == "ok":
            self.entries[url].pop("error", None)
        self._save_manifest()

    def _save_manifest(self) -> None:
        doc = {"version": 1, "items": self.entries}
        atomic_write(self.manifest_path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))

    def write_story_yaml(self, title: str | None) -> None:
        """List every fetched article with its metadata, keeping what a user already wrote there."""
        path = self.path / STORY_FILE
        doc: dict = {}
        if path.exists():
            try:
                loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    doc = loaded
            except (OSError, yaml.YAMLError, UnicodeDecodeError):
                self.problems.append(f"{path}: unreadable; rewritten (the old one is kept as story.yaml.bak)")
                atomic_write(path.with_name("story.yaml.bak"), path.read_bytes())
        if title and not doc.get("title"):
            doc["title"] = title
        sources = doc.get("sources")
        if isinstance(sources, list):  # the list form: turn it into the mapping form, keeping entries
            sources = {
                (e if isinstance(e, str) else str(e.get("file"))): ({} if isinstance(e, str) else {k: v for k, v in e.items() if k != "file"})
                for e in sources
                if isinstance(e, str) or (isinstance(e, dict) and e.get("file"))
            }
        if not isinstance(sources, dict):
            sources = {}
        for url, e in self.entries.items():
            if e.get("status") != "ok" or not e.get("file"):
                continue
            meta = {"url": url}
            for key in ("title", "outlet", "published"):
                if e.get(key):
                    meta[key] = e[key]
            sources[e["file"]] = {**meta, **(sources.get(e["file"]) or {})}
        doc["sources"] = sources
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
        atomic_write(path, text.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# The command


def _read_input(arg: str, fetcher: Fetcher) -> Download:
    if is_url(arg):
        return fetcher.get(arg)
    path = Path(arg)
    try:
        with path.open("rb") as fh:
            data = fh.read(fetcher.options.max_bytes + 1)
    except OSError as exc:
        raise FetchError(f"{arg}: cannot read: {exc.strerror or exc}") from None
    if len(data) > fetcher.options.max_bytes:
        raise FetchError(f"{arg}: larger than the limit ({_mb(fetcher.options.max_bytes)})")
    return Download(str(path), data, "")


def plan(inputs: list[str], fetcher: Fetcher, report: Callable[[str], None]) -> tuple[list[Item], dict[str, Download]]:
    """What to fetch: each input read once and recognised as a feed, a URL list or a page."""
    items: list[Item] = []
    pages: dict[str, Download] = {}  # inputs that were pages themselves: already downloaded
    from briefing.loader import Unreadable, decode

    for arg in inputs:
        try:
            got = _read_input(arg, fetcher)
        except FetchError as exc:
            report(str(exc))
            continue
        base = got.url if is_url(got.url) else None
        feed = None if _looks_like_html(got.data, got.content_type) else parse_feed(got.data, base)
        if feed is not None:
            found, problems, _feed_title = feed  # it names the outlet, not the story
            for p in problems:
                report(f"{arg}: {p}")
            if fetcher.options.limit is not None:
                found = found[: fetcher.options.limit]
            items += found
            if not found:
                report(f"{arg}: a feed with no usable entries")
            continue
        try:
            listed = None if _looks_like_html(got.data, got.content_type) else parse_url_list(decode(got.data))
        except Unreadable:
            listed = None
        if listed is None and is_url(arg):  # a page (or a document) to keep as one article
            items.append(Item(got.url))
            pages[got.url] = got
            continue
        if listed is None:
            report(f"{arg}: neither a feed (RSS/Atom) nor a list of http(s) URLs; skipped")
            continue
        found, problems = listed
        for p in problems:
            report(f"{arg}: {p}")
        items += found
    return items, pages


def fetch(
    inputs: list[str],
    out: Path,
    options: Options | None = None,
    title: str | None = None,
    report: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> Result:
    """Fetch every article the inputs name into `out`. Problems go to `report` and the result."""
    result = Result()

    def problem(msg: str) -> None:
        result.problems.append(msg)
        report(f"warning: {msg}")

    fetcher = Fetcher(options or Options(), sleep=sleep)
    out.mkdir(parents=True, exist_ok=True)
    folder = Folder(out)
    for p in folder.problems:
        problem(p)
    items, pages = plan(inputs, fetcher, problem)
    total = len(items)
    for n, item in enumerate(items, 1):
        already = folder.done(item.url)
        if already:
            result.kept.append(already)
            report(f"[{n}/{total}] {item.url}: already fetched ({already})")
            continue
        try:
            got = pages[item.url] if item.url in pages else fetcher.get(item.url)
        except FetchError as exc:
            if not item.content:
                folder.record(item.url, status="failed", error=str(exc), title=item.title)
                problem(str(exc))
                continue
            # The page is out of reach (sites often refuse non-browsers), but the feed has it all.
            problem(f"{exc}; kept the feed's own full text of the entry instead")
            got = Download(item.url, _as_page(item), "text/html")
        kind = got.content_type.split(";")[0].strip().lower()
        if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind) and not _looks_like_html(got.data, ""):
            folder.record(item.url, status="failed", error=f"not a web page ({kind})", title=item.title)
            problem(f"{item.url}: not a web page ({kind}); skipped")
            continue
        if not _looks_like_html(got.data, got.content_type) and "xml" not in kind:
            # Keep plain text as text; the loader reads .txt as it is.
            name = folder.file_for(item.url, item.title).removesuffix(".html") + ".txt"
        else:
            name = folder.file_for(item.url, item.title)
        atomic_write(out / name, got.data)
        folder.record(
            item.url,
            status="ok",
            file=name,
            title=item.title,
            outlet=item.outlet,
            published=item.published,
            final_url=got.url if got.url != item.url else None,
            fetched=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )
        result.saved.append(name)
        report(f"[{n}/{total}] {item.url}: saved {name}")
    if result.articles:
        before = len(folder.problems)
        folder.write_story_yaml(title)
        for p in folder.problems[before:]:
            problem(p)
    return result
