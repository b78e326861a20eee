"""The faces the PDFs are set in, found through fontconfig, and the characters a text needs that none has."""
from __future__ import annotations

import functools
import subprocess
import unicodedata
from pathlib import Path

from ..errors import SourceError

#: The print faces, in the order the stylesheet asks for them (the text's, the apparatus's, then the
#: one for Japanese), and the Debian package that installs each (scripts/setup.sh installs them).
FACES = {"Linux Libertine O": "fonts-linuxlibertine", "Linux Biolinum O": "fonts-linuxlibertine",
         "IPAMincho": "fonts-ipafont-mincho"}


@functools.lru_cache(maxsize=None)
def files_of(family: str) -> tuple[Path, ...]:
    """The font files of ``family`` fontconfig knows (every style)."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{file}\n", f":family={family}"], capture_output=True,
                             text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    return tuple(sorted(Path(line) for line in set(out.splitlines()) if line))


@functools.lru_cache(maxsize=None)
def cmap_of(path: Path) -> frozenset:
    from fontTools.ttLib import TTFont
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


def coverage() -> frozenset:
    """Every character some print face has a glyph for; a face that is not installed is an error."""
    covered: set = set()
    for family, package in FACES.items():
        files = files_of(family)
        if not files:
            raise SourceError(Path("scripts/setup.sh"), None, f"the print face {family!r} is not installed "
                              f"(Debian package {package}; ./scripts/build installs it)")
        for path in files:
            covered |= cmap_of(path)
    return frozenset(covered)


def digest() -> str:
    """What the faces are, for a cache key: their files, sizes and times."""
    return ";".join(f"{p}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for f in FACES for p in files_of(f))


def check_glyphs(text: str, name: str, source: Path) -> None:
    """Refuse a text with characters no print face can show (it would print boxes): FILE:LINE of the
    first, the characters, the PDF and the faces looked in."""
    covered = coverage()
    missing = sorted({ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C"
                      and ord(ch) not in covered})
    if not missing:
        return
    line = None
    try:
        for number, content in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if any(ch in content for ch in missing):
                line = number
                break
    except OSError:
        pass
    names = ", ".join(f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})" for ch in missing)
    raise SourceError(source, line, f"{name}: no print face has a glyph for {names}; looked in {', '.join(FACES)}")
