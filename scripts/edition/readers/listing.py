"""Reads a scraped book-listing page (title, blurb, praise, author, details) into two model documents."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import config
from ..editorial import PageEditorial, mark_phrases
from ..errors import SourceError
from ..model import Document, Editorial, Heading, Paragraph, Quotation, Table, Text
from ..source_text import ranges, read_lines

OPENING_QUOTES = "\"“"
CLOSING_QUOTES = "\"”"


@dataclass
class Item:
    """One non-blank line of the scraped page: in a scrape, every line is a block."""
    line: int
    text: str
    why: str = ""          # why the reader dropped it, if it did


@dataclass
class Listing:
    title: Item
    description: list
    praise: list
    author: list           # the name line, then the biography
    further_reading: list
    details: list          # (field settings, value Item or None)
    details_label: Item | None
    dropped: list          # furniture Items
    details_lines: list    # the lines of the details block after its label


def span(item: Item) -> tuple:
    """A block's source lines: in a scrape, each block is one line."""
    return ((item.line, item.line),)


def split_praise(path: Path, item: Item) -> tuple[str, str, str]:
    """A praise paragraph as (quotation, people, role); the attribution follows the last closing quote."""
    text = item.text
    end = max(text.rfind(q) for q in CLOSING_QUOTES)
    attribution = text[end + 1:].strip() if end > 0 else ""
    people, _, role = attribution.partition(", ")
    if not people or not role:
        raise SourceError(path, item.line, "cannot split this quotation into quotation, person and role "
                                           "(expected '\"...\"Name, Role or publication')")
    return text[1:end], people, role


def read_details(path: Path, items: list[Item], fields: list[dict], start_line: int) -> list:
    """Match the details block against the fields the editors declared, in order."""
    rows, position = [], 0
    for field in fields:
        label, pattern = field["label"], re.compile(field["pattern"])
        here = items[position] if position < len(items) else None
        if field["printed"]:
            if here is None or here.text != label:
                found = f"{here.text!r}" if here else "the end of the block"
                raise SourceError(path, here.line if here else start_line,
                                  f"unknown label {found} in the details block (expected {label!r})")
            position += 1
            here = items[position] if position < len(items) else None
            if here is not None and pattern.search(here.text):
                rows.append((field, here))
                position += 1
            else:
                rows.append((field, None))
        else:
            if here is None or not pattern.search(here.text):
                found = f"{here.text!r}" if here else "the end of the block"
                raise SourceError(path, here.line if here else start_line,
                                  f"unknown label or value {found} in the details block (expected the {label.lower()})")
            rows.append((field, here))
            position += 1
    if position < len(items):
        raise SourceError(path, items[position].line, f"unknown label {items[position].text!r} in the details block")
    return rows


def parse(path: Path, editorial: PageEditorial) -> Listing:
    lines = read_lines(path)
    furniture = set(editorial.settings.get("furniture", []))
    sections = {label: name for name, label in editorial.settings.get("sections", {}).items()}
    items = [Item(l.number, l.text.strip()) for l in lines if l.text.strip()]
    dropped = [replace(i, why="site furniture") for i in items if i.text in furniture]
    items = [i for i in items if i.text not in furniture]
    if not items:
        raise SourceError(path, lines[-1].number, "nothing but site furniture: no title")
    title = items[0]
    if (title.text[0] in OPENING_QUOTES or title.text in sections or len(title.text) > config.TITLE_MAX_LENGTH
            or title.text[-1] in config.SENTENCE_END):
        raise SourceError(path, title.line, f"the listing has no title (the first line is {title.text[:40]!r}...)")
    dropped += [replace(i, why="the title line repeated") for i in items[1:] if i.text == title.text]
    parts: dict[str, list] = {"description": [], "praise": [], "author": [], "further_reading": [], "details": []}
    state = "description"
    for item in items[1:]:
        if item.text == title.text:
            continue
        if item.text in sections:
            state = sections[item.text]
            parts[state].append(item)   # the label itself, kept
            continue
        if state in ("description", "praise") and item.text[0] in OPENING_QUOTES:
            state = "praise"
        elif state == "praise":
            raise SourceError(path, item.line, "a paragraph among the praise does not open with a quotation mark")
        parts[state].append(item)
    if not parts["description"]:
        raise SourceError(path, title.line, "no description after the title")
    details_label = parts["details"][:1]
    details = read_details(path, parts["details"][1:], editorial.settings.get("details", []),
                           details_label[0].line if details_label else lines[-1].number) if details_label else []
    return Listing(title, parts["description"], parts["praise"], parts["author"], parts["further_reading"],
                   details, details_label[0] if details_label else None, sorted(dropped, key=lambda i: i.line),
                   [i.line for i in parts["details"][1:]])


