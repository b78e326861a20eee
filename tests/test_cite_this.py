"""Tests of cite_this: the "Cite this page" section and the notes' "cite" links."""
from __future__ import annotations

from edition.cite_this import bibtex, cite_links, cite_section, fill, page_url
from edition.markdown_writer import note as note_markdown
from edition.model import CodeBlock, Document, Link, Note, Text

SITE = {"site_url": "https://example.org/ed/", "site_name": "The Edition"}


def doc_with_notes() -> Document:
    doc = Document(source="sources/r.txt", title="A review", page="review.md")
    doc.notes = [Note(1, [Text("Ibid.")]), Note(2, [Text("See p. 3.")])]
    return doc


def test_page_url_uses_directory_addresses():
    assert page_url("https://example.org/ed/", "review.md") == "https://example.org/ed/review/"
    assert page_url("https://example.org/ed/", "index.md") == "https://example.org/ed/"


def test_fill_leaves_other_braces_alone():
    assert fill("{{Title}} at {url} in {site}", {"url": "U", "site": "S"}) == "{{Title}} at U in S"


def test_bibtex_is_a_misc_entry_with_the_page_url():
    entry = bibtex({"key": "k", "title": "{T}", "howpublished": "{site}"}, "https://x/", "S")
    assert entry.startswith("@misc{k,\n") and "howpublished = {S}" in entry and "url          = {https://x/}" in entry


def test_cite_section_gives_chicago_and_bibtex_and_nothing_without_a_template():
    blocks = cite_section(doc_with_notes(), {"chicago": "A. {url}.", "bibtex": {"key": "k", "title": "T"}}, SITE)
    codes = [b.text for b in blocks if isinstance(b, CodeBlock)]
    assert codes[0] == "A. https://example.org/ed/review/." and codes[1].startswith("@misc{k,")
    assert cite_section(doc_with_notes(), {}, SITE) == []


def test_each_note_ends_with_an_editorial_cite_link_to_itself():
    doc = doc_with_notes()
    cite_links(doc, {"note": "Holloway, n. {n}, {url}#fn:{n}."}, SITE)
    link = doc.notes[1].inlines[-1]
    assert isinstance(link, Link) and link.target == "#fn:2" and "editorial" in link.cls.split()
    assert link.title == "Holloway, n. 2, https://example.org/ed/review/#fn:2."
    assert doc.notes[1].inlines[0] == Text("See p. 3.")          # the author's words come first, unchanged
    assert note_markdown(doc.notes[1]).endswith(
        '[cite](#fn:2 "Holloway, n. 2, https://example.org/ed/review/#fn:2."){: .note-cite .editorial }')


def test_no_cite_links_without_a_note_template():
    doc = doc_with_notes()
    cite_links(doc, {"chicago": "x"}, SITE)
    assert [n.inlines for n in doc.notes] == [[Text("Ibid.")], [Text("See p. 3.")]]
