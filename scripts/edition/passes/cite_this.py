"""Makes the citations of each page when the site is built (its address and version known then):
"Cite this page", a citation for every paragraph, quotation and note, and every record's downloads."""
from __future__ import annotations

import html
import re

from ..citations.exports import FORMATS, export
from ..model import BlockQuote, Document, Note, Paragraph, Quotation, Text
from ..site_nodes import CitePlace, Include
from ..citations.records import at, page_id

#: Where the build puts each page's citations (included at the page's end) and the downloads.
SNIPPETS = "snippets/cite"
DOWNLOADS = "cite"
#: A place of a page and how citeproc's locator names it; {} is the number.
PLACES = {re.compile(r"p(\d+)"): ("paragraph {}", "para. {}"), re.compile(r"q(\d+)"): ("quotation {}", "quotation {}"),
          re.compile(r"fn:(\d+)"): ("note {}", "n. {}")}


def places(doc: Document) -> list[tuple[str, str, str]]:
    """(anchor, label, locator) of every citable place of a page, in order: paragraphs and
    quotations, then notes."""
    anchors = []
    for block in doc.blocks:
        inner = block.blocks if isinstance(block, BlockQuote) else [block]
        anchors += [b.anchor for b in inner if isinstance(b, (Paragraph, Quotation)) and b.anchor]
    anchors += [f"fn:{note.number}" for note in doc.notes]
    found = []
    for anchor in anchors:
        for pattern, (label, locator) in PLACES.items():
            match = pattern.fullmatch(anchor)
            if match:
                found.append((anchor, label.format(match.group(1)), locator.format(match.group(1))))
    return found


def popover_id(anchor: str) -> str:
    return "cite-" + anchor.replace(":", "-")


def add_controls(doc: Document) -> None:
    """A "cite" control on every citable place (the paragraph's number, a note's "cite"), and the
    page's citations, made at build time, included after its notes."""
    labels = {anchor: label for anchor, label, _ in places(doc)}

    def control(anchor: str, text: str) -> CitePlace:
        return CitePlace(popover_id(anchor), f"Cite {labels[anchor]}", text)

    for block in doc.blocks:
        for inner in (block.blocks if isinstance(block, BlockQuote) else [block]):
            if isinstance(inner, Paragraph) and inner.anchor in labels:
                inner.inlines = [control(inner.anchor, inner.anchor[1:]), *inner.inlines]
            elif isinstance(inner, Quotation) and inner.anchor in labels:
                inner.controls = [control(inner.anchor, "cite")]
    doc.notes = [Note(n.number, [*n.inlines, Text(" "), control(f"fn:{n.number}", "cite")], n.lines) for n in doc.notes]
    doc.appendix.append(Include(f"{SNIPPETS}/{page_id(doc.page)}.md"))


def form(label: str, ident: str, citation: str) -> str:
    return (f'<p class="cite-form"><span class="cite-form__label">{label}</span> '
            f'<span class="citation" id="{ident}">{citation}</span> '
            f'<button type="button" class="cite-copy" data-clipboard-target="#{ident}" '
            f'aria-label="Copy the {label.lower()} form">Copy</button></p>')


def source_lines(doc: Document) -> dict[str, tuple]:
    """The source lines of each citable place of a page: its first and last line."""
    found = {}
    for block in doc.blocks:
        for inner in (block.blocks if isinstance(block, BlockQuote) else [block]):
            if getattr(inner, "anchor", None) and getattr(inner, "lines", None):
                found[inner.anchor] = (inner.lines[0][0], inner.lines[-1][1])
    found.update({f"fn:{n.number}": (n.lines[0][0], n.lines[-1][1]) for n in doc.notes if n.lines})
    return found


def source_link(view: str, lines: tuple | None) -> str:
    """The place's lines in the source view, as a Markdown link (MkDocs resolves it for any URL style)."""
    if not view or not lines:
        return ""
    first, last = lines
    label = f"line {first}" if first == last else f"lines {first}–{last}"
    return f'<p class="cite-popover__source" markdown="span">Source: [{label}]({view}#L{first})</p>'


