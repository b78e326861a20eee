"""Writes each text, and the whole edition, as an EPUB 3 (ebooklib): pop-up footnotes, the printed pages in a page-list."""
from __future__ import annotations

import html
import os
import re
from datetime import datetime, timezone
from itertools import takewhile
from pathlib import Path

from ..errors import SourceError
from ..languages import CJK
from ..model import Heading, PageStart, Paragraph
from ..citations.records import epub_path, page_id
from .epub_package import package_all
from .pdf import how_to_cite, in_front, works_cited
from .print_html import Book, PrintWriter, esc
from .tei_header import name_of

#: The whole edition's EPUB under docs/ (each text's is records.epub_path).
EDITION_EPUB = "epub/edition.epub"
#: The stylesheet of every EPUB, beside this module.
STYLESHEET = Path(__file__).with_name("epub.css")
#: Roles of the people of a record, as MARC relators (the EPUB's dc:creator roles).
ROLES = {"author": "aut", "editor": "edt"}


class Volume(Book):
    """A Book whose pages are files of one EPUB: a link to a place of a page in it names that page's file."""

    def __init__(self, pages: set, entries: str, page_url, files: dict):
        super().__init__(pages, entries, page_url)
        self.files = sorted(files.items(), key=lambda kv: -len(kv[0]))    # page id -> file, longest first
        self.breaks: list = []              # (href, printed page), in reading order
        self.sections: list = []            # (file, href, title) of each section of a text

    def located(self, href: str) -> str:
        ident = href[1:]
        return next((f"{file}{href}" for pid, file in self.files if href.startswith("#")
                     and (ident == pid or ident.startswith(pid + "-"))), href)

    def href(self, target, here: str) -> str:
        return self.located(super().href(target, here))

    def entry(self, key: str) -> str:
        return self.located(super().entry(key))


class EpubText(PrintWriter):
    """One page as XHTML for an EPUB: each note an EPUB 3 footnote after the text, linked to its call and back."""

    def __init__(self, doc, book: Volume, file: str, source: Path):
        super().__init__(doc, book)
        self.file, self.source, self.footnotes = file, source, []

    def note(self, n: int) -> str:
        call, ident = self.id("note", f"{n}-call"), self.id("note", n)
        self.footnotes.append(f'<aside epub:type="footnote" role="doc-footnote" id="{ident}"><p>'
                              f'<a class="back" href="#{call}" role="doc-backlink" title="Back to the text">{n}</a> '
                              f'{self.inlines(self.notes.get(n, []))}</p></aside>')
        return f'<a class="noteref" epub:type="noteref" role="doc-noteref" id="{call}" href="#{ident}">{n}</a>'

    def inline(self, node) -> str:
        if isinstance(node, PageStart):
            ident = self.id("page", node.number)
            self.book.breaks.append((f"{self.file}#{ident}", str(node.number)))
            return (f'<span class="page-start" epub:type="pagebreak" role="doc-pagebreak" id="{ident}" '
                    f'aria-label="{node.number}">[p.&#160;{node.number}]</span>')
        return super().inline(node)

    def block(self, node) -> str:
        """A block as print HTML; the paragraph number apart from the first word; a node with no EPUB
        form stops with the source line of its block."""
        try:
            out = super().block(node)
        except TypeError as err:
            first = node.lines[0][0] if getattr(node, "lines", None) else None
            raise SourceError(self.source, first, f"{self.file}: no EPUB form: {err}") from None
        if isinstance(node, Heading) and node.level > 1 and node.anchor:
            title = html.unescape(re.sub(r"<[^>]+>", "", out))
            self.book.sections.append((self.file, f'{self.file}#{self.id("anchor", node.anchor)}', title))
        return re.sub(r'(<span class="para-number"[^>]*>\d+</span>)', r"\1 ", out, count=1) \
            if isinstance(node, Paragraph) else out

    def notes_section(self) -> str:
        return (f'<section class="footnotes" epub:type="footnotes" aria-label="Notes">{"".join(self.footnotes)}</section>'
                if self.footnotes else "")


def text_body(doc, context, book: Volume, file: str) -> str:
    """One text: title, byline and the editors' note, the citation, the text, its notes (and, alone, the works it cites)."""
    writer = EpubText(doc, book, file, context.path)
    front = list(takewhile(in_front, doc.blocks))
    head = "".join(writer.block(b) for b in front)
    rest = "".join(writer.block(b) for b in doc.blocks[len(front):])
    cited = works_cited(book, context) if book.entries == page_id(doc.page) else ""
    return (f'<section epub:type="chapter" id="{writer.pid}">{head}{how_to_cite(context, doc.page, "Cite this text", "From")}'
            f"{rest}{writer.notes_section()}{cited}</section>")


