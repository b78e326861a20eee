"""The document model: what the readers find in a source, and nothing of how any writer shows it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


# Inline elements -----------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """The author's own words."""
    value: str


@dataclass(frozen=True)
class Title:
    """A work's title the editors set in italics (editorial markup); ``key`` links it to the bibliography."""
    children: tuple
    key: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker in the text."""
    number: int


@dataclass(frozen=True)
class PageStart:
    """Where a page of the printed source begins; ``source`` is its first line in the page that shows
    the source line by line (set by the pass that links to it)."""
    number: int
    source: "Place | None" = None


@dataclass(frozen=True)
class Editorial:
    """Words the editors add ([sic], an expansion, a restored label), set apart from the author's."""
    value: str
    explanation: str = ""
    key: str | None = None  # a bibliography key the addition cites, if any


@dataclass(frozen=True)
class Sic:
    """A quirk of the source kept as printed, with the editors' mark ("[sic]") and why."""
    children: tuple
    mark: str = "[sic]"
    explanation: str = ""


@dataclass(frozen=True)
class Foreign:
    """Text in another language than the page's (``lang`` is a BCP 47 tag)."""
    value: str
    lang: str


@dataclass(frozen=True)
class Cite:
    """A link to a bibliography entry around the author's own words (``locator`` e.g. "p. 298")."""
    children: tuple
    key: str
    locator: str = ""
    note: str = ""     # the citation as a Chicago note, filled in from the bibliography


@dataclass(frozen=True)
class Mention:
    """A name in the author's words that an entry of the register of names stands for (``entry`` its
    id, ``kind`` person, place or organisation), with what the entry says, from the register: its
    ``names`` (the heading, and any name the editors add, as Editorial), ``about`` (its kind and what
    the texts say of it, with where), the ``forms`` the texts print it in (a form the editors identify
    marked as Editorial)."""
    children: tuple
    entry: str
    kind: str
    names: tuple = ()
    about: str = ""
    forms: tuple = ()


@dataclass(frozen=True)
class LineNumber:
    """A source line's number, the place that line can be cited and linked to."""
    number: int


@dataclass(frozen=True)
class Verbatim:
    """A source line exactly as received (spaces and all)."""
    value: str


@dataclass(frozen=True)
class Place:
    """Where in the edition a link points: a page (its name in the editorial file; empty: this page)
    and a place on it, by kind and number or key; each writer spells it in its own way.
    Kinds: "note" (n), "page" (of the printed source, n), "line" (of a source, n), "entry" (of
    the bibliography, key), "download" (a record's file, "KEY.suffix"), "anchor" (a block's or
    section's own id, as the reader or pass gave it: "p12", "q3", "dropped")."""
    page: str = ""
    kind: str = ""
    at: str | int = ""


@dataclass(frozen=True)
class Link:
    """A link to a place of the edition, or to an address outside it (a str); ``role`` says what
    the link is: "backlink" (to a citing place), "download", "url" (an address in the text),
    "tei" (a source's TEI document), or "" (a plain cross-reference)."""
    children: tuple
    target: "Place | str"
    role: str = ""
    title: str = ""


Inline = Union[Text, Title, NoteRef, PageStart, Editorial, Sic, Foreign, Cite, Mention, Link, LineNumber, Verbatim]


# Block elements -------------------------------------------------------------------

#: A block's source span: the runs of source lines it came from, ((first, last), ...), in order
#: (a paragraph or note that runs across a page skips the lines between); None: the editors'.
Span = tuple


@dataclass
class Paragraph:
    inlines: list
    anchor: str | None = None
    #: What the paragraph is, if not the text's own: "byline", "subtitle", "kicker" (a label above a
    #: section), "entry" and "annotation" (of the bibliography), "apparatus" (the editors' statement).
    role: str = ""
    lines: Span | None = None


@dataclass
class BlockQuote:
    blocks: list
    lines: Span | None = None


@dataclass
class Heading:
    level: int
    inlines: list
    anchor: str | None = None
    editorial: bool = False        # a heading the editors added
    lines: Span | None = None


@dataclass
class EditorialNote:
    """A statement by the editors about the text, with its heading (the attribution); writers choose how to set it off."""
    title: str
    inlines: list


@dataclass
class Quotation:
    """A quotation with its attribution: who said it, and in what role or publication."""
    quote: list
    people: list
    role: list
    anchor: str | None = None
    controls: list = field(default_factory=list)   # after the attribution (the cite control)
    lines: Span | None = None
    kind: str = ""         # what the quotation is, if known: "praise" (of a book, from its listing)


@dataclass
class Table:
    header: list           # list of str
    rows: list             # list of rows, each a list of inline lists
    lines: Span | None = None


@dataclass
class Note:
    """A footnote's text."""
    number: int
    inlines: list
    lines: Span | None = None


@dataclass
class BulletList:
    items: list            # each a list of inlines


Block = Union[Paragraph, BlockQuote, Heading, EditorialNote, Quotation, Table, BulletList]


@dataclass
class Document:
    source: str                       # the source's path relative to the project
    title: str
    page: str = ""                    # where it goes under docs/ (empty: the reader's default page)
    base: str = ""                    # the page it is part of, if another's (a fragment included there)
    blocks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    appendix: list = field(default_factory=list)   # blocks after the notes (the page's citations)
    meta: dict = field(default_factory=dict)   # front matter for the theme (description, citation data)
    data: dict = field(default_factory=dict)   # facts a reader found, for metadata (e.g. the book's details)
    printed: bool = True              # False: a page of the site alone, left out of the printed edition
