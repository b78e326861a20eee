"""Tests of cite_this: the cite controls of a page, and the citations the build makes for them."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from conftest import ROOT
from edition.citations.citations import Bibliography, plain
from edition.passes.cite_this import add_controls, page_snippet, places, popover_id
from edition.writers.markdown import write
from edition.model import BlockQuote, Document, Note, Paragraph, Quotation, Text
from edition.site_nodes import CitePlace, Include
from edition.citations.records import Edition, page_record


def a_page() -> Document:
    doc = Document(source="sources/r.txt", title="A review", page="review.md")
    doc.blocks = [Paragraph([Text("One.")], anchor="p1"), BlockQuote([Paragraph([Text("Two.")], anchor="p2")]),
                  Quotation([Text("Fine")], [Text("A. Critic")], [Text("a paper")], anchor="q1"),
                  Paragraph([Text("No anchor.")])]
    doc.notes = [Note(1, [Text("Ibid.")])]
    return doc


@pytest.fixture(scope="module")
def bibliography():
    return Bibliography(ROOT / "sources" / "references.bib")


def test_every_anchored_paragraph_quotation_and_note_is_a_place():
    assert places(a_page()) == [("p1", "paragraph 1", "para. 1"), ("p2", "paragraph 2", "para. 2"),
                                ("q1", "quotation 1", "quotation 1"), ("fn:1", "note 1", "n. 1")]
    assert popover_id("fn:1") == "cite-fn-1"


def test_controls_open_each_place_s_citation_and_the_citations_follow_the_notes():
    doc = a_page()
    add_controls(doc)
    assert doc.blocks[0].inlines[0] == CitePlace("cite-p1", "Cite paragraph 1", "1")
    assert doc.blocks[1].blocks[0].inlines[0].target == "cite-p2"
    assert doc.blocks[2].controls[0].target == "cite-q1" and doc.blocks[3].inlines == [Text("No anchor.")]
    assert doc.notes[0].inlines[0] == Text("Ibid.") and doc.notes[0].inlines[-1].target == "cite-fn-1"
    assert doc.appendix == [Include("snippets/cite/review.md")]
    markdown = write(doc)
    # Python-Markdown's footnotes go where the marker stands: after the text, before the citations.
    assert markdown.index("[^1]: Ibid.") < markdown.index("///Footnotes Go Here///") < markdown.index("--8<--")


def snippet_tree(doc, record, bibliography):
    return lxml_html.fromstring(f"<div>{page_snippet(doc, record, bibliography)}</div>")


def test_the_snippet_cites_the_page_and_each_place_with_its_address(bibliography):
    works = {key: record for key, record in bibliography.records.items()}
    edition = Edition("The Edition", "https://example.net/ed/")
    record = page_record("review.md", {"work": "butow1954"}, works, edition, ROOT / "x.toml", 1)
    doc = a_page()
    tree = snippet_tree(doc, record, bibliography)
    note = plain(lxml_html.tostring(tree.xpath('//*[@id="cite-review-note"]')[0], encoding="unicode"))
    assert note.startswith("Robert J. C. Butow, Japan’s Decision to Surrender") and "https://example.net/ed/review/" in note
    assert tree.xpath('//*[@id="cite-review-entry"]//em')          # titles in italics, not a code block
    assert not tree.xpath("//pre | //code")
    for anchor, label, locator in places(doc):
        box = tree.xpath(f'//*[@id="{popover_id(anchor)}"]')[0]
        assert box.get("popover") is not None and box.xpath(".//button[@popovertargetaction='hide']")
        text = box.xpath(f'.//*[@id="{popover_id(anchor)}-text"]')[0].text_content()
        assert f"https://example.net/ed/review/#{anchor}" in text, anchor
        assert box.xpath(f'.//button[@data-clipboard-target="#{popover_id(anchor)}-text"]')
    assert "para. 2" in tree.xpath('//*[@id="cite-p2-text"]')[0].text_content()
    assert "n. 1" in tree.xpath('//*[@id="cite-fn-1-text"]')[0].text_content()


def test_without_a_published_address_no_address_is_invented(bibliography):
    works = dict(bibliography.records)
    record = page_record("book.md", {"title": "A listing"}, works, Edition("The Edition"), ROOT / "x.toml", 1)
    text = page_snippet(a_page(), record, bibliography)
    assert "http" not in text and "example" not in text
    assert record["type"] == "webpage" and "issued" not in record and "editor" not in record
