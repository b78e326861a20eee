"""Reads a source file as numbered lines: UTF-8 (with or without BOM), any line ending."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError


@dataclass(frozen=True)
class Line:
    number: int
    text: str


def decode(path: Path | str, data: bytes, empty: bool = False) -> list[Line]:
    """Decode ``data`` (the bytes of ``path``) into numbered lines, or raise SourceError (and for an
    empty file, unless ``empty``: a data file may have nothing in it, a text may not)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(path, line, f"not valid UTF-8 (byte 0x{data[err.start]:02x})") from None
    if not text.strip() and not empty:
        raise SourceError(path, 1, "the file is empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def ranges(numbers) -> tuple:
    """Line numbers as runs of consecutive lines, ((first, last), ...): a block's source span."""
    runs: list = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return tuple((first, last) for first, last in runs)


def read_lines(path: Path | str, empty: bool = False) -> list[Line]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(path, None, f"cannot read the file ({err.strerror})") from None
    return decode(path, data, empty)


def read_toml(path: Path | str) -> tuple[str, dict]:
    """A TOML data file's text (UTF-8, any line ends, no BOM) and its tables; a syntax error stops with its
    line, and "at end of document" (a table, array or string left open, as in a file cut short) with the last."""
    import tomllib
    raw = "\n".join(line.text for line in read_lines(path, empty=True))
    try:
        return raw, tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"line (\d+)", str(err))
        raise SourceError(path, int(match.group(1)) if match else len(raw.rstrip().split("\n")),
                          f"not valid TOML: {err}") from None


def line_of(text: str, needle: str, after: int = 0) -> int | None:
    """The number of the first line after line ``after`` of a file's text that holds ``needle``
    (where an error in a data file is reported), as it stands or inside a quoted string of the line
    once its escapes (TOML's and JSON's \\uXXXX, \\n, ...) are read."""
    lines = text.splitlines()
    found = next((n for n, line in enumerate(lines, 1) if n > after and needle in line), None)
    if found is None and needle:
        found = next((n for n, line in enumerate(lines, 1) if n > after and "\\" in line
                      and any(needle in unescaped(s) for s in QUOTED.findall(line))), None)
    return found


QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def unescaped(literal: str) -> str:
    try:
        return json.loads(f'"{literal}"')
    except ValueError:
        return literal
