"""Write a reproducible benchmark story of N articles: `python benchmarks/make_corpus.py N DIR`.

Each article is one of the default story's articles with its body paragraphs shuffled a little,
some dropped and some borrowed from the other articles, and then its people, countries, months
and numbers swapped from data (names.yaml beside this file, pycountry's country names). Wire copy
about one story looks like this: the same facts and quotes recombined, names spelled differently,
numbers that disagree. So the corpus keeps the default story's density of quotes, countries and
claims, and gives the cross-source steps realistic work (recurring speakers, near-duplicate quotes).

The same N and --seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"

# The people of the default story: full name -> the forms used after first mention.
PEOPLE = {
    "Amir Khan Muttaqi": ["Muttaqi"],
    "Vladimir Putin": ["Putin"],
    "Sergey Lavrov": ["Lavrov"],
    "Dmitry Zhirinov": ["Zhirinov"],
    "Dmitry Zhirnov": ["Zhirnov"],
    "Zamir Kabulov": ["Kabulov"],
    "Gul Hassan Hassan": [],
    "Leila Murtazayeva": ["Murtazayeva"],
    "Rachel Snyder": ["Snyder"],
    "Abdul Ghani Baradar": ["Baradar"],
}
SUBJECT = ("Russia", "Afghanistan")  # kept in most articles: the story stays one story
OTHERS = ("China", "Pakistan", "Uzbekistan", "Iran", "Kazakhstan", "Turkmenistan", "Norway", "Azerbaijan",
          "Turkey", "Qatar")  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


def seed_articles() -> list[list[str]]:
    """The default story's articles as lists of lines (blank lines dropped)."""
    out = []
    for path in sorted(SEEDS.iterdir()):
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
            out.append([line for line in text.split("\n") if line.strip()])
    return out


def country_names() -> list[str]:
    """Short, prose-like country names (no "Korea, Republic of")."""
    import pycountry

    names = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        if "," in name or "(" in name or len(name.split()) > 3:
            continue
        names.append(name)
    return sorted(names)


class Maker:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = random.Random(seed)
        data = yaml.safe_load((HERE / "names.yaml").read_text(encoding="utf-8"))
        self.given, self.family, self.outlets = data["given"], data["family"], data["outlets"]
        self.countries = country_names()
        self.seeds = seed_articles()
        # A story-wide cast, growing slowly with N: speakers recur across sources, as in real copy.
        size = 12 + n // 25
        cast = set()
        while len(cast) < size:
            cast.add((self.rng.choice(self.given), self.rng.choice(self.family)))
        self.cast = sorted(cast)

    def article(self, i: int) -> tuple[str, dict]:
        rng = self.rng
        base = self.seeds[rng.randrange(len(self.seeds))]
        head, body = base[:1], list(base[1:])
        # vary the structure: drop some paragraphs, borrow some, swap neighbours
        body = [line for line in body if rng.random() > 0.15 or len(line) < 60]
        for _ in range(rng.randint(0, 3)):
            other = self.seeds[rng.randrange(len(self.seeds))]
            long_lines = [line for line in other if len(line) > 80]
            if long_lines:
                body.insert(rng.randint(0, len(body)), rng.choice(long_lines))
        for _ in range(rng.randint(0, 3)):
            if len(body) > 2:
                k = rng.randrange(len(body) - 1)
                body[k], body[k + 1] = body[k + 1], body[k]
        text = "\n".join(head + body) + "\n"
        text = self.swap(text)
        meta = {
            "outlet": rng.choice(self.outlets),
            "published": f"2025-07-{rng.randint(3, 9):02d}",
            "lean": rng.choice(["left", "center-left", "center", "center-right", "right"]),
        }
        return text, meta

    def swap(self, text: str) -> str:
        rng = self.rng
        mapping: dict[str, str] = {}
        for full, short in PEOPLE.items():
            if rng.random() < 0.5:
                given, family = rng.choice(self.cast)
                mapping[full] = f"{given} {family}"
                for form in short:
                    mapping[form] = family
        for name in OTHERS:
            if rng.random() < 0.4:
                mapping[name] = rng.choice(self.countries)
        if rng.random() < 0.1:
            mapping[SUBJECT[0]] = rng.choice(self.countries)
        if rng.random() < 0.3:
            months = list(MONTHS)
            shift = rng.randint(1, 11)
            for k, m in enumerate(MONTHS):
                mapping[m] = months[(k + shift) % 12]
        pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")\b")
        text = pattern.sub(lambda m: mapping[m.group(1)], text) if mapping else text
        text = re.sub(r"\d+", self._number, text)
        return self._vary_quotes(text)

    def _number(self, m: re.Match[str]) -> str:
        rng, s = self.rng, m.group(0)
        value = int(s)
        if len(s) == 4 and 1900 <= value <= 2100:
            return str(value + rng.choice((0, 0, 0, 0, -1, 1))) if rng.random() < 0.3 else s
        if rng.random() < 0.5:
            return s
        if len(s) <= 2:
            return str(max(1, min(31 if value <= 31 else 99, value + rng.randint(-2, 2))))
        return str(max(1, int(value * rng.uniform(0.7, 1.3))))

    def _vary_quotes(self, text: str) -> str:
        """Drop a word from some quotations: the near-duplicate quotes that copy is full of."""

        def vary(m: re.Match[str]) -> str:
            inner = m.group(2).split(" ")
            if len(inner) > 5 and self.rng.random() < 0.2:
                del inner[self.rng.randrange(1, len(inner) - 1)]
            return m.group(1) + " ".join(inner) + m.group(3)

        return re.sub(r"([\u201c\"])([^\u201d\"\n]{10,400})([\u201d\"])", vary, text)


def make(n: int, folder: Path, seed: int = 7) -> Path:
    """Write the corpus into `folder` (created; existing article files there are replaced)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    maker = Maker(n, seed)
    sources = {}
    width = max(5, len(str(n - 1)))
    for i in range(n):
        text, meta = maker.article(i)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        name = f"{i:0{width}d}_{digest}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        sources[name] = meta
    story = {"title": f"Benchmark story: {n} articles on Russia's recognition of the Taliban government",
             "sources": sources}  # fmt: skip
    with open(folder / "story.yaml", "w", encoding="utf-8") as fh:
        yaml.safe_dump(story, fh, sort_keys=False, allow_unicode=True, width=200)
    return folder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("dir", type=Path, help="folder to write the story into")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = p.parse_args(argv)
    if args.n < 1:
        p.error("N must be at least 1")
    make(args.n, args.dir, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
