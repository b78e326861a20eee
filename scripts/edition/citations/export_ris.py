"""A record as a RIS reference, with the tags the RIS specification and Zotero's RIS import give its
type, written by rispy."""
from __future__ import annotations

import rispy

from .citations import date_parts, text_of

#: CSL type -> RIS reference type (Zotero's RIS.js reads these as book, bookSection, journalArticle, webpage).
TYPES = {"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "review": "JOUR", "review-book": "JOUR",
         "webpage": "ELEC"}
#: The CSL names each type carries, and their tags (rispy's keys): the RIS specification's BOOK has
#: its editor in A3 and its series editor in A2, a chapter or an article its editor in A2.
ROLES = {"BOOK": {"author": "authors", "editor": "tertiary_authors", "collection-editor": "secondary_authors",
                  "translator": "subsidiary_authors"},
         "CHAP": {"author": "authors", "editor": "secondary_authors", "collection-editor": "tertiary_authors",
                  "translator": "subsidiary_authors"},
         "JOUR": {"author": "authors", "editor": "secondary_authors", "translator": "subsidiary_authors"},
         "ELEC": {"author": "authors", "translator": "subsidiary_authors"}}
#: CSL text variable -> {RIS type: rispy key}, only where Zotero's type has the field: a tag that it
#: has not would become a note of "values with no corresponding Zotero field".
ALL = ("BOOK", "CHAP", "JOUR", "ELEC")
TAGS = {"title": dict.fromkeys(ALL, "title"), "title-short": dict.fromkeys(ALL, "short_title"),
        "container-title": dict.fromkeys(("CHAP", "JOUR", "ELEC"), "secondary_title"),
        "collection-title": {"BOOK": "secondary_title", "CHAP": "tertiary_title", "JOUR": "tertiary_title"},
        "collection-number": {"BOOK": "note"}, "volume": dict.fromkeys(("BOOK", "CHAP", "JOUR"), "volume"),
        "issue": {"JOUR": "number"}, "edition": dict.fromkeys(("BOOK", "CHAP"), "edition"),
        "publisher": dict.fromkeys(("BOOK", "CHAP"), "publisher"),
        "publisher-place": dict.fromkeys(("BOOK", "CHAP"), "place_published"),
        "number-of-pages": {"BOOK": "start_page"}, "ISBN": dict.fromkeys(("BOOK", "CHAP"), "issn"),
        "ISSN": {"JOUR": "issn"}, "DOI": dict.fromkeys(ALL, "doi"), "language": dict.fromkeys(ALL, "language")}


class RisFile(rispy.RisWriter):
    """RIS as reference managers write it: no counter line before each reference."""

    def set_header(self, count):
        return ""


def slashed(parts: list[int]) -> str:
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def ris(record: dict) -> str:
    """The record as one RIS reference (its type and names already checked by exports)."""
    kind = TYPES[record["type"]]
    entry = {"type_of_reference": kind}
    for variable, tags in TAGS.items():
        if record.get(variable) and kind in tags:
            entry[tags[kind]] = text_of(str(record[variable]))
    for role, tag in ROLES[kind].items():
        if record.get(role):
            entry[tag] = [", ".join(p for p in (n.get("family"), n.get("given")) if p) or n.get("literal", "")
                          for n in record[role]]
    if record.get("page"):
        first, _, last = record["page"].replace("–", "-").partition("-")
        entry.update({"start_page": first, **({"end_page": last} if last else {})})
    parts = date_parts(record)
    if parts:
        entry.update({"year": str(parts[0]), "date": slashed(parts)})
    accessed = date_parts(record, "accessed")
    if accessed:
        entry["access_date"] = slashed(accessed)
    if record.get("URL"):
        entry["urls"] = [record["URL"]]
    if record.get("reviewed-item"):     # a titled review's reviewed work, in a note: Zotero's RIS import
        entry["notes"] = [f"[Review of] {record['reviewed-item']}"]    # drops RI, "Reviewed Item"

    return rispy.dumps([entry], implementation=RisFile)
