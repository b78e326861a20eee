"""What each section of editorial.toml may hold, by reader, with every default declared once here."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .errors import SourceError
from . import typed_values
from .source_text import line_of

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
    if settings.get("cjk_lang") and (wrong := typed_values.problem("language", "cjk_lang", settings["cjk_lang"])):
        refuse("cjk_lang", wrong)
    for key, kind in ENTRIES.items():
        if key in settings:
            for entry in settings[key]:
                for name in entry:
                    if name not in names(kind):
                        refuse(name, f"unknown key {name!r} in a {key} entry (known: {', '.join(names(kind))})")
            settings[key] = [asdict(kind(**entry)) for entry in settings[key]]
    return settings


#: The entries of a page section's lists of tables: the keys each must have and those it may have,
#: with their types (the details' keys are Detail's).
ENTRY_KEYS = {
    "titles": ({"phrase": str}, {"key": str, "lang": str}),
    "sic": ({"phrase": str}, {"explanation": str, "mark": str}),
    "links": ({"key": str}, {"pattern": str, "phrase": str, "scope": str, "explanation": str}),
    "note_expansions": ({"notes": list, "after": str, "text": str}, {"key": str, "explanation": str}),
    "note_additions": ({"note": int, "text": str}, {"key": str, "explanation": str}),
    "details": ({"label": str}, {f.name: type(f.default) for f in fields(Detail) if f.name != "label"}),
}
#: Settings whose entries are regular expressions.
PATTERNS = {"links", "details"}


def entry_problem(name: str, entry) -> str:
    """What is wrong with one entry of the list ``name`` ('' if nothing)."""
    import re
    if not isinstance(entry, dict):
        return f"is {entry!r}, not a table of keys"
    required, optional = ENTRY_KEYS[name]
    for key, kind in {**required, **optional}.items():
        if key in required and key not in entry:
            return f"has no {key!r}"
        if key in entry and not (isinstance(entry[key], kind) and not (kind is int and isinstance(entry[key], bool))):
            return f"{key!r} is {entry[key]!r}, not {'text' if kind is str else 'a ' + kind.__name__}"
    if entry.get("lang") and (wrong := typed_values.problem("language", "'lang'", entry["lang"])):
        return wrong
    if name == "links" and ("pattern" in entry) == ("phrase" in entry):
        return "needs one of 'pattern' and 'phrase'"
    if name in PATTERNS and "pattern" in entry:
        try:
            re.compile(entry["pattern"])
        except re.error as err:
            return f"'pattern' is not a regular expression: {err}"
    return ""


def check_entries(section: dict, refuse_entry) -> None:
    """Every list of tables the section has is a list of well-formed entries; ``refuse_entry(name,
    index, message)`` is called for the first that is not."""
    for name in ENTRY_KEYS:
        if name not in section:
            continue
        entries = section[name]
        if not isinstance(entries, list):
            refuse_entry(name, 0, f"is {entries!r}, not a list of entries")
        for index, entry in enumerate(entries):
            if problem := entry_problem(name, entry):
                refuse_entry(name, index, problem)


def typed_problems(data: dict):
    """(section header, key, what is wrong) for each value of [records.KEY] and [cite."PAGE"] that the
    reader of its kind cannot read (typed_values): an ISBN, an address, a schema.org date."""
    from .typed_values import CITE_SETTINGS, CSL_VARIABLES, SCHEMA_PROPERTIES, problem

    def walk(value, kinds):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in kinds and (wrong := problem(kinds[key], key, item)):
                    yield key, wrong
                yield from walk(item, kinds)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, kinds)
    for section, kinds in (("records", CSL_VARIABLES), ("cite", CITE_SETTINGS)):
        for name, settings in data.get(section, {}).items():
            if not isinstance(settings, dict):
                continue
            header = f'[{section}."{name}"]' if section == "cite" else f"[{section}.{name}]"
            found = [*walk({k: v for k, v in settings.items() if k != "schema"}, kinds),
                     *walk(settings.get("schema", {}), SCHEMA_PROPERTIES)]
            for key, wrong in found[:1]:
                yield header, key, wrong


def check_print(settings: dict, path: Path, raw: str) -> None:
    """Refuse a [print] setting the PDF writer does not know, or a value it cannot take."""
    header = line_of(raw, "[print]") or 0
    for key, value in settings.items():
        line = line_of(raw, f"{key} =", after=header) or header or None
        if key not in PRINT_SETTINGS:
            raise SourceError(path, line, f"[print]: unknown setting {key!r} (known: {', '.join(PRINT_SETTINGS)})")
        if value not in PRINT_SETTINGS[key]:
            raise SourceError(path, line, f"[print]: {key} = {value!r}: expected one of {', '.join(PRINT_SETTINGS[key])}")


def check_typed(data: dict, path: Path, raw: str) -> None:
    """Refuse, at its line, the first typed value of [records] or [cite] its reader cannot read."""
    for header, key, wrong in typed_problems(data):
        at = line_of(raw, header) or 0
        raise SourceError(path, line_of(raw, f"{key} =", after=at) or at or None, f"{header}: {wrong}")


#: The sections that make a page of their own, and the settings each must give.
PAGE_SECTIONS = {"bibliography": {"page": str, "title": str, "groups": list},
                 "series": {"page": str, "title": str},
                 "index": {"title": str, "works_intro": str}}


def check_page_sections(data: dict, path: Path, raw: str) -> None:
    """Refuse a page section without a setting its page needs, or with one of the wrong kind."""
    for name, keys in PAGE_SECTIONS.items():
        section = data.get(name)
        if section is None:
            continue
        header = line_of(raw, f"[{name}]") or line_of(raw, f"[{name}.") or None
        for key, kind in keys.items():
            if not isinstance(section, dict) or not isinstance(section.get(key), kind) or not section.get(key):
                at = line_of(raw, f"{key} =", after=header or 0) if isinstance(section, dict) and key in section else None
                raise SourceError(path, at or header, f"[{name}] needs {key} ({'a list' if kind is list else 'text'})")
    for n, group in enumerate(data.get("bibliography", {}).get("groups", []) if isinstance(data.get("bibliography"), dict) else []):
        if not isinstance(group, dict) or not isinstance(group.get("title"), str) or not isinstance(group.get("keys"), list):
            headers = [i for i, line in enumerate(raw.split("\n"), 1) if line.strip().startswith("[[bibliography.groups]]")]
            raise SourceError(path, headers[n] if n < len(headers) else line_of(raw, "[bibliography]"),
                              f"[bibliography] group {n + 1}: needs its title (text) and keys (a list)")
