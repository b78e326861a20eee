"""Records as reference managers import them: BibLaTeX and CSL-JSON (pandoc), RIS (rispy), COinS."""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import rispy

from .citations import pandoc, plain

#: Download formats: file suffix -> label shown to readers.
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}

#: pandoc's BibLaTeX writer knows CSL's "review" but not "review-book" (a review of a book).
BIBLATEX_TYPE = {"review-book": "review"}
#: CSL type -> RIS type (the RIS specification's reference types).
RIS_TYPE = {"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "review": "JOUR", "review-book": "JOUR",
            "webpage": "ELEC", "report": "RPRT", "thesis": "THES"}


class RisFile(rispy.RisWriter):
    """RIS as reference managers write it: no counter line before each reference."""

    def set_header(self, count):
        return ""


def export(records: list[dict], cached) -> dict[str, str]:
    """Every record in every format: {"ID.bib": text, "ID.ris": text, "ID.json": text}.
    ``cached(kind, request, compute)`` keeps pandoc's answers between builds."""
    if not records:
        return {}
    data = json.dumps([{**r, "type": BIBLATEX_TYPE.get(r["type"], r["type"])} for r in records], ensure_ascii=False)
    bib = cached("biblatex", data, lambda: pandoc(data, [], fmt="csljson", to="biblatex"))
    plain_data = json.dumps(records, ensure_ascii=False)
    csl = json.loads(cached("csljson", plain_data, lambda: pandoc(plain_data, [], fmt="csljson", to="csljson")))
    entries = {m.group(1): m.group(0).strip() + "\n" for m in re.finditer(r"^@\w+\{([^,]+),.*?^\}$", bib, re.M | re.S)}
    files = {}
    for record, converted in zip(records, csl):
        files[f"{record['id']}.bib"] = entries[record["id"]]
        files[f"{record['id']}.json"] = json.dumps([converted], ensure_ascii=False, indent=2) + "\n"
        files[f"{record['id']}.ris"] = rispy.dumps([ris(record)], implementation=RisFile)
    return files


def ris(record: dict) -> dict:
    """A record as rispy's fields."""
    entry = {"type_of_reference": RIS_TYPE.get(record.get("type"), "GEN"), "title": plain(record["title"])}
    names = lambda key: [", ".join(p for p in (n.get("family"), n.get("given")) if p) or n.get("literal", "")
                         for n in record.get(key, [])]
    if record.get("author"):
        entry["authors"] = names("author")
    if record.get("editor"):
        entry["secondary_authors"] = names("editor")      # A2: the editor, as Zotero and pandoc read it
    if record.get("container-title"):
        entry["secondary_title"] = plain(record["container-title"])
    if record.get("reviewed-title"):
        entry["reviewed_item"] = plain(record["reviewed-title"])
    parts = (record.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        entry["year"] = str(parts[0])
        entry["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    for variable, field in (("publisher", "publisher"), ("publisher-place", "place_published"), ("ISBN", "issn"),
                            ("edition", "edition"), ("language", "language"), ("collection-title", "tertiary_title"),
                            ("version", "edition")):
        if record.get(variable):
            entry[field] = plain(str(record[variable]))
    if record.get("URL"):
        entry["urls"] = [record["URL"]]
    return entry


def coins(record: dict) -> str:
    """The record as a COinS ContextObject (Z39.88-2004, key/encoded-value), as Zotero's COinS
    translator reads it: a book, a chapter of one, or an article (a review, a roundtable's text)."""
    kind = record.get("type")
    title, container = plain(record["title"]), plain(record.get("container-title", ""))
    pairs = [("ctx_ver", "Z39.88-2004")]
    if kind in ("book", "chapter"):
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "bookitem" if kind == "chapter" else "book")]
        pairs += [("rft.atitle", title), ("rft.btitle", container)] if kind == "chapter" else [("rft.btitle", title)]
    else:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "article"),
                  ("rft.atitle", title), ("rft.jtitle", container)]
    for person in record.get("author", []):      # COinS has no editor: an edited book names none
        pairs.append(("rft.au", ", ".join(p for p in (person.get("family"), person.get("given")) if p)))
    parts = (record.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        pairs.append(("rft.date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    for variable, key in (("publisher", "rft.pub"), ("publisher-place", "rft.place"), ("ISBN", "rft.isbn"),
                          ("collection-title", "rft.series")):
        if record.get(variable):
            pairs.append((key, plain(str(record[variable]))))
    return urlencode([(k, v) for k, v in pairs if v])
