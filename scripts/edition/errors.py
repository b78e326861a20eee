"""The one error the converter raises for bad input: it names the file and line."""
from __future__ import annotations

from pathlib import Path

#: Exit status of every command that stops on bad input.
BAD_INPUT_EXIT = 2


def shown(path: Path) -> str:
    """The path as a reader would type it: relative to the working folder where it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class SourceError(Exception):
    """Bad input, reported as ``FILE:LINE: what is wrong``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = shown(Path(path))
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
