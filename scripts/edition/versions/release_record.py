"""A release's record (releases/VERSION.json) read and checked: each field what the releases read, or a refusal at its line."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from ..errors import SourceError
from ..settings import ADDRESS
from ..source_text import decode, line_of

#: A release's version: numbers joined by dots (1.0, 1.1, 2.0.1), compared number by number.
VERSION = re.compile(r"[0-9]+(?:\.[0-9]+)+")      # ASCII digits: "\d" would take "١.٠" too
#: What each part of what a release held maps its names to.
HELD = {"sources": re.compile(r"[0-9a-f]{64}"), "decisions": None, "passages": None, "retired": None}


def _is_date(value) -> bool:
    try:
        return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _problem(record, stem: str) -> tuple[str, str]:
    """('', '') when the record is whole; else the key at fault and what is wrong with it."""
    if not isinstance(record, dict):
        return "", "expected a release's record: its version, date, address, summary and what it held"
    checks = [("version", isinstance(record.get("version"), str) and record.get("version") == stem and VERSION.fullmatch(stem),
               f"records version {record.get('version')!r}, not the {stem!r} its name says"),
              ("date", _is_date(record.get("date")), f"date {record.get('date')!r}: expected a day, YYYY-MM-DD"),
              ("address", isinstance(record.get("address"), str) and ADDRESS.fullmatch(record["address"])
               and record["address"].endswith("/"),
               f"address {record.get('address')!r}: expected the address releases are published under, ending with /"),
              ("summary", isinstance(record.get("summary", ""), str) and "\n" not in record.get("summary", ""),
               "summary: expected one line of text"),
              ("tree", isinstance(record.get("tree", ""), str), "tree: expected the published folder's git tree id"),
              ("tools", isinstance(record.get("tools", {}), dict), "tools: expected the versions of the tools, by name"),
              ("held", isinstance(record.get("held"), dict) and set(record["held"]) == set(HELD),
               f"held: expected what the release held: {', '.join(HELD)}")]
    for key, good, wrong in checks:
        if not good:
            return key, wrong
    for part, value in HELD.items():
        held = record["held"][part]
        if not isinstance(held, dict) or not all(isinstance(k, str) and (part == "retired" or isinstance(v, str))
                                                 for k, v in held.items()):
            return part, f"held.{part}: expected names and their values"
        if value is not None and not all(value.fullmatch(v) for v in held.values()):
            return part, f"held.{part}: expected each source's SHA-256"
        if part == "decisions":     # each decision's value as JSON, as the Changes page reads it
            for name, text in held.items():
                try:
                    json.loads(text)
                except ValueError:
                    return name, f"held.decisions: {name!r} is not a value written as JSON: {text[:60]!r}"
    return "", ""


def read_record(path: Path) -> dict:
    """releases/VERSION.json, or a refusal at the line of what is wrong in it."""
    text = "\n".join(line.text for line in decode(path, path.read_bytes()))
    try:
        record = json.loads(text)
    except ValueError as err:
        raise SourceError(path, getattr(err, "lineno", None) or 1, f"not valid JSON: {err}") from None
    key, wrong = _problem(record, path.stem)
    if wrong:
        raise SourceError(path, (line_of(text, f'"{key}"') if key else None) or 1, wrong)
    return record