def marked(markup: str, lang: str | None) -> str:
    """Runs of Chinese characters and kana that no element marks (in a citation citeproc formatted),
    marked with ``lang``; then every language given for XML as well (xml:lang), as readers look for it."""
    def mark(match):
        tag, text = match.groups()
        return tag + (text if "lang=" in tag else CJK.sub(lambda m: f'<span lang="{lang}">{m.group()}</span>', text))
    markup = re.sub(r"(<[^>]*>)([^<]+)", mark, markup) if lang else markup
    return re.sub(r' lang="([\w-]+)"', r' lang="\1" xml:lang="\1"', markup)


def modified(edition) -> str:
    """dcterms:modified: the commit's time (SOURCE_DATE_EPOCH, as scripts/setup.sh sets it), else its date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{edition.date or '1980-01-01'}T00:00:00Z"


def plan_of(name: str, title: str, context, files: list, book: Volume, people: list, page: str) -> dict:
    """Everything an EPUB is assembled from, as plain data (its digest is the cache's key); ``files``
    are (file, title, body) in reading order."""
    edition = context.edition
    where = (edition.page_url(page) if page else edition.url) or f"{edition.name}: {page_id(page) if page else 'edition'}"
    summary = ("Text only, with no images, audio or video. Headings, and a navigation document by text and section; "
               "each note is a footnote linked from its call and back to it; the editors' additions are in square brackets.")
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if book.breaks:
        summary += " The printed source's page numbers are marked as page breaks and listed in a page list."
        features += ["pageBreakMarkers", "pageNavigation"]
    return {"name": name, "title": title, "modified": modified(edition), "people": people,
            "identifier": f"{where} (version {edition.release or edition.version or 'not known'})",
            "publisher": edition.name, "summary": summary, "features": features,
            "files": [[f, t, marked(body, context.editorial.settings.get("cjk_lang")),
                       [[href, s] for sf, href, s in book.sections if sf == f]] for f, t, body in files],
            "pages": book.breaks, "css": STYLESHEET.read_text(encoding="utf-8"),
            "volatile": [modified(edition), edition.version, edition.date, edition.release, edition.root, edition.url]}


def people_of(record: dict | None, edition) -> list:
    """The creators of a text, with their roles: its authors, then the edition's editors."""
    people = [(name_of(p), "aut") for p in (record or {}).get("author", [])]
    return people + [(name_of(p), "edt") for p in edition.editors]


def text_plan(doc, context) -> dict:
    """The EPUB of one text: its page's file alone, with the works it cites at its end."""
    pid = page_id(doc.page)
    book = Volume({doc.page}, pid, context.edition.page_url, {pid: f"{pid}.xhtml"})
    body = text_body(doc, context, book, f"{pid}.xhtml")
    return plan_of(epub_path(doc.page), doc.title, context, [(f"{pid}.xhtml", doc.title, body)], book,
                   people_of(context.records.get(doc.page), context.edition), doc.page)


def edition_plan(texts: list, appendix: list, context_of) -> dict:
    """The EPUB of the whole edition: a title page with its citation, the contents, every text, then
    the bibliography (or, without one, the works the texts cite)."""
    context = context_of(texts[0].source)
    edition = context.edition
    files = {page_id(d.page): f"{page_id(d.page)}.xhtml" for d in texts + appendix} | {"edition": "works-cited.xhtml"}
    book = Volume({d.page for d in texts + appendix}, page_id(appendix[0].page) if appendix else "edition",
                  edition.page_url, files)
    front = (f'<section epub:type="titlepage" id="title"><h1>{esc(edition.name)}</h1>'
             f'{how_to_cite(context, "", "Cite this edition", "From")}</section>')
    parts = [("title.xhtml", edition.name, front)]
    parts += [(files[page_id(d.page)], d.title, text_body(d, context_of(d.source), book, files[page_id(d.page)]))
              for d in texts]
    parts += [(files[page_id(d.page)], d.title, f'<section epub:type="bibliography" id="{page_id(d.page)}">'
               f'{EpubText(d, book, files[page_id(d.page)], context.path).body()}</section>') for d in appendix]
    if not appendix and book.cited:
        parts.append(("works-cited.xhtml", "Bibliography", works_cited(book, context, "Bibliography", "bibliography")))
    return plan_of(EDITION_EPUB, edition.name, context, parts, book, people_of(None, edition), "")


def epub_files(documents: list, context_of) -> dict[str, bytes]:
    """One EPUB per text (a page made from a source), and, when the documents are the whole edition,
    the whole edition's (the texts and the bibliography, as in the PDF), each checked by EPUBCheck."""
    texts = [d for d in documents if not d.base and context_of.knows(d.source)]
    others = [d for d in documents if not d.base and d.printed and d not in texts]
    jobs = [(text_plan(doc, context_of(doc.source)), epub_path(doc.page), context_of(doc.source).path) for doc in texts]
    if texts and others:
        jobs.insert(0, (edition_plan(texts, others, context_of), EDITION_EPUB, context_of(texts[0].source).path))
    return {name: data for (_, name, _), data in zip(jobs, package_all(jobs))}
