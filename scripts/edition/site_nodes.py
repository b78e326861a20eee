"""Nodes the site's passes add to the documents for its pages alone (controls, margin copies, formatted
citations, included files): kept out of the content model; the TEI writer leaves them out."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Formatted:
    """Text the citation processor has already formatted, as HTML (a bibliography entry)."""
    html: str


@dataclass(frozen=True)
class CitePlace:
    """The control that shows how to cite a place of the page (its popover ``target``)."""
    target: str
    label: str          # what it does, for screen readers ("Cite paragraph 12")
    text: str           # what it shows ("12", "cite")


@dataclass(frozen=True)
class MarginNote:
    """A copy of note ``number`` beside its marker, for readers of wide screens (the note itself
    stays in the notes: this copy is not read aloud, indexed or printed)."""
    number: int
    inlines: tuple


@dataclass(frozen=True)
class Coins:
    """A work's citation record as a COinS ContextObject, for reference managers."""
    context: str


@dataclass
class Include:
    """Another file's text, put here when the site is built (the page's citations)."""
    path: str
