"""The EPUBs, read back: every word in order, each note's call to its note and back, the printed pages
in a page list before their first words, metadata, accessibility metadata and languages."""
from __future__ import annotations

import re
import tomllib
import zipfile
from collections import Counter
from dataclasses import dataclass

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import PUBLISHED, REVIEW, ROOT, run_edition
from pagetext import PAGE_START, is_subsequence, source_count, words_of_page, words_of_source
from edition import config
from edition.errors import SourceError
from edition.settings import site_settings

VARIETY = ROOT / "tests" / "corpus" / "review-variety.txt"
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
TYPE = "{http://www.idpf.org/2007/ops}type"
#: What the editors put in a text, left out when its words are compared with the page's.
EDITORIAL = ("page-start", "para-number", "editorial", "how-to-cite", "editorial-note")


def read(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def xhtml(path, name: str):
    return etree.fromstring(read(path)[f"EPUB/{name}"])


def words(text: str) -> list[str]:
    """Words, a note number glued to a word's end split from it (as the PDF test does)."""
    return [w for word in text.split() for w in re.split(r"(?<=[^\d\s])(?=\d+$)", word) if w]


def text_words(root, part: str = "all") -> list[str]:
    """The words of an EPUB text less the editors' marks; ``part`` "body" or "notes"."""
    root = etree.fromstring(etree.tostring(root))
    for node in root.xpath(" | ".join(f'//*[contains(concat(" ", @class, " "), " {c} ")]' for c in EDITORIAL)):
        previous, parent = node.getprevious(), node.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + (node.tail or "")
        else:
            parent.text = (parent.text or "") + (node.tail or "")
        parent.remove(node)
    notes = root.xpath('//x:aside[@epub:type="footnote"]', namespaces=NS)
    if part == "notes":
        return words(" ".join("".join(n.itertext()) for n in notes))
    for node in notes if part == "body" else []:
        node.getparent().remove(node)
    return words("".join(root.xpath("//x:body", namespaces=NS)[0].itertext()))


def test_every_word_of_each_text_is_in_its_epub_and_in_the_editions_in_order(built_site):
    review = xhtml(built_site / "epub" / "review.epub", "review.xhtml")
    page = built_site / "review" / "index.html"
    assert is_subsequence(words(" ".join(words_of_page(page, "body"))), text_words(review, "body"))
    assert is_subsequence(words(" ".join(words_of_page(page, "notes"))), text_words(review, "notes"))
    assert not Counter(words(" ".join(words_of_source(REVIEW.read_text(encoding="utf-8"))))) - Counter(text_words(review))
    for name in ("book", "author"):
        site = words(" ".join(words_of_page(built_site / name / "index.html")))
        assert is_subsequence(site, text_words(xhtml(built_site / "epub" / f"{name}.epub", f"{name}.xhtml"))), name
        assert is_subsequence(site, text_words(xhtml(built_site / "epub" / "edition.epub", f"{name}.xhtml"))), name
    assert "\u00ad" not in "".join(b.decode("utf-8", "replace") for b in read(built_site / "epub" / "review.epub").values())


def notes_linked_both_ways(root) -> list[int]:
    """The numbers of a text's note calls, each checked to link to an EPUB footnote that links back to it."""
    ids = {node.get("id"): node for node in root.iter() if node.get("id")}
    numbers = []
    for call in root.xpath('//x:a[@epub:type="noteref"]', namespaces=NS):
        note = ids[call.get("href").removeprefix("#")]
        assert note.tag == f"{{{NS['x']}}}aside" and note.get(TYPE) == "footnote" and note.get("role") == "doc-footnote"
        back = note.xpath('.//x:a[@role="doc-backlink"]', namespaces=NS)
        assert [b.get("href") for b in back] == [f"#{call.get('id')}"] and back[0].text == call.text
        numbers.append(int(call.text))
    return numbers


def test_every_note_call_links_to_its_note_and_back(built_site):
    site_notes = lxml_html.fromstring((built_site / "review" / "index.html").read_bytes()).xpath(
        '//div[contains(@class, "footnote")]/ol/li')
    for path, name in [("review.epub", "review.xhtml"), ("edition.epub", "review.xhtml")]:
        numbers = notes_linked_both_ways(xhtml(built_site / "epub" / path, name))
        assert numbers == list(range(1, len(site_notes) + 1)) and numbers, path


def test_the_page_list_has_every_printed_page_each_before_its_first_words(built_site):
    book = built_site / "epub" / "review.epub"
    nav, review = xhtml(book, "nav.xhtml"), xhtml(book, "review.xhtml")
    listed = nav.xpath('//x:nav[@epub:type="page-list"]//x:a', namespaces=NS)
    pages = source_count(REVIEW.read_text(encoding="utf-8"), PAGE_START)
    assert [a.text for a in listed] == [str(n) for n in range(1, pages + 1)]
    starts = [line.split()[:3] for line in REVIEW.read_text(encoding="utf-8").splitlines() if re.match(PAGE_START, line)]
    for a, first in zip(listed, starts, strict=True):
        file, ident = a.get("href").split("#")
        marker = review.xpath(f'//*[@id="{ident}"]')[0]
        assert file == "review.xhtml" and marker.get(TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert words("".join(marker.xpath("following::text()")[:12]))[:3] == first, a.text
    assert not xhtml(built_site / "epub" / "author.epub", "nav.xhtml").xpath('//x:nav[@epub:type="page-list"]', namespaces=NS)


def opf(path):
    return etree.fromstring(read(path)["EPUB/content.opf"])


def test_metadata_accessibility_and_languages_read_back(built_site, decisions):
    package = opf(built_site / "epub" / "review.epub")
    first = lambda xpath: package.xpath(xpath, namespaces=NS)[0]   # noqa: E731
    assert first("//dc:title").text.startswith("[Review of] Tsuyoshi Hasegawa") and first("//dc:language").text == "en"
    reviewer = decisions["review"].settings["reviewer"]
    creator = first("//dc:creator")
    assert creator.text == reviewer and first(f'//opf:meta[@refines="#{creator.get("id")}"]').text == "aut"
    identifier = first("//dc:identifier").text
    assert identifier.startswith(f"{PUBLISHED}review/") and re.search(r"\(version \w+\)$", identifier)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first('//opf:meta[@property="dcterms:modified"]').text)
    meta = lambda prop, path: [m.text for m in opf(path).xpath(f'//opf:meta[@property="schema:{prop}"]', namespaces=NS)]  # noqa: E731
    review, author = built_site / "epub" / "review.epub", built_site / "epub" / "author.epub"
    assert meta("accessMode", review) == ["textual"] and meta("accessibilityHazard", review) == ["none"]
    assert "pageNavigation" in meta("accessibilityFeature", review) and "page" in meta("accessibilitySummary", review)[0]
    assert "pageNavigation" not in meta("accessibilityFeature", author)      # no printed pages: not claimed
    assert "page list" not in meta("accessibilitySummary", author)[0]
    text = xhtml(author, "author.xhtml")
    japanese = text.xpath('//*[@lang="ja"]', namespaces=NS)     # every Japanese word marked, for both attributes
    assert {j.text for j in japanese} == {"長谷川毅"} and len(japanese) == "".join(text.xpath("//x:body", namespaces=NS)[0].itertext()).count("長谷川毅")
    assert all(j.get("{http://www.w3.org/XML/1998/namespace}lang") == "ja" for j in japanese)
    assert xhtml(author, "author.xhtml").get("lang") == "en"
    editors = opf(built_site / "epub" / "edition.epub")
    assert editors.xpath("//dc:title", namespaces=NS)[0].text == site_settings()["site_name"]
    spine = [i.get("idref") for i in editors.xpath("//opf:spine/opf:itemref", namespaces=NS)]
    assert spine[:3] == ["title", "nav", "review"] and spine[-1] == "bibliography"


def test_the_first_screen_has_title_reviewer_attribution_and_citation(built_site):
    review = xhtml(built_site / "epub" / "review.epub", "review.xhtml")
    section = review.xpath("//x:body/x:section", namespaces=NS)[0]
    head = " ".join(" ".join(section.itertext()).split()).split("[p.")[0]
    for phrase in ["[Review of] Tsuyoshi Hasegawa", "Reviewer: [David Holloway]", "Attribution (editorial)",
                   "Cite this text", "H-Diplo Roundtable", f"{PUBLISHED}review/"]:
        assert phrase in head, phrase
    assert re.search(r"version \w+ of \d{4}-\d{2}-\d{2}", head)
    assert review.xpath('//x:aside[@class="editorial-note"]', namespaces=NS) and review.xpath("//x:h1/x:cite", namespaces=NS)


def test_corpus_review_converts_with_every_note(tmp_path):
    result = run_edition("convert", "review", str(VARIETY), "--out", str(tmp_path), "--to", "epub")
    assert result.returncode == 0, result.stderr
    expect = tomllib.loads(VARIETY.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    text = xhtml(tmp_path / "epub" / "review-variety.epub", "review-variety.xhtml")
    assert notes_linked_both_ways(text) == list(range(1, len(expect["notes"]) + 1))
    source = Counter(words(" ".join(words_of_source(VARIETY.read_text(encoding="utf-8")))))
    lost = [w for w in source - Counter(text_words(text)) if not any(w.rstrip(",.;:)") in link for link in expect["links"])]
    assert not lost       # every word but the halves of an address the source breaks at a line's end
    assert all(link in "".join(text.itertext()) for link in expect["links"])     # which stand whole
    listed = xhtml(tmp_path / "epub" / "review-variety.epub", "nav.xhtml").xpath('//x:nav[@epub:type="page-list"]//x:a', namespaces=NS)
    assert [a.text for a in listed] == [str(n) for n in range(1, expect["pages"] + 1)]


@dataclass
class Strange:
    """A block no writer knows."""
    lines: tuple = ((7, 8),)


def test_a_block_with_no_epub_form_stops_with_its_source_line(monkeypatch, decisions):
    from edition import pages
    real = pages.edit

    def with_strange(*args, **kwargs):
        edited = real(*args, **kwargs)
        edited.documents[0].blocks.append(Strange())
        return edited
    monkeypatch.setattr(pages, "edit", with_strange)
    with pytest.raises(SourceError, match=r"review-variety\.txt:7: review-variety\.xhtml: no EPUB form"):
        pages.convert("review", VARIETY, decisions, to="epub")
