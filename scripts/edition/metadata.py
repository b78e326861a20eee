"""Puts each page's citation metadata (Highwire tags, schema.org JSON-LD) into its front matter."""
from __future__ import annotations

from datetime import datetime

from .bibliography_page import inline_lists, keys_in
from .citations import Bibliography
from .model import Document

CONTEXT = "https://schema.org"


def person(bib_name: str) -> dict:
    family, _, given = bib_name.partition(", ")
    return {"@type": "Person", "name": f"{given} {family}".strip()}


def authors(bibliography: Bibliography, key: str) -> list[str]:
    persons = bibliography.data.entries[key].persons
    return [str(p) for p in persons.get("author", []) or persons.get("editor", [])]


def highwire_reference(bibliography: Bibliography, key: str) -> str:
    """A work as Highwire's citation_reference gives it: "citation_title=...; citation_author=..."."""
    parts = [f"citation_title={bibliography.field(key, 'title').replace('--', '–')}"]
    parts += [f"citation_author={name}" for name in authors(bibliography, key)]
    if bibliography.field(key, "year"):
        parts.append(f"citation_publication_date={bibliography.field(key, 'year')}")
    if bibliography.field(key, "publisher"):
        parts.append(f"citation_publisher={bibliography.field(key, 'publisher').strip('{}')}")
    return "; ".join(parts)


def book_schema(bibliography: Bibliography, key: str) -> dict:
    schema = {"@type": "Book", "name": bibliography.field(key, "title"),
              "author": [person(name) for name in authors(bibliography, key)]}
    if bibliography.field(key, "isbn"):
        schema["isbn"] = bibliography.field(key, "isbn")
    if bibliography.field(key, "year"):
        schema["datePublished"] = bibliography.field(key, "date") or bibliography.field(key, "year")
    return schema


def review_meta(doc: Document, settings: dict, bibliography: Bibliography) -> None:
    key, reviewed = settings["bib_key"], settings["reviewed_key"]
    cited = list(dict.fromkeys(k for _, _, inlines in inline_lists(doc) for k in keys_in(inlines)))
    doc.meta["citation"] = {
        "title": bibliography.field(key, "title"),
        "authors": authors(bibliography, key),
        "language": settings.get("language", "en"),
        "references": [highwire_reference(bibliography, k) for k in cited],
    }
    doc.meta["schema"] = {
        "@context": CONTEXT, "@type": "Review", "name": bibliography.field(key, "title"),
        "author": [person(name) for name in authors(bibliography, key)],
        "itemReviewed": book_schema(bibliography, reviewed), "inLanguage": settings.get("language", "en"),
        "citation": [highwire_reference(bibliography, k).split("; ")[0][len("citation_title="):] for k in cited],
    }


def listing_book_meta(doc: Document, settings: dict, bibliography: Bibliography, details: dict) -> None:
    """The Book as the listing gives it: publisher, date and price from the listing, ISBN from the bibliography."""
    schema = {"@context": CONTEXT, **book_schema(bibliography, settings["bib_key"])}
    if details.get("Publisher"):
        schema["publisher"] = {"@type": "Organization", "name": details["Publisher"]}
    if details.get("Year of publication"):
        schema["datePublished"] = datetime.strptime(details["Year of publication"], "%d %B %Y").date().isoformat()
    if bibliography.field(settings["bib_key"], "pagetotal"):
        schema["numberOfPages"] = int(bibliography.field(settings["bib_key"], "pagetotal"))
    if settings.get("book_format"):
        schema["bookFormat"] = settings["book_format"]
    if details.get("Price"):
        currency, _, amount = details["Price"].partition(" ")
        schema["offers"] = {"@type": "Offer", "price": amount.replace(",", ""), "priceCurrency": currency}
    doc.meta["schema"] = schema


def add_metadata(documents: list[Document], decisions, bibliography: Bibliography) -> None:
    sections = decisions.sections.get("metadata", {})
    for doc in documents:
        settings = sections.get(doc.page)
        if not settings:
            continue
        if "reviewed_key" in settings:
            review_meta(doc, settings, bibliography)
        elif "bib_key" in settings:
            listing_book_meta(doc, settings, bibliography, doc.data.get("details", {}))
        else:
            doc.meta["schema"] = {"@context": CONTEXT, **settings["schema"]}
