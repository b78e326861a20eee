"""Packing and checking the EPUBs: EPUBCheck reports nothing for any EPUB of the build and stops the one it
refuses; the same text gives the same bytes whatever the clock; a checked EPUB is not made again."""
from __future__ import annotations

import io
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import REVIEW
from edition import config
from edition.errors import SourceError
from edition.pages import convert
from edition.writers import epub_package


def zip_text(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return b"".join(book.read(name) for name in book.namelist())


def tiny_plan(body: str) -> dict:
    return {"name": "epub/t.epub", "title": "T", "modified": "2026-01-02T03:04:05Z", "people": [["A. Author", "aut"]],
            "identifier": "t (version 1)", "volatile": ["version 1"], "publisher": "P", "summary": "Text only.", "features": ["readingOrder"],
            "files": [["t.xhtml", "T", f'<section id="t"><h1>T</h1>{body}</section>', []]], "pages": [], "css": "p {}"}


def test_every_epub_of_the_build_passes_epubcheck_with_nothing_to_report(built_site):
    books = sorted((built_site / "epub").glob("*.epub"))
    names = {p.stem for p in books}
    assert {"review", "book", "author", "edition"} <= names
    with ThreadPoolExecutor(config.PRINT_WORKERS) as pool:
        found = dict(zip(names, pool.map(lambda p: epub_package.problems(p.read_bytes(), p.name), books)))
    assert found == {name: [] for name in names}


def test_an_epub_epubcheck_refuses_stops_with_its_name_and_message_and_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    plan = tiny_plan('<p>See <a href="#nowhere">there</a>.</p>')
    with pytest.raises(SourceError, match=r"review-holloway.*\.txt: EPUBCheck: epub/t\.epub: ERROR RSC-012: .*"
                                          r"\(EPUB/t\.xhtml:\d+\)"):
        epub_package.package_all([(plan, "epub/t.epub", REVIEW)])
    assert not list(tmp_path.rglob("*.epub"))


def test_a_checked_epub_is_not_made_again_nor_checked_again_for_a_new_version(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    plan, assemble = tiny_plan("<p>A line of text.</p>"), epub_package.assemble
    [made] = epub_package.package_all([(plan, "epub/t.epub", REVIEW)])
    monkeypatch.setattr(epub_package, "assemble", lambda plan: pytest.fail("packed again"))
    monkeypatch.setattr(epub_package, "problems", lambda data, name: pytest.fail("checked again"))
    assert epub_package.package_all([(plan, "epub/t.epub", REVIEW)]) == [made]
    monkeypatch.setattr(epub_package, "assemble", assemble)
    later = {**plan, "identifier": "t (version 2)", "volatile": ["version 2"]}     # a commit later: packed, not checked
    [remade] = epub_package.package_all([(later, "epub/t.epub", REVIEW)])
    assert remade != made and b"t (version 2)" in zip_text(remade)


def test_the_same_text_gives_the_same_bytes_whatever_the_clock(tmp_path, monkeypatch, decisions):
    monkeypatch.setattr(epub_package, "problems", lambda data, name: [])    # checked above: here, only the bytes
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "a")
    one = convert("review", REVIEW, decisions, to="epub")
    clock = time.time()
    monkeypatch.setattr(time, "time", lambda: clock + 86400 * 400)
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "b")
    two = convert("review", REVIEW, decisions, to="epub")
    assert list((tmp_path / "b" / "epub").iterdir()) and one == two and one["epub/review.epub"]
