"""The anchor registry: every fragment id the site has published stays, with its words, or is retired."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT
from edition.build.anchors import check_anchors, published_ids, update_registry
from edition.errors import SourceError

PAGE = """<html><body><article class="md-content__inner">
<h2 id="notes">Notes</h2>
<p id="p1"><button class="cite-place">1</button>“First” words of the first paragraph here.</p>
<p id="p2"><button class="cite-place">2</button>Second paragraph.</p>
<div class="cite-popovers"><div id="cite-p1"><p id="cite-p1-text">Holloway</p></div></div>
</article></body></html>"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "site" / "review").mkdir(parents=True)
    (tmp_path / "site" / "review" / "index.html").write_text(PAGE, encoding="utf-8")
    return tmp_path / "site"


def test_ids_are_read_without_the_site_s_controls(site):
    assert published_ids(site) == {"review/": {"notes": "", "p1": "First words of the first paragraph", "p2": "Second paragraph"}}


def test_a_dropped_id_fails_naming_page_and_id_unless_retired(site, tmp_path):
    registry = tmp_path / "anchors.json"
    update_registry(site, registry)
    page = site / "review" / "index.html"
    page.write_text(PAGE.replace('<p id="p2"><button class="cite-place">2</button>Second paragraph.</p>', ""))
    with pytest.raises(SourceError) as caught:
        check_anchors(site, registry)
    assert "/review/#p2 was published" in str(caught.value) and caught.value.line
    data = json.loads(registry.read_text())
    data["retired"]["review/#p2"] = "merged into review/#p1"
    registry.write_text(json.dumps(data))
    check_anchors(site, registry)


def test_a_renumbered_id_fails(site, tmp_path):
    registry = tmp_path / "anchors.json"
    update_registry(site, registry)
    page = site / "review" / "index.html"
    page.write_text(PAGE.replace("“First” words", "A new paragraph, then the first"))
    with pytest.raises(SourceError, match="renumbered"):
        check_anchors(site, registry)


def test_new_ids_are_added_and_nothing_else_changes(site, tmp_path):
    registry = tmp_path / "anchors.json"
    assert update_registry(site, registry) and not update_registry(site, registry)
    page = site / "review" / "index.html"
    page.write_text(PAGE.replace("</article>", '<p id="p3">Third.</p></article>'))
    assert update_registry(site, registry)
    assert json.loads(registry.read_text())["published"]["review/"]["p3"] == "Third"


def test_the_committed_registry_records_every_id_the_site_publishes(built_site, tmp_path):
    registry = tmp_path / "anchors.json"
    shutil.copy(ROOT / "sources" / "anchors.json", registry)
    check_anchors(built_site, registry)
    assert not update_registry(built_site, registry), "run ./scripts/build: the registry lacks new ids"
