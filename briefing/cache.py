"""Per-article extraction results on disk, keyed by content, so that a story opens warm.

An entry is keyed by a hash of everything `extract` can see of one article (its id, file name,
text and metadata) together with the *analysis version*, a hash of the source and data files the
extraction is made from: editing an article or the code makes a new key, never a stale hit.

The cache is a convenience, never a source of truth, so it fails soft: an unreadable, truncated or
corrupt entry is a miss (and is rebuilt), and a cache folder that cannot be written is skipped.
Two processes may write the same entry at once: each writes a private temp file in the entry's
folder and renames it into place (`os.replace` is atomic), so a reader sees a whole entry or none.

`BRIEFING_CACHE_DIR` moves the cache (tests point it at a temp folder); `BRIEFING_NO_CACHE=1`
turns it off.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import io
import os
import pickle
import shutil
import sys
import threading
import weakref
import zlib
from pathlib import Path
from typing import Any

from briefing.memory import gc_paused
from briefing.model import LAZY_EVIDENCE, Article, EvidencePack, pack_evidence, packed_segments, raw

_LAZY_EVIDENCE = frozenset(LAZY_EVIDENCE)

ENV_DIR = "BRIEFING_CACHE_DIR"
ENV_OFF = "BRIEFING_NO_CACHE"
MAGIC = b"BRFCACH3"  # bump when the entry layout changes
_DIGEST = 12  # the entry's check: CRC-32 and length of the pickle (4 + 8 bytes)
KEEP_VERSIONS = 3  # version folders kept; older ones (other code versions) are pruned
MAX_BYTES = 2 * 1024**3  # entries of the current version past this are trimmed, oldest first
TRIM_EVERY = 24 * 3600  # seconds between size checks (a check walks every entry)
FREEZE_BYTES = 4 * 1024**2  # entries this big are frozen out of the cyclic GC once read (decode)

# What the extraction is made of: a change to any of these files invalidates every entry.
_PACKAGE = Path(__file__).resolve().parent
_SOURCES = ("analysis", "data", "segment.py", "lexicon.py", "model.py", "loader.py", "cache.py")


def enabled() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() in ("", "0", "false", "no")


def cache_root() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing"))


@functools.cache
def analysis_version() -> str:
    """A hash of the analysis code and data (a few ms: the files are small and read once)."""
    return source_hash(_PACKAGE)


def source_hash(package: Path, sources: tuple[str, ...] = _SOURCES) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{sys.version_info[0]}.{sys.version_info[1]}".encode())
    for name in sources:
        path = package / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            try:
                data = file.read_bytes()
            except OSError:
                continue
            h.update(str(file.relative_to(package)).encode())
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return h.hexdigest()


def article_key(article: Any) -> str:
    """The content hash of one article: every field `extract` may read except derived offsets."""
    h = hashlib.sha256()  # SHA-NI: about twice blake2b's speed here
    head = (article.id, article.file, article.title, article.outlet, article.url, article.published, article.lean)
    h.update(repr(head).encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:40]


def _positional(cls: type) -> bool:
    """Whether instances of `cls` can be rebuilt as `cls(*field_values)`: a dataclass whose
    generated __init__ takes every field positionally and does nothing else."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.init or hasattr(cls, "__post_init__"):
        return False
    init = cls.__dict__.get("__init__")
    if init is None or getattr(getattr(init, "__code__", None), "co_filename", "") != "<string>":
        return False  # a hand-written __init__
    return all(f.init and not getattr(f, "kw_only", False) for f in dataclasses.fields(cls))


def _article(*values: Any) -> Article:
    return Article(*values)


class _Pickler(pickle.Pickler):
    """Pickles dataclasses as `cls(*values)`: unpickling then runs their generated __init__ from
    C, about 3x faster than the default `__setstate__` loop that slotted dataclasses get.

    Equal strings among a dataclass's fields are written once (the pickle memo shares them): an
    analysis repeats each sentence in the evidence of many claims. An article's paragraphs and
    sentences are written packed (model.packed_segments), and stay packed once read back."""

    _fields: dict[type, tuple[str, ...] | None] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._strings: dict[str, str] = {}

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = self._fields.get(cls, ())
        if names == ():
            names = tuple(f.name for f in dataclasses.fields(cls)) if _positional(cls) else None
            self._fields[cls] = names
        if names is None:
            return NotImplemented
        same = self._strings.setdefault
        parts = _PARTS.get(cls)
        if parts is not None:
            values = [raw(obj, n) for n in names]
            for k in parts:
                if type(values[k]) is not bytes:
                    values[k] = dumps(values[k])
            return cls, tuple([same(v, v) if type(v) is str else v for v in values])
        if cls is Article:
            values = [raw(obj, n) for n in names]
            values[names.index("paragraphs")], values[names.index("sentences")] = packed_segments(obj)
            return _article, tuple(values)
        if cls not in _LAZY_EVIDENCE:
            return cls, tuple([same(v, v) if type(v) is str else v for v in map(obj.__getattribute__, names)])
        values = [same(v, v) if type(v) is str else v for v in (raw(obj, n) for n in names)]
        k = names.index("evidence")
        if type(values[k]) is list and values[k]:
            values[k] = pack_evidence(values[k], same) or values[k]
        elif type(values[k]) is EvidencePack:  # packed already (claims are made so): texts once too
            src, starts, ends, texts = values[k]
            values[k] = EvidencePack((src, starts, ends, tuple([same(t, t) if type(t) is str else t for t in texts])))
        return cls, tuple(values)


