"""Which reader makes which page; finishing pages with citations; writing pages atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import config
from . import editorial as editorial_data
from .bibliography_page import add_notes, bibliography_document, check_keys, citing_places
from .cite_this import cite_links, cite_section
from .citations import Bibliography
from .listing_reader import read_listing
from .metadata import add_metadata
from .markdown_writer import write
from .register import register
from .review_reader import read_review

#: The About page includes this generated register of sources and editorial decisions.
REGISTER_PAGE = "snippets/register.md"

#: One reader per kind of source; a new kind of source adds a reader here.
READERS = {"review": read_review, "listing": read_listing}


def read(source: Path, editorial) -> list:
    """The model document(s) a source makes with its reader, each with the page it goes to."""
    if editorial.reader not in READERS:
        raise ValueError(f"unknown kind {editorial.reader!r}: expected one of {', '.join(READERS)}")
    documents = READERS[editorial.reader](source, editorial)
    documents = documents if isinstance(documents, list) else [documents]
    for doc in documents:
        doc.page = doc.page or editorial.page
    return documents


def finish(documents: list, decisions, bibliography: Bibliography, site: dict) -> None:
    """Check cited keys, give locators their notes, and add each page's "Cite this page" section
    and its notes' "cite" links."""
    check_keys(documents, bibliography, decisions)
    add_notes(documents, bibliography)
    add_metadata(documents, decisions, bibliography)
    templates = decisions.sections.get("cite", {})
    for doc in documents:
        template = templates.get(doc.page, {})
        doc.blocks += cite_section(doc, template, site)
        cite_links(doc, template, site)


def convert(kind: str, source: Path, decisions, bibliography: Bibliography | None = None,
            site: dict | None = None) -> dict[str, str]:
    """Markdown of the page(s) made from ``source``, by path under docs/."""
    documents = read(source, decisions[kind])
    finish(documents, decisions, bibliography or Bibliography(), site or config.site_settings())
    return {doc.page: write(doc) for doc in documents}


def all_pages(decisions, sources_dir: Path, site: dict) -> dict[str, str]:
    """Every page made from the sources, the Bibliography page that links back to them, and the register."""
    bibliography = Bibliography(sources_dir / "references.bib")
    documents = [doc for editorial in decisions.values() for doc in read(sources_dir / editorial.source, editorial)]
    finish(documents, decisions, bibliography, site)
    templates = decisions.sections.get("cite", {})
    labels = {page: t.get("label", page) for page, t in templates.items()}
    bib_doc = bibliography_document(bibliography, decisions, citing_places(documents, labels))
    finish([bib_doc], decisions, bibliography, site)
    pages = {doc.page: write(doc) for doc in [*documents, bib_doc]}
    pages[REGISTER_PAGE] = write(register(decisions, sources_dir, documents))
    return pages


def write_atomically(pages: dict[str, str], out_dir: Path) -> list[Path]:
    """Write every page, or none: each goes to a temporary file first and is renamed over its target."""
    staged = []
    try:
        for name, text in pages.items():
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".converting-")
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            staged.append((Path(temp), target))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    return [target for _, target in staged]


load_decisions = editorial_data.load
