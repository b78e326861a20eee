"""Puts each page's metadata for reference managers (Highwire citation_* tags) and search engines
(schema.org JSON-LD) into its front matter, from the same CSL-JSON records every citation uses."""
from __future__ import annotations

from datetime import datetime

from ..citations.citations import date_parts, text_of
from ..citations.exports import catalogued
from ..model import Document

CONTEXT = "https://schema.org"

#: CSL variable -> Highwire tag, as Zotero's Embedded Metadata translator reads them. A container is
#: a journal for an article or review (Zotero's publicationTitle), a book for a chapter.
CONTAINER_TAG = {"chapter": "citation_inbook_title", "paper-conference": "citation_conference_title"}
SIMPLE_TAGS = {"publisher": "citation_publisher", "ISBN": "citation_isbn", "volume": "citation_volume",
               "issue": "citation_issue", "DOI": "citation_doi", "language": "citation_language"}


def name(person: dict) -> str:
    """A CSL name as Highwire writes it: "Family, Given" (or a literal name)."""
    if "literal" in person:
        return person["literal"]
    return ", ".join(part for part in (person.get("family", ""), person.get("given", "")) if part)


def display_name(person: dict) -> str:
    return person.get("literal") or " ".join(p for p in (person.get("given"), person.get("family")) if p)


def highwire(record: dict) -> list[list[str]]:
    """The record as [tag, content] pairs; a field the record lacks is left out. Highwire cannot
    name a reviewed work: an untitled review gives its catalogue title."""
    record = catalogued(record)
    tags = [["citation_title", text_of(record["title"])]]
    tags += [["citation_author", name(p)] for p in record.get("author", [])]
    tags += [["citation_editor", name(p)] for p in record.get("editor", [])]
    if record.get("container-title"):
        tags.append([CONTAINER_TAG.get(record.get("type"), "citation_journal_title"), text_of(record["container-title"])])
    parts = date_parts(record)
    if parts:
        tags.append(["citation_publication_date", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))])
    for variable, tag in SIMPLE_TAGS.items():
        if record.get(variable):
            tags.append([tag, text_of(str(record[variable]))])
    return tags


def reference(record: dict) -> str:
    """A cited work as Highwire's citation_reference gives it: "citation_title=...; citation_author=..."."""
    return "; ".join(f"{tag}={content}" for tag, content in highwire(record)
                     if tag in ("citation_title", "citation_author", "citation_publication_date", "citation_publisher"))


def book_schema(record: dict) -> dict:
    schema = {"@type": "Book", "name": text_of(record["title"]),
              "author": [{"@type": "Person", "name": display_name(p)} for p in record.get("author", [])]}
    if record.get("ISBN"):
        schema["isbn"] = record["ISBN"]
    if date_parts(record):
        schema["datePublished"] = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date_parts(record)))
    if record.get("number-of-pages"):
        schema["numberOfPages"] = int(record["number-of-pages"])
    return schema


def review_meta(doc: Document, record: dict, works: dict, cited: list[str]) -> None:
    doc.meta["highwire"] = highwire(record)
    doc.meta["references"] = [reference(works[k]) for k in cited]
    schema = {"@context": CONTEXT, "@type": "Review", "name": text_of(catalogued(record)["title"]),
              "author": [{"@type": "Person", "name": display_name(p)} for p in record.get("author", [])],
              "citation": [text_of(works[k]["title"]) for k in cited]}
    reviewed_title = record.get("reviewed-title") or (record["title"] if record.get("reviewed-author") else "")
    if reviewed_title:
        reviewed = next((w for w in works.values() if w["title"] == reviewed_title and w is not record), None)
        schema["itemReviewed"] = book_schema(reviewed) if reviewed else {"@type": "Book", "name": text_of(reviewed_title)}
    if record.get("language"):
        schema["inLanguage"] = record["language"]
    doc.meta["schema"] = schema


def book_meta(doc: Document, record: dict, details: dict, book_format: str = "") -> None:
    """The Book as the listing gives it: publisher, date and price from the listing, the rest from its record."""
    doc.meta["highwire"] = highwire(record)
    schema = {"@context": CONTEXT, **book_schema(record)}
    if details.get("Publisher"):
        schema["publisher"] = {"@type": "Organization", "name": details["Publisher"]}
    if details.get("Year of publication"):
        try:
            schema["datePublished"] = datetime.strptime(details["Year of publication"], "%d %B %Y").date().isoformat()
        except ValueError:      # not a date ("40 September 2006"): shown as given, and no date is invented
            pass
    if book_format:
        schema["bookFormat"] = book_format
    if details.get("Price"):
        currency, _, amount = details["Price"].partition(" ")
        schema["offers"] = {"@type": "Offer", "price": amount.replace(",", ""), "priceCurrency": currency}
    doc.meta["schema"] = schema
