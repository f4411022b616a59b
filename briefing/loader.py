"""Reading a story from disk: the folder (or story.yaml), each article's bytes, its metadata.

Every problem with one input becomes a `LoadProblem` and the rest still load; only a story with
nothing usable raises `StoryError`. Article text is decoded and its newlines normalised here, and
nothing else is changed, so that offsets computed later point into exactly what the user has.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.model import Article, LoadProblem, Story
from briefing.story_files import STORY_FILE, StoryError, article_files, default_story_path  # noqa: F401 (re-exported)

MAX_BYTES = 10 * 1024 * 1024  # a longer article is cut here, with a message
METADATA_KEYS = ("outlet", "url", "published", "lean", "title")


@dataclass(slots=True)
class ArticleInput:
    """What a reader makes of one file before segmentation."""

    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class Unreadable(Exception):
    """One file cannot be used; its message is shown to the user."""


# ---------------------------------------------------------------------------------------------
# Decoding


def decode(data: bytes) -> str:
    """Bytes to text: BOMs honoured, UTF-8 first, then detected; binary refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data[:8192]:
            raise Unreadable("binary file (not text), skipped")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data":  # a file cut mid-character
                text = data[: exc.start].decode("utf-8", errors="replace")
            else:
                text = _detect(data)
    return normalise_newlines(text)


# Among equally plausible guesses, the encodings English-language news most often comes in.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise Unreadable("not text in any encoding I know, skipped")
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.005 and m.coherence >= best.coherence - 0.005]
    tied.sort(key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED))
    return str(tied[0])


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# Readers by file type. Others (HTML, JSON lists, feeds) register here.

Reader = Callable[[Path, bytes], list[ArticleInput]]


def read_plain(path: Path, data: bytes) -> list[ArticleInput]:
    return [ArticleInput(decode(data))]


READERS: dict[str, Reader] = {".txt": read_plain, ".md": read_plain, ".markdown": read_plain}


def _lazy(module: str, name: str) -> Reader:
    """A reader imported on first use, so plain-text stories never pay for an HTML extractor."""

    def read(path: Path, data: bytes) -> list[ArticleInput]:
        import importlib

        return getattr(importlib.import_module(module), name)(path, data)

    return read


READERS.update(
    {
        ".html": _lazy("briefing.readers.html", "read_html"),
        ".htm": _lazy("briefing.readers.html", "read_html"),
        ".json": _lazy("briefing.readers.jsonlist", "read_json"),
        ".jsonl": _lazy("briefing.readers.jsonlist", "read_jsonl"),
    }
)


def read_stdin_item(path: Path, data: bytes) -> list[ArticleInput]:
    """Standard input holds one article: a web page if it looks like one, else plain text."""
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:4096].lower():
        return READERS[".html"](path, data)
    return read_plain(path, data)


def build_article(article_id: str, file: str, item: ArticleInput) -> Article:
    """Segment a decoded article into paragraphs and sentences and find its title."""
    from briefing import segment

    text = item.text
    paras = segment.paragraph_spans(text)  # packed: the Paragraph and Sentence objects are made
    sents = segment.sentence_spans(text, paras)  # on first access (model.Article)
    title = item.title or segment.title_packed(text, paras, sents)
    art = Article(id=article_id, file=file, text=text, title=title, paragraphs=paras, sentences=sents)
    for key in ("outlet", "url", "published", "lean"):
        if item.meta.get(key):
            setattr(art, key, item.meta[key])
    return art


# ---------------------------------------------------------------------------------------------
# story.yaml


@dataclass(slots=True)
class StoryMeta:
    title: str | None = None
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # file name -> metadata
    listed: bool = False  # the file names its sources (then only those load)


