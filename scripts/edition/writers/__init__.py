"""The writers, by output format: each turns the finished documents into files (path -> text)."""
from __future__ import annotations

from typing import Callable

from .markdown import write as write_markdown
from ..citations.records import tei_path
from .tei_header import Context
from .tei_schema import validate
from .tei import write_tei
from .pdf import pdf_files
from .epub import epub_files


def markdown_files(documents: list, context_of: Callable) -> dict[str, str]:
    """One Markdown page under docs/ per document."""
    return {doc.page: write_markdown(doc) for doc in documents}


def tei_files(documents: list, context_of: Callable) -> dict[str, str]:
    """One TEI P5 document per source, with every page made from it; each valid against tei_all."""
    by_source: dict[str, list] = {}
    for doc in documents:
        by_source.setdefault(doc.source, []).append(doc)
    files = {}
    for source, docs in by_source.items():
        context: Context = context_of(source)
        path = tei_path(context.editorial.source)
        files[path] = write_tei(docs, context)
        validate(files[path], path, (context.edition.version, context.edition.date))
    return files


#: One writer per output format; a new format adds a module and a line here.
WRITERS: dict[str, Callable] = {"markdown": markdown_files, "tei": tei_files, "pdf": pdf_files,
                              "epub": epub_files}
