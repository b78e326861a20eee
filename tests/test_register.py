"""The About page's register: sources with checksums, editorial decisions, dropped furniture."""
from __future__ import annotations

from lxml import html as lxml_html

from edition.build import checksums


def test_about_lists_sources_decisions_and_dropped_lines(built_site, decisions):
    text = lxml_html.fromstring((built_site / "about" / "index.html").read_bytes()).text_content()
    for name, (digest, _) in checksums.record().items():
        assert name in text and digest in text
    for line in decisions["listing"].settings["furniture"]:
        assert f"“{line}”" in text
    assert text.count("“Racing the Enemy: Stalin, Truman, and the Surrender of Japan”") == 2  # repeated titles
    for page in decisions.values():
        for mark in page.sic:
            assert mark["phrase"] in text and mark.get("explanation", "") in text
        for field in page.settings.get("details", []):
            if not field.get("printed", True):
                assert f"[{field['label']}]" in text
    assert "David Holloway" in text and "Transcription conventions" in text and "How to cite" in text


def test_home_page_links_every_page(built_site):
    tree = lxml_html.fromstring((built_site / "index.html").read_bytes())
    links = set(tree.xpath('//article//a/@href'))
    assert {"review/", "book/", "author/", "about/"} <= links
