"""Which reader makes which page, and writing a converted page to a folder."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import editorial as editorial_data
from .listing_reader import read_listing
from .markdown_writer import write
from .review_reader import read_review

#: One reader per kind of source; a new kind of source adds a reader here.
READERS = {"review": read_review, "listing": read_listing}


def convert(kind: str, source: Path, decisions: dict) -> dict[str, str]:
    """Markdown of the page(s) made from ``source``, by path under docs/."""
    if kind not in READERS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(READERS)}")
    documents = READERS[kind](source, decisions[kind])
    if not isinstance(documents, list):
        documents = [documents]
    return {page: write(doc) for page, doc in documents_by_page(documents, decisions[kind])}


def documents_by_page(documents, editorial) -> list:
    return [(doc.page or editorial.page, doc) for doc in documents]


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


def all_pages(decisions: dict, sources_dir: Path) -> dict[str, str]:
    pages = {}
    for kind, editorial in decisions.items():
        if kind in READERS:
            pages.update(convert(kind, sources_dir / editorial.source, decisions))
    return pages


load_decisions = editorial_data.load
