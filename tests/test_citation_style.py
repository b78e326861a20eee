"""Every citation on the site comes from citeproc: switch the CSL style, and every one of them changes."""
from __future__ import annotations

import shutil

from lxml import html as lxml_html

from conftest import PUBLISHED, ROOT
from edition.build.site_build import build_in, site_files

PAGES = ("review", "book", "author", "bibliography", "about")


def citations(site) -> dict[str, str]:
    """Every formatted citation of the site, by page and place: the forms of "Cite this page", the
    citation of each paragraph and note, each bibliography entry, each cited page's preview."""
    found = {}
    for name in PAGES:
        tree = lxml_html.fromstring((site / name / "index.html").read_bytes())
        for element in tree.xpath('//*[contains(@class,"citation")][@id]'):
            found[f"{name}#{element.get('id')}"] = element.text_content()
        for entry in tree.xpath('//p[contains(@class,"csl-entry")]'):
            found[f"{name}#{entry.get('id')}"] = entry.text_content().split(" Cited at:")[0].split(" Download:")[0]
        for n, link in enumerate(tree.xpath('//a[contains(concat(" ", @class, " "), " ref ")][@title]')):
            found[f"{name}#ref-link-{n}"] = link.get("title")
    return found


def test_switching_the_csl_style_changes_every_citation(built_site, tmp_path):
    for part in ("mkdocs.yml", "docs", "sources", "overrides", "scripts"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    editorial = tmp_path / "sources" / "editorial.toml"
    text = editorial.read_text(encoding="utf-8")
    assert 'style = "chicago-notes-bibliography.csl"' in text
    editorial.write_text(text.replace('style = "chicago-notes-bibliography.csl"', 'style = "apa.csl"'), encoding="utf-8")
    pages, extra, _ = site_files(tmp_path, site_url=PUBLISHED)
    apa = build_in(tmp_path / "scratch", {**pages, **extra}, tmp_path, site_url=PUBLISHED)
    chicago, other = citations(built_site), citations(apa)
    assert chicago.keys() == other.keys() and len(chicago) > 20
    unchanged = [place for place in chicago if chicago[place] == other[place]]
    assert unchanged == [], [(place, chicago[place], other[place]) for place in unchanged]