def popover(anchor: str, label: str, citation: str, source: str = "") -> str:
    ident = popover_id(anchor)
    return (f'<div class="cite-popover" id="{ident}" popover="auto" role="dialog" aria-labelledby="{ident}-title" '
            f'data-search-exclude="" markdown="1">'
            f'<p class="cite-popover__title" id="{ident}-title">Cite {html.escape(label)}</p>'
            f'<p class="citation" id="{ident}-text">{citation}</p>{source}'
            f'<p class="cite-popover__actions"><button type="button" class="cite-copy" data-clipboard-target="#{ident}-text">Copy</button> '
            f'<button type="button" popovertarget="{ident}" popovertargetaction="hide">Close</button></p></div>')


def downloads(ident: str, what: str) -> str:
    links = ", ".join(f'[{label}]({DOWNLOADS}/{ident}.{suffix}){{: download="{ident}.{suffix}" }}'
                      for suffix, label in FORMATS.items())
    return f"Download {what}: {links}."


def page_snippet(doc: Document | None, record: dict, bibliography, heading: str = "Cite this page",
                 tei: str = "", view: str = "", books: tuple = ()) -> str:
    """The Markdown (with raw HTML) of a page's citations: the two forms, downloads, popovers."""
    spots = places(doc) if doc else []
    placed = [at(record, anchor, n) for n, (anchor, _, _) in enumerate(spots, start=1)]
    cites = [(record["id"], "")] + [(p["id"], locator) for p, (_, _, locator) in zip(placed, spots)]
    notes, entries = bibliography.format([record, *placed], cites)
    ident = f"cite-{record['id']}"
    parts = [f"## {heading} {{ #cite-this-page }}"] if heading else []
    parts += ['<div class="cite-forms" data-search-exclude>' + form("Note", f"{ident}-note", notes[0])
             + form("Bibliography", f"{ident}-entry", entries[record["id"]]) + "</div>",
              downloads(record["id"], "this record")]
    if tei:
        parts.append(f"The source of this page, transcribed and encoded in TEI P5: [TEI XML]({tei}).")
    if books:
        parts.append(f"This page as a PDF, to print or keep (its notes at the foot of the page that calls them): "
                     f"[PDF]({books[0]}); as an EPUB, for an e-reader (its notes open at their calls): [EPUB]({books[1]}).")
    if spots:
        parts.append("To cite a paragraph, quotation or note, choose its number or its “cite”: "
                     "each has its own address.")
        lines = source_lines(doc)
        parts.append('<div class="cite-popovers" markdown="1">'
                     + "".join(popover(anchor, label, note, source_link(view, lines.get(anchor)))
                               for (anchor, label, _), note in zip(spots, notes[1:]))
                     + "</div>")
    return "\n\n".join(parts) + "\n"


def citation_files(pages: list[tuple[Document | None, dict]], works: dict, bibliography, tei: dict = {},
                   views: dict = {}, books: dict = {}) -> dict[str, str]:
    """Each page's citation snippet, by path under docs/, and the downloads of every record; ``tei``
    and ``views`` give the TEI document and the source view of each source (by its label), ``books``
    the PDF and the EPUB of each page (by its name)."""
    files = {}
    for doc, record in pages:
        files[f"{SNIPPETS}/{record['id']}.md"] = page_snippet(doc, record, bibliography, "Cite this page" if doc else "",
                                                              tei.get(doc.source, "") if doc else "",
                                                              views.get(doc.source, "") if doc else "",
                                                              books.get(doc.page, ()) if doc else ())
    records = [record for _, record in pages] + list(works.values())
    for name, text in export(records, bibliography.cached).items():
        files[f"{DOWNLOADS}/{name}"] = text
    return files
