"""Writes model documents as one HTML document for print (WeasyPrint): each note at its call, the
source's page numbers and the paragraph numbers in the margins, the works cited at the end."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..model import (BlockQuote, BulletList, Cite, Editorial, EditorialNote, Foreign, Heading, Link, Mention, NoteRef,
                     PageStart, Paragraph, Place, Quotation, Sic, Table, Text, Title)
from ..citations.records import page_id
from ..site_nodes import Formatted
from .markdown import FRAGMENTS as SITE_FRAGMENTS
from .pdf_notes import LONG_WORDS, split_words, words_in

#: Nodes of the site's pages alone (controls, margin copies, COinS, included snippets): not printed.
SCREEN_ONLY = {"CitePlace", "MarginNote", "Coins", "Include"}
#: Link roles that are controls of the site, not words of a text: not printed.
SCREEN_ONLY_LINKS = {"download", "tei"}
#: The print id of each kind of place (prefixed by its page's id): notes, printed pages, entries, anchors.
FRAGMENTS = {"note": "fn{}", "page": "page-{}", "entry": "ref-{}", "anchor": "{}", "line": "L{}"}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Book:
    """What the print document holds and where links go: the pages printed in it (links to their
    places stay inside the PDF), where bibliography entries are, the site's address for the rest."""
    pages: set
    entries: str = ""                 # the page id whose "ref-KEY" ids hold the works cited
    page_url: object = None           # page -> published address ("" when none is configured)
    cited: list = field(default_factory=list)   # keys cited, in order of first citation
    plan: dict = field(default_factory=dict)    # note id -> words kept at its call, or "line" (pdf_notes)
    note_words: dict = field(default_factory=dict)   # note id -> its words, as written

    def ident(self, page: str, kind: str, at) -> str:
        return f"{page_id(page)}-{FRAGMENTS[kind].format(at)}" if kind else page_id(page)

    def href(self, target: Place | str, here: str) -> str:
        """Where a link goes: a place of a printed page inside the PDF, else its web address (or nowhere)."""
        if isinstance(target, str):
            return target
        page = target.page or here
        if page in self.pages and target.kind != "line":
            return "#" + self.ident(page, target.kind, target.at)
        url = self.page_url(page) if self.page_url else ""
        fragment = SITE_FRAGMENTS[target.kind].format(target.at) if target.kind in SITE_FRAGMENTS else ""
        return url + (f"#{fragment}" if url and fragment else "")

    def entry(self, key: str) -> str:
        if key not in self.cited:
            self.cited.append(key)
        return f"#{self.entries}-ref-{key}"


def without_downloads(inlines: list) -> list:
    """A paragraph's inlines less its downloads and the words that introduce them ("Download: "),
    which are controls of the site, not words of a text."""
    first = next((i for i, n in enumerate(inlines) if isinstance(n, Link) and n.role in SCREEN_ONLY_LINKS), None)
    if first is None:
        return inlines
    if first and isinstance(inlines[first - 1], Text):
        first -= 1
    return inlines[:first]


