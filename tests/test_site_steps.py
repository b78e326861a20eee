"""The theme's work is done by steps over the built site, not by MkDocs hooks: mkdocs.yml names none, and each step
does what a hook did."""
from __future__ import annotations

import json

from conftest import PUBLISHED, ROOT
from edition.site_steps.offline_copy import hosted_addresses, hosted_path
from edition.site_steps.theme_fixes import mend


def test_mkdocs_yml_has_no_hooks():
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if line.split("#")[0].strip().startswith("hooks:")]


def test_hosted_paths():
    assert [hosted_path(u) for u in ("index.html", "review.html", "sources/review.html", "a/index.html")] == \
        ["", "review/", "sources/review/", "a/"]


def test_only_the_pages_own_address_becomes_the_hosted_one():
    html = (f'<link rel="canonical" href="{PUBLISHED}review.html"><p>This page: {PUBLISHED}review.html</p>'
            f'<a href="{PUBLISHED}review.html#p2">x</a><a href="{PUBLISHED}reviews.html">y</a>')
    assert hosted_addresses(html, "review.html", PUBLISHED) == (
        f'<link rel="canonical" href="{PUBLISHED}review/"><p>This page: {PUBLISHED}review/</p>'
        f'<a href="{PUBLISHED}review/#p2">x</a><a href="{PUBLISHED}reviews.html">y</a>')


def test_the_theme_mends_leave_a_toc_label_that_has_its_toggle():
    page = '<input type="checkbox" id="__toc" autocomplete="off"><label class="md-nav__title" for="__toc">'
    assert mend(page) == '<input type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">'
    assert mend('<label class="md-nav__title" for="__toc">') == '<label class="md-nav__title">'


def test_the_offline_copys_script_index_is_its_split_json_index(offline_site):
    data = (offline_site / "search" / "search_index.json").read_text(encoding="utf-8")
    script = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script == f"var __index = {data}"
    assert any("#p" in doc["location"] for doc in json.loads(data)["docs"])
