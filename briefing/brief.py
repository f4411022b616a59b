"""The analyst's brief: items pinned from the analysis, kept per story in `.briefing/brief.yaml`.

The pins are the analyst's own work, so the file is treated as precious: every save goes to a temp
file in the same folder, is fsynced and then renamed over the old one (a crash leaves either the
old or the new version, never half of one), and a file that cannot be read is moved aside rather
than overwritten. Problems are collected in `Brief.problems` for the UI to show; nothing here
raises for bad input.

Two instances may edit one story's brief at once (two terminals, the app and `serve`): a save
takes a lock (a sidecar `.brief.yaml.lock`), and if the file changed on disk since this instance
read or wrote it, merges: the other's additions, removals, moves and notes are kept, and this
instance's own edits are applied on top, so that neither loses pins.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from briefing.model import Analysis

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C ones when built: long briefs save fast
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FOLDER = ".briefing"
FILE = "brief.yaml"
VERSION = 1
KINDS = ("quote", "claim", "country", "bloc", "discrepancy", "timeline", "note")


@dataclass(slots=True)
class Pin:
    """One pinned item. `source`/`start`/`end` locate it in an article, so the brief can cite it."""

    kind: str  # quote | claim | country | bloc | discrepancy | timeline | ...
    label: str  # one line for lists: the speaker, the country, the date
    text: str  # what was pinned: the quote, the claim, the stance with its actions
    source: str | None = None  # article id
    start: int | None = None
    end: int | None = None
    note: str = ""


_PIN_FIELDS = {f.name for f in fields(Pin)}


def _story_folder(story_path: Path) -> Path:
    story_path = Path(story_path)
    return story_path if story_path.is_dir() else story_path.parent


def _fallback_path(story_path: Path) -> Path:
    """Where the pins of a story in a read-only folder go: the user data dir, one file per story."""
    import platformdirs

    resolved = str(Path(story_path).resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(resolved).name)[:40] or "story"
    return Path(platformdirs.user_data_dir("briefing")) / "briefs" / f"{name}-{digest}.yaml"


def _writable(folder: Path) -> bool:
    """Whether we can create files in `folder`, or create it (tried for real: os.access lies for
    root and NFS). Nothing is left behind: merely opening a brief must not litter the story."""
    where = folder if folder.exists() else folder.parent
    try:
        fd, probe = tempfile.mkstemp(dir=where, prefix=".probe-")
        os.close(fd)
        os.unlink(probe)
        return True
    except OSError:
        return False


class Brief:
    """The pins of one story, in the analyst's order."""

    def __init__(self, path: Path, pins: list[Pin] | None = None, problems: list[str] | None = None):
        self.path = Path(path)
        self.pins: list[Pin] = pins if pins is not None else []
        self.problems: list[str] = problems if problems is not None else []
        self._base: list[Pin] = _copies(self.pins)  # the pins as last read or saved: what others may have changed
        self._seen: str | None = None  # digest of the file as this instance last read or saved it
        self._merging = False  # set by open(): a Brief made from a list of pins simply writes it

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, story_path: Path) -> Brief:
        """The brief of the story at `story_path` (a folder, a story.yaml or an article file)."""
        local = _story_folder(Path(story_path)) / FOLDER / FILE
        problems: list[str] = []
        if _writable(local.parent):
            path = local
        else:
            path = _fallback_path(Path(story_path))
            problems.append(f"{local.parent}: cannot write there (read-only?); the brief is kept in {path}")
        brief = cls(path, [], problems)
        _sweep(path)
        # A read-only story may still carry a brief someone wrote before: start from it.
        source = path if path.exists() or not local.exists() else local
        if source.exists():
            brief._read(source)
        brief._base = _copies(brief.pins)
        brief._merging = True
        return brief

    def _read(self, source: Path, raw: bytes | None = None) -> None:
        try:
            raw = source.read_bytes() if raw is None else raw
            if source == self.path:
                self._seen = _digest(raw)  # what was read, not what a stat says later: another save may fall between
            text = raw.decode("utf-8")
            from briefing.loader import check_yaml

            check_yaml(text, "a brief")  # thousands of levels deep would crash the process when composed
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            self._set_aside(source, f"corrupt ({_short(exc)})")
            return
        except OSError as exc:
            self.problems.append(f"{source}: cannot read: {exc.strerror or exc}; starting an empty brief")
            # Not moved aside: it may be fine and merely unreadable now; saving would replace it.
            self.path = _fallback_path(source.parent.parent)
            return
        if data is None:
            return
        if not isinstance(data, dict) or not isinstance(data.get("pins", []), list):
            self._set_aside(source, "not a brief (expected a mapping with a list of pins)")
            return
        bad = 0
        for i, raw in enumerate(data.get("pins") or [], 1):
            pin = _pin_from(raw)
            if pin is None:
                bad += 1
                self.problems.append(f"{source}: pin {i} is malformed; skipped")
            else:
                self.pins.append(pin)
        if bad:
            kept = _copy_aside(source)
            if kept:
                self.problems.append(f"{source}: the original is kept as {kept.name}")

    def _set_aside(self, source: Path, why: str) -> None:
        target = _aside_name(source)
        try:
            os.replace(source, target)
        except OSError as exc:
            # Could not move it: never overwrite it either; save elsewhere.
            self.path = source.with_name(target.name.replace(".corrupt-", ".new-"))
            self.problems.append(f"{source}: {why}; could not move it aside ({exc.strerror or exc}); saving to {self.path}")
            return
        self.problems.append(f"{source}: {why}; kept aside as {target.name}, starting an empty brief")

    # -- editing ---------------------------------------------------------------------------------

    def add(self, pin: Pin) -> None:
        self.pins.append(pin)

    def remove(self, index: int) -> Pin:
        return self.pins.pop(index)

    def move(self, index: int, new_index: int) -> None:
        """Move a pin; `new_index` is clamped, so moving past either end is harmless."""
        pin = self.pins.pop(index)
        new_index = max(0, min(new_index, len(self.pins)))
        self.pins.insert(new_index, pin)

    def set_note(self, index: int, note: str) -> None:
        self.pins[index].note = note

    # -- saving ----------------------------------------------------------------------------------

    def dumps(self) -> str:
        doc = {"version": VERSION, "pins": [_pin_to(p) for p in self.pins]}
        return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)

    def save(self) -> bool:
        """Write atomically, merged with what another instance saved meanwhile. If the story's
        folder cannot be written (any more), the brief goes to the user data dir, with a message.
        False (with a message in `problems`) only if it could be written nowhere."""
        try:
            self._write()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            fallback = self._fallback()
            if fallback is None:
                self.problems.append(f"{self.path}: cannot save the brief: {reason}")
                return False
            kept = (self.path, self._seen, self._base)
            failed, self.path, self._seen, self._base = self.path, fallback, None, []  # base []: a union with what is there
            try:
                self._write()
            except OSError as exc2:
                self.path, self._seen, self._base = kept
                self.problems.append(f"{failed}: cannot save the brief: {reason}; nor in {fallback}: {exc2.strerror or exc2}")
                return False
            self.problems.append(f"{failed}: cannot save the brief there ({reason}); it is kept in {fallback}")
        self._base = _copies(self.pins)
        return True

    def _write(self) -> None:
        with _locked(self.path):
            theirs = self._changed_on_disk()
            if theirs is not None:
                self.pins[:] = merge(self._base, self.pins, theirs)
            data = self.dumps().encode("utf-8")
            atomic_write(self.path, data)
            self._seen = _digest(data)

    def _fallback(self) -> Path | None:
        """The user-data-dir file for a brief kept in its story's folder; None for any other."""
        if self._merging and self.path.name == FILE and self.path.parent.name == FOLDER:
            fallback = _fallback_path(self.path.parent.parent)
            return fallback if fallback != self.path else None
        return None

    def _changed_on_disk(self) -> list[Pin] | None:
        """The pins on disk if another instance saved since this one read or wrote, else None."""
        if not self._merging:
            return None
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None  # absent (never saved, or removed): nothing to merge; unreadable: the write will say
        if _digest(raw) == self._seen:
            return None
        other = Brief(self.path)
        other._read(self.path, raw)
        self.problems += other.problems  # a corrupt file was moved or copied aside: nothing is lost
        return other.pins if self.path.exists() else None


