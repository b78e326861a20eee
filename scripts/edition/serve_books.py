"""./scripts/serve's second step: the TEI, PDFs and EPUBs remade after the pages, in a process of their own, each written whole."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .build import checksums
from .build.files import write_atomically
from .errors import SourceError
from .pages import edit, epub_files, load_decisions, pdf_files, tei_files
from .versions.versioned import edition_at


def remake(root: Path, url: str) -> list[Path]:
    """The TEI, PDF and EPUB of every text and of the edition, by the build's writers (from their caches
    when what a file is made of is unchanged: only what the change affects is made again), written into
    docs/ where MkDocs serves them, each file renamed over the last (never half-written). Returns those
    written."""
    sources = root / "sources"
    decisions = load_decisions(sources / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], sources, sources / "SHA256SUMS")
    edited = edit(decisions, sources)
    edition = edition_at(root, url, decisions, edited)
    made = {**tei_files(decisions, sources, edited, edition), **pdf_files(decisions, sources, edited, edition),
            **epub_files(decisions, sources, edited, edition)}
    return write_atomically(made, root / "docs")


class Books:
    """One remaking at a time, in a process of its own (off the pages' path: they are served first); a
    change while it runs is remade once it ends, so that the last files served are the last sources'."""

    def __init__(self, root: Path, url: str, log=sys.stderr):
        self.root, self.url, self.log = root, url, log
        self.process: subprocess.Popen | None = None
        self.pending, self.started = False, 0.0

    def request(self) -> None:
        self.pending = True
        self.poll()

    def poll(self) -> None:
        """Report a remaking that ended; start the one pending, if any."""
        if self.process is not None:
            if self.process.poll() is None:
                return
            self.errors.seek(0)
            said = self.errors.read().strip()
            self.errors.close()
            ok = self.process.returncode == 0
            print(f"TEI, PDFs and EPUBs remade ({time.monotonic() - self.started:.1f} s)" if ok else
                  f"TEI, PDFs and EPUBs not remade: {said.splitlines()[-1] if said else self.process.returncode}",
                  file=self.log, flush=True)
            self.process = None
        if self.pending:
            self.pending, self.started = False, time.monotonic()
            env = {**os.environ, "PYTHONPATH": str(self.root / "scripts")}
            code = f"from pathlib import Path; from edition.serve_books import main; main(Path({str(self.root)!r}), {self.url!r})"
            self.errors = tempfile.TemporaryFile("w+", encoding="utf-8")    # a file: a full pipe would stop it
            self.process = subprocess.Popen([sys.executable, "-c", code], cwd=self.root, env=env,
                                            stdout=subprocess.DEVNULL, stderr=self.errors, text=True)

    def stop(self) -> None:
        """End a remaking under way, and take away any temporary file it left in docs/ (none is served)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
            for temp in (self.root / "docs").rglob(".converting-*"):
                temp.unlink(missing_ok=True)


def main(root: Path, url: str) -> None:
    """The remaking process: a refusal is one line, FILE:LINE (the pages' step has shown it already)."""
    try:
        remake(root, url)
    except SourceError as err:
        sys.exit(str(err))
