"""What each section of editorial.toml may hold, by reader, with every default declared once here."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

#: Keys every page section has, whatever its reader.
PAGE_KEYS = {"source", "page", "title", "description", "titles", "sic", "reader"}
#: The file's sections that are not pages.
OTHER_SECTIONS = {"citations", "records", "cite", "bibliography", "series", "index", "tei", "print"}
#: What [print] may set, and the values each may take (the default is config.PRINT_PAPER).
PRINT_SETTINGS = {"paper": ("A4", "letter")}


@dataclass
class ReviewSettings:
    """A review: who wrote it as the editors attribute it, the byline's words, links and additions."""
    reviewer: str = ""
    attribution: str = ""
    byline_label: str = "Reviewer: "
    byline_explanation: str = ""          # shown on the name; the attribution when empty
    reviewer_unknown: str = "[not known]"
    links: list = field(default_factory=list)            # {pattern | phrase, key, scope, explanation}
    note_expansions: list = field(default_factory=list)  # {notes, after, text, key, explanation}
    note_additions: list = field(default_factory=list)   # {note, text, key, explanation}


@dataclass
class Detail:
    """A field of the listing's details block, as the editors declare it."""
    label: str
    pattern: str = "."
    printed: bool = True      # False: the scrape lost the label, the editors restore it
    shown_as: str = ""
    note: str = ""
    missing: str = ""
    addition: str = ""


@dataclass
class ListingSettings:
    """A book listing: its author page, byline, sections, details, and the furniture to drop."""
    author_page: str = "author.md"
    author_description: str = ""
    byline: str = ""
    cjk_lang: str = ""
    sections: dict = field(default_factory=dict)          # section name -> the listing's label line
    furniture: list = field(default_factory=list)
    details: list = field(default_factory=list)           # Detail, as dicts


#: The settings of each reader's sections.
SETTINGS = {"review": ReviewSettings, "listing": ListingSettings}
#: Lists of tables whose entries are checked too (their keys, and their defaults filled in).
ENTRIES = {"details": Detail}


def names(kind) -> list[str]:
    return [f.name for f in fields(kind)]


def settings_of(reader: str, section: dict, refuse) -> dict:
    """The section's settings for ``reader`` with the defaults filled in; ``refuse(key, message)``
    is called for a key the reader does not know."""
    known = SETTINGS[reader]
    for key in section:
        if key not in PAGE_KEYS and key not in names(known):
            refuse(key, f"unknown setting {key!r} for the {reader} reader (known: {', '.join(names(known))})")
    settings = {**asdict(known()), **{k: v for k, v in section.items() if k not in PAGE_KEYS}}
    for key, kind in ENTRIES.items():
        if key in settings:
            for entry in settings[key]:
                for name in entry:
                    if name not in names(kind):
                        refuse(name, f"unknown key {name!r} in a {key} entry (known: {', '.join(names(kind))})")
            settings[key] = [asdict(kind(**entry)) for entry in settings[key]]
    return settings
