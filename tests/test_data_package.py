"""The data package: a BagIt bag that bagit validates, the sources in it byte for byte, its README, the same bytes from
one commit, and a file that differs from its checksum refused with the manifest's line."""
from __future__ import annotations

import zipfile

import bagit
import pytest

from edition.data_package import BAG, CONTENTS, PACKAGE, check, package
from edition.errors import SourceError
from edition.citations.records import Edition
from edition.rights import Rights

from conftest import ROOT

SOURCES = sorted(p.name for p in (ROOT / "sources").glob("*.txt"))


@pytest.fixture(scope="module")
def unpacked(built_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("package")
    with zipfile.ZipFile(built_site / PACKAGE) as archive:
        archive.extractall(folder)
    return folder / BAG


def test_bagit_validates_the_package_and_its_sources_are_those_received(unpacked, built_site):
    bagit.Bag(str(unpacked)).validate()
    for name in [*SOURCES, "SHA256SUMS"]:
        assert (unpacked / "data" / "sources" / name).read_bytes() == (ROOT / "sources" / name).read_bytes()
    payload = {p.relative_to(unpacked / "data").as_posix() for p in (unpacked / "data").rglob("*") if p.is_file()}
    readme = (unpacked / "data" / "README.txt").read_text(encoding="utf-8")
    for path, _ in CONTENTS:         # every part the README names is there, and named
        assert f"- {path}:" in readme and any(p == path or p.startswith(path) for p in payload), path
    for folder, built in (("tei", "tei"), ("pdf", "pdf")):
        assert {p for p in payload if p.startswith(folder + "/")} == \
               {f"{folder}/{p.name}" for p in (built_site / built).iterdir()}
    assert "csl/review.json" in payload and "csl/edition.json" in payload and "names.json" in payload
    assert Rights().editors in readme and "How to cite it" in readme


def test_the_same_inputs_make_the_same_bytes_and_a_changed_file_is_refused(tmp_path):
    edition = Edition("An edition", version="abc1234", date="2026-01-02")
    built = {"tei/a.xml": "<TEI/>", "pdf/a.pdf": b"%PDF-", "cite/a.json": "{}", "cite/a.bib": "@misc{}"}
    first = package(ROOT, built, SOURCES, edition, Rights())[PACKAGE]
    assert package(ROOT, built, SOURCES, edition, Rights())[PACKAGE] == first
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    assert "edition-data/data/csl/a.json" in names and "edition-data/data/csl/a.bib" not in names
    assert "Bagging-Date: 2026-01-02" in (tmp_path / BAG / "bag-info.txt").read_text()
    tampered = tmp_path / BAG / "data" / "sources" / SOURCES[0]
    tampered.write_bytes(tampered.read_bytes() + b"\n")
    manifest = (tmp_path / BAG / "manifest-sha256.txt").read_text().splitlines()
    line = next(n for n, text in enumerate(manifest, 1) if text.endswith(f"data/sources/{SOURCES[0]}"))
    with pytest.raises(SourceError) as caught:
        check(tmp_path / BAG, SOURCES)
    assert f"manifest-sha256.txt:{line}: " in str(caught.value) and "differs from its checksum" in str(caught.value)
