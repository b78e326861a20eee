"""Notes that do not fit the foot of the page calling them: continued on the next page's foot, as printed books do.

A note of up to LONG_WORDS words is kept whole with its call (``footnote-policy: line``: when it
does not fit, the line that calls it moves to the next page with it). A longer one would leave a
gap that size, and WeasyPrint 70 cannot break a note across pages (its issue #1833: it moves the
note whole to the next page, away from its call). So after a layout each long note set on a later
page than its call is split: as many of its words as fit stay at the foot of the call's page, the
rest opens the next page's notes (found by laying the text out again, a bisection over the words).
A long note of which not even MIN_WORDS fit is kept with its call instead. Notes called on a page
after one that is continued follow its continuation on the next page's foot, as TeX sets them."""
from __future__ import annotations

import re

from ..model import Text

#: The fewest words of a note worth leaving at the foot of a page, rather than moving its call.
MIN_WORDS = 8
#: A note of more words than this (about a fifth of an A4 page's foot) may be split across pages.
LONG_WORDS = 120
#: How many notes a text may need to split before the writer gives up (each costs a bisection).
MAX_SPLITS = 20


def words_in(nodes) -> int:
    """How many words a note's inlines hold (an inline other than text counts by its own words)."""
    count = 0
    for node in nodes:
        if isinstance(node, Text):
            count += len(node.value.split())
        else:
            count += max(1, len(" ".join(_texts(node)).split()))
    return count


def _texts(node):
    for child in getattr(node, "children", ()) or ():
        yield from ([child.value] if isinstance(child, Text) else _texts(child))
    if hasattr(node, "value") and not isinstance(node, Text):
        yield node.value


def split_words(nodes, k: int) -> tuple[list, list]:
    """The inlines with their first ``k`` words, and the rest (a text node is split after a word,
    before the space that follows it; any other inline stays whole, on the side where it begins)."""
    head, seen = [], 0
    for i, node in enumerate(nodes):
        if not isinstance(node, Text):
            if seen >= k:
                return head, list(nodes[i:])
            head.append(node)
            seen += words_in([node])
            continue
        ends = [m.end() for m in re.finditer(r"\S+", node.value)]
        if seen + len(ends) <= k:
            head.append(node)
            seen += len(ends)
            continue
        cut = ends[k - seen - 1] if k > seen else 0
        first, rest = node.value[:cut], node.value[cut:]
        return head + ([Text(first)] if first else []), [Text(rest.lstrip())] + list(nodes[i + 1:])
    return head, []


def pages_of(document) -> dict[str, int]:
    """The page (from 0) of every id in a WeasyPrint layout."""
    return {name: n for n, page in enumerate(document.pages) for name in page.anchors}


def moved(document, notes: list[str]) -> list[str]:
    """The notes (by id, in order) set on a later page than their calls, except those called after a
    note that is continued on the next page: they follow its continuation there, as TeX sets them
    (a note's words stay in order, so none can stand between a note and its continuation)."""
    pages = pages_of(document)
    late, continued = [], set()
    for note in notes:
        if note not in pages:
            continue
        call = pages.get(f"{note}-call", pages[note])
        if pages[note] > call and not (call in continued and pages[note] == call + 1):
            late.append(note)
        if f"{note}-cont" in pages:
            continued.add(call)
    return late


def fits(document, note: str) -> bool:
    """The note's first part on its call's page, its continuation on the next."""
    pages = pages_of(document)
    call = pages.get(f"{note}-call")
    return pages.get(note) == call and pages.get(f"{note}-cont", call + 1) == call + 1


def lay_out(make, render, notes: dict[str, int]):
    """The layout of ``make(plan)`` (plan: note id -> words kept at the call, or "line"), every note
    at the foot of its call's page; ``notes`` gives each note's words."""
    plan: dict = {}
    document = render(make(plan))
    for _ in range(MAX_SPLITS):
        late = [note for note in moved(document, list(notes)) if notes[note] > LONG_WORDS and note not in plan]
        if not late:
            return document
        note = late[0]
        low, high, best = MIN_WORDS, notes[note] - 1, None
        while low <= high:          # the most words that still fit at the foot of the call's page
            middle = (low + high) // 2
            trial = render(make({**plan, note: middle}))
            if fits(trial, note):
                best, document, low = middle, trial, middle + 1
            else:
                high = middle - 1
        plan[note] = best if best else "line"
        if not best:
            document = render(make(plan))
    return document
