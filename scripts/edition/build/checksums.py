"""Verifies the sources against the SHA-256 record in sources/SHA256SUMS."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .. import config
from ..errors import SourceError, shown
from ..source_text import read_lines


def digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise SourceError(path, None, f"cannot read the source ({err.strerror})") from None


def record(path: Path = config.CHECKSUM_FILE) -> dict[str, tuple[str, int]]:
    """File name -> (checksum, line of the record)."""
    lines = [line.text for line in read_lines(path)]      # UTF-8 (else the line of the bad byte), any line ends
    entries = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or len(parts[0]) != 64:
            raise SourceError(path, number, "expected 'SHA256  FILE'")
        entries[parts[1].lstrip("*")] = (parts[0].lower(), number)
    return entries


def verify(names: list[str], folder: Path = config.SOURCES_DIR, record_file: Path = config.CHECKSUM_FILE) -> None:
    """Every named source is recorded and unchanged; raise SourceError otherwise."""
    entries = record(record_file)
    for name in names:
        source = folder / name
        if name not in entries:
            last = len(record_file.read_bytes().splitlines()) or None
            raise SourceError(record_file, last, f"no checksum recorded for {name}: record it (sha256sum {name})")
        expected, line = entries[name]
        if not source.exists():
            raise SourceError(record_file, line, f"{shown(source)}, recorded here, is missing")
        if digest(source) != expected:
            raise SourceError(record_file, line, f"{shown(source)} differs from its checksum recorded here; sources are "
                                                 "never edited: restore the file, or record the new text on purpose")
