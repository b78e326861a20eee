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

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from fuzz_paths import DATA_FILES, RELEASE_BASE, SECTIONS
from register_mutations import REGISTER_OPS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
CORPUS = ROOT / "tests" / "corpus"

#: Characters that look like others, as editors and OCR put them in: Cyrillic letters, curly
#: quotes, other dashes and minus, a Greek question mark, thin and no-break spaces, digit look-alikes.
CONFUSABLES = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "'": "’", '"': "“", "-": "−",
               ";": ";", " ": "\u2009", "1": "l", "0": "O", ".": "․", "=": "＝", "[": "［", "l": "1"}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
#: What Markdown, HTML or the edition's own markup would read as markup, if it were not escaped.
MARKUP = ["*", "_", "**x**", "<b>", "</p>", "&amp;", "&#x41;", "[^1]", "[^99]: x", "{: .x }", "`", "# ", "> ",
          "1. ", "- ", "\\", "|", "<!--", "-->", "[x](y)", "--8<-- \"x.md\"", "///Footnotes Go Here///", "!!! note"]
#: Syntax of the data files, one character or token of which an editor may lose or mistype.
SYNTAX = {"toml": ['"', "'", "]", "[", "=", ",", "{", "}", '"""', "\\"],
          "bib": ["{", "}", ",", "@", "=", '"', "#", "%"],
          "json": ['"', ",", ":", "{", "}", "[", "]"],
          "yaml": [":", "- ", "'", '"', "  ", "[", "]", "{", "}", "#", "!", "|", "&", "*"]}


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def _pick(items, n: int):
    return items[n % len(items)] if items else None


def _line_op(fn):
    @functools.wraps(fn)
    def apply(text: str, a: int, b: int, c: int) -> str:
        lines = lines_of(text)
        return "\n".join(fn(lines, a % len(lines), b, c))
    return apply


@_line_op
def delete_lines(lines, i, b, c):
    return lines[:i] + lines[i + 1 + b % 3:]


@_line_op
def duplicate_line(lines, i, b, c):
    return lines[:i + 1] + [lines[i]] * (1 + b % 2) + lines[i + 1:]


