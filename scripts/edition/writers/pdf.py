"""Writes each text, and the whole edition, as a tagged PDF (PDF/UA-1) rendered by WeasyPrint from print HTML."""
from __future__ import annotations

import functools
import hashlib
import html as html_lib
import re
from importlib.metadata import version as metadata_version
from pathlib import Path

from .. import config
from ..errors import SourceError
from ..files import write_atomically
from ..model import EditorialNote, Heading, Paragraph
from ..records import page_id
from . import pdf_notes, pdf_tags, print_fonts
from .print_html import Book, PrintWriter, document, esc

#: The stylesheet of the print documents, beside this module.
STYLESHEET = Path(__file__).with_name("print.css")
#: Paper sizes the [print] setting of editorial.toml may name, as CSS says them.
PAPERS = {"A4": "A4", "letter": "letter"}
#: Where the PDFs go under docs/ (and so on the site); the whole edition's name there.
PDF_DIR = "pdf"
EDITION_PDF = f"{PDF_DIR}/edition.pdf"
#: Paragraph roles that stand before a text's first words with its title: the citation follows them.
FRONT_ROLES = {"byline", "kicker", "subtitle", "apparatus"}


def pdf_path(page: str) -> str:
    return f"{PDF_DIR}/{page_id(page)}.pdf"


def paper_of(context) -> str:
    decisions = getattr(context, "print_settings", {}) or {}
    return PAPERS[decisions.get("paper", config.PRINT_PAPER)]


def how_to_cite(doc, context) -> str:
    """The text's citation in note form, by citeproc from the page's record, and the edition it is from."""
    record = context.records.get(doc.page)
    edition = context.edition
    parts = []
    if record and context.bibliography:
        notes, _ = context.bibliography.format([record], [(record["id"], "")])
        parts.append(f'<p class="label">Cite this text</p><p class="citation">{notes[0]}</p>')
    version = f"version {edition.version}" if edition.version else "version not known (built outside git)"
    dated = f" of {edition.date}" if edition.date else ""
    url = edition.page_url(doc.page)
    where = f' Online at <a href="{esc(url)}">{esc(url)}</a>.' if url else " No published address is configured."
    parts.append(f"<p>Printed from <i>{esc(edition.name)}</i>, {version}{dated}.{where}</p>")
    return f'<section class="how-to-cite">{"".join(parts)}</section>'


def balanced(text: str) -> bool:
    return text.count("[") == text.count("]") and text.count("(") == text.count(")")


def running_head(doc, context) -> str:
    """The short title (before its subtitle) and the reviewer, or the byline, for the top of each page."""
    short = next((doc.title[:m.start()] for m in re.finditer(r":\s", doc.title)
                  if balanced(doc.title[:m.start()])), doc.title)
    who = (context.editorial.settings or {}).get("reviewer") or (context.editorial.settings or {}).get("byline")
    return f"{short} — {who}" if who and who not in short else short


def article(doc, context, book: Book) -> str:
    """One text: title, byline and the editors' note, the citation, then the text, each note at its call."""
    writer = PrintWriter(doc, book)
    front, rest, in_front = [], [], True
    for node in doc.blocks:
        if in_front and (isinstance(node, (Heading, EditorialNote)) and (not isinstance(node, Heading) or node.level == 1)
                         or isinstance(node, Paragraph) and node.role in FRONT_ROLES):
            front.append(node)
        else:
            in_front = False
            rest.append(node)
    head = "".join(writer.block(b) for b in front).replace(
        "<h1", f'<h1 data-running-head="{esc(running_head(doc, context))}"', 1)
    return (f'<article class="text" id="{writer.pid}" lang="en">{head}{how_to_cite(doc, context)}'
            f'{"".join(writer.block(b) for b in rest)}</article>')


def works_cited(book: Book, context, heading: str = "Works cited", cls: str = "works-cited") -> str:
    """The works cited by the printed texts, in the style's bibliography form, each with its id."""
    records = [context.works[key] for key in book.cited if key in context.works]
    if not records:
        return ""
    _, entries = context.bibliography.format(records, [])
    items = "".join(f'<div id="{book.entries}-ref-{r["id"]}">{entries[r["id"]]}</div>'
                    for r in sorted(records, key=lambda r: re.sub(r"<[^>]+>", "", entries[r["id"]])))
    return f'<section class="{cls}"><h2>{heading}</h2>{items}</section>'


