"""Writes each text, and the whole edition, as a tagged PDF (PDF/UA-1) rendered by WeasyPrint from print HTML."""
from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path

from .. import config
from ..citations.citations import plain
from ..model import EditorialNote, Heading, Paragraph
from ..citations.records import page_id, pdf_path
from .pdf_render import render_all
from .print_html import Book, PrintWriter, document, esc
from .tei_header import name_of

#: The stylesheet of the print documents, beside this module.
STYLESHEET = Path(__file__).with_name("print.css")
#: The whole edition's PDF under docs/ (each text's is records.pdf_path).
EDITION_PDF = "pdf/edition.pdf"
#: Paragraph roles that stand before a text's first words with its title: the citation follows them.
FRONT_ROLES = {"byline", "kicker", "subtitle", "apparatus"}


def paper_of(context) -> str:
    """The paper size, as CSS names it (the [print] setting's values are CSS's names)."""
    return context.print_settings.get("paper", config.PRINT_PAPER)


def how_to_cite(context, page: str, label: str, made: str = "Printed from") -> str:
    """The citation of ``page`` ("": the edition) in note form, by citeproc from its record, and the
    edition's version, date and address (``made``: what the copy is of it)."""
    record = context.records.get(page)
    edition = context.edition
    parts = []
    if record and context.bibliography:
        notes, _ = context.bibliography.format([record], [(record["id"], "")])
        parts.append(f'<p class="label">{label}</p><p class="citation">{notes[0]}</p>')
    version = f"version {edition.version}" if edition.version else "version not known (built outside git)"
    dated = f" of {edition.date}" if edition.date else ""
    url = edition.page_url(page) if page else edition.url
    where = f' Online at <a href="{esc(url)}">{esc(url)}</a>.' if url else " No published address is configured."
    parts.append(f"<p>{made} <i>{esc(edition.name)}</i>, {version}{dated}.{where}</p>")
    return f'<section class="how-to-cite">{"".join(parts)}</section>'


def balanced(text: str) -> bool:
    return text.count("[") == text.count("]") and text.count("(") == text.count(")")


def running_head(doc, context) -> str:
    """The short title (before its subtitle) and the reviewer, or the byline, for the top of each page."""
    short = next((doc.title[:m.start()] for m in re.finditer(r":\s", doc.title)
                  if balanced(doc.title[:m.start()])), doc.title)
    settings = context.editorial.settings or {}
    who = settings.get("reviewer") or settings.get("byline")
    return f"{short} — {who}" if who and who not in short else short


def in_front(node) -> bool:
    """A block that stands with a text's title before its first words: the title, byline, the editors' note."""
    return (isinstance(node, Heading) and node.level == 1 or isinstance(node, EditorialNote)
            or isinstance(node, Paragraph) and node.role in FRONT_ROLES)


def article(doc, context, book: Book) -> str:
    """One text: title, byline and the editors' note, the citation, then the text, each note at its call."""
    writer = PrintWriter(doc, book)
    front = list(takewhile(in_front, doc.blocks))
    rest = doc.blocks[len(front):]
    head = "".join(writer.block(b) for b in front).replace(
        "<h1", f'<h1 data-running-head="{esc(running_head(doc, context))}"', 1)
    return (f'<article class="text" id="{writer.pid}" lang="en">{head}{how_to_cite(context, doc.page, "Cite this text")}'
            f'{"".join(writer.block(b) for b in rest)}</article>')


def works_cited(book: Book, context, heading: str = "Works cited", cls: str = "works-cited") -> str:
    """The works cited by the printed texts, in the style's bibliography form, each with its id."""
    records = [context.works[key] for key in book.cited if key in context.works]
    if not records:
        return ""
    _, entries = context.bibliography.format(records, [])
    items = "".join(f'<div id="{book.entries}-ref-{r["id"]}">{entries[r["id"]]}</div>'
                    for r in sorted(records, key=lambda r: plain(entries[r["id"]])))
    return f'<section class="{cls}"><h2>{heading}</h2>{items}</section>'


