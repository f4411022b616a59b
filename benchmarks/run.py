"""The performance benchmark: `python benchmarks/run.py [--quick] [--json]`.

Prints one table of every figure the project aims at (issue 7), each the median of several runs,
and each ratio measured against its reference in the same run. It never touches the user's cache:
every run uses a cache folder of its own under --work. `--quick` skips the 10,000-article runs.

Figures, and how each is taken:
- start-up: wall time of `briefing --help` and of `briefing export` on the default story (warm
  cache), as fresh processes; `python -X importtime` shows whether either imports Textual.
- analysis throughput: `analyse` on one core (cache off, no pool), each run in a fresh process
  with the word lists built first, on stories of 10 ... 10,000 articles made by make_corpus.py;
  MB are UTF-8 bytes of article text. The scaling exponent is the slope of log(time) against
  log(articles) over those sizes.
- first paint: a fresh process until Textual posts Ready (after its first refresh), for the app on
  the default story and for a bare Textual app, interleaved; reported as their ratio.
- 10,000 articles: the app opened headless on the big story with an empty cache (cold) and again
  (warm), until the analysis is shown; peak RSS of the whole process tree, sampled from /proc.
- keypress-to-repaint: in the warm run, each pane's key, then list keys, each press awaited until
  the screen has refreshed (Textual's Pilot).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

SIZES = [10, 100, 1_000, 10_000]
BIG = 10_000


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(xs):
    return statistics.median(xs) if xs else None


# ---------------------------------------------------------------------------------------------
# Processes


def briefing_cmd() -> list[str]:
    script = Path(sys.executable).with_name("briefing")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]


def timed_run(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def measured_run(cmd: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (bytes; 0 without /proc) of one run, output discarded."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rss = TreeRSS(proc.pid) if Path("/proc").is_dir() else None
    if proc.wait() != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    return time.perf_counter() - t, (rss.stop() if rss else 0)


def imports_textual(args: list[str], env: dict) -> bool:
    """Whether `briefing ARGS` imports any textual module (python -X importtime)."""
    cmd = [sys.executable, "-X", "importtime", "-m", "briefing", *args]
    err = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    return any(line.split("|")[-1].strip().split(".")[0] == "textual" for line in err.splitlines() if "|" in line)


class TreeRSS:
    """Peak summed RSS of a process and all its descendants, sampled from /proc every 20 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, []))
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/statm", "rb") as fh:
                        total += int(fh.read().split()[1]) * self._page
                except (OSError, ValueError, IndexError):
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def probe(args: list[str], env: dict, timeout: float = 900) -> dict:
    """Run tui_probe.py; its JSON marks plus peak tree RSS (bytes)."""
    env = {**env, "BENCH_T0": repr(time.time())}
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "tui_probe.py"), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    rss = TreeRSS(proc.pid) if Path("/proc").is_dir() else None
    out, err = proc.communicate(timeout=timeout)
    peak = rss.stop() if rss else None
    if proc.returncode != 0:
        raise RuntimeError(f"tui_probe {' '.join(args)} failed:\n{err.decode(errors='replace')[-3000:]}")
    marks = json.loads(out.decode().strip().splitlines()[-1])
    marks["tree_rss_peak"] = peak
    return marks


# ---------------------------------------------------------------------------------------------
# The figures


def corpus(n: int, work: Path) -> Path:
    folder = work / f"corpus-{n}"
    stamp = folder / ".made"
    if not stamp.exists():
        log(f"making a {n}-article corpus")
        make_corpus.make(n, folder)
        stamp.write_text("seed 7\n")
    return folder


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


def startup(env: dict, runs: int) -> dict:
    log("start-up: briefing --help, briefing export")
    cmd = briefing_cmd()
    help_t, export_t = [], []
    subprocess.run([*cmd, "export"], env=env, stdout=subprocess.DEVNULL, check=True)  # warm the cache
    for _ in range(runs):
        help_t.append(timed_run([*cmd, "--help"], env))
        export_t.append(timed_run([*cmd, "export", "--format", "json"], env))
    return {
        "help_s": median(help_t),
        "export_s": median(export_t),
        "help_imports_textual": imports_textual(["--help"], env),
        "export_imports_textual": imports_textual(["export", "--format", "json"], env),
        "command": " ".join(Path(c).name for c in cmd),
    }


