"""What an entry of the register of names (sources/names.toml) may hold, with every default declared once here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: The kinds of entry, each with the Index page's section and the TEI's list, entry and name elements.
#: (A work is not an entry: it is its references.bib entry, and the Index points into the Bibliography.)
KINDS = {"person": ("Persons", "listPerson", "person", "persName"),
         "place": ("Places", "listPlace", "place", "placeName"),
         "organisation": ("Organisations", "listOrg", "org", "orgName")}

#: The authorities whose identifiers an entry may carry: the form each one's identifiers take (the
#: format constraints Wikidata records for them: P214 VIAF, P227 GND) and the address of one.
AUTHORITIES = {
    "wikidata": ("Wikidata", re.compile(r"Q[1-9]\d*"), "https://www.wikidata.org/wiki/{}"),
    "viaf": ("VIAF", re.compile(r"[1-9]\d(?:\d{0,7}|\d{17,20})"), "https://viaf.org/viaf/{}"),
    "gnd": ("GND", re.compile(r"1[012]?\d{7}[0-9X]|[47]\d{6}-\d|[1-9]\d{0,7}-[0-9X]|3\d{7}[0-9X]"),
            "https://d-nb.info/gnd/{}"),
}

#: An entry's id: its anchor on the Index page and its xml:id in the TEI.
ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass
class Form:
    """A form of the name as the texts print it (``lang`` its language, if not English); ``reason``:
    the editors' reason for taking it as this entry's name where the texts do not say so."""
    form: str
    lang: str = ""
    reason: str = ""


@dataclass
class KnownAs:
    """A name the texts do not use for the entry (a usual spelling, the name of "the Emperor"),
    added by the editors with their reason: never looked for in the texts, shown as editorial."""
    name: str
    reason: str = ""          # required: the loader refuses a name without one
    lang: str = ""


@dataclass
class Authority:
    """An authority file's identifier of the entry, the reference that confirms it, and the editors'
    reason for this item where the texts' word could name more than one."""
    id: str
    reference: str
    reason: str = ""


@dataclass
class Entry:
    """A person, place or organisation the texts name: the heading the Index prints, the forms the
    texts use, and what the texts say of it (``description``, in their words) with where (``at``:
    "review ¶ 11", "book praise 4", "author ¶ 1", "review n. 1", "book, publication details")."""
    id: str
    kind: str
    heading: str
    forms: list
    description: str = ""
    at: str = ""
    known_as: list = field(default_factory=list)
    authorities: dict = field(default_factory=dict)     # authority -> Authority
    line: int = 0                                       # where it begins in the register file


#: The keys an entry's table may have (the authorities are keys of their own: wikidata = {...}).
ENTRY_KEYS = {"kind", "heading", "forms", "description", "at", "known_as", *AUTHORITIES}
FORM_KEYS = {"form", "lang", "reason"}
KNOWN_AS_KEYS = {"name", "reason", "lang"}
AUTHORITY_KEYS = {"id", "reference", "reason"}
