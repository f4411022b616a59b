"""Running the analysis: a pure per-article pass, then the steps that look across sources.

The per-article pass (`extract`) depends on nothing but the article (its text and metadata), so
its result can be cached by content hash and computed in parallel; each concern's `combine` then
merges across sources, in an order where later steps may read what earlier ones filled in
(comparison reads speakers, for name spellings).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from briefing.analysis import claims, compare, countries, headlines, quotes, sharing, timeline
from briefing.memory import gc_paused, trim_heap
from briefing.model import Analysis, Article, Story


@dataclass(slots=True)
class ArticleFacts:
    """Everything found in one article on its own. Picklable, for the cache and process pools."""

    article_id: str
    headline: str
    quotes: quotes.ArticleQuotes
    countries: countries.ArticleCountries
    claims: compare.ArticleClaims
    dates: timeline.ArticleDates


PARTS = ("quotes", "countries", "claims", "dates")


def _register() -> None:
    from briefing import cache as _cache

    _cache.register_parts(ArticleFacts, PARTS)


_register()  # each concern's facts are cached as a part: combine unpickles one concern at a time


def extract(article: Article) -> ArticleFacts:
    return ArticleFacts(
        article_id=article.id,
        headline=headlines.headline(article),
        quotes=quotes.extract(article),
        countries=countries.extract(article),
        claims=compare.extract(article),
        dates=timeline.extract(article),
    )


def combine(story: Story, facts: list[ArticleFacts], *, consume: bool = False, stage: Stage | None = None) -> Analysis:
    """Cross-source steps. `facts` is aligned with `story.articles`; `stage`, if given, is told
    each step as it starts (on a big story they take a while after the last article is read).

    With `consume`, each concern's facts are dropped from `facts` as they are read (the caller
    has no further use for them): the pickled parts of the steps done are not kept to the end."""
    with gc_paused():  # (see `memory`: ~10^6 objects made at 10,000 articles, none in cycles)
        return _combine(story, facts, consume, stage)


def _combine(story: Story, facts: list[ArticleFacts], consume: bool, stage: Stage | None) -> Analysis:
    analysis = Analysis(story=story)
    analysis.headlines = {f.article_id: f.headline for f in facts}
    analysis.title = story.title or ""
    # Facts read from the cache or a worker hold each concern pickled: unpickled here one concern
    # at a time and dropped after its step, so the objects of only one concern are alive at once.
    steps = (
        ("quotes", quotes.combine, "grouping quotes by speaker"),
        ("countries", countries.combine, "weighing each country's stance"),
        ("claims", compare.combine, "aligning claims and finding discrepancies"),
        ("dates", timeline.combine, "building the timeline"),
    )
    for k, (name, step, doing) in enumerate(steps, 1):
        if stage is not None:
            stage(doing, k, len(steps))
        step(analysis, _parts(facts, name, consume))
        if consume:
            trim_heap()  # what the step made and dropped: not kept mapped into the next
    if not analysis.title and facts:
        analysis.title = facts[0].headline
    return analysis


def _parts(facts: list[ArticleFacts], name: str, consume: bool) -> list:
    """Each article's `name` facts, unpickled; with `consume`, each dropped from its ArticleFacts
    once read (their pickled bytes are not kept to the end of `combine`)."""
    from briefing.cache import loads_part, raw

    out = []
    share = _SHARE.get(name)
    share_fresh = _SHARE_FRESH.get(name)
    memo: dict = {}
    for f in facts:
        held = raw(f, name)
        if consume:
            setattr(f, name, None)
        if type(held) is bytes:
            found = loads_part(held)
            del held  # (with `consume`, freed before the next article is unpickled)
            if share_fresh is not None:
                share_fresh(found, memo)
        else:
            found = held
        if share is not None:
            share(found, memo)
        out.append(found)
    if consume:
        trim_heap()
    return out


# Per concern, what makes the values its unpickled facts repeat across articles one object each
# (each article is unpickled with its own copy of every term: millions of strings at 10,000).
_SHARE: dict[str, Callable[[object, dict], None]] = {
    "claims": lambda found, memo: claims.share(found.sentences, memo),  # type: ignore[attr-defined]
}
# ... and what does so for facts unpickled here only (nothing else holds them): these also turn
# the word lists the steps only read into shared tuples (see `sharing`).
_SHARE_FRESH: dict[str, Callable[[object, dict], None]] = {
    "quotes": sharing.share_quotes,
    "countries": sharing.share_countries,
    "dates": sharing.share_dates,
    "claims": sharing.share_claims,
}


Progress = Callable[[int, int], None]  # (articles done, articles in all)
Stage = Callable[[str, int, int], None]  # (what the step does, its number from 1, steps in all)


def analyse(
    story: Story,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    cache: bool | None = None,
    stage: Stage | None = None,
    ready: Callable[[Analysis], None] | None = None,
) -> Analysis:
    """The whole analysis. `progress`, if given, is called as articles are extracted, and `stage`
    as each cross-source step starts (not at all when the whole analysis comes from the cache);
    `ready` gets the analysis as soon as it is complete, before it is written to the cache (a
    big story's takes a second or two, which a waiting user need not wait for).

    Per-article results come from the cache where it has them (`cache=None`: unless
    BRIEFING_NO_CACHE is set); the rest are extracted in this process, or in a process pool when
    more than POOL_MIN are left and more than one core is usable (`workers` overrides the count;
    1 forces serial). The output is the same either way.
    """
    from briefing import cache as _cache

    articles = story.articles
    total = len(articles)
    facts: list[ArticleFacts | None] = [None] * total
    store = _cache.open_store() if cache is None else (_cache.Store(_cache.cache_root()) if cache else None)
    keys: list[str] = []
    todo = list(range(total))
    if store is not None:
        keys = _cache.story_keys(story)
        whole = _cached_analysis(store, story, keys)
        if whole is not None:
            if progress is not None and total:
                progress(total, total)
            if ready is not None:
                ready(whole)
            return whole
        todo = []
        for i, article in enumerate(articles):
            hit = store.get(keys[i])
            if isinstance(hit, ArticleFacts) and hit.article_id == article.id:
                facts[i] = hit
            else:
                todo.append(i)
        if progress is not None and len(todo) < total:
            progress(total - len(todo), total)
    done = total - len(todo)

    n_workers = _worker_count(workers, len(todo))
    if n_workers > 1:
        done = _extract_pooled(articles, todo, facts, n_workers, store, keys, done, total, progress)
    compact = len(todo) > POOL_MIN  # a big story: hold each article's facts pickled (~4x smaller)
    for i in todo:  # serial, and whatever a failed pool left
        if facts[i] is not None:
            continue
        facts[i] = extract(articles[i])
        if store is not None or compact:
            try:
                blob = _cache.encode(facts[i])
            except Exception:  # an unpicklable result is simply not cached (nor compacted)
                continue
            if store is not None:
                store.put_blob(keys[i], blob)
            if compact:
                facts[i] = _cache.decode(blob)
        done += 1
        if progress is not None:
            progress(done, total)
    analysis = combine(story, facts, consume=True, stage=stage)  # type: ignore[arg-type]  # (facts are not read after)
    if ready is not None:
        ready(analysis)
    if store is not None:
        _cache_analysis(store, story, keys, analysis)
        if todo:
            store.prune()
            store.trim()
    return analysis


def _story_key(story: Story, keys: list[str]) -> str:
    import hashlib

    h = hashlib.blake2b(repr((story.title, story.path.name, len(keys))).encode("utf-8", "surrogatepass"), digest_size=20)
    for k in keys:
        h.update(k.encode())
    return "s" + h.hexdigest()


def _cached_analysis(store, story: Story, keys: list[str]) -> Analysis | None:
    """The whole analysis of exactly this story, if cached: a warm open skips even `combine`."""
    hit = store.get(_story_key(story, keys))
    if not isinstance(hit, Analysis):
        return None
    hit.story = story
    return hit


def _cache_analysis(store, story: Story, keys: list[str], analysis: Analysis) -> None:
    import copy

    detached = copy.copy(analysis)
    detached.story = None  # type: ignore[assignment]  # the story is re-read from disk, not cached
    store.put(_story_key(story, keys), detached)


POOL_MIN = 200  # uncached articles below which a process pool costs more than it saves
CHUNK_MAX = 100  # articles per task at most: progress moves at least this often
IN_FLIGHT = 3  # chunks submitted per worker at a time


def _worker_count(workers: int | None, n_todo: int) -> int:
    if workers is None:
        if n_todo <= POOL_MIN:
            return 1
        env = os.environ.get("BRIEFING_WORKERS", "").strip()
        if env.isdigit() and int(env) > 0:
            workers = int(env)
        else:
            try:
                workers = len(os.sched_getaffinity(0))
            except (AttributeError, OSError):
                workers = os.cpu_count() or 1
    return max(1, min(workers, n_todo))


def _extract_chunk(packed: list[tuple[str | None, tuple]], store: tuple[str, str] | None) -> list[bytes]:
    """A pool task: extract a run of articles, cache each result from the worker (so writes run in
    parallel), and return the encoded entries (pickled once, for the cache and the trip back)."""
    from briefing import cache as _cache

    s = _cache.Store(store[0], store[1]) if store is not None else None
    out = []
    for key, item in packed:
        article = _unpack(item)
        blob = _cache.encode(extract(article))
        if s is not None:
            s.put_blob(key or _cache.article_key(article), blob)
        out.append(blob)
    return out


def _pack(article: Article) -> tuple:
    """An article as plain values for the trip to a worker, its paragraphs and sentences packed
    (two arrays): pickling ~50 Paragraph and Sentence objects per article costs more than
    segmenting them, and packed ones need not be unpacked in this process at all."""
    from briefing.model import packed_segments, raw

    paras, sents = packed_segments(article)
    return tuple(paras if n == "paragraphs" else sents if n == "sentences" else raw(article, n) for n in _names())


def _unpack(item: tuple) -> Article:
    return Article(*item)


def _names() -> tuple[str, ...]:
    global _NAMES
    if _NAMES is None:
        from dataclasses import fields

        _NAMES = tuple(f.name for f in fields(Article))
    return _NAMES


_NAMES: tuple[str, ...] | None = None


def _start_fork_server() -> None:
    """Start multiprocessing's helper processes with a real stderr to hand them.

    They pass `sys.stderr.fileno()` to their child, and inside the TUI that is Textual's print
    capture, whose fileno() is -1 ("bad value(s) in fds_to_keep"). Once running, they are reused.
    """
    import sys
    from multiprocessing import forkserver, resource_tracker

    saved = sys.stderr
    try:
        fd = saved.fileno() if saved is not None else -1
    except (AttributeError, OSError, ValueError):
        fd = -1
    try:
        if fd < 0:
            sys.stderr = sys.__stderr__ if sys.__stderr__ is not None else open(os.devnull, "w")  # noqa: SIM115
        resource_tracker.ensure_running()
        had = os.environ.get(WARM_ENV)
        os.environ[WARM_ENV] = "1"  # the server inherits it, and runs _warm_up after its preload
        try:
            forkserver.ensure_running()
        finally:
            if had is None:
                os.environ.pop(WARM_ENV, None)
            else:
                os.environ[WARM_ENV] = had
    finally:
        sys.stderr = saved


WARM_ENV = "BRIEFING_FORKSERVER_WARM"  # set for the fork server only: it warms the analysis up
_PRELOAD = ["briefing.analysis.pipeline"]


def _forkserver_context():
    import multiprocessing as mp

    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
    except ValueError:
        return None
    return ctx


def prestart(path: str | os.PathLike[str]) -> None:
    """Start the fork server now if the story at `path` looks big enough for a pool: it imports
    and warms up the analysis (~1 s) while this process reads the story. Best effort: called
    before a slow load (cache.load_story's `on_miss`), never needed for correctness."""
    from pathlib import Path

    try:
        folder = Path(path)
        folder = folder if folder.is_dir() else folder.parent
        with os.scandir(folder) as entries:
            n = sum(1 for _ in entries)
        if _worker_count(None, n) > 1 and _forkserver_context() is not None:
            _start_fork_server()
    except Exception:  # noqa: BLE001 - the pool starts it later, or the run is serial
        pass


def _extract_pooled(articles, todo, facts, n_workers, store, keys, done, total, progress) -> int:
    """Fill `facts[i]` for `todo` in a process pool; a pool that cannot start or breaks leaves the
    rest to the serial loop. Workers come from a fork server (not a fork of this process, which may
    be the TUI with live threads), preloaded with the analysis so each starts warm."""
    import concurrent.futures as cf
    import multiprocessing as mp

    from briefing import cache as _cache

    size = max(1, min(CHUNK_MAX, -(-len(todo) // (n_workers * 4))))
    chunks = [todo[k : k + size] for k in range(0, len(todo), size)]
    where = (str(store.root), store.version) if store is not None and store.writable else None
    ctx = _forkserver_context()
    try:
        if ctx is not None:
            _start_fork_server()
        pool = cf.ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx)
    except (OSError, ValueError, ImportError, NotImplementedError):
        return done
    try:
        # A few chunks in flight per worker, not all at once: the packed articles of the chunks
        # waiting (all 35 MB of a 10,000-article story) are then not all copied at once.
        waiting = iter(chunks)
        pending: dict = {}

        def submit() -> None:
            chunk = next(waiting, None)
            if chunk is not None:
                pending[pool.submit(_extract_chunk, [(keys[i] if keys else None, _pack(articles[i])) for i in chunk], where)] = chunk

        for _ in range(n_workers * IN_FLIGHT):
            submit()
        while pending:
            finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                chunk = pending.pop(future)  # drop the future with its blobs once decoded
                for i, blob in zip(chunk, future.result()):
                    facts[i] = _cache.decode(blob)  # each concern stays pickled (combine reads it)
                done += len(chunk)
                submit()
            if progress is not None:
                progress(done, total)
    except (OSError, cf.process.BrokenProcessPool):
        pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return done


_WARM_TEXT = (
    "Talks resume in the capital\n"
    'The minister said on Monday that "the talks will go on," according to a statement. '
    "Officials from France and Japan met on 3 July 2025 and agreed to meet again.\n"
)


def _warm_up() -> None:
    """Extract one short made-up article: builds the word lists, patterns and caches the
    extraction makes on first use, so that every worker forked from this process starts warm."""
    try:
        from briefing.loader import ArticleInput, build_article

        extract(build_article("warm-up", "warm-up.txt", ArticleInput(_WARM_TEXT)))
    except Exception:  # noqa: BLE001 - a cold worker is only slower
        pass


if os.environ.get(WARM_ENV) == "1":  # imported as the fork server's preload
    _warm_up()