def first_paint(env: dict, runs: int) -> dict:
    log("first paint: bare Textual app vs briefing on the default story")
    bare, app = [], []
    probe(["bare"], env)  # warm the OS file cache for both
    probe(["briefing"], env)
    for _ in range(runs):
        bare.append(probe(["bare"], env)["first_paint"])
        app.append(probe(["briefing"], env)["first_paint"])
    b, a = median(bare), median(app)
    return {"bare_s": b, "briefing_s": a, "ratio": a / b}


def throughput(sizes: list[int], work: Path, runs: int, big_runs: int) -> dict:
    """Each run in a fresh process: the analysis keeps per-process memos (of repeated sentences,
    names, ...), and a second run in the same process would find them filled by the first, which
    no real `briefing` run does. The word lists and patterns are built before the clock starts."""
    out = {}
    for n in sizes:
        folder = corpus(n, work)
        k = runs if n < 1_000 else min(runs, 3) if n < BIG else big_runs
        log(f"throughput at {n} articles, {k} runs (each in a fresh process)")
        marks = [analyse_once(folder) for _ in range(k)]
        mb = marks[0]["mb"]
        s, load_s = median([m["analyse_s"] for m in marks]), median([m["load_s"] for m in marks])
        out[n] = {"mb": mb, "analyse_s": s, "mb_per_s": mb / s, "articles_per_s": n / s, "load_s": load_s,
                  "load_mb_per_s": mb / load_s, "distinct_lines": distinct_lines(folder)}  # fmt: skip
    return out


