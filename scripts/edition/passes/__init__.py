"""The passes, listed once in order: each takes the documents and what they need (a PassContext) and returns them finished a step further."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..errors import SourceError
from .bibliography_page import add_notes, bibliography_document, check_keys, citing_places, inline_lists, keys_in
from .cite_this import add_controls
from .index_page import index_document
from .mentions import find_mentions
from .margin_notes import add_margin_notes
from .metadata import CONTEXT, book_meta, review_meta
from .series_page import series_document
from .source_view import link_page_starts
from .. import config


@dataclass
class PassContext:
    """What the passes need beyond the documents: the decisions, the bibliography and its records,
    the source view of each source (by its label; none when one source is converted alone),
    whether the edition's Bibliography and Index pages are made (the whole edition: not when one
    source is converted alone), and the register of names (sources/names.toml)."""
    decisions: object
    bibliography: object
    works: dict
    views: dict = field(default_factory=dict)
    bibliography_page: bool = False
    register: object = None

    def work(self, settings: dict, field_name: str) -> dict:
        """The record of the work a page's [cite] section names in ``field_name`` (refused if unknown)."""
        key = settings[field_name]
        if not isinstance(key, str) or key not in self.works:
            raise SourceError(self.decisions.file, self.decisions.line_of(f"{field_name} = {json.dumps(key)}"),
                              f"{field_name} = {key!r}: {self.bibliography.file.name} does not have it")
        return self.works[key]

    def cite(self, doc) -> dict | None:
        """The cite settings of a document's page: pages with these are cited, and get controls."""
        return self.decisions.sections.get("cite", {}).get(doc.page)


def page_starts_linked(documents: list, ctx: PassContext) -> list:
    for doc in documents:
        if doc.source in ctx.views:
            link_page_starts(doc, ctx.views[doc.source])
    return documents


def keys_checked(documents: list, ctx: PassContext) -> list:
    check_keys(documents, ctx.bibliography, ctx.decisions)
    return documents


def with_bibliography_page(documents: list, ctx: PassContext) -> list:
    """The Bibliography page, with links back to every place of the other pages that cites an entry."""
    if not ctx.bibliography_page:
        return documents
    return documents + [bibliography_document(ctx.bibliography, ctx.decisions, ctx.works,
                                              citing_places(documents, page_labels(ctx)))]


def page_labels(ctx: PassContext) -> dict[str, str]:
    """Page -> the label the Bibliography and the Index name it by ("Review")."""
    return {page: settings.get("label", page) for page, settings in ctx.decisions.sections.get("cite", {}).items()}


def names_found(documents: list, ctx: PassContext) -> list:
    """Every form the register names, found in the authors' words, becomes a mention of its entry; for
    the whole edition, a form found in no text is refused (stale), as is a description not in its place."""
    if ctx.register is not None:
        find_mentions(documents, ctx.register, page_labels(ctx), whole=ctx.bibliography_page)
    return documents


def index_settings(decisions) -> dict:
    """[index] of the editorial file, with the page, its download and the Bibliography's page."""
    return {"page": config.INDEX_PAGE, "json": config.INDEX_JSON,
            "bibliography": decisions.sections.get("bibliography", {}).get("page", "bibliography.md"),
            **decisions.sections.get("index", {})}


def with_index_page(documents: list, ctx: PassContext) -> list:
    """The Index page, with links to every place of the texts that names each entry or work."""
    if not ctx.bibliography_page or ctx.register is None or not ctx.register.entries:
        return documents
    if "index" not in ctx.decisions.sections:
        raise SourceError(ctx.decisions.file, max(1, len(ctx.decisions.raw.rstrip().split("\n"))),
                          f"no [index] section: the Index of {ctx.register.file.name}'s entries needs its title and works_intro")
    settings = index_settings(ctx.decisions)
    texts = [doc for doc in documents if doc.page != settings["bibliography"]]
    return documents + [index_document(ctx.register, texts, page_labels(ctx), settings, ctx.bibliography, ctx.works,
                                       set(ctx.bibliography.keys))]


def with_series_page(documents: list, ctx: PassContext) -> list:
    """The series page, listing every review: the navigation names it, not each review."""
    page = series_document(ctx.decisions, documents) if ctx.bibliography_page else None
    return documents + [page] if page else documents


def citation_notes(documents: list, ctx: PassContext) -> list:
    add_notes(documents, ctx.bibliography, ctx.works)
    return documents


def margin_notes(documents: list, ctx: PassContext) -> list:
    for doc in documents:
        add_margin_notes(doc)
    return documents


def metadata(documents: list, ctx: PassContext) -> list:
    """Citation metadata of each cited page: of a review, of a book, or a schema.org type."""
    for doc in documents:
        settings = ctx.cite(doc)
        if settings is None:
            continue
        if settings.get("work"):
            cited = list(dict.fromkeys(k for _, _, inlines in inline_lists(doc) for k in keys_in(inlines)))
            review_meta(doc, ctx.work(settings, "work"), ctx.works, cited)
        elif settings.get("about"):
            book_meta(doc, ctx.work(settings, "about"), doc.data.get("details", {}), settings.get("book_format", ""))
        elif settings.get("schema"):
            doc.meta["schema"] = {"@context": CONTEXT, **settings["schema"], **doc.meta.get("schema", {})}
    return documents


def cite_controls(documents: list, ctx: PassContext) -> list:
    for doc in documents:
        if ctx.cite(doc) is not None:
            doc.meta.setdefault("hide", ["navigation"])    # the tabs navigate; the margin takes the notes
            add_controls(doc)
    return documents


#: In order: page markers linked to their source lines; cited keys checked; names found; the
#: Bibliography page made from the pages' citations; the Index page from their names; the series page
#: listing the reviews; locators given their notes; margin copies of the notes; metadata; cite controls.
PASSES = (page_starts_linked, keys_checked, names_found, with_bibliography_page, with_index_page, with_series_page,
          citation_notes, margin_notes, metadata, cite_controls)


def finish(documents: list, ctx: PassContext) -> list:
    for run in PASSES:
        documents = run(documents, ctx)
    return documents
