"""Where in references.bib a thing stands, for a refusal's FILE:LINE: an entry, a field of it, what
pybtex's message is about; and the typed fields of every entry read by their readers (typed_values)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError
from ..typed_values import BIB_FIELDS, problem

#: An entry's header: @type{key,
ENTRY = re.compile(r"@\w+\s*[{(]\s*([^,\s]+)\s*,")


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def field_offsets(text: str, start: int, name: str) -> list[int]:
    """Where the field ``name`` is given in the entry that begins at ``start`` (and in those after it)."""
    return [start + f.start() for f in re.finditer(rf"(?i)(?<![\w-]){re.escape(name)}\s*=", text[start:])]


def field_line(text: str, key: str, name: str) -> int | None:
    """The line of the field ``name`` of the entry ``key``."""
    start = next((m.start() for m in ENTRY.finditer(text) if m.group(1) == key), None)
    found = field_offsets(text, start, name) if start is not None else []
    return line_at(text, found[0]) if found else None


def error_line(text: str, message: str) -> int:
    """The line of the .bib that pybtex's ``message`` is about: the field given twice, the entry given
    twice, the name or the entry it quotes; else the last line (what is wrong was found at the end)."""
    entries = {m.group(1): m.start() for m in ENTRY.finditer(text)}
    if m := re.search(r"entry with key (\S+) has a duplicate (\S+) field", message):
        fields = field_offsets(text, entries.get(m.group(1), 0), m.group(2))
        if len(fields) > 1:
            return line_at(text, fields[1])
    for quoted in re.findall(r"'([^']+)'|\"([^\"]+)\"", message):
        at = text.find(quoted[0] or quoted[1])
        if at >= 0:
            return line_at(text, at)
    named = [entries[word] for word in re.findall(r"[^\s:,]+", message) if word in entries]
    if named:
        return line_at(text, max(named))
    return len(text.rstrip().split("\n"))


def check_fields(data, text: str, file: Path) -> None:
    """Refuse, at its line, the first typed field (a year, a date, an ISBN, pages…) that its reader
    cannot read: pandoc would give a year "2O00" no date, and the record would say "n.d."."""
    for key, entry in data.entries.items():
        for name, value in entry.fields.items():
            kind = BIB_FIELDS.get(name.lower())
            if kind and (wrong := problem(kind, name.lower(), value)):
                raise SourceError(file, field_line(text, key, name), f"entry {key!r}: {wrong}")
