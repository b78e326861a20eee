"""Writing files whole or not at all: a reader or a build never sees half a page or half a cache entry."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _unchanged(target: Path, content: str | bytes) -> bool:
    try:
        return (target.read_bytes() if isinstance(content, bytes) else target.read_text(encoding="utf-8")) == content
    except (OSError, UnicodeDecodeError):
        return False


def changed(pages: dict[str, str | bytes], out_dir: Path) -> dict[str, str | bytes]:
    """The pages that differ from what ``out_dir`` holds (or that it lacks)."""
    return {name: text for name, text in pages.items() if not _unchanged(out_dir / name, text)}


def write_atomically(pages: dict[str, str | bytes], out_dir: Path) -> list[Path]:
    """Write every page (text, or bytes) that changed, or none: each goes to a temporary file first and is renamed
    over its target. A page already as given is left alone, so its time stamp says when it last
    changed (and a rename, slow on some file systems, is not paid for nothing). Returns the
    pages written."""
    staged = []
    try:
        for name, text in pages.items():
            target = out_dir / name
            if _unchanged(target, text):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".converting-")
            if isinstance(text, bytes):       # a PDF
                with os.fdopen(handle, "wb") as stream:
                    stream.write(text)
            else:
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                    stream.write(text)
            staged.append((Path(temp), target))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    return [target for _, target in staged]