def _copies(pins: list[Pin]) -> list[Pin]:
    return [replace(p) for p in pins]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on the brief for one read-merge-write (where the OS has flock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no merge-safe lock; saves stay atomic
        yield
        return
    fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _key(pin: Pin) -> tuple:
    return (pin.kind, pin.label, pin.text, pin.source, pin.start, pin.end)


def _keyed(pins: list[Pin]) -> list[tuple[tuple, Pin]]:
    """Each pin with a key that tells it apart from others (the same item pinned twice: 0, 1)."""
    seen: dict[tuple, int] = {}
    out = []
    for p in pins:
        k = _key(p)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(((k, n), p))
    return out


def merge(base: list[Pin], ours: list[Pin], theirs: list[Pin]) -> list[Pin]:
    """Three-way merge of pin lists: `ours` and `theirs` were both edited from `base`.

    A pin either side removed is removed; a pin either side added is kept, placed after the pin it
    followed on that side; the order is ours if we moved pins, else theirs; a note is ours if we
    changed it, else theirs."""
    kb, ko, kt = _keyed(base), _keyed(ours), _keyed(theirs)
    b, o, t = dict(kb), dict(ko), dict(kt)
    gone = {k for k in b if k not in o or k not in t}
    we_moved = [k for k, _ in ko if k in b and k in t] != [k for k, _ in kb if k in o and k in t]
    spine, other = (ko, kt) if we_moved else (kt, ko)
    result = [k for k, _ in spine if k not in gone]
    present = set(result)
    for i, (k, _) in enumerate(other):
        if k in b or k in present:
            continue
        at = 0
        for j in range(i - 1, -1, -1):
            if other[j][0] in present:
                at = result.index(other[j][0]) + 1
                break
        while at < len(result) and result[at] not in b:  # after what the spine's side added there
            at += 1
        result.insert(at, k)
        present.add(k)
    merged = []
    for k in result:
        pin = o.get(k) or t[k]
        if k in b and k in o and k in t and o[k].note == b[k].note:
            pin = t[k]  # we left the note alone: theirs (changed or not)
        merged.append(replace(pin))
    return merged


STALE = 600  # seconds: a temp file this old is from a save that was killed, not one under way


def _sweep(path: Path) -> None:
    """Remove temp files left by saves that died (kill -9, power cut); they hold nothing needed."""
    import time

    try:
        for tmp in path.parent.glob(f".{path.name}.*.tmp"):
            if time.time() - tmp.stat().st_mtime > STALE:
                tmp.unlink()
    except OSError:
        pass


def _short(exc: BaseException) -> str:
    mark = getattr(exc, "problem_mark", None)
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"line {mark.line + 1}: {reason}" if mark is not None else reason


def _pin_to(pin: Pin) -> dict:
    d = asdict(pin)
    return {k: v for k, v in d.items() if v is not None and not (k == "note" and v == "")}


def _pin_from(raw: object) -> Pin | None:
    if not isinstance(raw, dict):
        return None
    if not all(isinstance(raw.get(k), str) for k in ("kind", "label", "text")):
        return None
    values = {k: v for k, v in raw.items() if k in _PIN_FIELDS}
    for k in ("start", "end"):
        if values.get(k) is not None and (not isinstance(values[k], int) or isinstance(values[k], bool)):
            return None
    if values.get("source") is not None:
        values["source"] = str(values["source"])
    values["note"] = str(values.get("note") or "")
    return Pin(**values)


def _aside_name(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return target


def _copy_aside(path: Path) -> Path | None:
    target = _aside_name(path)
    try:
        atomic_write(target, path.read_bytes())
    except OSError:
        return None
    return target


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over, fsync the folder: old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# ---------------------------------------------------------------------------------------------
# Pins made from the analysis's items


def pin_of(item: object) -> Pin:
    """A pin for a quote, claim, country or bloc row, discrepancy or timeline event, located at
    its first piece of evidence so the brief can cite where it comes from."""
    from briefing.model import BlocRow, Claim, CountryRow, Discrepancy, Quote, TimelineEvent

    if isinstance(item, Quote):
        return Pin("quote", item.speaker or "unattributed", item.text, item.source, item.start, item.end)
    if isinstance(item, Claim):
        label = f"{len(item.sources)} source{'s' if len(item.sources) != 1 else ''}"
        return _located(Pin("claim", label, item.text), item.evidence, item.sources)
    if isinstance(item, CountryRow):
        text = item.stance + (f": {'; '.join(item.actions)}" if item.actions else "")
        return _located(Pin("country", f"{item.name} ({item.code})", text), item.evidence, item.sources)
    if isinstance(item, BlocRow):
        text = item.stance + (f": {'; '.join(item.actions)}" if item.actions else "")
        return _located(Pin("bloc", item.name, text), item.evidence, item.sources)
    if isinstance(item, Discrepancy):
        text = "; ".join(f"{version} ({', '.join(ids)})" for version, ids in item.values.items())
        return _located(Pin("discrepancy", f"{item.kind}: {item.what}", text), item.evidence, [])
    if isinstance(item, TimelineEvent):
        return _located(Pin("timeline", item.date, item.text), item.evidence, item.sources)
    raise TypeError(f"cannot pin a {type(item).__name__}")


def _located(pin: Pin, evidence: list, sources: list[str]) -> Pin:
    if evidence:
        pin.source, pin.start, pin.end = evidence[0].source, evidence[0].start, evidence[0].end
    elif len(sources) == 1:
        pin.source = sources[0]
    return pin


# ---------------------------------------------------------------------------------------------
# The brief as Markdown, for handing on


KIND_NAMES = {
    "quote": "Quote",
    "claim": "Claim",
    "country": "Country",
    "bloc": "Bloc",
    "discrepancy": "Discrepancy",
    "timeline": "Timeline",
}


def _cite(analysis: Analysis | None, pin: Pin) -> str:
    """The source line of a pin: outlet, headline, date, URL, file and character span."""
    from briefing.export.markdown import esc, link

    if not pin.source:
        return "no single source"
    art = None
    if analysis is not None:
        try:
            art = analysis.story.article(pin.source)
        except KeyError:
            art = None
    if art is None:
        return f"{esc(pin.source)} (not in the story as loaded)"
    parts = []
    if art.outlet:
        parts.append(esc(art.outlet))
    headline = (analysis.headlines.get(art.id) if analysis else None) or art.title
    if headline:
        parts.append(f"“{esc(headline)}”")
    if art.published:
        parts.append(esc(art.published))
    from briefing.render import one_line

    shown = one_line(art.file)  # a file name can hold escapes and newlines too
    where = f"`{shown}`" if "`" not in shown else esc(shown)
    if pin.start is not None and pin.end is not None:
        where += f", characters {pin.start}–{pin.end}"
    parts.append(where)
    line = ", ".join(parts)
    if art.url:
        line += f" — {link(art.url)}"
    return line


def to_markdown(brief: Brief, analysis: Analysis | None) -> str:
    """The pins in order, each with its text, note and the source it comes from."""
    from briefing.export.markdown import esc, quote_block

    title = (analysis.title if analysis else "") or "Untitled story"
    out = [f"# Brief: {esc(title)}", ""]
    if not brief.pins:
        out += ["_Nothing pinned yet._", ""]
    for n, pin in enumerate(brief.pins, 1):
        kind = KIND_NAMES.get(pin.kind, pin.kind.capitalize() or "Item")
        out.append(f"## {n}. {esc(kind)}: {esc(pin.label)}")
        out.append("")
        out.append(quote_block(pin.text))
        out.append("")
        out.append(f"Source: {_cite(analysis, pin)}")
        if pin.note:
            out.append("")
            out.append(f"Note: {esc(pin.note)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