def metadata(doc, context) -> dict:
    record = context.records.get(doc.page) or {}
    people = record.get("author") or record.get("editor") or []
    names = ", ".join(" ".join(filter(None, [p.get("given"), p.get("family")])) or p.get("literal", "") for p in people)
    keywords = [record.get("container-title"), record.get("reviewed-title"), context.edition.name]
    return {"author": names, "description": doc.meta.get("description", ""),
            "keywords": ", ".join(dict.fromkeys(k for k in keywords if k)),
            "dcterms.created": context.edition.date, "dcterms.modified": context.edition.date}


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
    extra = [f'<section class="bibliography" id="{page_id(d.page)}">{PrintWriter(d, book).body()}</section>'
             for d in appendix]
    contents = "".join(f'<li><a href="#{page_id(d.page)}">{esc(d.title)}</a></li>' for d in texts + appendix)
    edition = context.edition
    front = (f'<section class="edition-title"><h1>{esc(edition.name)}</h1>'
             f'{how_to_cite_edition(context)}</section>'
             f'<section class="contents"><h1>Contents</h1><ol>{contents}</ol></section>')
    meta = {"description": f"Every text of {edition.name}, with its bibliography.", "keywords": edition.name,
            "dcterms.created": edition.date, "dcterms.modified": edition.date}
    cited = "" if appendix else works_cited(book, context, "Bibliography", "bibliography")
    return document(edition.name, "en", meta, stylesheet(context), front + "".join(bodies) + "".join(extra) + cited), book


def how_to_cite_edition(context) -> str:
    record = context.records.get("")
    edition = context.edition
    cite = ""
    if record and context.bibliography:
        notes, _ = context.bibliography.format([record], [(record["id"], "")])
        cite = f'<p class="label">Cite this edition</p><p class="citation">{notes[0]}</p>'
    version = f"Version {edition.version}" if edition.version else "Version not known"
    return f'<div class="how-to-cite">{cite}<p>{version}{" of " + edition.date if edition.date else ""}.</p></div>'


def text_of(markup: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|title)>.*?</\1>", "", markup, flags=re.S)))


@functools.cache
def code_digest() -> str:
    """What the layout code is (this writer and its notes and tags seams), for the cache key: a
    change to how a PDF is laid out remakes it."""
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in ("pdf.py", "pdf_notes.py", "pdf_tags.py"))).hexdigest()


def render(make, name: str, source: Path) -> bytes:
    """The PDF of the print HTML ``make(plan)`` gives (with its Book), from the cache when nothing it
    is made from changed; notes too long for their page's foot are continued on the next (pdf_notes)."""
    markup, book = make({})
    key = hashlib.sha256("\0".join([markup, metadata_version("weasyprint"), print_fonts.digest(), code_digest()])
                         .encode()).hexdigest()
    cached = config.CACHE_DIR / "pdf" / f"{key}.pdf"
    if cached.exists():
        return cached.read_bytes()
    import weasyprint       # only when a PDF is to be made: importing it costs about a second
    pdf_tags.install()
    print_fonts.check_glyphs(text_of(markup), name, source)
    options = {"pdf_variant": "pdf/ua-1", "presentational_hints": False}
    try:
        laid_out = pdf_notes.lay_out(lambda plan: make(plan)[0], lambda html: weasyprint.HTML(
            string=html, base_url=str(config.ROOT)).render(**options), book.note_words)
        pdf = laid_out.write_pdf(pdf_identifier=key[:32].encode(), **options)
    except Exception as err:      # WeasyPrint's own failures have no common class
        raise SourceError(source, None, f"{name}: WeasyPrint failed: {type(err).__name__}: {err}") from None
    write_atomically({cached.name: pdf}, cached.parent)
    return pdf


def pdf_files(documents: list, context_of) -> dict[str, bytes]:
    """One PDF per text (a page made from a source), and, when the documents are the whole edition
    (its other pages, the bibliography, with them), the whole edition (without a page of the site
    alone, ``data["screen_only"]``: the Index, whose links are the site's)."""
    texts = [d for d in documents if not d.base and context_of.knows(d.source)]
    others = [d for d in documents if not d.base and d not in texts and not d.data.get("screen_only")]
    files = {}
    for doc in texts:
        context = context_of(doc.source)
        files[pdf_path(doc.page)] = render(lambda plan, doc=doc, context=context: text_pdf(doc, context, plan),
                                           pdf_path(doc.page), context.path)
    if texts and others:
        files[EDITION_PDF] = render(lambda plan: edition_pdf(texts, others, context_of, plan), EDITION_PDF,
                                    context_of(texts[0].source).path)
    return files