# Dataclasses whose named fields are pickled each on its own, as bytes, and read back as such:
# `model.raw` shows the bytes, the attribute unpickles them on first read (see register_parts).
_PARTS: dict[type, tuple[int, ...]] = {}


def register_parts(cls: type, names: tuple[str, ...]) -> None:
    """Hold `cls.<name>` for each of `names` as a separately pickled part in the cache: a reader
    can then keep an entry's parts as compact bytes and unpickle one part at a time (`part`)."""
    from briefing.model import _lazy

    fields = [f.name for f in dataclasses.fields(cls)]
    _PARTS[cls] = tuple(fields.index(n) for n in names)
    for n in names:
        _lazy(cls, n, bytes, loads_part)


def loads_part(blob: bytes) -> Any:
    with gc_paused():
        return pickle.loads(blob)


def part(obj: Any, name: str) -> Any:
    """`obj.<name>`, unpickled afresh if held as bytes and left so (the caller's copy is the
    only one: after use it can be freed, and the compact bytes stay)."""
    held = raw(obj, name)
    return loads_part(held) if type(held) is bytes else held


def dumps(obj: Any) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def encode(obj: Any) -> bytes:
    data = dumps(obj)
    return MAGIC + _check(data) + data


def _check(data: bytes) -> bytes:
    """CRC-32 and length: catches a truncated, torn or bit-flipped entry (not forgery: the cache
    is trusted like the user's own files) at ~2 GB/s, a tenth of a warm open's hashing before."""
    return zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(8, "little")


def decode(blob: bytes) -> Any:
    """The object in an entry; raises ValueError for anything but a whole, intact entry."""
    head = len(MAGIC) + _DIGEST
    if len(blob) < head or not blob.startswith(MAGIC):
        raise ValueError("not a cache entry")
    data = blob[head:]
    if _check(data) != blob[len(MAGIC) : head]:
        raise ValueError("corrupt cache entry")
    # Unpickling a big analysis makes ~10^6 objects; the cyclic GC would scan them repeatedly
    # while they are being made (about 3x the time). Nothing made here is garbage yet.
    # A big entry (a story, a whole analysis) is kept for the life of the process: its objects are
    # moved out of the collector's reach (gc.freeze), or each of the next three collections would
    # walk all of them once more (~0.25 s each at 10,000 articles).
    with gc_paused():
        obj = pickle.loads(data)
        if len(data) >= FREEZE_BYTES:
            gc.freeze()
        return obj


class Store:
    """The entries of one analysis version: `<root>/facts-<version>/<k[:2]>/<k>`."""

    def __init__(self, root: Path | str, version: str | None = None):
        self.root = Path(root)
        self.version = version or analysis_version()
        self.folder = self.root / f"facts-{self.version}"
        self.writable = True
        self.hits = self.misses = self.writes = 0

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Any | None:
        """The cached object, or None for a miss (absent, unreadable or corrupt)."""
        try:
            with open(self.path(key), "rb") as fh:
                blob = fh.read()
            obj = decode(blob)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # truncated, corrupt, unpicklable (a class changed): a miss, rebuilt
            self.misses += 1
            return None
        self.hits += 1
        return obj

    def put(self, key: str, obj: Any) -> bool:
        """Write one entry atomically; False (and the store goes read-only) if the disk refuses."""
        if not self.writable:
            return False
        try:
            blob = encode(obj)
        except Exception:  # an unpicklable result is simply not cached
            return False
        return self.put_blob(key, blob)

    def put_blob(self, key: str, blob: bytes) -> bool:
        """`put` for an already encoded entry."""
        if not self.writable:
            return False
        path = self.path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                view = memoryview(blob)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except OSError:
            self.writable = False
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return False
        self.writes += 1
        return True

    def prune(self, keep: int = KEEP_VERSIONS) -> None:
        """Remove the folders of all but the `keep` most recently used analysis versions."""
        try:
            os.utime(self.folder)  # mark this version as used
            others = [p for p in self.root.iterdir() if p.is_dir() and p.name.startswith("facts-") and p != self.folder]
            others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in others[max(keep - 1, 0) :]:
            shutil.rmtree(old, ignore_errors=True)

    def trim(self, max_bytes: int = MAX_BYTES, every: float = TRIM_EVERY) -> None:
        """Keep this version's entries under `max_bytes`, deleting the least recently written.
        Walking the entries costs ~10 ms per thousand, so it runs at most once per `every` s."""
        import time

        stamp = self.folder / ".trimmed"
        try:
            if every and time.time() - stamp.stat().st_mtime < every:
                return
        except OSError:
            pass
        try:
            entries = []
            for shard in os.scandir(self.folder):
                if shard.is_dir():
                    for e in os.scandir(shard.path):
                        st = e.stat()
                        entries.append((st.st_mtime, st.st_size, e.path))
            stamp.touch()
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= max_bytes:
                break
            try:
                os.unlink(path)
            except OSError:
                pass
            total -= size


