"""Links the pages to references.bib: checks cited keys, adds notes to locators, makes the Bibliography page."""
from __future__ import annotations

from dataclasses import replace

from ..citations.citations import Bibliography, plain, text_of
from ..citations.exports import FORMATS, coins
from ..editorial import Decisions
from ..errors import SourceError
from ..model import (BlockQuote, Cite, Document, Editorial, Heading, Link, Paragraph, Place, Quotation, Table, Text,
                     Title)
from ..site_nodes import Coins, Formatted


def at(anchor: str | None) -> Place | None:
    return Place(kind="anchor", at=anchor) if anchor else None


def inline_lists(doc: Document):
    """(place, label, inlines) for every run of inlines in the document, in order (place: where on
    its page the run is, a Place without the page; None where it has no place of its own)."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield at(block.anchor), f"¶{block.anchor[1:]}" if block.anchor else "", block.inlines
        elif isinstance(block, BlockQuote):
            for inner in block.blocks:
                yield at(inner.anchor), f"¶{inner.anchor[1:]}" if inner.anchor else "", inner.inlines
        elif isinstance(block, Quotation):
            label = f"{block.kind or 'quotation'} {block.anchor[1:]}"
            for part in (block.quote, block.people, block.role):
                yield at(block.anchor), label, part
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield None, "", cell
    for note in doc.notes:
        yield Place(kind="note", at=note.number), f"note {note.number}", note.inlines


def keys_in(inlines) -> list[str]:
    found = []
    for node in inlines:
        key = getattr(node, "key", None)
        if key:
            found.append(key)
        if isinstance(node, (Title, Cite)):
            found += keys_in(node.children)
    return found


def check_keys(documents: list[Document], bibliography: Bibliography, decisions: Decisions) -> None:
    """Every key a page cites is in references.bib; the error names the editorial line that cites it."""
    for doc in documents:
        for _, _, inlines in inline_lists(doc):
            for key in keys_in(inlines):
                bibliography.require(key, decisions.file, decisions.line_of(f'"{key}"'))


def add_notes(documents: list[Document], bibliography: Bibliography, works: dict) -> None:
    """Give every citation with a locator its note in the edition's style (shown when the reader hovers it)."""
    cites = [(doc, inlines, i) for doc in documents for _, _, inlines in inline_lists(doc)
             for i, node in enumerate(inlines) if isinstance(node, Cite) and node.locator]
    if not cites:
        return
    requests = [(inlines[i].key, inlines[i].locator) for _, inlines, i in cites]
    notes, _ = bibliography.format([works[key] for key in dict.fromkeys(k for k, _ in requests)], requests)
    notes = [plain(note) for note in notes]
    for (doc, inlines, i), note in zip(cites, notes):
        inlines[i] = replace(inlines[i], note=note)


def citing_places(documents: list[Document], labels: dict[str, str]) -> dict[str, list[tuple[Place, str]]]:
    """Key -> [(link, label)] of every place on the site that cites it, in page order, each once."""
    places: dict[str, list[tuple[str, str]]] = {}
    for doc in documents:
        page = doc.page.removesuffix(".md")
        for anchor, label, inlines in inline_lists(doc):
            for key in keys_in(inlines):
                link = replace(anchor, page=doc.page) if anchor else Place(doc.page)
                text = f"{labels.get(doc.page, page)}{', ' + label if label else ''}"
                if (link, text) not in places.setdefault(key, []):
                    places[key].append((link, text))
    return places


def bibliography_document(bibliography: Bibliography, decisions: Decisions, works: dict,
                          places: dict[str, list[tuple[Place, str]]]) -> Document:
    if "bibliography" not in decisions.sections:
        raise SourceError(decisions.file, max(1, len(decisions.raw.rstrip().split("\n"))),
                          "no [bibliography] section: the Bibliography page needs its page, title and groups")
    settings = decisions.sections["bibliography"]
    doc = Document(source="sources/references.bib", title=settings["title"], page=settings["page"])
    doc.meta = {"title": settings["title"], "description": settings.get("description", "")}
    doc.blocks.append(Heading(1, [Text(settings["title"])]))
    grouped = [key for group in settings["groups"] for key in group["keys"]]
    for key in grouped:
        bibliography.require(key, decisions.file, decisions.line_of(f'"{key}"'))
    for key in bibliography.keys:
        if key not in grouped:
            raise SourceError(decisions.file, decisions.line_of("[bibliography]"),
                              f"entry {key!r} of {bibliography.file.name} is in no bibliography group")
    _, entries = bibliography.format([works[key] for key in grouped])
    for group in settings["groups"]:
        doc.blocks.append(Heading(2, [Text(group["title"])], anchor=slug(group["title"]), editorial=True))
        for key in sorted(group["keys"], key=lambda k: plain(entries[k]).lower()):
            back = places.get(key, [])
            inlines = [Formatted(entries[key]), Coins(coins(works[key]))]
            if back:
                inlines += [Text(" Cited at: "), *links(back)]
            inlines += [Text(" Download: "),
                        *links([(Place(kind="download", at=f"{key}.{suffix}"), label) for suffix, label in FORMATS.items()], "download")]
            doc.blocks.append(Paragraph(inlines, anchor=f"ref-{key}", role="entry"))
            annote = text_of(works[key].get("annote", ""))
            if annote:
                doc.blocks.append(Paragraph([Text(annote)], role="annotation"))
    return doc


def links(back: list[tuple[Place, str]], role: str = "backlink") -> list:
    out = []
    for n, (place, label) in enumerate(back):
        out += ([Text(", ")] if n else []) + [Link((Text(label),), place, role=role)]
    return out


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())