class PrintWriter:
    """One page's model as print HTML; ``book`` says where its links go."""

    def __init__(self, doc, book: Book):
        self.doc, self.book, self.pid = doc, book, page_id(doc.page)
        self.notes = {n.number: n.inlines for n in doc.notes}

    def id(self, kind: str, at) -> str:
        return self.book.ident(self.doc.page, kind, at)

    def inlines(self, nodes) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, node) -> str:
        if isinstance(node, Text):
            return esc(node.value)
        if isinstance(node, Title):
            lang = f' lang="{node.lang}"' if node.lang else ""
            inner = f'<cite{lang}>{self.inlines(node.children)}</cite>'
            return f'<a href="{self.book.entry(node.key)}">{inner}</a>' if node.key else inner
        if isinstance(node, NoteRef):
            return self.note(node.number)
        if isinstance(node, PageStart):
            return f'<span class="page-start" id="{self.id("page", node.number)}">[p.&#160;{node.number}]</span>'
        if isinstance(node, Editorial):
            inner = esc(node.value)
            if node.key:
                inner = f'<a href="{self.book.entry(node.key)}">{inner}</a>'
            return f'<span class="editorial">{inner}</span>'
        if isinstance(node, Sic):
            return self.inlines(node.children) + " " + self.inline(Editorial(node.mark))
        if isinstance(node, Foreign):
            return f'<span lang="{node.lang}">{esc(node.value)}</span>'
        if isinstance(node, Cite):
            return f'<a href="{self.book.entry(node.key)}">{self.inlines(node.children)}</a>'
        if isinstance(node, Mention):       # a name is printed as the text prints it, not as a link
            return self.inlines(node.children)
        if isinstance(node, Link):
            if node.role in SCREEN_ONLY_LINKS:
                return ""
            href = self.book.href(node.target, self.doc.page)
            inner = self.inlines(node.children)
            return f'<a href="{esc(href)}">{inner}</a>' if href else inner
        if isinstance(node, Formatted):
            return node.html
        if type(node).__name__ in SCREEN_ONLY:
            return ""
        raise TypeError(f"no print HTML for inline {node!r}")

    def note(self, n: int) -> str:
        """The call, and the note itself where it stands (WeasyPrint floats it to the page's foot);
        the book's plan may split it (the rest continues on the next page) or keep it with its call."""
        call, ident = self.id("note", f"{n}-call"), self.id("note", n)
        inlines = self.notes.get(n, [])
        words = self.book.note_words[ident] = words_in(inlines)
        plan = self.book.plan.get(ident)
        head, rest = split_words(inlines, plan) if isinstance(plan, int) else (inlines, [])
        kind = "footnote long" if words > LONG_WORDS and plan != "line" else "footnote"
        out = (f'<a class="call" id="{call}" href="#{ident}">{n}</a><span class="{kind}" id="{ident}">'
               f'<a class="marker" href="#{call}">{n}</a> {self.inlines(head)}</span>')
        if rest:
            out += f'<span class="footnote continued" id="{ident}-cont">{self.inlines(rest)}</span>'
        return out

    def block(self, node) -> str:
        if isinstance(node, Paragraph):
            node = Paragraph(without_downloads(node.inlines), node.anchor, node.role, node.lines)
            anchor = f' id="{self.id("anchor", node.anchor)}"' if node.anchor else ""
            number = ""
            if node.anchor and node.anchor[0] == "p" and node.anchor[1:].isdigit():
                number = f'<span class="para-number" aria-hidden="true">{node.anchor[1:]}</span>'
            role = f' class="{node.role}"' if node.role else ""
            return f"<p{anchor}{role}>{number}{self.inlines(node.inlines)}</p>"
        if isinstance(node, Heading):
            anchor = f' id="{self.id("anchor", node.anchor)}"' if node.anchor else ""
            return f"<h{node.level}{anchor}>{self.inlines(node.inlines)}</h{node.level}>"
        if isinstance(node, BlockQuote):
            return "<blockquote>" + "".join(self.block(b) for b in node.blocks) + "</blockquote>"
        if isinstance(node, EditorialNote):
            return (f'<aside class="editorial-note"><p class="label">{esc(node.title)}</p>'
                    f"<p>{self.inlines(node.inlines)}</p></aside>")
        if isinstance(node, Quotation):
            anchor = f' id="{self.id("anchor", node.anchor)}"' if node.anchor else ""
            return (f'<figure class="quotation"{anchor}><blockquote><p>{self.inlines(node.quote)}</p></blockquote>'
                    f"<figcaption>— {self.inlines(node.people)}, {self.inlines(node.role)}</figcaption></figure>")
        if isinstance(node, Table):
            head = "".join(f"<th>{esc(h)}</th>" for h in node.header)
            rows = "".join("<tr>" + "".join(f"<td>{self.inlines(c)}</td>" for c in row) + "</tr>" for row in node.rows)
            return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        if isinstance(node, BulletList):
            return "<ul>" + "".join(f"<li>{self.inlines(item)}</li>" for item in node.items) + "</ul>"
        if type(node).__name__ in SCREEN_ONLY:
            return ""
        raise TypeError(f"no print HTML for block {node!r}")

    def body(self) -> str:
        """The page's blocks; its notes stand at their calls, so none follow the text."""
        return "".join(self.block(b) for b in self.doc.blocks)


def document(title: str, lang: str, meta: dict, css: str, body: str) -> str:
    """The whole print document; ``meta`` names (author, description, keywords, dcterms.*) -> content."""
    metas = "".join(f'<meta name="{esc(k)}" content="{esc(v)}">' for k, v in meta.items() if v)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>{metas}'
            f"<style>{css}</style></head><body>{body}</body></html>")