def _iso(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def _safe_loader():
    """PyYAML's C parser where built (~5x faster). yaml is imported here, not at the top: the
    app checks a story path before its first paint and should not pay for PyYAML then."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_YAML_DEPTH = 64  # story.yaml needs 4 levels, brief.yaml 3


def check_yaml(text: str, what: str, aliases: bool = False) -> None:
    """Refuse, before composing, YAML nested deeper than MAX_YAML_DEPTH (composing recurses once
    per level, and thousands of levels overflow the C stack: a segfault, not an exception) and,
    unless allowed, aliases. Reading events needs no recursion and expands nothing."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_safe_loader()):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent) and not aliases:
            raise yaml.composer.ComposerError(None, None, f"aliases (*name) are not allowed in {what}", event.start_mark)


def _parse_story_yaml(text: str):
    """Parse story.yaml, refusing aliases: it never needs them, and nested aliases can expand
    exponentially (a "billion laughs" file). Events are checked first, so nothing expands."""
    import yaml

    data = _plain_yaml(text)
    if data is not _NOT_PLAIN:
        return data
    check_yaml(text, "story.yaml")
    return yaml.load(text, Loader=_safe_loader())  # noqa: S506 (a safe loader)


_NOT_PLAIN = object()
_STR = "tag:yaml.org,2002:str"
_UNUSUAL_KEYS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


def _plain_yaml(text: str):
    """What `yaml.load(text, SafeLoader)` returns, built in one pass over the C parser's events
    (no nodes; a story.yaml of 10,000 sources reads ~3x faster), or _NOT_PLAIN for a file that
    uses more than one document of plain mappings, sequences and scalars (a tag, an anchor or
    alias, a merge key, a key that is not a scalar, deeper than MAX_YAML_DEPTH): the checked,
    general path then reads it, and reports its errors as ever."""
    import yaml
    from yaml.constructor import SafeConstructor

    resolve = yaml.resolver.Resolver().resolve
    constructors = SafeConstructor.yaml_constructors
    constructor = None
    stack: list = []  # open containers: [container, pending key or _NOT_PLAIN]
    result = None
    documents = 0
    for event in yaml.parse(text, Loader=_safe_loader()):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                return _NOT_PLAIN
            tag = resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _STR:
                value = event.value
            else:
                if tag in _UNUSUAL_KEYS or tag not in constructors:
                    return _NOT_PLAIN
                if constructor is None:
                    constructor = SafeConstructor()
                value = constructors[tag](constructor, yaml.ScalarNode(tag, event.value))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or (event.tag is not None and event.tag != "!") or len(stack) >= MAX_YAML_DEPTH:
                return _NOT_PLAIN
            stack.append([{} if kind is yaml.MappingStartEvent else [], _NOT_PLAIN])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                return _NOT_PLAIN
            continue
        elif kind is yaml.AliasEvent:
            return _NOT_PLAIN
        else:  # stream start and end, document end
            continue
        if not stack:
            result = value
            continue
        top = stack[-1]
        if type(top[0]) is list:
            top[0].append(value)
        elif top[1] is _NOT_PLAIN:
            if kind is not yaml.ScalarEvent:
                return _NOT_PLAIN  # a mapping or list as a key
            try:
                hash(value)
            except TypeError:
                return _NOT_PLAIN
            top[1] = value
        else:
            top[0][top[1]] = value
            top[1] = _NOT_PLAIN
    return result


def read_story_yaml(path: Path, problems: list[LoadProblem]) -> StoryMeta:
    """Parse story.yaml; a malformed one is reported (with its line) and treated as absent."""
    import yaml

    meta = StoryMeta()
    try:
        raw = _parse_story_yaml(decode(path.read_bytes()))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(LoadProblem(path.name, f"malformed YAML at{where}: {reason}; ignored"))
        return meta
    except (OSError, Unreadable) as exc:
        problems.append(LoadProblem(path.name, f"cannot read: {_reason(exc)}; ignored"))
        return meta
    except RecursionError:  # [[[[...]]]] thousands deep exhausts the parser's stack
        problems.append(LoadProblem(path.name, "nested too deeply to be a story file; ignored"))
        return meta
    if raw is None:
        return meta
    if not isinstance(raw, dict):
        problems.append(LoadProblem(path.name, "expected a mapping (title:, sources:); ignored"))
        return meta
    for key in raw:
        if key not in ("title", "sources", "files"):
            problems.append(LoadProblem(path.name, f"unknown key {key!r} ignored"))
    if raw.get("title") is not None:
        meta.title = str(raw["title"])
    entries = raw.get("sources", raw.get("files"))
    if entries is None:
        return meta
    meta.listed = True
    if isinstance(entries, dict):
        items = [(str(k), v) for k, v in entries.items()]
    elif isinstance(entries, list):
        items = []
        for e in entries:
            if isinstance(e, str):
                items.append((e, {}))
            elif isinstance(e, dict) and "file" in e:
                items.append((str(e["file"]), e))
            else:
                problems.append(LoadProblem(path.name, f"source entry {e!r} has no file; ignored"))
    else:
        problems.append(LoadProblem(path.name, "sources: expected a mapping or a list; ignored"))
        meta.listed = False
        return meta
    for name, fields in items:
        if fields is None:
            fields = {}
        if not isinstance(fields, dict):
            problems.append(LoadProblem(path.name, f"{name}: expected a mapping of fields; ignored"))
            fields = {}
        meta.files[name] = {k: _iso(v) for k, v in fields.items() if k in METADATA_KEYS and v is not None}
    return meta


# ---------------------------------------------------------------------------------------------
# The story


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def load_file(path: Path, name: str | None = None) -> tuple[list[Article], list[LoadProblem]]:
    """One article file (or several, for list formats); problems reported, never raised."""
    name = name or path.name
    reader = READERS.get(path.suffix.lower(), read_plain)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return [], [LoadProblem(name, f"cannot read: {_reason(exc)}; skipped")]
    problems = []
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        problems.append(LoadProblem(name, f"longer than {MAX_BYTES:,} bytes; only the start is read"))
    try:
        items = reader(path, data)
    except Unreadable as exc:
        return [], [LoadProblem(name, str(exc))]
    stem = Path(name).stem
    arts = []
    for i, item in enumerate(items):
        if item.meta.get("skip"):  # a list reader's bad item, with its reason
            problems.append(LoadProblem(name, f"item {i + 1}: {item.meta['skip']}; skipped"))
            continue
        if not item.text.strip():
            problems.append(LoadProblem(name, "empty, skipped" if len(items) == 1 else f"item {i + 1} empty, skipped"))
            continue
        article_id = stem if len(items) == 1 else f"{stem}-{i + 1}"
        arts.append(build_article(article_id, name, item))
    return arts, problems


def load_story(path: str | os.PathLike[str]) -> Story:
    """Load the story at PATH (a folder or a story.yaml). Raises StoryError if nothing is usable."""
    if str(path) == STDIN:
        return load_stdin()
    path = Path(path)
    problems: list[LoadProblem] = []
    if not path.exists():
        raise StoryError(f"{path}: no such file or folder")
    if path.is_file() and path.name.endswith((".yaml", ".yml")):
        folder, meta_path = path.parent, path
    elif path.is_dir():
        folder, meta_path = path, path / STORY_FILE
    else:
        folder, meta_path = path.parent, None
    meta = read_story_yaml(meta_path, problems) if meta_path and meta_path.exists() else StoryMeta()

    if path.is_file() and meta_path is None:
        files = [path]
    elif meta.listed and meta_path == path:
        files = [folder / name for name in meta.files]
    else:
        try:
            files = article_files(folder)
        except OSError as exc:
            raise StoryError(f"{folder}: cannot list the folder: {_reason(exc)}") from exc

    articles: list[Article] = []
    listed = meta.listed and meta_path == path  # else every file is directly in the folder
    for file in files:
        if not listed:
            name = file.name
        else:
            name = str(file.relative_to(folder)) if file.is_relative_to(folder) else str(file)
        if meta.listed and meta_path == path and not file.exists():
            problems.append(LoadProblem(name, "listed in story.yaml but not found; skipped"))
            continue
        arts, probs = load_file(file, name)
        problems.extend(probs)
        for art in arts:
            for key, value in meta.files.get(name, meta.files.get(file.name, {})).items():
                if key in ("outlet", "url", "published", "lean") and getattr(art, key) is None:
                    setattr(art, key, value)
            articles.append(art)

    _unique_ids(articles)
    problems = fold_problems(problems)
    if not articles:
        if not files:
            raise StoryError(f"{path}: no articles here (looked for {', '.join(sorted(READERS))})")
        raise StoryError(f"{path}: none of its {len(files)} files could be read")
    return Story(path=path, articles=articles, title=meta.title, problems=problems)


FOLD_AFTER = 5  # more problems than this with one message are reported as one line


def fold_problems(problems: list[LoadProblem]) -> list[LoadProblem]:
    """Fold many files with the same problem (a folder of 10,000 empty files) into one line."""
    by_message: dict[str, list[str]] = {}
    for p in problems:
        by_message.setdefault(p.message, []).append(p.file)
    out = []
    for p in problems:
        files = by_message.get(p.message)
        if files is None:
            continue
        if len(files) <= FOLD_AFTER:
            out.append(p)
            continue
        shown = ", ".join(files[:3])
        out.append(LoadProblem(f"{len(files)} files ({shown}, ...)", p.message))
        del by_message[p.message]
    return out


STDIN = "-"


def load_stdin() -> Story:
    """`-`: one article from standard input (text or an HTML page)."""
    import sys

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    problems = []
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        problems.append(LoadProblem("stdin", f"longer than {MAX_BYTES // 2**20} MB; only the start is read"))
    try:
        items = read_stdin_item(Path("stdin"), data)
    except Unreadable as exc:
        raise StoryError(f"stdin: {exc}") from None
    if not items or not items[0].text.strip():
        raise StoryError("stdin: empty, nothing to analyse")
    return Story(path=Path(STDIN), articles=[build_article("stdin", "stdin", items[0])], problems=problems)


def _unique_ids(articles: list[Article]) -> None:
    """Two files with one stem (a.txt, a.md) keep distinct ids."""
    seen: dict[str, int] = {}
    for art in articles:
        n = seen.get(art.id, 0)
        seen[art.id] = n + 1
        if n:
            art.id = f"{art.id}~{n + 1}"
