"""Loads sources/names.toml, the register of the persons, places and organisations the texts name, typed and checked."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from .names_schema import (AUTHORITIES, AUTHORITY_KEYS, ENTRY_KEYS, FORM_KEYS, ID, KINDS, KNOWN_AS_KEYS, Authority,
    Entry, Form, KnownAs)
from ..source_text import line_of, read_toml
from ..typed_values import problem


@dataclass
class Register:
    """The register's entries in the file's order, and where in the file each thing is said."""
    file: Path | None = None
    raw: str = ""
    entries: list = field(default_factory=list)

    def line_of(self, needle: str, after: int = 0) -> int | None:
        return line_of(self.raw, needle, after) or (after or None)

    def entry(self, ident: str) -> Entry:
        return next(e for e in self.entries if e.id == ident)

    def forms(self) -> dict[str, tuple[Entry, Form]]:
        """Every form the texts are searched for, with its entry."""
        return {form.form: (entry, form) for entry in self.entries for form in entry.forms}

    def form_line(self, entry: Entry, form: str) -> int | None:
        return self.line_of(toml_string(form), entry.line)


def toml_string(text: str) -> str:
    """How a string stands in the file (as a basic string), to find its line."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load(path: Path) -> Register:
    """The register at ``path``; no file, an empty register (no text has names linked)."""
    path = Path(path)
    if not path.exists():
        return Register(path)
    raw, data = read_toml(path)
    register = Register(path, raw)
    claimed: dict[str, str] = {}
    for ident, table in data.items():
        header = line_of(raw, f"[{ident}]") or line_of(raw, f"[{ident}.") or 1
        entry = parse_entry(register, ident, table, header)
        for form in entry.forms:
            if form.form in claimed:
                raise SourceError(path, register.form_line(entry, form.form),
                                  f"[{ident}]: the form {form.form!r} is already [{claimed[form.form]}]'s: "
                                  f"a form names one entry (say which, or use a longer form)")
            claimed[form.form] = ident
        register.entries.append(entry)
    return register


def parse_entry(register: Register, ident: str, table, header: int) -> Entry:
    def refuse(message: str, needle: str | None = None):
        line = register.line_of(needle, header) if needle else header
        raise SourceError(register.file, line, f"[{ident}]: {message}")

    if not isinstance(table, dict):
        refuse("an entry is a table ([id] with kind, heading and forms)")
    if not ID.fullmatch(ident):
        refuse("an entry's id is lower-case letters and digits, words joined by hyphens (it is the entry's anchor)")
    for key in table:
        if key not in ENTRY_KEYS:
            refuse(f"unknown key {key!r} (known: {', '.join(sorted(ENTRY_KEYS))})", f"{key} =")
    for key in ("kind", "heading", "forms"):
        if not table.get(key):
            refuse(f"the entry has no {key!r}")
    if table["kind"] not in KINDS:
        refuse(f"unknown kind {table['kind']!r} (kinds: {', '.join(KINDS)}; a work is its references.bib entry)", "kind =")
    if not isinstance(table["heading"], str):
        refuse("the heading is a string", "heading =")
    if bool(table.get("description")) != bool(table.get("at")):
        refuse("a description says where the texts say it (at = \"review ¶ 11\"), and an 'at' has its description",
               "description =" if table.get("description") else "at =")
    forms = [typed(Form, form, FORM_KEYS, "form", lambda m, n=None: refuse(m, n or "forms ="))
             for form in as_list(table["forms"], lambda: refuse("forms is a list", "forms ="))]
    for form in forms:       # found in the texts with any whitespace between its words, and named by them folded
        if form.form != " ".join(form.form.split()) or not form.form:
            refuse(f"the form {form.form!r} is not its words with one space between them: "
                   f"{' '.join(form.form.split())!r}", toml_string(form.form))
    known = [typed(KnownAs, name, KNOWN_AS_KEYS, "name", lambda m, n=None: refuse(m, n or "known_as ="))
             for name in as_list(table.get("known_as", []), lambda: refuse("known_as is a list", "known_as ="))]
    for item in [*forms, *known]:
        if item.lang and (wrong := problem("language", "lang", item.lang)):
            refuse(wrong, toml_string(getattr(item, "form", None) or item.name))
    for name in known:
        if not name.reason:
            refuse(f"the name {name.name!r} the texts do not use has no reason", toml_string(name.name))
    authorities = {}
    for key, (label, pattern, _) in AUTHORITIES.items():
        if key in table:
            value = table[key]
            if not isinstance(value, dict) or set(value) - AUTHORITY_KEYS:
                refuse(f"{key} is a table {{ id = \"…\", reference = \"…\", reason = \"…\" }}", f"{key} =")
            authority = Authority(str(value.get("id", "")), str(value.get("reference", "")), str(value.get("reason", "")))
            if not pattern.fullmatch(authority.id):
                refuse(f"{authority.id!r} is not in the form {label} gives its identifiers ({pattern.pattern})", f"{key} =")
            if not authority.reference.strip():
                refuse(f"the {label} identifier {authority.id} names no reference that confirms it", f"{key} =")
            authorities[key] = authority
    return Entry(ident, table["kind"], table["heading"], forms, table.get("description", ""), table.get("at", ""),
                 known, authorities, header)


def as_list(value, refuse) -> list:
    if not isinstance(value, list):
        refuse()
    return value


def typed(kind, value, keys: set, main: str, refuse):
    """A string (the main field) or a table of ``keys`` as a ``kind``; anything else refused."""
    if isinstance(value, str):
        value = {main: value}
    if not isinstance(value, dict):
        refuse(f"{value!r} is neither a string nor a table")
    for key in value:
        if key not in keys:
            refuse(f"unknown key {key!r} in {value!r} (known: {', '.join(sorted(keys))})", f"{key} =")
    if not str(value.get(main, "")).strip():
        refuse(f"{value!r} has no {main!r}")
    return kind(**{k: str(v) for k, v in value.items()})