def book_page(path: Path, listing: Listing, editorial: PageEditorial) -> Document:
    title, _, subtitle = listing.title.text.partition(": ")
    doc = Document(source=editorial.source_label, title=title, page=editorial.page)
    doc.meta = {"title": listing.title.text, "description": editorial.description or editorial.own_description()}
    doc.data["details"] = {field["label"]: value.text for field, value in listing.details if value}
    doc.data["dropped"] = listing.dropped
    doc.blocks.append(Heading(1, [Text(title)], lines=span(listing.title)))   # the subtitle is on its line
    if subtitle:
        doc.blocks.append(Paragraph([Text(subtitle)], role="subtitle"))
    byline = editorial.settings["byline"] or (listing.author[1].text if len(listing.author) > 1 else "")
    doc.blocks.append(Paragraph([Editorial("by " + byline,
                                           "The author's name as the listing's author section gives it")]))
    doc.blocks.append(Heading(2, [Text("Publication details")], anchor="publication-details", editorial=True))
    if listing.details_label:
        doc.blocks.append(Paragraph([Text(listing.details_label.text)], role="kicker", lines=span(listing.details_label)))
    doc.blocks.append(details_table(listing.details, listing.details_lines))
    doc.blocks.append(Heading(2, [Text("Description")], anchor="description", editorial=True))
    doc.blocks += [Paragraph(mark_phrases(i.text, editorial), anchor=f"p{n}", lines=span(i))
                   for n, i in enumerate(listing.description, start=1)]
    doc.blocks.append(Heading(2, [Text("Praise")], anchor="praise", editorial=True))
    for number, item in enumerate(listing.praise, start=1):
        quote, people, role = split_praise(path, item)
        doc.blocks.append(Quotation(mark_phrases(quote, editorial), mark_phrases(people, editorial),
                                    mark_phrases(role, editorial), anchor=f"q{number}", lines=span(item), kind="praise"))
    if listing.further_reading:
        label, *entries = listing.further_reading
        doc.blocks.append(Heading(2, [Text(label.text)], anchor="further-reading", lines=span(label)))
        doc.blocks += [Paragraph([*mark_phrases(e.text, editorial), Text(" "),
                                  Editorial("[the listing gives no address]")], lines=span(e)) for e in entries]
    return doc


def details_table(rows: list, lines: list) -> Table:
    table = Table(header=["Field", "As the listing gives it", "Editorial note"], rows=[])
    for field, value in rows:
        label = [Text(field["label"])] if field["printed"] else [
            Editorial(f"[{field['label']}]", "Label restored by the editors: the scrape lost it")]
        if field.get("shown_as"):
            label += [Text(" "), Editorial(f"[{field['shown_as'].lower()}]")]
        shown = [Text(value.text)] if value else [Editorial("[none given]", field.get("missing", ""))]
        notes = [Editorial(n) for n in (field.get("note"), field.get("missing") if not value else None,
                                        field.get("addition") and "Addition: " + field["addition"]) if n]
        table.rows.append([label, shown, [x for n in notes for x in (n, Text(" "))][:-1]])
    table.lines = ranges(lines) or None
    return table


def author_page(listing: Listing, editorial: PageEditorial) -> Document:
    label, name, *bio = listing.author
    doc = Document(source=editorial.source_label, title=name.text, page=editorial.settings["author_page"])
    doc.meta = {"title": name.text,
                "description": editorial.settings.get("author_description", "")}
    doc.blocks.append(Paragraph([Text(label.text)], role="kicker", lines=span(label)))
    doc.blocks.append(Heading(1, mark_phrases(name.text, editorial), lines=span(name)))
    doc.blocks += [Paragraph(mark_phrases(i.text, editorial), anchor=f"p{n}", lines=span(i)) for n, i in enumerate(bio, start=1)]
    return doc


def read_listing(path: Path | str, editorial: PageEditorial) -> list[Document]:
    path = Path(path)
    listing = parse(path, editorial)
    if len(listing.author) < 2:
        raise SourceError(path, listing.author[0].line if listing.author else listing.title.line,
                          "no author section with a name line")
    text = "\n".join(i.text for i in [listing.title, *listing.description, *listing.praise, *listing.author])
    editorial.check_phrases(path, text)
    missing = set(editorial.settings.get("furniture", [])) - {i.text for i in listing.dropped}
    if missing:
        name = sorted(missing)[0]
        raise SourceError(editorial.file, editorial.line_of(name),
                          f"furniture line {name!r} is not in {path}")
    return [book_page(path, listing, editorial), author_page(listing, editorial)]