@_line_op
def swap_lines(lines, i, b, c):
    j = (i + 1 + b % 5) % len(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


@_line_op
def cut_line(lines, i, b, c):
    line = lines[i]
    at = b % (len(line) + 1)
    return lines[:i] + [line[:at], line[at:]] + lines[i + 1:]


@_line_op
def join_lines(lines, i, b, c):
    if i + 1 >= len(lines):
        return lines
    return lines[:i] + [lines[i] + (" " if b % 2 else "") + lines[i + 1]] + lines[i + 2:]


@_line_op
def add_blank_lines(lines, i, b, c):
    return lines[:i] + [" " * (c % 3) if c % 4 == 0 else ""] * (1 + b % 3) + lines[i:]


@_line_op
def remove_blank_line(lines, i, b, c):
    blank = [n for n, line in enumerate(lines) if not line.strip()]
    n = _pick(blank, b)
    return lines if n is None else lines[:n] + lines[n + 1:]


@_line_op
def change_rule(lines, i, b, c):
    """The whitespace-only rule above a page's notes widened, shortened, or lost."""
    rules = [n for n, line in enumerate(lines) if line and not line.strip() and len(line) >= 10]
    n = _pick(rules, b)
    if n is None:
        return lines
    if c % 4 == 0:
        return lines[:n] + lines[n + 1:]
    lines[n] = lines[n][:1] * (c % 60)
    return lines


@_line_op
def indent_line(lines, i, b, c):
    """A line's indent (a page start in the review) added, doubled, made a tab or lost."""
    line = lines[i]
    lines[i] = [" " + line, "  " + line, "\t" + line, line.lstrip()][b % 4]
    return lines


#: The longest line a mutation makes: a whole text on one line (an editor that wraps no line).
LONGEST_LINE = 100_000


@_line_op
def long_line(lines, i, b, c):
    lines[i] = " ".join([lines[i] or "x"] * (50 + b % 400))[:LONGEST_LINE]
    return lines


def _at_match(pattern: str, text: str, n: int):
    matches = list(re.finditer(pattern, text))
    return _pick(matches, n)


def change_digit(text, a, b, c):
    m = _at_match(r"\d", text, a)
    return text if m is None else text[:m.start()] + str((int(m.group()) + 1 + b % 9) % 10) + text[m.end():]


def glue_digits(text, a, b, c):
    """A number glued to the end of a word, as a marker is (or as a stray one looks)."""
    m = _at_match(r"\w(?=[\s.,;:!?”’\")\]])", text, a)
    return text if m is None else text[:m.end()] + str(1 + b % (12 if c % 3 else 120)) + text[m.end():]


def move_number(text, a, b, c):
    m = _at_match(r"\d+", text, a)
    if m is None:
        return text
    rest = text[:m.start()] + text[m.end():]
    at = _at_match(r"\s", rest, b)
    where = at.start() if at else 0
    glued = c % 2
    return rest[:where] + ("" if glued else " ") + m.group() + rest[where:]


def crlf(text, a, b, c):
    """Windows line ends: on every line, on some, or old Mac ones (a lone CR)."""
    if a % 3 == 0:
        return text.replace("\n", "\r\n")
    lines = lines_of(text)
    start = b % len(lines)
    end = "\r" if a % 3 == 2 else "\r\n"
    return "\n".join(lines[:start]) + ("\n" if start else "") + end.join(lines[start:start + 1 + c % 20]) + (
        "\n" + "\n".join(lines[start + 1 + c % 20:]) if lines[start + 1 + c % 20:] else "")


def tab(text, a, b, c):
    m = _at_match(r" +", text, a)
    return text if m is None else text[:m.start()] + "\t" * (1 + b % 2) + text[m.end():]


def nbsp(text, a, b, c):
    m = _at_match(r" ", text, a)
    return text if m is None else text[:m.start()] + ["\u00a0", "\u202f", "\u2007"][b % 3] + text[m.end():]


def bom(text, a, b, c):
    if a % 2 == 0:
        return "\ufeff" + text
    at = b % (len(text) + 1)
    return text[:at] + "\ufeff" + text[at:]


def zero_width(text, a, b, c):
    at = a % (len(text) + 1)
    return text[:at] + _pick(ZERO_WIDTH, b) + text[at:]


def confusable(text, a, b, c):
    keys = [k for k in CONFUSABLES if k in text]
    key = _pick(keys, b)
    if key is None:
        return text
    m = _at_match(re.escape(key), text, a)
    return text[:m.start()] + CONFUSABLES[key] + text[m.end():]


def markup(text, a, b, c):
    token = _pick(MARKUP, b)
    if c % 2:      # at a line's start
        m = _at_match(r"(?m)^", text, a)
    else:
        m = _at_match(r"\s", text, a)
    at = m.start() if m else 0
    return text[:at] + token + text[at:]


def break_syntax(kind: str):
    """A character of the file's syntax lost, doubled or put where it does not belong."""
    tokens = SYNTAX[kind]

    def apply(text, a, b, c):
        token = _pick(tokens, b)
        m = _at_match(re.escape(token), text, a)
        if c % 3 == 0 or m is None:                       # put in
            at = a % (len(text) + 1)
            return text[:at] + token + text[at:]
        if c % 3 == 1:                                    # lost
            return text[:m.start()] + text[m.end():]
        return text[:m.start()] + token + text[m.start():]  # doubled
    return apply


def smart_quotes(text, a, b, c):
    """A word processor's curly quotes where straight ones were: in a key, a value or a delimiter."""
    m = _at_match(r"[\"']", text, a)
    if m is None:
        return text
    curly = {'"': "“”", "'": "‘’"}[m.group()][b % 2]
    return text[:m.start()] + curly + text[m.end():]


#: Mutations of text, by name.
TEXT_OPS = {f.__name__: f for f in (delete_lines, duplicate_line, swap_lines, cut_line, join_lines, add_blank_lines,
                                    remove_blank_line, change_rule, indent_line, long_line, change_digit, glue_digits,
                                    move_number, crlf, tab, nbsp, bom, zero_width, confusable, markup, smart_quotes)}
#: Mutations of bytes: a download cut short, anywhere (inside a character too); a stray byte.
BYTE_OPS = {
    "truncate": lambda data, a, b, c: data[:max(1, len(data) - 1 - a % len(data))] if len(data) > 1 else data,
    "stray_byte": lambda data, a, b, c: data[:a % len(data)] + bytes([0x80 + b % 0x80]) + data[a % len(data):],
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
