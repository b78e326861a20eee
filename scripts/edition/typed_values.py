"""What a typed value of the data files must be (a date, a year, a page range, an ISBN, an address…),
each kind read by one reader, and which fields of references.bib and editorial.toml hold which kind:
a value its reader cannot read is refused at its line, never guessed (a year typed "2O00" is not "n.d.")."""
from __future__ import annotations

import re
from datetime import date as calendar_date
from functools import lru_cache
from urllib.parse import urlsplit


def year(value: str) -> str:
    """A year, as EDTF writes one (1954, 0044, -0044)."""
    parsed = edtf(value)
    if type(parsed).__name__ != "Date" or parsed.month is not None:
        raise ValueError
    return value


def date(value: str) -> str:
    """A date of the calendar (YYYY, YYYY-MM or YYYY-MM-DD, EDTF level 0), approximate (~), uncertain (?)
    or both (%), or two joined by '/' (an interval, in order): the forms pandoc's reader carries whole
    into a record (it gives no date at all for 19XX, an open interval or a season)."""
    parsed = edtf(value)
    ends = [parsed.lower, parsed.upper] if type(parsed).__name__ == "Interval" else [parsed]
    days = []
    for end in ends:
        end = end.date if type(end).__name__ == "UncertainOrApproximate" else end
        if type(end).__name__ != "Date":
            raise ValueError
        parts = [int(end.year), int(end.month or 0), int(end.day or 0)]
        if parts[0] > 0:
            calendar_date(parts[0], parts[1] or 1, parts[2] or 1)   # no 30 February, no month 13
        days.append(parts)
    if days != sorted(days):        # an interval ends after it begins
        raise ValueError
    return value


@lru_cache(maxsize=4096)      # pyparsing takes tens of milliseconds a date; a file holds the same ones each build
def edtf(value: str):
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException
    try:
        return parse_edtf(value.strip())
    except (EDTFParseException, ValueError, TypeError):
        raise ValueError from None


def check_digit(number: str):
    """The reader of a standard number whose check digit must be right: python-stdnum's module ``number``."""
    def read(value: str) -> str:
        from importlib import import_module
        from stdnum.exceptions import ValidationError
        try:
            import_module(f"stdnum.{number}").validate(value)
        except ValidationError:
            raise ValueError from None
        return value
    return read


isbn, issn = check_digit("isbn"), check_digit("issn")


#: A page: arabic or roman numerals (lower or upper case), optionally with a prefix letter (S12, A3).
PAGE = r"(?:[A-Za-z]?\d+|[ivxlcdm]+|[IVXLCDM]+)"
PAGES = re.compile(rf"{PAGE}(?:\s*(?:-{{1,2}}|–)\s*{PAGE})?(?:\s*,\s*{PAGE}(?:\s*(?:-{{1,2}}|–)\s*{PAGE})?)*")


def pages(value: str) -> str:
    if not PAGES.fullmatch(value.strip()):
        raise ValueError
    return value


def count(value) -> str:
    """A number of pages: digits, more than none."""
    if not re.fullmatch(r"[1-9]\d*", str(value).strip()):
        raise ValueError
    return str(value)


def doi(value: str) -> str:
    """A DOI as Crossref's pattern gives one, bare or as its address."""
    if not re.fullmatch(r"(?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+", value.strip()):
        raise ValueError
    return value


def url(value: str) -> str:
    """An absolute http(s) address."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
        raise ValueError
    return value


#: A language tag as BCP 47 (RFC 5646) forms one: language (extlangs), script, region, variants,
#: extensions, private use; every such tag is also one XML's xml:lang takes (the TEI, the EPUB).
LANGUAGE = re.compile(r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
                      r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*"
                      r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?|[Xx](?:-[A-Za-z0-9]{1,8})+")


def language(value: str) -> str:
    if not LANGUAGE.fullmatch(value):
        raise ValueError
    return value


#: Each kind: its reader, and what a value of it looks like, as a refusal says it.
KINDS = {
    "year": (year, "a year of digits (2005; EDTF, as biblatex reads it)"),
    "date": (date, "a date YYYY, YYYY-MM or YYYY-MM-DD that the calendar has (EDTF level 0; ~ or ? after it, "
                   "or two joined by '/')"),
    "isbn": (isbn, "an ISBN-10 or ISBN-13 whose check digit is right"),
    "issn": (issn, "an ISSN (NNNN-NNNC) whose check digit is right"),
    "pages": (pages, "pages of digits or roman numerals, a range with a dash (299--337, xi-xv)"),
    "count": (count, "a number of pages, in digits"),
    "doi": (doi, "a DOI (10.NNNN/…)"),
    "url": (url, "an http(s) address"),
    "language": (language, "a language tag of BCP 47 (ja, zh-Hant, ru-Latn)"),
}

#: The typed fields of references.bib (as biblatex names them) and their kinds.
BIB_FIELDS = {"year": "year", "date": "date", "urldate": "date", "origdate": "date", "eventdate": "date",
              "isbn": "isbn", "issn": "issn", "pages": "pages", "pagetotal": "count", "doi": "doi", "url": "url"}
#: The typed CSL variables a [records.KEY] section of editorial.toml may add to a record, and their kinds.
CSL_VARIABLES = {"ISBN": "isbn", "ISSN": "issn", "page": "pages", "number-of-pages": "count", "DOI": "doi",
                 "URL": "url"}
#: A [cite."PAGE"] setting that is an address, and the schema.org properties (its `schema`) that are.
CITE_SETTINGS = {"book_format": "url"}
SCHEMA_PROPERTIES = {**dict.fromkeys(("birthDate", "deathDate", "foundingDate", "dissolutionDate", "datePublished",
                                      "dateCreated", "dateModified"), "date"),
                     **dict.fromkeys(("url", "sameAs"), "url"), "isbn": "isbn", "issn": "issn",
                     "numberOfPages": "count"}


def problem(kind: str, name: str, value) -> str:
    """What is wrong with ``value`` of the field ``name`` of ``kind`` ('' if its reader reads it)."""
    reader, expected = KINDS[kind]
    try:
        if isinstance(value, str) or (kind == "count" and isinstance(value, int) and not isinstance(value, bool)):
            reader(value)
            return ""
    except ValueError:
        pass
    return f"{name} {value!r} cannot be read: expected {expected}"
