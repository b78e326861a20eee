"""Records as reference managers import them: BibTeX (pybtex), RIS (rispy), CSL-JSON (pandoc), COinS."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from . import export_bibtex, export_ris
from .citations import date_parts, pandoc, text_of

#: Download formats: file suffix -> label shown to readers.
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}

#: A review's catalogue title: a description of it in brackets ("[Review of] Author, Title"), not a
#: title to quote. Formats that cannot name the reviewed work's author (BibTeX and RIS as Zotero
#: reads them, Highwire, COinS) give it instead of the reviewed title the record cites.
CATALOGUE_TITLE = "catalogue-title"
#: Variables of a record that are the editors' and stay on the site (the Bibliography's notes).
EDITORIAL = ("annote", CATALOGUE_TITLE)
#: CSL type -> the CSL-JSON download's type, one Zotero reads as the right item type: a review is a
#: journal article whose reviewed-author Zotero keeps (CSL styles still cite it "review of ...").
CSL_TYPES = {"book": "book", "chapter": "chapter", "article-journal": "article-journal", "review": "article-journal",
             "review-book": "article-journal", "webpage": "webpage"}
#: The CSL names Zotero keeps as creators of each type it reads from CSL-JSON.
CSL_ROLES = {"book": ("author", "editor", "translator", "collection-editor"),
             "chapter": ("author", "editor", "translator", "collection-editor", "container-author"),
             "article-journal": ("author", "editor", "translator", "reviewed-author"),
             "webpage": ("author", "translator")}
#: CSL 1.0.2's name variables.
NAMES = ("author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
         "curator", "director", "editor", "editorial-director", "editor-translator", "executive-producer", "guest",
         "host", "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer",
         "recipient", "reviewed-author", "script-writer", "series-creator", "translator")
REVIEWED = ("reviewed-author", "reviewed-title")
#: A titled review's reviewed work, as text, in the formats with no reviewed author (a note in BibTeX
#: and RIS, which Zotero imports as the item's note): "Tsuyoshi Hasegawa, Racing the Enemy: …".
REVIEWED_ITEM = "reviewed-item"


def reviewed_item(record: dict) -> str:
    """A titled review's reviewed work as one line of text (its author, its title), else ""."""
    if not record.get("reviewed-title") or record.get(CATALOGUE_TITLE):
        return ""
    names = " and ".join(" ".join(p for p in (n.get("given"), n.get("non-dropping-particle"), n.get("family"),
                                              n.get("literal")) if p) for n in record.get("reviewed-author", []))
    return ", ".join(part for part in (names, text_of(record["reviewed-title"])) if part)


def catalogued(record: dict) -> dict:
    """The record as a format without the reviewed work's author sees it: its catalogue title."""
    if not record.get(CATALOGUE_TITLE):
        return record
    drop = (*REVIEWED, "title-short", CATALOGUE_TITLE)
    return {**{k: v for k, v in record.items() if k not in drop}, "title": record[CATALOGUE_TITLE]}


def problem(record: dict) -> str | None:
    """What a download could not say of the record (its type, or a creator in its role), or None."""
    kind = record.get("type")
    for label, types, roles in (("BibTeX", export_bibtex.TYPES, export_bibtex.ROLES),
                                ("RIS", export_ris.TYPES, export_ris.ROLES),
                                ("CSL-JSON", CSL_TYPES, CSL_ROLES)):
        if kind not in types:
            return f"record {record.get('id')!r} is a {kind!r}, which the {label} download cannot say"
        carried = set(roles[types[kind]])
        if record.get(CATALOGUE_TITLE) or record.get("reviewed-title"):
            carried |= set(REVIEWED)          # its catalogue title, or its reviewed item, names them
        for role in NAMES:
            if record.get(role) and role not in carried:
                hint = " (an untitled review can be given its catalogue title)" if role in REVIEWED else ""
                return (f"record {record.get('id')!r}: the {label} download cannot say who its {role!r} "
                        f"is (as a {kind!r}){hint}")
    return None


def export(records: list[dict], cached) -> dict[str, str]:
    """Every record in every format: {"ID.bib": text, "ID.ris": text, "ID.json": text}, without the
    editors' notes. ``cached(kind, request, compute)`` keeps pandoc's answers between builds."""
    if not records:
        return {}
    # a date without parts (pandoc's for a year it cannot read) left out: pandoc would write it as year 0
    shared = [{k: v for k, v in r.items() if k not in EDITORIAL and v != {"date-parts": []}} for r in records]
    data = json.dumps([{**r, "type": CSL_TYPES[r["type"]]} for r in shared], ensure_ascii=False)
    csl = json.loads(cached("csljson", data, lambda: pandoc(data, [], fmt="csljson", to="csljson")))
    files = {}
    for record, converted in zip(records, csl):
        written = {k: v for k, v in catalogued(record).items() if k not in EDITORIAL}
        if reviewed_item(record):
            written[REVIEWED_ITEM] = reviewed_item(record)
        files[f"{record['id']}.bib"] = export_bibtex.bibtex(written)
        files[f"{record['id']}.json"] = json.dumps([converted], ensure_ascii=False, indent=2) + "\n"
        files[f"{record['id']}.ris"] = export_ris.ris(written)
    return files


def coins(record: dict) -> str:
    """The record as a COinS ContextObject (Z39.88-2004, key/encoded-value), as Zotero's COinS
    translator reads it: a book, a chapter of one, or an article (a review, a roundtable's text)."""
    record = catalogued(record)
    kind = record.get("type")
    title, container = text_of(record["title"]), text_of(record.get("container-title", ""))
    pairs = [("ctx_ver", "Z39.88-2004")]
    if kind in ("book", "chapter"):
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "bookitem" if kind == "chapter" else "book")]
        pairs += [("rft.atitle", title), ("rft.btitle", container)] if kind == "chapter" else [("rft.btitle", title)]
    else:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "article"),
                  ("rft.atitle", title), ("rft.jtitle", container)]
    for person in record.get("author", []):      # COinS has no editor: an edited book names none
        pairs.append(("rft.au", ", ".join(p for p in (person.get("family"), person.get("given")) if p)))
    parts = date_parts(record)
    if parts:
        pairs.append(("rft.date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    for variable, key in (("publisher", "rft.pub"), ("publisher-place", "rft.place"), ("ISBN", "rft.isbn"),
                          ("collection-title", "rft.series")):
        if record.get(variable):
            pairs.append((key, text_of(str(record[variable]))))
    return urlencode([(k, v) for k, v in pairs if v])
