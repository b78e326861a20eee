"""The rights, stated wherever a user looks: every page's footer and rel="license", the JSON-LD, the TEI, the PDFs
(the data package's README and bag-info.txt: test_data_package); a licence only an SPDX identifier; none invented."""
from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import urljoin

import pikepdf
import pytest
from lxml import etree

from edition.errors import SourceError
from edition.rights import SETTING, Rights, rights

from conftest import ROOT

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def with_licence(tmp_path, value: str):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text(re.sub(r'(?m)^(\s*licence:).*$', rf"\1 {value}", text), encoding="utf-8")
    return yml


def test_no_licence_is_chosen_so_the_editors_reserve_their_rights_and_name_the_setting():
    stated = rights()
    assert stated.licence == "" and stated.url == ""    # as mkdocs.yml has it: none chosen, none invented
    assert "reserve their rights" in stated.editors and SETTING in stated.editors
    assert "belong to their authors" in stated.statement


def test_a_licence_set_is_named_with_its_spdx_page(tmp_path):
    stated = rights(with_licence(tmp_path, "CC-BY-4.0"))
    assert stated.url == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert "Creative Commons Attribution 4.0 International" in stated.editors and "reserve" not in stated.editors
    assert stated.schema()["license"] == stated.url


@pytest.mark.parametrize("value", ["CC-BY-4", "MIT License", "GPL-2.0"])     # a typo, a name, a deprecated id
def test_a_licence_that_is_not_a_current_spdx_identifier_stops_with_its_line(tmp_path, value):
    yml = with_licence(tmp_path, value)
    line = next(n for n, text in enumerate(yml.read_text().splitlines(), 1) if re.match(r"\s*licence:", text))
    with pytest.raises(SourceError) as caught:
        rights(yml)
    assert str(caught.value).startswith(f"{yml}:{line}: ") or f"mkdocs.yml:{line}: " in str(caught.value)


def test_every_place_states_the_rights(built_site):
    stated = Rights()
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        assert stated.editors in html and stated.texts in html, page
        href = re.search(r'<link rel="license" href="([^"]*)">', html).group(1)      # About's statement of them
        resolved = urljoin(page.relative_to(built_site).as_posix(), href)
        assert resolved == "about/#rights" or resolved.endswith("/about/#rights"), page      # (404.html: absolute)
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            schema = json.loads(script)
            assert schema["license"]["name"] == stated.editors and schema["copyrightNotice"] == stated.statement
    assert any('application/ld+json' in p.read_text(encoding="utf-8") for p in pages)
    assert 'id="rights"' in (built_site / "about" / "index.html").read_text(encoding="utf-8")
    for tei in (built_site / "tei").glob("*.xml"):
        available = etree.parse(str(tei)).xpath("//t:publicationStmt/t:availability[@status='restricted']/t:p/text()",
                                                namespaces=NS)
        assert stated.editors in available and stated.texts in available, tei
    for pdf in (built_site / "pdf").glob("*.pdf"):
        with pikepdf.open(pdf) as opened:
            assert str(opened.docinfo["/rights"]) == stated.statement, pdf
    with zipfile.ZipFile(built_site / "data" / "edition-data.zip") as bag:
        info = bag.read("edition-data/bag-info.txt").decode()
        assert stated.editors.split(":")[0] in info
