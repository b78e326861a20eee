"""./scripts/serve: MkDocs serves docs/; a change to sources/ is converted again (the TEI, PDFs and EPUBs next), and a refusal is a banner over the last good build."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .build import checksums
from . import config
from .versions import releases
from .errors import SourceError
from .rights import rights
from .serve_books import Books
from .build.files import write_atomically
from .pages import all_pages, citation_pages, edit, load_decisions
from .versions.versioned import edition_at, version_note

#: The preview's configuration: mkdocs.yml at the server's root, with the state of the sources.
SERVE_YML = ".serve.yml"


def converted(root: Path, url: str) -> dict:
    """The pages and citation files the sources make now (the TEI, PDFs and EPUBs: serve_books, after)."""
    sources = root / "sources"
    decisions = load_decisions(sources / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], sources, sources / "SHA256SUMS")
    edited = edit(decisions, sources)
    edition = edition_at(root, url, decisions, edited)
    pages = all_pages(decisions, sources, edited, releases.history(root, edited.documents))
    return {"pages": pages, "citations": citation_pages(decisions, edited, edition), "edition": version_note(edition)}


def preview_config(url: str, edition: dict | None, error: str, stated: dict | None = None) -> str:
    """mkdocs.yml for the preview: served at the root, Material's search, the draft's version note, the
    rights as the build states them (``stated``), and the converter's refusal (``error``) for the banner
    every page then shows."""
    lines = ["# Written by scripts/serve: mkdocs.yml, previewed at the server's root.", "INHERIT: mkdocs.yml",
             f"site_url: {url}", "plugins:", "  search:", "    enabled: true", "extra:", "  version: null"]
    if stated:
        lines.append(f"  rights: {json.dumps(stated, ensure_ascii=False)}")
    if edition is not None:
        lines.append(f"  edition: {json.dumps(edition, ensure_ascii=False)}")
    if error:
        lines.append(f"  serve_error: {json.dumps(error, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def step(root: Path, url: str, edition: dict | None) -> tuple[str, dict | None]:
    """Convert the sources into docs/ (each page written whole, only if it changed), or leave docs/ as it
    was and return the refusal; then the preview's configuration says which."""
    error = ""
    try:
        made = converted(root, url)
        write_atomically({**made["pages"], **made["citations"]}, root / "docs")
        edition = made["edition"]
    except SourceError as err:
        error = str(err)
    try:
        stated = rights(root / "mkdocs.yml").extra()
    except SourceError as err:
        stated, error = None, error or str(err)
    write_atomically({SERVE_YML: preview_config(url, edition, error, stated)}, root)
    return error, edition


def snapshot(sources: Path) -> dict:
    """Each file of sources/ with its size and time of change: a change to any is seen."""
    return {p: (s.st_mtime_ns, s.st_size) for p in sources.rglob("*") if p.is_file() and (s := p.stat())}


def serve(root: Path = config.ROOT, port: int = 8000, interval: float = 0.3) -> int:
    """Serve the preview at http://127.0.0.1:PORT/ until stopped; a change to sources/ converts again."""
    url = f"http://127.0.0.1:{port}/"
    error, edition = step(root, url, None)
    report(error)
    books = Books(root, url)                # the build before serving made them: remade on a change
    signal.signal(signal.SIGTERM, stopped)
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(root / SERVE_YML),
                               "--dev-addr", f"127.0.0.1:{port}", "--watch", str(root / "overrides")], cwd=root, env=env)
    seen = snapshot(root / "sources")
    try:
        while server.poll() is None:
            time.sleep(interval)
            books.poll()
            now = snapshot(root / "sources")
            if now == seen:
                continue
            while now != seen:          # wait until the editor's save is whole
                seen, now = now, (time.sleep(interval), snapshot(root / "sources"))[1]
            error, edition = step(root, url, edition)
            report(error)
            if not error:
                books.request()
    except KeyboardInterrupt:
        pass
    finally:
        books.stop()
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
    return 0


def stopped(signum, frame):
    """SIGTERM ends serving as Ctrl-C does: the remaking and the server stopped, nothing left half-written."""
    raise KeyboardInterrupt


def report(error: str) -> None:
    print(f"{error}\nserving the last good build, with this message on every page" if error
          else "sources converted", file=sys.stderr, flush=True)
