"""Where the analysis spends its time: `python benchmarks/hotspots.py [N] [--top K]`.

Profiles (cProfile) the per-article pass and the cross-source pass separately on an N-article
corpus (default 1,000; made by make_corpus.py, cache off, one core), and prints own time grouped
by module, then the functions with the most own time. cProfile roughly doubles the run time of
Python-heavy code, so read the shares, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402


def _module(filename: str) -> str:
    if "/briefing/" in filename:
        return "briefing/" + filename.split("/briefing/", 1)[1]
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/")[0]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "stdlib: " + Path(filename).name


def report(prof: cProfile.Profile, title: str, wall: float, top: int) -> None:
    st = pstats.Stats(prof)
    by_mod: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in st.stats.items():
        mod = _module(filename)
        if mod == "builtins (C)":
            mod = f"C: {name}"
        by_mod[mod] += tt
        rows.append((tt, ct, nc, f"{_module(filename)}:{line}({name})"))
    total = sum(by_mod.values()) or 1
    print(f"\n== {title}: {wall:.2f} s wall (profiled)\n")
    print(f"{'own s':>8} {'share':>6}  module / C function")
    for mod, t in sorted(by_mod.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{t:8.2f} {t / total:6.1%}  {mod}")
    print(f"\n{'own s':>8} {'cum s':>8} {'calls':>9}  function")
    for tt, ct, nc, where in sorted(rows, reverse=True)[:top]:
        print(f"{tt:8.2f} {ct:8.2f} {nc:9d}  {where}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", nargs="?", type=int, default=1000)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--corpus", type=Path, help="an existing story folder instead of making one")
    args = p.parse_args()
    os.environ["BRIEFING_NO_CACHE"] = "1"

    from briefing.analysis import pipeline
    from briefing.loader import load_story

    folder = args.corpus or make_corpus.make(args.n, Path(tempfile.mkdtemp(prefix="briefing-prof-")) / "story")
    t = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    story = load_story(folder)
    prof.disable()
    report(prof, f"load_story ({len(story.articles)} articles)", time.perf_counter() - t, args.top)

    pipeline.extract(story.articles[0])  # lexicons and tables load once per process: not per article
    t = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    facts = [pipeline.extract(a) for a in story.articles]
    prof.disable()
    report(prof, "extract (per article)", time.perf_counter() - t, args.top)

    t = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    pipeline.combine(story, facts)
    prof.disable()
    report(prof, "combine (across sources)", time.perf_counter() - t, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