def distinct_lines(folder: Path) -> float:
    """The share of a corpus's non-blank lines that are not repeats of an earlier one. The analysis
    remembers what it read per line and per sentence (wire copy repeats them), so a corpus that
    repeats more reads faster: the figure says how far to trust a throughput for fresh text."""
    seen, total = set(), 0
    for f in folder.glob("*.txt"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.add(line.strip())
                total += 1
    return len(seen) / total if total else 1.0


def analyse_once(folder: Path) -> dict:
    code = (
        "import json, sys, time\n"
        "from briefing.analysis import pipeline\n"
        "from briefing.loader import load_story\n"
        "from pathlib import Path\n"
        "from briefing.loader import ArticleInput, build_article\n"
        "from briefing.model import Story\n"
        "warm = build_article('warm-up', 'warm-up.txt', ArticleInput(pipeline._WARM_TEXT))\n"
        "pipeline.analyse(Story(Path('warm-up'), [warm]), workers=1, cache=False)  # first-use costs\n"
        "t = time.perf_counter(); story = load_story(sys.argv[1]); load_s = time.perf_counter() - t\n"
        "mb = sum(len(a.text.encode('utf-8')) for a in story.articles) / 1e6\n"
        "t = time.perf_counter(); pipeline.analyse(story, workers=1, cache=False)\n"
        "print(json.dumps({'mb': mb, 'load_s': load_s, 'analyse_s': time.perf_counter() - t}))\n"
    )
    env = {**os.environ, "BRIEFING_NO_CACHE": "1"}
    res = subprocess.run([sys.executable, "-c", code, str(folder)], env=env, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def exponent(points: dict) -> float | None:
    import math

    xs = [math.log(n) for n in points]
    ys = [math.log(p["analyse_s"]) for p in points.values()]
    if len(xs) < 2:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def big_open(work: Path, env: dict, runs: int, n: int = BIG) -> dict:
    folder = corpus(n, work)
    cold, warm, warm_sc, rss = [], [], [], []
    exports: list[tuple[float, int]] = []
    last = None
    for r in range(runs):
        cache = work / f"cache-big-{r}"
        shutil.rmtree(cache, ignore_errors=True)
        e = {**env, "BRIEFING_CACHE_DIR": str(cache)}
        log(f"{n:,} articles: cold open {r + 1}/{runs}")
        m = probe(["briefing", str(folder)], e)
        cold.append(m["analysis_shown"])
        rss.append(m["tree_rss_peak"])
        log(f"{n:,} articles: warm open {r + 1}/{runs} (with keypresses)")
        last = probe(["briefing", str(folder), "--keys"], e)
        warm.append(last["analysis_shown"])
        # with the story itself cached too (cache.load_story): twice, the first run fills it
        probe(["briefing", str(folder), "--story-cache"], e)
        warm_sc.append(probe(["briefing", str(folder), "--story-cache"], e)["analysis_shown"])
        log(f"{n:,} articles: briefing export (cached) {r + 1}/{runs}")
        exports.append(measured_run([*briefing_cmd(), "export", str(folder)], e))
        shutil.rmtree(cache, ignore_errors=True)
    size = corpus_bytes(folder)
    keys = {}
    for pane, k in (last or {}).get("keys", {}).items():
        keys[pane] = {"first_show_ms": k["first_show"] * 1e3, "show_again_ms": k["show_again"] * 1e3,
                      "nav_median_ms": median(k["nav"]) * 1e3, "nav_max_ms": max(k["nav"]) * 1e3}  # fmt: skip
    return {
        "articles": n,
        "corpus_mb": size / 1e6,
        "cold_open_s": median(cold),
        "warm_open_s": median(warm),
        "warm_open_story_cache_s": median(warm_sc),
        "first_paint_s": last["first_paint"] if last else None,
        "peak_rss_mb": median(rss) / 1e6 if rss and rss[0] else None,
        "peak_rss_x_corpus": (median(rss) / size) if rss and rss[0] else None,
        "export_s": median([t for t, _ in exports]) if exports else None,
        "export_rss_mb": median([m for _, m in exports]) / 1e6 if exports and exports[0][1] else None,
        "keys": keys,
    }


# ---------------------------------------------------------------------------------------------
# The table


def yn(flag: bool) -> str:
    return "yes" if flag else "no"


def ok(flag: bool | None) -> str:
    return "" if flag is None else ("yes" if flag else "NO")


def startup_rows(s: dict) -> list[tuple[str, str, str, str]]:
    return [
        ("`briefing --help`", f"{s['help_s'] * 1e3:.0f} ms", "≤ 150 ms", ok(s["help_s"] <= 0.15)),
        ("`briefing export` (default story, warm cache)", f"{s['export_s'] * 1e3:.0f} ms", "", ""),
        ("`--help` / `export` import Textual", f"{yn(s['help_imports_textual'])} / {yn(s['export_imports_textual'])}",
         "no / no", ok(not s["help_imports_textual"] and not s["export_imports_textual"])),
    ]  # fmt: skip


def table(r: dict) -> str:
    rows = [("figure", "measured", "aim", "met")]
    s = r.get("startup")
    if s:
        rows += startup_rows(s)
    fp = r.get("first_paint")
    if fp:
        rows.append(("first paint, default story / bare Textual",
                     f"{fp['briefing_s'] * 1e3:.0f} / {fp['bare_s'] * 1e3:.0f} ms = {fp['ratio']:.2f}×", "≤ 1.2×",
                     ok(fp["ratio"] <= 1.2)))  # fmt: skip
    for n, t in r.get("throughput", {}).items():
        fresh = f", {t['distinct_lines']:.0%} of lines distinct" if "distinct_lines" in t else ""
        rows.append((f"analysis, {int(n):,} articles ({t['mb']:.1f} MB{fresh}), 1 core",
                     f"{t['mb_per_s']:.2f} MB/s, {t['articles_per_s']:,.0f} art/s", "≥ 5 MB/s",
                     ok(t["mb_per_s"] >= 5)))  # fmt: skip
    for n, t in r.get("throughput", {}).items():
        rows.append((f"load (read + segment), {int(n):,} articles", f"{t['load_mb_per_s']:.2f} MB/s", "", ""))
    e = r.get("exponent")
    if e is not None:
        rows.append(("scaling exponent (time ∝ articles^k)", f"{e:.2f}", "≤ 1.1", ok(e <= 1.1)))
    b = r.get("big")
    if b:
        big = f"{b['articles']:,} articles"
        rows.append((f"{big} ({b['corpus_mb']:.0f} MB): first paint", f"{b['first_paint_s']:.2f} s", "", ""))
        rows.append((f"{big}: cold open (analysis shown)", f"{b['cold_open_s']:.1f} s", "≤ 15 s", ok(b["cold_open_s"] <= 15)))
        rows.append((f"{big}: warm open (cached)", f"{b['warm_open_s']:.2f} s", "≤ 2 s", ok(b["warm_open_s"] <= 2)))
        if b.get("warm_open_story_cache_s"):
            rows.append(("… warm, story loaded via cache.load_story", f"{b['warm_open_story_cache_s']:.2f} s", "≤ 2 s",
                         ok(b["warm_open_story_cache_s"] <= 2)))  # fmt: skip
        if b["peak_rss_mb"]:
            rows.append((f"{big}: peak RSS (process tree, cold)",
                         f"{b['peak_rss_mb']:.0f} MB = {b['peak_rss_x_corpus']:.1f}× corpus", "≤ 10×",
                         ok(b["peak_rss_x_corpus"] <= 10)))  # fmt: skip
        if b.get("export_s"):
            rss_x = f", peak RSS {b['export_rss_mb']:.0f} MB" if b.get("export_rss_mb") else ""
            rows.append((f"{big}: `briefing export` (JSON, cached)", f"{b['export_s']:.1f} s{rss_x}", "", ""))
        for pane, k in b["keys"].items():
            worst = max(k["show_again_ms"], k["nav_max_ms"])
            rows.append((f"keypress→repaint, {pane}: first show / again / keys median, max",
                         f"{k['first_show_ms']:.0f} / {k['show_again_ms']:.0f} / {k['nav_median_ms']:.0f}, {k['nav_max_ms']:.0f} ms",
                         "≤ 50 ms", ok(max(worst, k["first_show_ms"]) <= 50)))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="briefing's performance benchmark (issue 7)")
    p.add_argument("--quick", action="store_true", help="skip the 10,000-article runs")
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    p.add_argument("--runs", type=int, default=5, help="runs per figure (median); default 5")
    p.add_argument("--big-runs", type=int, default=3, help="runs of each 10,000-article figure; default 3")
    p.add_argument("--work", type=Path, help="folder for corpora and caches (kept; default: a temp folder)")
    p.add_argument("--big", type=int, default=BIG, help="articles in the big story (default 10,000; smaller to try)")
    p.add_argument("--only", help="comma-separated sections: startup,paint,throughput,big")
    p.add_argument("--sizes", help="comma-separated story sizes for throughput (default 10,100,1000,10000)")
    args = p.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(work / "cache")}
    env.pop("BRIEFING_NO_CACHE", None)
    os.environ.update({"BRIEFING_CACHE_DIR": env["BRIEFING_CACHE_DIR"]})
    sections = set((args.only or "startup,paint,throughput,big").split(","))
    if args.quick:
        sections.discard("big")

    r: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "runs": args.runs}
    if hasattr(os, "getloadavg"):
        r["load_before"] = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    try:
        import textual

        r["machine"]["textual"] = textual.__version__
    except Exception:
        pass
    def section(name: str, fn) -> None:
        try:
            r[name] = fn()
        except Exception as exc:  # one broken section must not cost the other figures
            log(f"{name} failed: {type(exc).__name__}: {exc}")
            r.setdefault("errors", {})[name] = f"{type(exc).__name__}: {exc}"[:2000]

    if "startup" in sections:
        section("startup", lambda: startup(env, args.runs))
    if "paint" in sections:
        section("first_paint", lambda: first_paint(env, args.runs))
    if "throughput" in sections:
        sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else [n for n in SIZES if n < BIG or "big" in sections]
        section("throughput", lambda: throughput(sizes, work, args.runs, args.big_runs))
        if "throughput" in r:
            r["exponent"] = exponent(r["throughput"])
    if "big" in sections:
        section("big", lambda: big_open(work, env, args.big_runs, args.big))
    if hasattr(os, "getloadavg"):
        r["load_after"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        m = r["machine"]
        print(f"briefing benchmark: {m['cores']} cores, Python {m['python']}, Textual {m.get('textual')}; "
              f"median of {args.runs} runs ({args.big_runs} at 10,000 articles); "
              f"load average {r.get('load_before')} before, {r.get('load_after')} after\n")  # fmt: skip
        print(table(r))
        for name, err in r.get("errors", {}).items():
            print(f"\n{name}: not measured: {err.splitlines()[0]}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
