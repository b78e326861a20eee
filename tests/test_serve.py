"""Tests of serve: a decision edited while serving is seen in the served page, then in the served TEI and PDF;
a broken editorial file shows its FILE:LINE in a banner over the last good page, until it is mended."""
from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile

from conftest import ROOT
from edition.serve import preview_config
from test_pdf_writer import page_texts

#: A note the editors add to the review, and the words an edit adds to it (in its page, TEI and PDF).
ADDITION = "(Stanford University Press).]"
ADDED = "(Stanford University Press; a quokka served anew).]"


def served(url: str, want, server=None, timeout: float = 240, binary: bool = False) -> str:
    """The page at ``url`` once ``want(text)`` holds (the server rebuilding meanwhile); a server that
    has stopped fails at once, with what it said. ``binary``: ``want`` is given the bytes."""
    deadline, text = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise AssertionError(f"the server stopped ({server.returncode}): {server.log.read_text()[-2000:]}")
        try:
            data = urllib.request.urlopen(url, timeout=10).read()
            text = data if binary else data.decode("utf-8")
            if want(text):
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never as wanted; last: {text[:300]!r}")


def test_the_preview_config_carries_the_refusal_only_while_there_is_one():
    assert "serve_error" not in preview_config("http://127.0.0.1:1/", {}, "")
    assert 'serve_error: "sources/editorial.toml:3: not valid TOML"' in preview_config("http://x/", {}, "sources/editorial.toml:3: not valid TOML")


def test_an_edit_is_served_and_a_broken_source_is_a_banner_over_the_last_good_page(tmp_path):
    root = tmp_path / "p"
    root.mkdir()
    for part in ["mkdocs.yml", "docs", "sources", "overrides", "scripts", ".cache"]:
        if (ROOT / part).exists():
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(root / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    # As ./scripts/serve: a build first, which adds the files the pages link to (PDFs, EPUBs, TEI).
    subprocess.run([sys.executable, "-m", "edition", "build", "--site-url", f"http://127.0.0.1:{port}/"], cwd=root,
                   env=env, check=True, capture_output=True)
    log = (tmp_path / "serve.log").open("w")        # a file, not a pipe: a full pipe would stop the server
    server = subprocess.Popen([sys.executable, "-m", "edition", "serve", "--port", str(port)], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=log, text=True)
    server.log = tmp_path / "serve.log"
    page = f"http://127.0.0.1:{port}/reviews/"
    editorial = root / "sources" / "editorial.toml"
    good = editorial.read_text(encoding="utf-8")
    try:
        served(page, lambda text: "text-review" in text, server)
        edited = good.replace('[series]\npage = "reviews.md"\ntitle = "Reviews"', '[series]\npage = "reviews.md"\ntitle = "Reviews of the roundtable"')
        edited = edited.replace(ADDITION, ADDED)
        assert edited.count("Reviews of the roundtable") == 1 and ADDED in edited
        editorial.write_text(edited, encoding="utf-8")
        served(page, lambda text: "Reviews of the roundtable" in text and "serve-error" not in text, server)
        # Then the review's TEI and PDF, remade by the build's writers after the pages, each served whole.
        site = f"http://127.0.0.1:{port}/"
        served(site + "tei/review-holloway-racing-the-enemy.xml", lambda text: "quokka served anew" in text, server)
        served(site + "epub/review.epub", lambda data: any("quokka served anew" in book.read(name).decode("utf-8")
                                                            for book in [zipfile.ZipFile(io.BytesIO(data))]
                                                            for name in book.namelist() if name.endswith(".xhtml")),
               server, binary=True)
        pdf = tmp_path / "review.pdf"
        served(site + "pdf/review.pdf", lambda data: pdf.write_bytes(data) and "quokka served anew" in
               " ".join(" ".join(page_texts(pdf)).split()), server, binary=True)
        assert not list((root / "docs").rglob(".converting-*"))      # no half-written file left beside them
        editorial.write_text(edited + "\n[broken\n", encoding="utf-8")
        shown = served(page, lambda text: "serve-error" in text, server)
        line = len(edited.splitlines()) + 2
        assert f"sources/editorial.toml:{line}" in shown and "last good build" in shown
        assert "Reviews of the roundtable" in shown          # the last good page, still served
        editorial.write_text(good, encoding="utf-8")
        served(page, lambda text: "serve-error" not in text and "Reviews of the roundtable" not in text, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
