"""Ways real files break, as Hypothesis strategies over the real sources and the tests' corpus.

A case is a base file and one to three mutations; each mutation is a name and three numbers that
pick where (and how much) it strikes, so that Hypothesis shrinks a failure to the first lines and
the smallest changes. The mutations are what happens to files in editors' hands: lines deleted,
duplicated, swapped, cut or joined; digits changed, glued to words or moved; blank lines added or
removed; the rule above the notes widened, shortened or lost; Windows line ends, tabs, no-break
spaces, byte order marks, zero-width and look-alike characters; a download cut short (even inside
a character); very long lines; markup characters; and TOML, BibTeX and JSON syntax broken.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from char_mutations import SYNTAX, break_syntax, bom, change_digit, confusable, crlf, glue_digits, markup, \
    move_number, nbsp, smart_quotes, tab, zero_width
from fuzz_paths import DATA_FILES, RELEASE_BASE, SECTIONS
from line_mutations import (add_blank_lines, change_rule, cut_line, delete_lines, duplicate_line, indent_line,
                            join_lines, long_line, remove_blank_line, swap_lines)
from register_mutations import REGISTER_OPS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


TEXT_OPS = {f.__name__: f for f in (delete_lines, duplicate_line, swap_lines, cut_line, join_lines, add_blank_lines,
                                    remove_blank_line, change_rule, indent_line, long_line, change_digit, glue_digits,
                                    move_number, crlf, tab, nbsp, bom, zero_width, confusable, markup, smart_quotes)}
#: Mutations of bytes: a download cut short, anywhere (inside a character too); a stray byte.
BYTE_OPS = {
    "truncate": lambda data, a, b, c: data[:max(1, len(data) - 1 - a % len(data))] if len(data) > 1 else data,
    "stray_byte": lambda data, a, b, c: data[:a % (len(data) + 1)] + bytes([0x80 + b % 0x80]) + data[a % (len(data) + 1):],
}


@dataclass(frozen=True)
class Kind:
    """What a case of this kind mutates, how it is converted, and which mutations fit it."""
    name: str
    bases: tuple          # paths under ROOT
    ops: tuple            # mutation names


def bases(pattern: str, *real: str) -> tuple:
    found = (str(p.relative_to(ROOT)) for p in CORPUS.glob(pattern) if not p.name.endswith(".expect.toml"))
    return tuple(sorted({*real, *found}))


def kinds() -> dict[str, Kind]:
    text = tuple(TEXT_OPS) + tuple(BYTE_OPS)
    return {k.name: k for k in (
        Kind("review", bases("review-*.txt", SECTIONS["review"]), text),
        Kind("listing", bases("listing-*.txt", SECTIONS["listing"]), text),
        Kind("editorial", bases("editorial-*.toml", DATA_FILES["editorial"]), text + ("toml",)),
        Kind("references", bases("references-*.bib", DATA_FILES["references"]), text + ("bib",)),
        Kind("anchors", bases("anchors-*.json", DATA_FILES["anchors"]), text + ("json",)),
        Kind("names", bases("names-*.toml", DATA_FILES["names"]), text + ("toml",) + tuple(REGISTER_OPS)),
        Kind("checksums", bases("checksums-*.txt", DATA_FILES["checksums"]), text),
        Kind("settings", bases("settings-*.yml", DATA_FILES["settings"]), text + ("yaml",)),
        # a release record, as ./scripts/release writes one (made anew by the fuzzer from the sources)
        Kind("releases", bases("releases-*.json", RELEASE_BASE), text + ("json",)),
    )}


SYNTAX_OPS = {kind: break_syntax(kind) for kind in SYNTAX}


def mutate(data: bytes, ops) -> bytes:
    """The base file's bytes with each mutation applied in turn."""
    for name, a, b, c in ops:
        if name in BYTE_OPS:
            data = BYTE_OPS[name](data, a, b, c)
            continue
        text = data.decode("utf-8", errors="surrogateescape")
        op = TEXT_OPS.get(name) or SYNTAX_OPS.get(name) or REGISTER_OPS[name]
        data = op(text, a, b, c).encode("utf-8", errors="surrogateescape")
    return data


@dataclass(frozen=True)
class Case:
    kind: str
    base: str
    ops: tuple
    place: str = ""     # where in the project the file goes, when not where its kind's go (fuzzing.target)

    def data(self) -> bytes:
        return mutate((ROOT / self.base).read_bytes(), self.ops)

    def __str__(self) -> str:
        return f"{self.kind} {self.base} " + " ".join(f"{n}({a},{b},{c})" for n, a, b, c in self.ops)


NUMBER = st.integers(min_value=0, max_value=1 << 20)
#: The most mutations a case has.
MOST_OPS = 3


def cases(kind: Kind) -> st.SearchStrategy[Case]:
    op = st.tuples(st.sampled_from(kind.ops), NUMBER, NUMBER, NUMBER)
    return st.builds(Case, st.just(kind.name), st.sampled_from(kind.bases), st.lists(op, min_size=1, max_size=MOST_OPS).map(tuple))