def metadata(doc, context) -> dict:
    record = context.records.get(doc.page) or {}
    people = record.get("author") or record.get("editor") or []
    names = ", ".join(name_of(person) for person in people)
    keywords = [record.get("container-title"), record.get("reviewed-title"), context.edition.name]
    return {"author": names, "description": doc.meta.get("description", ""),
            "keywords": ", ".join(dict.fromkeys(k for k in keywords if k)),
            "dcterms.created": context.edition.date, "dcterms.modified": context.edition.date, **rights_meta(context)}


def rights_meta(context) -> dict:
    """The rights, in the PDF's document information (/rights, and /license when one is chosen)."""
    stated = context.rights
    return {"rights": stated.statement, "license": stated.url} if stated else {}     # WeasyPrint: /rights, /license


def stylesheet(context) -> str:
    return STYLESHEET.read_text(encoding="utf-8").replace("PAPER", paper_of(context))


def text_pdf(doc, context, plan: dict | None = None) -> tuple[str, Book]:
    """The print HTML of one text, with the works it cites at its end (``plan``: how notes that do
    not fit their page are set, by pdf_notes)."""
    book = Book({doc.page}, page_id(doc.page), context.edition.page_url, plan=plan or {})
    body = article(doc, context, book)
    return document(doc.title, "en", metadata(doc, context), stylesheet(context), body + works_cited(book, context)), book


def edition_pdf(texts: list, appendix: list, context_of, plan: dict | None = None) -> tuple[str, Book]:
    """The print HTML of the whole edition: its title page, contents, every text, then the bibliography
    (or, without one, the works the texts cite)."""
    context = context_of(texts[0].source)
    book = Book({d.page for d in texts + appendix}, page_id(appendix[0].page) if appendix else "edition",
                context.edition.page_url, plan=plan or {})
    bodies = [article(doc, context_of(doc.source), book) for doc in texts]
    head = f'<h1 data-running-head="{{}} — {esc(context.edition.name)}"'
    extra = [f'<section class="bibliography" id="{page_id(d.page)}">'
             f'{PrintWriter(d, book).body().replace("<h1", head.format(esc(d.title)), 1)}</section>' for d in appendix]
    contents = "".join(f'<li><a href="#{page_id(d.page)}">{esc(d.title)}</a></li>' for d in texts + appendix)
    edition = context.edition
    front = (f'<section class="edition-title"><h1>{esc(edition.name)}</h1>'
             f'{how_to_cite(context, "", "Cite this edition")}</section>'
             f'<section class="contents"><h1>Contents</h1><ol>{contents}</ol></section>')
    meta = {"description": f"Every text of {edition.name}, with its bibliography.", "keywords": edition.name,
            "dcterms.created": edition.date, "dcterms.modified": edition.date, **rights_meta(context)}
    cited = "" if appendix else works_cited(book, context, "Bibliography", "bibliography")
    return document(edition.name, "en", meta, stylesheet(context), front + "".join(bodies) + "".join(extra) + cited), book


def pdf_files(documents: list, context_of) -> dict[str, bytes]:
    """One PDF per text (a page made from a source), and, when the documents are the whole edition
    (its other pages, the bibliography, with them), the whole edition, without the pages of the site
    alone (the series page, as the printed edition opens with its own contents; the Index, whose
    links are the site's)."""
    texts = [d for d in documents if not d.base and context_of.knows(d.source)]
    others = [d for d in documents if not d.base and d.printed and d not in texts]
    jobs = [(lambda plan, doc=doc, context=context_of(doc.source): text_pdf(doc, context, plan),
             pdf_path(doc.page), context_of(doc.source).path) for doc in texts]
    if texts and others:     # the largest first, so that the workers finish together
        jobs.insert(0, (lambda plan: edition_pdf(texts, others, context_of, plan), EDITION_PDF,
                        context_of(texts[0].source).path))
    return {name: pdf for (_, name, _), pdf in zip(jobs, render_all(jobs))}
