"""The one error the converter raises for bad input: it names the file and line."""
from __future__ import annotations

import errno
import re
from contextlib import contextmanager
from pathlib import Path

from . import config

#: Exit status of every command that stops on bad input.
BAD_INPUT_EXIT = 2

#: Scratch folders or files that stand, while a command reads them, for the project's own (./scripts/add
#: reads a trial copy of sources/): a refusal names the file the editor edits, never the scratch copy.
STANDING_FOR: dict[Path, Path] = {}


@contextmanager
def standing_for(scratch: Path, real: Path):
    """While the block runs, a refusal that names ``scratch`` (or a file in it) names ``real`` instead."""
    STANDING_FOR[Path(scratch).resolve()] = Path(real)
    try:
        yield
    finally:
        STANDING_FOR.pop(Path(scratch).resolve(), None)


def shown(path: Path) -> str:
    """The path as the editor would type it: a scratch copy's as the file it stands for, then relative to
    the working folder (the project's, for every command) or else to the project, where it can be."""
    path = Path(path)
    absolute = path.resolve()
    for scratch in sorted(STANDING_FOR, key=lambda p: -len(p.parts)):
        if absolute == scratch or scratch in absolute.parents:
            path = STANDING_FOR[scratch] / absolute.relative_to(scratch) if absolute != scratch else STANDING_FOR[scratch]
            absolute = path.resolve()
            break
    for base in (Path.cwd(), config.ROOT):
        try:
            return str(absolute.relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


def in_project_terms(text: str) -> str:
    """A message with every path in it of a scratch copy or inside the project as ``shown`` gives it."""
    for scratch in sorted(STANDING_FOR, key=lambda p: -len(p.parts)):
        text = text.replace(str(scratch), shown(scratch))
    for base in {Path.cwd().resolve(), config.ROOT.resolve()}:
        text = re.sub(rf"{re.escape(str(base))}/([^\s'\"]*)", lambda m: shown(base / m.group(1)), text)
    return text


class SourceError(Exception):
    """Bad input, reported as ``FILE:LINE: what is wrong``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = shown(Path(path))
        self.line = line
        self.message = in_project_terms(message)
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
