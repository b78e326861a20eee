"""Makes a source's page: its lines as received, numbered, each with what it became in the edition or why nothing."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import Path

from .bibliography_page import inline_lists
from ..editorial import phrase_pattern
from ..model import (BlockQuote, Document, Heading, LineNumber, Link, Note, PageStart, Paragraph, Place, Quotation, Table,
                    Text, Verbatim)
from ..source_text import read_lines

#: The page of each source's view, by its section in editorial.toml (sources/review.md -> /sources/review/).
VIEW_DIR = "sources"
#: Where About lists the editorial decisions and the dropped lines (links from a line they touch).
DECISIONS = Place("about.md", "anchor", "editorial-interventions")
DROPPED = Place("about.md", "anchor", "dropped")
SOURCES = Place("about.md", "anchor", "sources")


def view_page(section: str) -> str:
    return f"{VIEW_DIR}/{section}.md"


def link_page_starts(doc: Document, view: str) -> None:
    """Give each page marker the line its page begins on, in the view that shows the source."""
    starts = doc.data.get("layout", {}).get("pages", {})
    for _, _, inlines in inline_lists(doc):
        for index, node in enumerate(inlines):
            if isinstance(node, PageStart) and node.number in starts:
                inlines[index] = replace(node, source=Place(view, "line", starts[node.number]))


def place(doc: Document, block) -> tuple[str, Place]:
    """What a block is called and where it is on its page (a link from the source view)."""
    page = Place(doc.page)
    if isinstance(block, Note):
        return f"note {block.number}", Place(doc.page, "note", block.number)
    if isinstance(block, BlockQuote):
        inner = next((b.anchor for b in block.blocks if getattr(b, "anchor", None)), None)
        return (f"block quotation, paragraph {inner[1:]}", Place(doc.page, "anchor", inner)) if inner else ("block quotation", page)
    if isinstance(block, Quotation):
        return f"quotation {block.anchor[1:]}", Place(doc.page, "anchor", block.anchor)
    if isinstance(block, Paragraph) and block.anchor:
        return f"paragraph {block.anchor[1:]}", Place(doc.page, "anchor", block.anchor)
    if isinstance(block, Heading):
        return "heading", Place(doc.page, "anchor", block.anchor) if block.anchor else page
    if isinstance(block, Table):
        return "publication details", Place(doc.page, "anchor", "publication-details")
    return "label", page


def spans(documents: list) -> list[tuple[Document, object]]:
    """Every block and note that came from the source's lines, with its page."""
    found = []
    for doc in documents:
        for block in [*doc.blocks, *doc.notes]:
            if getattr(block, "lines", None):
                found.append((doc, block))
    return found


def annotations(documents: list) -> dict[int, list]:
    """What the reader found at each line: page starts, note rules, dropped lines with their reason."""
    notes: dict[int, list] = {}

    def add(line: int, *inlines) -> None:
        notes.setdefault(line, []).append(list(inlines))

    for doc in documents:
        layout = doc.data.get("layout", {})
        for page, line in layout.get("pages", {}).items():
            add(line, Link((Text(f"p. {page} begins"),), Place(doc.page, "page", page)))
        for line in layout.get("rules", []):
            add(line, Text("the rule above the page's notes"))
        for item in doc.data.get("dropped", []):
            add(item.line, Text(f"dropped: {item.why} ("), Link((Text("listed on About"),), DROPPED), Text(")"))
    return notes


def marks(lines: list, editorial, reached: set) -> dict[int, list]:
    """The lines where a phrase the editors mark ([sic]) begins, found as the sic pass finds it (a whole
    phrase, not inside a word), across line breaks, and only in lines that reached the edition."""
    text = "\n".join(line.text for line in lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line.text) + 1)
    found: dict[int, list] = {}
    for mark in editorial.sic:
        for match in re.finditer(rf"(?<!\w){phrase_pattern(mark['phrase'])}(?!\w)", text):
            number = lines[bisect.bisect_right(starts, match.start()) - 1].number
            if number in reached:
                found.setdefault(number, []).append(
                    [Text(f"marked {mark.get('mark', '[sic]')} by the editors ("),
                     Link((Text("decisions"),), DECISIONS), Text(")")])
    return found


def source_view(editorial, path: Path, documents: list, sha256: str, section: str) -> Document:
    """The view of one source: its file and checksum, then each line beside where it went."""
    lines = read_lines(path)
    went: dict[int, list] = {}
    for doc, block in spans(documents):
        label, target = place(doc, block)
        for first, last in block.lines:
            for number in range(first, last + 1):
                begins = isinstance(block, Note) and number == block.lines[0][0]     # where its number stands
                went.setdefault(number, []).append(Link((Text(label + (" begins" if begins else "")),), target))
    notes = annotations(documents)
    for number, items in marks(lines, editorial, set(went)).items():
        notes.setdefault(number, []).extend(items)
    rows = []
    for line in lines:
        cell: list = []
        for item in [*notes.get(line.number, []), *([[w] for w in went.get(line.number, [])])]:
            cell += ([Text(" · ")] if cell else []) + item
        if not cell and not line.text.strip():
            cell = [Text("blank")]
        rows.append([[LineNumber(line.number)], [Verbatim(line.text)], cell])
    doc = Document(source=f"sources/{editorial.source}", title=f"{editorial.source}, line by line", page=view_page(section))
    doc.meta = {"title": f"{editorial.source}, line by line", "search": {"exclude": True},
                "description": f"The file sources/{editorial.source} as received, line by line, beside what each line became.",
                "hide": ["navigation"]}
    doc.blocks.append(Heading(1, [Text(f"{editorial.source}, line by line")]))
    doc.blocks.append(Paragraph([Text(f"The file as received, never edited: {len(lines)} lines, SHA-256 {sha256}. "
                                      "Each line links to what it became in the edition; lines that became nothing "
                                      "say why. See also "),
                                 Link((Text("the sources and their checksums"),), SOURCES),
                                 Text(".")], role="apparatus"))
    doc.blocks.append(Table(["Line", "As received", "In the edition"], rows))
    return doc
