"""An editor adds a second review of the roundtable: a text the test writes itself builds and links."""
from __future__ import annotations

import hashlib
import shutil
import textwrap

import pytest
from lxml import html as lxml_html

from conftest import ROOT
from edition.site_build import build_site

PARAGRAPHS = [
    "Hasegawa's narrative moves between three capitals. Its treatment of the Kremlin is the most novel "
    "part of the study, and the author is careful with his Russian material.1 Few readers will doubt it.",
    "The chapter on Potsdam is more open to question; the diplomatic record allows other readings.2",
    "A quotation from a page of the source: <script>alert('x')</script> **not bold** [x](y) & {: #evil } "
    "shows that markup in a source stays text. The memoranda of August were long ignored.3",
]
NOTES = ["1 See the Archive of Foreign Policy, fond 06.", "2 Compare the Foreign Relations volumes.",
         "3 Ibid., p. 44."]


def second_review() -> str:
    """Three pages: one paragraph runs across a page start; notes below a rule on page 2."""
    first, second, third = (textwrap.wrap(p, 58) for p in PARAGRAPHS)
    lines = [" " + first[0], *first[1:3], " " + first[3], *first[4:], "", *second, "  ", "", " " * 40,
             *NOTES[:2], " " + third[0], *third[1:], "", "", " " * 40, NOTES[2], ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("second")
    for part in ["mkdocs.yml", "docs", "sources", "overrides", "scripts"]:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part,
                                                                     **({"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / part).is_dir() else {}))
    text = second_review()
    (root / "sources" / "review-second.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    with open(root / "sources" / "SHA256SUMS", "a") as sums:
        sums.write(f"{digest}  review-second.txt\n")
    with open(root / "sources" / "editorial.toml", "a", encoding="utf-8") as editorial:
        editorial.write('\n[review-second]\nreader = "review"\nsource = "review-second.txt"\n'
                        'page = "review-second.md"\ntitle = "[Review of] Racing the Enemy (a second review)"\n'
                        'reviewer = "A. Reviewer"\nattribution = "Named in the roundtable header."\n')
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - About: about.md", "  - Second review: review-second.md\n  - About: about.md"))
    build_site(root)
    return root


def test_second_review_builds_with_its_notes_pages_and_paragraphs(project):
    tree = lxml_html.fromstring((project / "site" / "review-second" / "index.html").read_bytes())
    assert [a.get("id") for a in tree.xpath('//a[@class="page-marker"]')] == ["page-1", "page-2", "page-3"]
    assert len(tree.xpath('//li[starts-with(@id,"fn:")]')) == 3
    assert [p.get("id") for p in tree.xpath('//p[@class="para"]')] == ["p1", "p2", "p3"]
    assert "Its treatment of the Kremlin" in tree.xpath('//p[@id="p1"]')[0].text_content()


def test_markup_in_a_source_is_shown_as_text(project):
    tree = lxml_html.fromstring((project / "site" / "review-second" / "index.html").read_bytes())
    p3 = tree.xpath('//p[@id="p3"]')[0]
    assert "<script>alert('x')</script> **not bold** [x](y) & {: #evil }" in p3.text_content()
    assert not p3.xpath(".//script | .//strong | .//a[@href='y']") and not tree.xpath('//*[@id="evil"]')


def test_second_review_is_linked_from_the_other_pages_and_the_about_register(project):
    home = lxml_html.fromstring((project / "site" / "index.html").read_bytes())
    assert "review-second/" in home.xpath("//nav//a/@href")
    about = (project / "site" / "about" / "index.html").read_text()
    assert "review-second.txt" in about and "A. Reviewer" in about
