"""Finds every registered form of a name in the authors' words of every text, and links it to its entry."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from ..editorial import phrase_pattern
from ..errors import SourceError
from .previews import previews
from ..model import (BlockQuote, Cite, Document, Foreign, Heading, Link, Mention, Paragraph, Place, Quotation, Sic,
                     Table, Text, Title)


#: Paragraphs that are not the authors' running words: the editors' (byline, apparatus, the
#: bibliography's entries) and the title's subtitle (a work's title: the Bibliography's).
EDITORS_ROLES = {"byline", "apparatus", "entry", "annotation", "subtitle"}


class Passage(NamedTuple):
    """A run of the authors' inlines and where it is: its place, the text's label ("Review") and the
    place's locator on it ("¶ 11", "n. 3", "praise 4", or the section's heading: "Read more")."""
    place: Place
    text: str
    locator: str
    inlines: list
    lines: tuple | None = None      # the block's source span

    @property
    def label(self) -> str:
        """ "Review ¶ 11", "Book praise 4", "Book, Read more"."""
        return f"{self.text}{' ' if self.numbered else ', '}{self.locator}" if self.locator else self.text

    @property
    def numbered(self) -> bool:
        return bool(re.match(r"(¶|n\.|praise|quotation) \d", self.locator))


def passages(doc: Document, labels: dict[str, str]):
    """Every run of the authors' inlines as a Passage, in order: paragraphs (one without an anchor is
    placed by its section's heading), quotations and their attributions, a table's cells, notes."""
    page = labels.get(doc.page, doc.page.removesuffix(".md"))
    section = (Place(doc.page), "")
    for block in doc.blocks:
        if isinstance(block, Heading) and block.anchor:
            name = "".join(n.value for n in block.inlines if isinstance(n, Text)).strip().rstrip(":")
            section = (Place(doc.page, "anchor", block.anchor), name)
        for inner in (block.blocks if isinstance(block, BlockQuote) else [block]):
            if isinstance(inner, Paragraph) and inner.role not in EDITORS_ROLES:
                place, locator = numbered(doc, inner.anchor) or section
                yield Passage(place, page, locator, inner.inlines, inner.lines)
            elif isinstance(inner, Quotation):
                place, locator = numbered(doc, inner.anchor, inner.kind or "quotation") or section
                for part in (inner.quote, inner.people, inner.role):
                    yield Passage(place, page, locator, part, inner.lines)
            elif isinstance(inner, Table):
                for row in inner.rows:
                    for cell in row:
                        yield Passage(section[0], page, section[1], cell, inner.lines)
    for note in doc.notes:
        yield Passage(Place(doc.page, "note", note.number), page, f"n. {note.number}", note.inlines, note.lines)


def numbered(doc: Document, anchor: str | None, kind: str = "¶"):
    """The place and locator of a numbered anchor ("p11": ¶ 11; "q4": praise 4), else None."""
    match = re.fullmatch(r"[pq](\d+)", anchor or "")
    return (Place(doc.page, "anchor", anchor), f"{kind} {match.group(1)}") if match else None


def words(inlines) -> str:
    """The authors' words of a run of inlines (not the editors' additions), whitespace folded."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Foreign)):
            out.append(node.value)
        elif isinstance(node, (Title, Cite, Sic, Link, Mention)):
            out.append(words(node.children))
    return " ".join("".join(out).split())


class Finder:
    """Finds the register's forms as whole words, the longest first, and makes each a Mention."""

    def __init__(self, register, previews: dict):
        self.forms = register.forms()
        ordered = sorted(self.forms, key=len, reverse=True)
        self.pattern = re.compile("|".join(f"(?<!\\w){phrase_pattern(f)}(?!\\w)" for f in ordered)) if ordered else None
        self.previews = previews        # form -> what its mentions preview of their entry
        self.found: dict[str, int] = {}

    def mention(self, text: str, child) -> Mention:
        form = " ".join(text.split())
        entry, declared = self.forms[form]
        self.found[form] = self.found.get(form, 0) + 1
        if declared.lang and isinstance(child, Text):
            child = Foreign(child.value, declared.lang)
        return Mention((child,), entry.id, entry.kind, **self.previews[form])

    def inlines(self, nodes) -> list:
        if not self.pattern:
            return list(nodes)
        out = []
        for node in nodes:
            if isinstance(node, Text):
                position = 0
                for match in self.pattern.finditer(node.value):
                    if match.start() > position:
                        out.append(Text(node.value[position:match.start()]))
                    out.append(self.mention(match.group(), Text(match.group())))
                    position = match.end()
                if position < len(node.value):
                    out.append(Text(node.value[position:]))
            elif isinstance(node, Foreign) and " ".join(node.value.split()) in self.forms:
                out.append(self.mention(node.value, node))
            elif isinstance(node, Sic):        # the source's words as printed: a name in them is a mention
                out.append(replace(node, children=tuple(self.inlines(node.children))))
            else:       # editorial additions, titles (works: the Bibliography), citations, links: not mentions
                out.append(node)
        return out


def find_mentions(documents: list[Document], register, labels: dict[str, str], whole: bool) -> None:
    """Link every form the register names in the texts; for the whole edition, refuse a form found
    nowhere and a description the place it cites does not hold."""
    if not register.entries:
        return
    said: dict[str, list[str]] = {}
    for doc in documents:
        for passage in passages(doc, labels):
            said.setdefault(passage.label, []).append(words(passage.inlines))
    places = {label.casefold(): label for label in said}
    finder = Finder(register, previews(register, lambda at: places.get(" ".join(at.split()).casefold(), at)))
    for doc in documents:
        for passage in passages(doc, labels):
            passage.inlines[:] = finder.inlines(passage.inlines)
    if not whole:
        return
    for entry in register.entries:
        for form in entry.forms:
            if form.form not in finder.found:
                raise SourceError(register.file, register.form_line(entry, form.form),
                                  f"[{entry.id}]: the form {form.form!r} is in none of the texts (as a whole word, "
                                  f"in the authors' words): stale, or misspelt?")
        if entry.at:
            where = places.get(" ".join(entry.at.split()).casefold())
            if where is None:
                raise SourceError(register.file, register.line_of("at =", entry.line),
                                  f"[{entry.id}]: at = {entry.at!r} is no place of the texts "
                                  f"(places read like {', '.join(list(said)[:3])})")
            if not any(" ".join(entry.description.split()) in text for text in said[where]):
                raise SourceError(register.file, register.line_of("description =", entry.line),
                                  f"[{entry.id}]: the description is not the words of {where}: "
                                  f"{entry.description!r}")


def mentions_in(inlines):
    """The mentions of a run of inlines, in order (also those inside a [sic])."""
    for node in inlines:
        if isinstance(node, Mention):
            yield node
        elif isinstance(node, Sic):
            yield from mentions_in(node.children)

