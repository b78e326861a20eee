"""Writes the documents read from one source as a TEI P5 XML document (the text; tei_header the header)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..model import (BlockQuote, BulletList, Cite, Editorial, EditorialNote, Foreign, Heading, Link, Mention, NoteRef,
                    PageStart, Paragraph, Quotation, Sic, Table, Text, Title)
from ..register.names_schema import KINDS
from .tei_header import TEI, XML, Context, citation_trees, header, list_bibl
from .tei_names import stand_off

#: Model nodes that belong to the site alone (controls, margin copies, citeproc's HTML): no TEI.
SITE_ONLY = {"CitePlace", "MarginNote", "Coins", "Formatted", "Include"}


def el(tag: str, parent=None, text: str = "", **attrs):
    attrs = {(XML + k[4:] if k.startswith("xml_") else k): v for k, v in attrs.items() if v}
    node = etree.SubElement(parent, TEI + tag, attrs) if parent is not None else etree.Element(TEI + tag, attrs)
    node.text = text or None
    return node


def append_text(parent, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def unbracket(text: str) -> str:
    """An editorial addition's words: its square brackets are how the page shows it, not what it is."""
    return text[1:-1] if text.startswith("[") and text.endswith("]") else text


class Writer:
    """Turns a page's model into TEI elements; notes go where their markers stand."""

    def __init__(self, notes: dict, cited: set, prefix: str = "", named: set | None = None):
        self.notes, self.cited, self.prefix = notes, cited, prefix
        self.named = named if named is not None else set()     # the register's entries the text names

    def id(self, anchor: str | None) -> str:
        """The xml:id of a place the site calls ``anchor`` (prefixed by its page where a document holds several)."""
        return f"{self.prefix}{anchor}" if anchor else ""

    def inlines(self, parent, nodes) -> None:
        for node in nodes:
            self.inline(parent, node)

    def inline(self, parent, node) -> None:
        if isinstance(node, Text):
            append_text(parent, node.value)
        elif isinstance(node, Title):
            target = el("ref", parent, target=f"#{node.key}") if node.key else parent
            if node.key:
                self.cited.add(node.key)
            self.inlines(el("title", target, xml_lang=node.lang or ""), node.children)
        elif isinstance(node, NoteRef):
            note = el("note", parent, n=str(node.number), place="foot", xml_id=self.id(f"note{node.number}"))
            self.inlines(note, self.notes.get(node.number, []))
        elif isinstance(node, PageStart):
            el("pb", parent, n=str(node.number))
        elif isinstance(node, Editorial):
            if node.key:
                self.cited.add(node.key)
            el("supplied", parent, unbracket(node.value), resp="#editors", source=f"#{node.key}" if node.key else "")
            if node.explanation:    # prose, as a note: @reason holds words, none of them a format character
                el("note", parent, node.explanation, type="editorial", resp="#editors")
        elif isinstance(node, Sic):
            self.inlines(el("sic", parent), node.children)
            if node.explanation:
                el("note", parent, node.explanation, type="editorial", resp="#editors")
        elif isinstance(node, Foreign):
            el("foreign", parent, node.value, xml_lang=node.lang)
        elif isinstance(node, Cite):
            self.cited.add(node.key)
            self.inlines(el("ref", parent, target=f"#{node.key}", type="bibl"), node.children)
        elif isinstance(node, Mention):
            self.named.add(node.entry)
            self.inlines(el(KINDS[node.kind][3], parent, ref=f"#{node.entry}"), node.children)
        elif isinstance(node, Link):
            if isinstance(node.target, str):     # an address outside the edition
                self.inlines(el("ref", parent, target=node.target), node.children)
            else:
                self.inlines(parent, node.children)
        elif type(node).__name__ not in SITE_ONLY:
            raise TypeError(f"no TEI for inline {node!r}")

    def block(self, parent, node) -> None:
        if isinstance(node, Paragraph):
            self.inlines(el("p", parent, xml_id=self.id(node.anchor)), node.inlines)
        elif isinstance(node, BlockQuote):
            quote = el("quote", parent)
            for inner in node.blocks:
                self.block(quote, inner)
        elif isinstance(node, EditorialNote):
            note = el("note", parent, type="editorial", resp="#editors")
            el("label", note, node.title)
            self.inlines(el("p", note), node.inlines)
        elif isinstance(node, Quotation):
            cit = el("cit", parent, xml_id=self.id(node.anchor), type=node.kind)
            self.inlines(el("quote", cit), node.quote)
            bibl = el("bibl", cit)
            self.inlines(el("name", bibl), node.people)
            append_text(bibl, ", ")
            self.inlines(el("roleName", bibl), node.role)
        elif isinstance(node, Table):
            table = el("table", parent)
            head = el("row", table, role="label")
            for name in node.header:
                el("cell", head, name)
            for row in node.rows:
                cells = el("row", table)
                for cell in row:
                    self.inlines(el("cell", cells), cell)
        elif isinstance(node, BulletList):
            items = el("list", parent)
            for item in node.items:
                self.inlines(el("item", items), item)
        elif type(node).__name__ not in SITE_ONLY:
            raise TypeError(f"no TEI for block {node!r}")


#: Paragraph roles that label a page or a section rather than run in its text: heads in TEI.
HEAD_ROLES = {"kicker", "subtitle"}


def document_div(body, doc, writer: Writer):
    """One page as a <div>: its first heading is the div's head (with a label or subtitle beside it);
    each further heading opens a div."""
    div = el("div", body, type="page", n=doc.page)
    current, heads_only = div, True
    for node in doc.blocks:
        if isinstance(node, Heading):
            if node.level > 1:
                current, heads_only = el("div", div, xml_id=writer.id(node.anchor), type="editorial" if node.editorial else ""), True
            writer.inlines(el("head", current, type="editorial" if node.editorial else ""), node.inlines)
        elif heads_only and isinstance(node, Paragraph) and node.role == "byline":
            writer.inlines(el("byline", current, resp="#editors"), node.inlines)     # the editors' byline
        elif heads_only and isinstance(node, Paragraph) and node.role in HEAD_ROLES:
            writer.inlines(el("head", current, type=node.role), node.inlines)
        else:
            writer.block(current, node)
            heads_only = False
    return div


def write_tei(documents: list, context: Context) -> str:
    """The TEI document of one source: header, the text of every page made from it, the works cited."""
    root = etree.Element(TEI + "TEI", nsmap={None: TEI[1:-1]})
    root.append(header(documents, context))
    text = el("text", root)
    body = el("body", text)
    cited: set = set()
    named: set = set()
    for doc in documents:
        prefix = f"{Path(doc.page).stem}." if len(documents) > 1 else ""
        document_div(body, doc, Writer({n.number: n.inlines for n in doc.notes}, cited, prefix, named))
    if cited:
        list_bibl(el("back", text), sorted(cited), context)
    if named:
        stand_off(root, named, context.register)
    citation_trees(root)
    return etree.tostring(root, encoding="unicode", pretty_print=True).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', ""])
