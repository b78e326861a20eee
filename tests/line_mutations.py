"""Mutations of a file's lines, as editors break them: deleted, duplicated, swapped, cut, joined,
blank lines added or removed, the notes' rule changed, indents changed, very long lines."""
from __future__ import annotations

import functools


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
