"""A refusal names the file the editor edits as the editor would type it (sources/FILE:LINE), never an
absolute path, a scratch folder (.build-*, ./scripts/add's trial copy) or a path of the machine: each data
file and a source text broken in a copy of the project, built and converted from the command line."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, snapshot

PARTS = ["mkdocs.yml", "docs", "sources", "overrides", "scripts", "releases"]
REVIEW = "sources/review-holloway-racing-the-enemy.txt"
LISTING = "sources/listing-racing-the-enemy.txt"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("refusals") / "project"
    root.mkdir()
    for part in PARTS:
        if (ROOT / part).exists():
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the last good build\n", encoding="utf-8")
    return root


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "project"))


def edition(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as ./scripts/build and ./scripts/convert run it: in the project's folder."""
    env = {"PYTHONPATH": str(root / "scripts"), "PATH": os.environ["PATH"], "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=root, env=env, capture_output=True, text=True)


def breaking(root: Path, file: str, old: bytes, new: bytes) -> int:
    """Replace the first ``old`` in sources/FILE with ``new``; the line it is on."""
    path = root / "sources" / file
    data = path.read_bytes()
    assert old in data, (file, old)
    path.write_bytes(data.replace(old, new, 1))
    return data[:data.index(old)].count(b"\n") + 1


#: (file broken, what is replaced, by what, the file the refusal names, a word of its message)
BUILD_CASES = {
    "editorial phrase": ("editorial.toml", b'phrase = "Matsamura"', b'phrase = "Matsamurra"', "editorial.toml",
                         "is not in sources/review-holloway-racing-the-enemy.txt"),
    "editorial typed value": ("editorial.toml", b'birthDate = "1941-02-23"', b'birthDate = "1941-O2-23"',
                              "editorial.toml", "birthDate '1941-O2-23' cannot be read"),
    "bib year": ("references.bib", b"year      = {2000}", b"year      = {2O00}", "references.bib", "expected a year"),
    "register": ("names.toml", b'forms = ["Stalin"]', b'forms = ["Stallin"]', "names.toml", "'Stallin' is in none"),
    "register toml": ("names.toml", b'heading = "Stalin"', b'heading = "Stalin', "names.toml", "not valid TOML"),
    "anchors": ("anchors.json", b'"published": {', b'"published": {{', "anchors.json", "not valid JSON"),
    "checksum record": ("SHA256SUMS", b"  listing-racing", b"0  listing-racing", "SHA256SUMS", "expected 'SHA256  FILE'"),
    "checksum record not UTF-8": ("SHA256SUMS", b"  review-holloway", b"\xff  review-holloway", "SHA256SUMS",
                                  "not valid UTF-8"),
    "a source text": ("review-holloway-racing-the-enemy.txt", b"\n", b" \n", "SHA256SUMS",
                      "sources/review-holloway-racing-the-enemy.txt differs from its checksum"),
}


def assert_names_the_file(result, names: str, line: int, words: str, root: Path) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert re.match(rf"{re.escape(names)}:{line}: ", lines[0]) and words in lines[0], lines[0]
    for scratch in (str(root), str(ROOT), ".build-", "/tmp/", os.path.expanduser("~") + "/"):
        assert scratch not in lines[0], lines[0]


@pytest.mark.parametrize("case", BUILD_CASES)
def test_a_build_refuses_naming_the_sources_file_and_line_and_changes_nothing(project, case):
    file, old, new, named, words = BUILD_CASES[case]
    line = breaking(project, file, old, new)
    if named != file:       # a source text: the line of its record
        line = next(n for n, text in enumerate((project / "sources" / named).read_text().splitlines(), 1)
                    if text.endswith(file))
    docs, site = snapshot(project / "docs"), snapshot(project / "site")
    assert_names_the_file(edition(project, "build"), f"sources/{named}", line, words, project)
    assert snapshot(project / "docs") == docs and snapshot(project / "site") == site
    assert not [p.name for p in project.iterdir() if p.name.startswith(".build-")]


@pytest.mark.parametrize("typed", [LISTING, "absolute"])
def test_convert_names_the_text_as_typed_or_relative_to_the_project(project, typed, tmp_path):
    line = breaking(project, Path(LISTING).name, b"Additional information", b"Additional\xffinformation")
    file = str(project / LISTING) if typed == "absolute" else typed
    result = edition(project, "convert", "listing", file, "--out", str(tmp_path / "out"))
    assert_names_the_file(result, LISTING, line, "not valid UTF-8", project)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["editorial phrase", "bib year"])
def test_convert_names_the_data_file_it_read(project, case, tmp_path):
    file, old, new, named, words = BUILD_CASES[case]
    line = breaking(project, file, old, new)
    result = edition(project, "convert", "review", REVIEW, "--out", str(tmp_path / "out"))
    assert_names_the_file(result, f"sources/{named}", line, words, project)
    assert not (tmp_path / "out").exists()


def test_add_names_the_file_added_and_the_sources_never_its_trial_copy(project, tmp_path):
    """./scripts/add reads the edition with the new text in a scratch copy of sources/: a refusal about
    the new text names FILE as typed, one about sources/ names sources/, never the copy."""
    text = tmp_path / "new-review.txt"
    review = (project / REVIEW).read_bytes()
    text.write_bytes(review.replace(b"policy.7 ", b"policy. ", 1))     # note 7 without its marker
    result = edition(project, "add", "review", str(text))
    assert result.returncode == 2 and re.match(rf"{re.escape(str(text))}:\d+: .*note 7", result.stderr), result.stderr
    assert "sources" not in result.stderr.split(":", 1)[0]
    line = breaking(project, "references.bib", b"year      = {2000}", b"year      = {2O00}")
    text.write_bytes(review)
    result = edition(project, "add", "review", str(text))
    assert_names_the_file(result, "sources/references.bib", line, "expected a year", project)