def open_store() -> Store | None:
    """The store for this code version, or None when the cache is turned off."""
    if not enabled():
        return None
    return Store(cache_root())


# ---------------------------------------------------------------------------------------------
# Loaded stories


def load_story(path: str | os.PathLike[str], load: Any = None, on_miss: Any = None) -> Any:
    """`loader.load_story(path)`, served from the cache while no file it depends on has changed.

    Reading and segmenting 10,000 articles takes seconds; unpickling them a tenth of that. The
    entry holds the story and a signature of every file in its folder (name, size, mtime, ctime,
    inode) plus any article file outside it; a new, removed or touched file, or a new code
    version, is a miss. Standard input is never cached. `on_miss(path)`, if given, is called
    before a real load (the pipeline starts its worker processes then, to warm up meanwhile).
    """
    if load is None:
        from briefing.loader import load_story as load
    if str(path) == "-":
        return load(path)
    if not enabled():
        if on_miss is not None:
            on_miss(path)
        return load(path)
    try:
        target = Path(path).resolve()
        folder = target if target.is_dir() else target.parent
    except OSError:
        return load(path)
    store = Store(cache_root())
    key = "L" + hashlib.blake2b(str(target).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
    hit = store.get(key)
    if isinstance(hit, tuple) and len(hit) == 4:
        outside, signature, story, keys = hit
        if _signature(folder, outside) == signature:
            story.path = Path(path)
            remember_keys(story, keys)
            return story
    if on_miss is not None:
        on_miss(path)
    story = load(path)  # raises StoryError as ever; nothing is cached then
    outside = sorted(
        {str(p) for a in story.articles if (p := (folder / a.file)).parent != folder and p.exists()}
    )
    keys = [article_key(a) for a in story.articles]
    store.put(key, (outside, _signature(folder, outside), story, keys))
    remember_keys(story, keys)
    return story


# The article keys of stories served by load_story: their entry was checked against every file,
# so a warm open need not hash 35 MB of text again. Forgotten with the story (weakly held), and
# not used for an article replaced or edited (a changed object or text length) since.
_KNOWN: dict[int, tuple[weakref.ref, list[int], list[int], list[str]]] = {}


def remember_keys(story: Any, keys: list[str]) -> None:
    sid = id(story)
    ref = weakref.ref(story, lambda _r, sid=sid: _KNOWN.pop(sid, None))
    arts = story.articles
    _KNOWN[sid] = (ref, [id(a) for a in arts], [len(a.text) for a in arts], list(keys))


def story_keys(story: Any) -> list[str]:
    """`article_key` of each article of `story`, from what load_story remembered where it can."""
    known = _KNOWN.get(id(story))
    arts = story.articles
    if known is not None and known[0]() is story and len(known[3]) == len(arts):
        if known[1] == [id(a) for a in arts] and known[2] == [len(a.text) for a in arts]:
            return list(known[3])
    return [article_key(a) for a in arts]


def _signature(folder: Path, outside: list[str]) -> str | None:
    h = hashlib.blake2b(digest_size=20)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
        for e in entries:
            if e.name.startswith("."):
                continue  # the loader skips these (and .briefing/ changes with every pin saved)
            st = e.stat()
            h.update(f"{e.name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode("utf-8", "surrogateescape"))
        for name in outside:
            st = os.stat(name)
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode("utf-8", "surrogateescape"))
    except OSError:
        return None
    return h.hexdigest()
