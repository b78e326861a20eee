"""The seam to mkdocs-bibtex: entries in Chicago style, notes that keep their locators, bad .bib files."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from edition.citations import Bibliography, smart_to_unicode
from edition.errors import SourceError


@pytest.fixture(scope="module")
def bibliography():
    return Bibliography(ROOT / "sources" / "references.bib")


def test_every_entry_is_formatted_in_chicago_style(bibliography):
    entries = bibliography.entries
    assert set(entries) == set(bibliography.keys) and len(entries) == 12
    assert entries["butow1954"] == "Butow, Robert J. C. *Japan's Decision to Surrender*. Stanford University Press, 1954."
    assert "W. W. Norton & Company" in entries["dower1999embracing"]       # not pybtex's "\\ &"
    assert "30–40e gody" in entries["zolotarev2000"]                        # Unicode dash kept
    assert "Hill and Wang" in entries["may2000strange"]                     # not split as two names


def test_non_english_title_is_not_title_cased(bibliography):
    assert "*Sovetsko-iaponskaia voina 1945 goda: istoriia voenno-politicheskogo" in bibliography.entries["zolotarev2000"]


def test_a_citation_with_a_locator_keeps_it(bibliography):
    butow, book = bibliography.notes([("butow1954", "p. 12"), ("hasegawa2005racing", "p. 298")])
    assert butow.endswith(", 12.") and "Japan’s Decision to Surrender" in butow
    assert book.endswith(", 298.")


def test_every_entry_says_what_it_rests_on(bibliography):
    for key in bibliography.keys:
        assert re.match(r"(Verified|Inferred|Only the source)\b", bibliography.field(key, "annote")), key


def test_smart_dashes_become_unicode():
    assert smart_to_unicode("pp. 1--2 --- so") == "pp. 1–2 — so"


def test_broken_bib_names_its_line(tmp_path):
    bad = tmp_path / "references.bib"
    bad.write_text("@book{a,\n  title = {A},\n  year = {2000\n}\n@book{b, title={B}}\n")
    with pytest.raises(SourceError) as caught:
        Bibliography(bad)
    assert caught.value.path.endswith("references.bib") and caught.value.line


def test_missing_key_is_reported(bibliography, tmp_path):
    with pytest.raises(SourceError) as caught:
        bibliography.require("nobody2000", tmp_path / "editorial.toml", 7)
    assert str(caught.value).endswith("editorial.toml:7: cites 'nobody2000', which references.bib does not have")
