"""A record as a BibTeX entry that Zotero's BibTeX import and biblatex both read, written by pybtex."""
from __future__ import annotations

import codecs
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

from .citations import date_parts, text_of

#: CSL type -> entry type (Zotero's BibTeX.js reads these as book, bookSection, journalArticle, webpage).
TYPES = {"book": "book", "chapter": "incollection", "article-journal": "article", "review": "article",
         "review-book": "article", "webpage": "online"}
#: The CSL names an entry type carries as creators: Zotero's import reads author, editor and
#: translator only (a web page in Zotero has no editor).
ROLES = {"book": ("author", "editor", "translator"), "incollection": ("author", "editor", "translator"),
         "article": ("author", "editor", "translator"), "online": ("author", "translator")}
#: CSL text variable -> field, in the order written. The container's field depends on the type: a
#: web site's name is `titleaddon` for biblatex and `journaltitle` for Zotero (its websiteTitle).
FIELDS = {"title": "title", "title-short": "shorttitle", "container-title": None, "collection-title": "series",
          "collection-number": "number", "volume": "volume", "issue": "number", "edition": "edition",
          "version": "version", "publisher": "publisher", "publisher-place": "location", "page": "pages",
          "number-of-pages": "pagetotal", "ISBN": "isbn", "ISSN": "issn", "DOI": "doi", "URL": "url"}
CONTAINER = {"article": ("journaltitle",), "incollection": ("booktitle",), "online": ("titleaddon", "journaltitle")}
DATES = {"issued": "date", "accessed": "urldate"}
#: Fields whose case biblatex styles may change: what must keep its case goes in braces.
TITLES = {"title", "shorttitle", "journaltitle", "booktitle", "series", "titleaddon"}
#: Read as written, not as TeX (biblatex's verbatim fields; Zotero takes their raw value).
VERBATIM = {"url", "doi", "isbn", "issn"}
#: A record's language (its primary subtag) as biblatex's langid, a babel language name.
LANGID = {"en": "english", "ru": "russian", "ja": "japanese", "fr": "french", "de": "ngerman"}


class BibFile(Writer):
    """pybtex's BibTeX writer, every value in braces, verbatim fields unescaped, others escaped as TeX."""

    def quote(self, s):
        self.check_braces(s)
        return f"{{{s}}}"

    def _write_field(self, stream, type, value):
        stream.write(f",\n  {type} = {self.quote(value)}")


#: TeX's own characters that latexcodec passes as they are (it escapes %, &, #, _ and ~): written as
#: the characters, so that a backslash, brace or dollar in a title is printed, never run, grouped or set as math.
SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "^": r"\textasciicircum{}"}


def tex(text: str) -> str:
    return codecs.encode("".join(SPECIALS.get(c, c) for c in text), "ulatex+utf8")


def tex_title(text: str) -> str:
    """A CSL title as TeX: what is marked nocase (proper nouns, acronyms) in braces, nothing else."""
    parts = re.split(r'<span class="nocase">(.*?)</span>', text)
    return "".join(f"{{{tex(text_of(part))}}}" if odd else tex(text_of(part)) for odd, part in
                   ((i % 2, part) for i, part in enumerate(parts)) if part)


def person(name: dict) -> Person:
    if "literal" in name:
        return Person(f"{{{tex(name['literal'])}}}")
    return Person(first=tex(name.get("given", "")), prelast=tex(name.get("non-dropping-particle", "")),
                  last=tex(name.get("family", "")))


def iso(parts: list[int]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def bibtex(record: dict) -> str:
    """The record as one BibTeX entry (the record's type and names already checked by exports)."""
    kind = TYPES[record["type"]]
    fields = {}
    for variable, field in FIELDS.items():
        value = record.get(variable)
        if not value:
            continue
        for name in (CONTAINER.get(kind, ()) if field is None else (field,)):
            text = str(value)
            fields[name] = text if name in VERBATIM else tex_title(text) if name in TITLES else tex(text_of(text))
    for variable, field in DATES.items():
        parts = date_parts(record, variable)
        if parts:
            fields[field] = iso(parts)
    if record.get("reviewed-item"):     # a titled review's reviewed work, as its catalogue title names it
        fields["note"] = tex(f"[Review of] {record['reviewed-item']}")
    langid = LANGID.get(record.get("language", "").split("-")[0])
    if langid:
        fields["langid"] = langid
    persons = {role: [person(n) for n in record[role]] for role in ROLES[kind] if record.get(role)}
    entry = Entry(kind, fields=fields, persons=persons)
    return BibFile().to_string(BibliographyData({record["id"]: entry})).strip() + "\n"
