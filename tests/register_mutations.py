"""Ways the register of names (sources/names.toml) breaks in editors' hands, as text mutations.

Each takes the file's text and three numbers (where, and which), as tests/mutations.py's do: a form
moved to another entry, an ``at`` pointing at another paragraph or text, a form that is also a
common word of the texts, an entry duplicated (under its own id or another), two entries swapped.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = re.compile(r'^(forms\s*=\s*\[)(.*)(\]\s*)$', re.M)
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\{[^}]*\}')
AT = re.compile(r'^(at\s*=\s*")([^"¶]*?)\s*(¶|n\.)\s*(\d+)(")', re.M)
HEADER = re.compile(r"^\[[^\]\n]+\]\s*$", re.M)


def _pick(items, n: int):
    return items[n % len(items)] if items else None


def _entries(text: str) -> list[tuple[int, int]]:
    """(start, end) of each entry: its [id] line to the next header (comments before it go with the one above)."""
    starts = [m.start() for m in HEADER.finditer(text)]
    return list(zip(starts, starts[1:] + [len(text)]))


def move_form(text, a, b, c):
    """A form taken from one entry's forms and given to another's."""
    lines = list(FORMS.finditer(text))
    if len(lines) < 2:
        return text
    source = _pick(lines, a)
    form = _pick(QUOTED.findall(source.group(2)), b)
    if form is None:
        return text
    target = _pick([m for m in lines if m is not source], c)
    rest = ", ".join(f for f in QUOTED.findall(source.group(2)) if f != form)
    edits = sorted([(source, rest), (target, target.group(2).rstrip() + (", " if target.group(2).strip() else "") + form)],
                   key=lambda e: e[0].start(), reverse=True)
    for match, inner in edits:
        text = text[:match.start(2)] + inner + text[match.end(2):]
    return text


def repoint_at(text, a, b, c):
    """An entry's ``at`` pointing at another paragraph or note (a number changed), or at another text."""
    match = _pick(list(AT.finditer(text)), a)
    if match is None:
        return text
    if c % 3 == 0:
        labels = sorted({m.group(2) for m in AT.finditer(text)} - {match.group(2)}) or [match.group(2)]
        return text[:match.start(2)] + _pick(labels, b) + text[match.end(2):]
    number = int(match.group(4)) + (1 + b % 5) * (1 if c % 3 == 1 else -1)
    return text[:match.start(4)] + str(max(number, 0)) + text[match.end(4):]


@cache
def common_words() -> tuple[str, ...]:
    """The texts' own commonest words (of three letters or more), the edition's sources read as they are."""
    words = Counter()
    for source in sorted((ROOT / "sources").glob("*.txt")):
        words.update(w for w in re.findall(r"[A-Za-z]{3,}", source.read_text(encoding="utf-8", errors="replace")))
    return tuple(word for word, _ in words.most_common(40))


def common_form(text, a, b, c):
    """A form that is also a common word of the texts ("the", "war"), capitalised or not."""
    match = _pick(list(FORMS.finditer(text)), a)
    word = _pick(common_words(), b)
    if match is None or word is None:
        return text
    word = word.capitalize() if c % 2 else word
    inner = match.group(2).rstrip() + (", " if match.group(2).strip() else "") + f'"{word}"'
    return text[:match.start(2)] + inner + text[match.end(2):]


def duplicate_entry(text, a, b, c):
    """An entry pasted twice: under its own id (a table TOML cannot have twice), or under another."""
    entry = _pick(_entries(text), a)
    if entry is None:
        return text
    block = text[entry[0]:entry[1]]
    if c % 2:
        block = re.sub(r"^\[([^\]]+)\]", lambda m: f"[{m.group(1)}-{1 + b % 9}]", block, count=1)
    block = block if block.endswith("\n") else block + "\n"
    return text[:entry[1]] + ("\n" if not text[:entry[1]].endswith("\n") else "") + block + text[entry[1]:]


def swap_entries(text, a, b, c):
    """Two entries in each other's places: the register's order is the editors' and should not matter."""
    entries = _entries(text)
    if len(entries) < 2:
        return text
    i = a % len(entries)
    j = (i + 1 + b % (len(entries) - 1)) % len(entries)
    (s1, e1), (s2, e2) = sorted([entries[i], entries[j]])
    one, two = text[s1:e1], text[s2:e2]
    one, two = (one if one.endswith("\n") else one + "\n"), (two if two.endswith("\n") else two + "\n")
    return text[:s1] + two + text[e1:s2] + one + text[e2:]


#: The register's own mutations, by name.
REGISTER_OPS = {f.__name__: f for f in (move_form, repoint_at, common_form, duplicate_entry, swap_entries)}
