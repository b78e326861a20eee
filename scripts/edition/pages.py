"""Which reader makes which page; the passes that finish them; the files the build writes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .build import checksums
from . import config
from . import editorial as editorial_data
from .register import names
from .citations.citations import Bibliography, csl_file
from .errors import SourceError
from .passes import PassContext, finish
from .passes.cite_this import citation_files
from .passes.names_data import register_json
from .passes.source_view import source_view, view_page
from .writers.markdown import write
from .rights import rights
from .citations.records import (Edition, edition_of, edition_record, page_record, pdf_path, epub_path, tei_path,
    works as work_records)
from .passes.register import contents, register
from .passes.changes_page import PAGE as CHANGES_PAGE, changes_document
from .readers import READERS
from .writers.tei_header import Context
from .writers import WRITERS

#: The About page includes this generated register of sources and editorial decisions.
REGISTER_PAGE = "snippets/register.md"
#: About's first sentence, which counts the source texts.
CONTENTS_PAGE = "snippets/contents.md"


def read(source: Path, editorial) -> list:
    """The model document(s) a source makes with its reader, each with the page it goes to."""
    if editorial.reader not in READERS:
        raise SourceError(editorial.file, editorial.line_of("reader"),
                          f"unknown reader {editorial.reader!r}: expected one of {', '.join(READERS)}")
    documents = READERS[editorial.reader](source, editorial)
    documents = documents if isinstance(documents, list) else [documents]
    for doc in documents:
        doc.page = doc.page or editorial.page
    return documents


def bibliography_of(decisions, sources_dir: Path) -> Bibliography:
    """references.bib, formatted in the style the editorial file names (a path is from the project's top)."""
    style = decisions.sections.get("citations", {}).get("style", config.CSL_STYLE)
    path = csl_file(str(sources_dir.parent / style) if "/" in style else style, decisions.file, decisions.line_of("style ="))
    return Bibliography(sources_dir / "references.bib", path)


@dataclass
class Edited:
    """The documents of the edition, finished, with what citing them needs."""
    documents: list
    bibliography: Bibliography
    works: dict
    register: names.Register | None = None


def edit(decisions, sources_dir: Path, kind: str | None = None, source: Path | None = None,
         editorial=None) -> Edited:
    """Read every source (or only ``source`` with the reader ``kind`` and its section of decisions)
    and run the passes over the documents."""
    bibliography = bibliography_of(decisions, sources_dir)
    works = work_records(bibliography, decisions.sections.get("records", {}), decisions.file, decisions.line_of)
    register = names.load(sources_dir / config.NAMES_FILE.name)
    if kind:
        return Edited(finish(read(source, editorial), PassContext(decisions, bibliography, works, register=register)),
                      bibliography, works, register)
    documents = [doc for e in decisions.values() for doc in read(sources_dir / e.source, e)]
    views = {e.source_label: view_page(section) for section, e in decisions.items()}
    return Edited(finish(documents, PassContext(decisions, bibliography, works, views, bibliography_page=True,
                                                register=register)), bibliography, works, register)


def all_pages(decisions, sources_dir: Path, edited: Edited | None = None, history=None) -> dict[str, str]:
    """Every page made from the sources (committed under docs/), the About page's register, and the
    Changes page from ``history`` (the releases recorded)."""
    edited = edited or edit(decisions, sources_dir)
    pages = {doc.page: write(doc) for doc in edited.documents}
    pages[REGISTER_PAGE] = write(register(decisions, sources_dir, edited.documents, edited.register))
    pages[CONTENTS_PAGE] = write(contents(decisions))
    if history is not None:
        pages[CHANGES_PAGE] = write(changes_document(history, edited.documents))
    record = checksums.record(sources_dir / "SHA256SUMS")
    for section, editorial in decisions.items():
        documents = [doc for doc in edited.documents if doc.source == editorial.source_label]
        view = source_view(editorial, sources_dir / editorial.source, documents,
                           record.get(editorial.source, ("not recorded", 0))[0], section)
        pages[view.page] = write(view)
    return pages


def cited_pages(decisions, edited: Edited, edition: Edition) -> list[tuple]:
    """(document, record) of every cited page, and (None, record) of the edition itself."""
    cite = decisions.sections.get("cite", {})
    pages = []
    for doc in edited.documents:
        if doc.page in cite:
            pages.append((doc, page_record(doc.page, cite[doc.page], edited.works, edition,
                                           decisions.file, decisions.line_of(f'[cite."{doc.page}"]'))))
    return pages + [(None, edition_record(edition, decisions.file, decisions.line_of("editors =")))]


def citation_pages(decisions, edited: Edited, edition: Edition) -> dict[str, str]:
    """The citations of every page and of the edition, and every record's downloads: made at build
    time, as they carry the published address and the edition's version."""
    tei = {e.source_label: tei_path(e.source) for e in decisions.values()}
    views = {e.source_label: view_page(section) for section, e in decisions.items()}
    sources = {e.source_label for e in decisions.values()}
    texts = [doc.page for doc in edited.documents if doc.source in sources and not doc.base]
    books = {page: (pdf_path(page), epub_path(page)) for page in texts}
    files = citation_files(cited_pages(decisions, edited, edition), edited.works, edited.bibliography, tei, views, books)
    if edited.register and edited.register.entries:     # the register as JSON, beside the downloads
        labels = {page: s.get("label", page) for page, s in decisions.sections.get("cite", {}).items()}
        texts = [doc for doc in edited.documents if doc.source in sources]
        files[config.INDEX_JSON] = register_json(edited.register, texts, labels, edition)
    return files


def contexts(decisions, sources_dir: Path, edited: Edited, edition: Edition, extra: tuple = ()):
    """What a writer needs to know of each source beyond its documents (by the documents' source
    label); ``extra`` is (section, file) of a source converted from outside sources/."""
    from .build.checksums import digest
    sections = {e.source_label: (e, sources_dir / e.source) for e in decisions.values()}
    sections.update({e.source_label: (e, Path(path)) for e, path in extra})
    cite = decisions.sections.get("cite", {})
    conventions = decisions.sections.get("tei", {}).get("conventions", [])
    records = {doc.page if doc else "": record for doc, record in cited_pages(decisions, edited, edition)}
    mkdocs_yml = sources_dir.parent / "mkdocs.yml" if sources_dir else None
    stated = rights(mkdocs_yml if mkdocs_yml and mkdocs_yml.exists() else config.MKDOCS_YML)

    def context_of(source_label: str) -> Context:
        editorial, path = sections[source_label]
        work = cite.get(editorial.page, {}).get("work")
        return Context(editorial, edition, edited.works, digest(path) if path.exists() else "", work, conventions,
                       path, edited.bibliography, records, decisions.sections.get("print", {}), edited.register, stated)
    context_of.knows = sections.__contains__
    return context_of


def tei_files(decisions, sources_dir: Path, edited: Edited, edition: Edition) -> dict[str, str]:
    """The TEI document of every source, made at build time (it carries the edition's version)."""
    sources = [doc for doc in edited.documents if doc.source in {e.source_label for e in decisions.values()}]
    return WRITERS["tei"](sources, contexts(decisions, sources_dir, edited, edition))


def pdf_files(decisions, sources_dir: Path, edited: Edited, edition: Edition) -> dict[str, bytes]:
    """The PDF of every text and of the whole edition (with the bibliography), made at build time."""
    return WRITERS["pdf"](edited.documents, contexts(decisions, sources_dir, edited, edition))


def epub_files(decisions, sources_dir: Path, edited: Edited, edition: Edition) -> dict[str, bytes]:
    """The EPUB of every text and of the whole edition, made at build time and checked by EPUBCheck."""
    return WRITERS["epub"](edited.documents, contexts(decisions, sources_dir, edited, edition))


def convert(kind: str, source: Path, decisions, sources_dir: Path | None = None,
            section: str | None = None, to: str = "markdown") -> dict[str, str]:
    """The files the writer ``to`` makes of ``source``, by path under docs/: the pages the build makes.
    ``kind`` is a reader, or a section of the editorial file (which names its reader)."""
    if kind not in READERS and kind in decisions:
        kind, section = decisions[kind].reader, kind
    if kind not in READERS:
        raise SourceError(source, None, f"unknown kind {kind!r}: expected a reader ({', '.join(READERS)}) "
                                        f"or a section of {decisions.file.name} ({', '.join(decisions)})")
    if to not in WRITERS:
        raise SourceError(source, None, f"unknown output format {to!r}: expected one of {', '.join(WRITERS)}")
    sources_dir = sources_dir or config.SOURCES_DIR
    editorial = decisions.section_for(kind, Path(source), section)
    edited = edit(decisions, sources_dir, editorial.reader, Path(source), editorial)
    edition = edition_of(config.ROOT, None, decisions)
    return WRITERS[to](edited.documents, contexts(decisions, sources_dir, edited, edition, [(editorial, source)]))


def unlisted(decisions, sources_dir: Path, kind: str | None = None, source: Path | None = None) -> list:
    """The capitalised names no entry of the register covers: in every text of the edition, or in
    ``source`` read by ``kind`` (a reader, or a section of the editorial file)."""
    from .errors import shown
    from .passes.unlisted import unlisted_names
    from .source_text import read_lines
    if kind:
        if kind not in READERS and kind in decisions:
            kind, section = decisions[kind].reader, kind
        else:
            section = None
        editorial = decisions.section_for(kind, Path(source), section)
        edited, files = edit(decisions, sources_dir, editorial.reader, Path(source), editorial), {editorial.source_label: Path(source)}
    else:
        edited = edit(decisions, sources_dir)
        files = {e.source_label: sources_dir / e.source for e in decisions.values()}
    labels = {page: s.get("label", page) for page, s in decisions.sections.get("cite", {}).items()}
    texts = [doc for doc in edited.documents if doc.source in files]
    return unlisted_names(texts, labels, {label: (shown(path), [line.text for line in read_lines(path)])
                                          for label, path in files.items()})


load_decisions = editorial_data.load
