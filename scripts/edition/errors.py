"""The one error the converter raises for bad input: it names the file and line."""
from __future__ import annotations

import errno
import re
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


#: Failures of the file system that leave the input as good as it was: a full disk, a folder that cannot be written.
CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


def system_failure(err: OSError, what: str) -> str:
    """An OSError as one line: the file, and what the system said (shutil.copytree's list: its first)."""
    if err.args and isinstance(err.args[0], list) and err.args[0] and len(err.args[0][0]) == 3:
        _, target, reason = err.args[0][0]
        reason = re.sub(r"^\[Errno \d+\] ([^:]+).*", r"\1", str(reason), flags=re.S)
        return f"{shown(Path(target))}: cannot write ({reason})"
    where = shown(Path(err.filename)) if err.filename else what
    return f"{where}: {'cannot write (' + err.strerror + ')' if err.errno in CANNOT_WRITE else err.strerror or err}"
