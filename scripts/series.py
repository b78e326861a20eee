"""A synthetic series for the benchmark: a scratch copy of the edition with N more reviews, added by
the README's steps (source and checksum, editorial section, cite section, record, .bib entry,
bibliography group; the series page lists them, so nav is left alone). Each review is the tests'
own review of many cases (tests/corpus/) with its common words partly replaced by words of a
lexicon that grows with the series, as a real corpus's vocabulary does (about Heaps' law: new words
get rarer as texts are added); names, numbers, addresses and the layout (pages, notes, markers) are
kept, so every text converts as the first did.

    python scripts/series.py N DIR      # makes DIR, a project to build with `python -m edition build`
"""
from __future__ import annotations

import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "review-variety.txt"
PARTS = ["mkdocs.yml", "docs", "sources", "overrides", "scripts", ".cache"]
#: A lower-case word of this many letters or more may be replaced by one of the lexicon's.
REPLACEABLE = re.compile(r"(?<![\w/.@-])([a-z]{6,})(?![\w/@-]|\.\w)")
SYLLABLES = ["ka", "ro", "mi", "ten", "sha", "vol", "dre", "qui", "mon", "zel", "bar", "tu", "nik", "os", "lem", "var"]


class Lexicon:
    """Words shared by the series: each replacement is a new word with a chance that falls as the
    lexicon grows, else one already used (the earlier, the likelier), so that the vocabulary grows
    sub-linearly with the texts."""

    def __init__(self, seed: int = 1945):
        self.random = random.Random(seed)
        self.words: list[str] = []

    def new(self) -> str:
        while True:
            word = "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(3, 5)))
            if word not in self.words:
                self.words.append(word)
                return word

    def word(self) -> str:
        if not self.words or self.random.random() < 12 / (12 + len(self.words) ** 0.5):
            return self.new()
        return self.words[int(len(self.words) * self.random.random() ** 2)]


def varied(text: str, lexicon: Lexicon, share: float = 0.3) -> str:
    """The text with about ``share`` of its replaceable words replaced by words of the lexicon."""
    return REPLACEABLE.sub(lambda m: lexicon.word() if lexicon.random.random() < share else m.group(1), text)


def name(i: int) -> str:
    return f"synth{i:04d}"


def editorial(i: int) -> str:
    key, page = name(i), f"review-{name(i)}"
    return (f'\n[{page}]\nreader = "review"\nsource = "{page}.txt"\npage = "{page}.md"\n'
            f'title = "[Review of] Racing the Enemy (synthetic review {i})"\nreviewer = "Reviewer {i}"\n'
            f'attribution = "A synthetic review, made by ./scripts/bench --texts."\n'
            f"[[{page}.links]]\npattern = 'pp?\\. \\d+(?:[-–]\\d+)?'\nkey = \"hasegawa2005racing\"\nscope = \"body\"\n"
            f'[cite."{page}.md"]\nlabel = "Review {i}"\nwork = "{key}review"\n'
            f'[records.{key}review]\ntype = "review-book"\nreviewed = "hasegawa2005racing"\nuntitled = true\n')


def bib_entry(i: int) -> str:
    return (f"\n@review{{{name(i)}review,\n  author       = {{Reviewer, {i}}},\n"
            f"  title        = {{[Review of] {{Tsuyoshi Hasegawa}}, {{Racing the Enemy}} (synthetic review {i})}},\n"
            f"  journaltitle = {{H-Diplo Roundtable on {{Racing the Enemy}}}},\n  editor       = {{Maddux, Thomas}},\n"
            f"  publisher    = {{H-Net}},\n  langid       = {{english}},\n}}\n")


def make(n: int, out: Path) -> Path:
    """A copy of the project in ``out`` with ``n`` synthetic reviews added; returns ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        if (ROOT / part).exists():
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(
                ROOT / part, out / part, **({"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / part).is_dir() else {}))
    sources, lexicon, text = out / "sources", Lexicon(), CORPUS.read_text(encoding="utf-8")
    sums, toml, bib = [], [], []
    for i in range(1, n + 1):
        body = varied(text, lexicon)
        (sources / f"review-{name(i)}.txt").write_text(body, encoding="utf-8")
        sums.append(f"{hashlib.sha256(body.encode()).hexdigest()}  review-{name(i)}.txt\n")
        toml.append(editorial(i))
        bib.append(bib_entry(i))
    with open(sources / "SHA256SUMS", "a", encoding="utf-8") as stream:
        stream.writelines(sums)
    keys = ", ".join(f'"{name(i)}review"' for i in range(1, n + 1))
    with open(sources / "editorial.toml", "a", encoding="utf-8") as stream:
        stream.writelines(toml)
        stream.write(f'\n[[bibliography.groups]]\ntitle = "The series"\nkeys = [{keys}]\n')
    with open(sources / "references.bib", "a", encoding="utf-8") as stream:
        stream.writelines(bib)
    return out


if __name__ == "__main__":
    print(make(int(sys.argv[1]), Path(sys.argv[2])))
