"""What a record must be to be cited and downloaded, checked before any output is made of it."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError
from .exports import problem
from .tex_text import NOCASE

#: What a record must have to be cited: a title, and someone responsible for it, except a web page
#: of the edition (the edition names no editors, and none are invented) and a review, which may be
#: unsigned (Chicago cites it by what it reviews: "Unsigned review of *Title*, by Author").
REQUIRED_CREATORS = ("author", "editor")
UNSIGNED = ("webpage", "review", "review-book")


def protected(text: str) -> str:
    """An editorial title as a CSL title: what it has in braces (as references.bib marks proper
    nouns) marked nocase."""
    return re.sub(r"\{([^{}]*)\}", lambda m: NOCASE.format(m.group(1)), text)


def unbalanced(text: str) -> bool:
    """Whether a text's braces do not pair, in order: no BibTeX reader could read it back."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0


def check(record: dict, where: Path, line: int | None) -> dict:
    """Refuse a record that cannot be cited (no title, or nobody responsible for a work), or that a
    download could not say (its type, or a creator in its role)."""
    if not record.get("title"):
        raise SourceError(where, line, f"record {record.get('id')!r} has no title")
    if unbalanced(re.sub(r'<span class="nocase">.*?</span>', "", record["title"])):
        raise SourceError(where, line, f"record {record.get('id')!r}: its title has a brace without its pair "
                                       "(braces mark what keeps its case: {Racing the Enemy})")
    if record.get("type") not in UNSIGNED and not any(record.get(k) for k in REQUIRED_CREATORS):
        raise SourceError(where, line, f"record {record.get('id')!r} has no author or editor")
    if record.get("type") in UNSIGNED[1:] and record.get("editor") and not record.get("author"):
        raise SourceError(where, line, f"record {record.get('id')!r} has an editor and no author: an unsigned "
                                       "review's editor would be cited as its author")
    wrong = problem(record)
    if wrong:
        raise SourceError(where, line, wrong)
    return record
