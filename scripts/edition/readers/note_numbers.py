"""Decides, from the whole text, which numbers are note markers and which note lines start notes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import config
from ..errors import SourceError

#: Digits glued to what precedes them: a marker may follow a word, a year, a bracket, a quotation
#: mark or a question mark; whether it is one is decided by the sequence of notes, not by this pattern.
GLUED_NUMBER = re.compile(r"(?<=[^\s\d])(\d{1,3})(?=\s|$)")
NOTE_START = re.compile(r"(\d{1,3}) (?=\S)")
PUNCTUATION = ".,;:!?" + config.CLOSERS


@dataclass(frozen=True)
class Candidate:
    """A number that may be a note marker (in the text) or a note's number (at a note line's start)."""
    value: int
    order: int          # its place among the candidates, in reading order
    line: int           # source line, for messages
    page: int
    likely: bool        # a marker after a word's punctuation ("war.1"); a note line after a finished note
    where: object = None   # what the reader needs to place it (chunk and offsets, or note line index)


def marker_candidates(text: str, start_order: int, line_at: Callable, page_at: Callable, where) -> list[Candidate]:
    """Glued numbers of one block of text; "likely" when the punctuation before them follows a letter."""
    found = []
    for match in GLUED_NUMBER.finditer(text):
        before = text[:match.start()].rstrip(PUNCTUATION)
        likely = len(before) < match.start() and bool(before) and before[-1].isalpha()
        found.append(Candidate(int(match.group(1)), start_order + len(found), line_at(match.start()),
                               page_at(match.start()), likely, (where, match.start(), match.end())))
    return found


def ends_sentence(text: str) -> bool:
    text = text.rstrip().rstrip(config.CLOSERS)
    return bool(text) and text[-1] in config.SENTENCE_END


def longest_run(candidates: list[Candidate]) -> int:
    """The largest N such that candidates numbered 1, 2, ..., N stand in this order."""
    reached = 0
    for c in candidates:
        if c.value == reached + 1:
            reached += 1
    return reached


def choose(candidates: list[Candidate], count: int, rank: Callable, path: Path, tied: Callable) -> list:
    """One candidate for each number 1..count (a run that exists), in order; among several that fit,
    the best ranked; two that fit equally well are refused with ``tied(number, first, second)``."""
    earliest: dict[int, int] = {}    # number -> order of the earliest candidate a run 1..number can end at
    for c in candidates:
        if (c.value == 1 or earliest.get(c.value - 1, 1 << 30) < c.order) and c.value not in earliest:
            earliest[c.value] = c.order
    latest: dict[int, int] = {}      # number -> order of the latest candidate a run number..count can start at
    for c in reversed(candidates):
        if (c.value == count or latest.get(c.value + 1, -1) > c.order) and c.value not in latest:
            latest[c.value] = c.order
    chosen, after = [], -1
    for number in range(1, count + 1):
        fits = [c for c in candidates if c.value == number and c.order > after
                and (number == 1 or earliest.get(number - 1, 1 << 30) < c.order)
                and (number == count or latest.get(number + 1, -1) > c.order)]
        fits.sort(key=rank, reverse=True)
        if len(fits) > 1 and rank(fits[0]) == rank(fits[1]):
            first, second = sorted(fits[:2], key=lambda c: c.order)
            raise SourceError(path, second.line, tied(number, first, second))
        chosen.append(fits[0])
        after = fits[0].order
    return chosen


def note_starts(path: Path, candidates: list[Candidate]) -> list[Candidate]:
    """The lines that start notes 1, 2, 3 ...: a next number at a line's start, preferring a line
    after a finished sentence; a line that looks like a note's start but is not one is refused."""
    count = longest_run(candidates)
    starts = choose(candidates, count, lambda c: c.likely, path,
                    lambda n, a, b: f"note {n} is given twice (lines {a.line} and {b.line})")
    used = {c.order for c in starts}
    for c in candidates:
        if c.order in used or not c.likely:
            continue
        before = sum(1 for s in starts if s.order < c.order)
        if c.value <= before:
            raise SourceError(path, c.line, f"note {c.value} is given twice (lines {starts[c.value - 1].line} and {c.line})")
        if c.value > count and before == count:
            last = f"notes {count} and {c.value} are on lines {starts[-1].line} and {c.line}" if starts \
                else f"the first note is numbered {c.value}"
            raise SourceError(path, c.line, f"note {count + 1} is missing: {last}")
        raise SourceError(path, c.line, f"note {c.value} is out of order (expected {before + 1})")
    return starts


def markers(path: Path, candidates: list[Candidate], notes: list[Candidate]) -> list[Candidate]:
    """The marker of each note: the glued number the sequence expects, preferring one on its note's
    page and after a word; a likely marker left over is refused, as a number without a note."""
    pages = {n.value: n.page for n in notes}
    found = longest_run(candidates)
    if found < len(notes):
        raise SourceError(path, notes[found].line, f"note {found + 1} has no marker in the text")
    chosen = choose(candidates, len(notes), lambda c: (c.page == pages[c.value], c.likely), path,
                    lambda n, a, b: f"ambiguous: note marker {n} could be the number on line {a.line} or on line {b.line}")
    used = {c.order for c in chosen}
    for c in candidates:
        if c.order in used or not c.likely:
            continue
        if c.value > len(notes):
            raise SourceError(path, c.line, f"note marker {c.value} has no note")
        if c.value >= 1:
            place = next(m for m in chosen if m.value == c.value)
            problem = "appears twice" if place.order < c.order else "is out of order"
            raise SourceError(path, c.line, f"note marker {c.value} {problem} (lines {place.line} and {c.line})")
    return chosen
