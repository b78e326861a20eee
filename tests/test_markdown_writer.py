"""The Markdown writer: text stays text, editorial marks are set apart, anchors are stable."""
from __future__ import annotations

import re

import markdown
from hypothesis import given, strategies as st

from edition.writers.markdown import block, escape, write
from edition.model import BlockQuote, Document, Editorial, NoteRef, Note, PageStart, Paragraph, Text, Title

EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "admonition"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def test_html_and_markdown_in_a_source_are_shown_as_text():
    hostile = "<script>alert(1)</script> **bold** [x](y) # not a heading _u_ `c` {: #id } | a | &amp; [^1]"
    html = render(escape(hostile))
    assert "<script>" not in html and "<strong>" not in html and "<a " not in html and "<code>" not in html
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](y) # not a heading _u_ `c` " \
                   "{: #id } | a | &amp;amp; [^1]</p>"


def test_line_start_markup_is_escaped():
    for text in ["# heading?", "1. list?", "- list?", "+ list?", "> quote?"]:
        assert render(escape(text)) == f"<p>{escape(text).replace(chr(92), '').replace('>', '&gt;')}</p>"


@given(st.text(alphabet=" \t\r\nab", max_size=30))
def test_inline_text_is_one_line_its_breaks_and_their_spaces_one_space(text):
    """A break, with the spaces and breaks around it, becomes one space; nothing else changes."""
    one_line = escape(text)
    assert "\n" not in one_line and "\r" not in one_line
    assert one_line == re.sub(r"[ \t]*[\r\n][ \t\r\n]*", " ", text)


def test_paragraph_anchor_and_number():
    html = render(block(Paragraph([Text("Words.")], anchor="p3")))
    assert html == '<p class="para" data-para="3" id="p3">Words.</p>'


def test_block_quote_keeps_its_anchor():
    html = render(block(BlockQuote([Paragraph([Text("Quoted.")], anchor="p4")])))
    assert '<blockquote>' in html and 'id="p4"' in html


def test_notes_markers_pages_titles_and_editorial_marks():
    doc = Document(source="sources/x.txt", title="T", meta={"title": "T"}, blocks=[
        Paragraph([PageStart(2), Text("See "), Title((Text("A Book"),)), Text(" here."), NoteRef(1),
                   Text(" Spelt"), Editorial("[sic]", "so printed")], anchor="p1")],
        notes=[Note(1, [Text("Ibid. p. 3.")])])
    source = write(doc)
    assert source.startswith("---\ntitle: T\n---\n\n<!-- generated from sources/x.txt")
    html = render(source.split("-->", 1)[1])
    assert 'id="page-2"' in html and "<cite" in html and 'id="fnref:1"' in html and 'id="fn:1"' in html
    # the mark, and its explanation to show on hover, focus or tap (not a title attribute)
    assert re.search(r'<span class="editorial explained" tabindex="0" aria-describedby="(ed-\d+)">\[sic\]'
                     r'<span class="ed-explanation" role="tooltip" id="\1" data-search-exclude>so printed</span></span>', html)
    assert "title=" not in html.split('id="fn:1"')[0].split("[sic]")[-1]


# Places: the model names where a link points; the writer alone spells it ---------------------

def test_a_place_is_spelled_relative_to_the_page_being_written():
    from edition.model import Document, Link, Paragraph, Place, Text
    from edition.writers import markdown

    def written(page: str, target, base: str = "") -> str:
        doc = Document(source="s", title="t", page=page, base=base)
        doc.blocks.append(Paragraph([Link((Text("x"),), target)]))
        return markdown.write(doc)

    assert "(#fn:3)" in written("review.md", Place("review.md", "note", 3))
    assert "(../review.md#p12)" in written("sources/review.md", Place("review.md", "anchor", "p12"))
    assert "(sources/review.md#L42)" in written("review.md", Place("sources/review.md", "line", 42))
    assert "(cite/key.ris)" in written("bibliography.md", Place(kind="download", at="key.ris"))
    assert "(sources/review.md)" in written("snippets/register.md", Place("sources/review.md"), base="about.md")
    assert "(https://example.org/a)" in written("review.md", "https://example.org/a")


def test_how_notes_are_spelled_is_decided_in_one_place(decisions, monkeypatch):
    """Links in the model name a note, not Python-Markdown's id for it: change the spelling in the
    writer, and every such link (the bibliography's back-links, the source view's lines) follows."""
    from edition import config, pages
    from edition.writers import markdown
    monkeypatch.setitem(markdown.FRAGMENTS, "note", "note-{}")
    written = pages.all_pages(decisions, config.SOURCES_DIR)
    linked = "".join(written[page] for page in ("bibliography.md", "sources/review.md"))
    assert "#note-1)" in linked and "#fn:" not in linked


def test_links_in_the_finished_model_name_places_not_files(decisions):
    """Every link the readers and passes make points to a Place, or to an address outside the edition."""
    from edition import config, pages
    from edition.model import Link, Place
    from edition.passes.bibliography_page import inline_lists
    edited = pages.edit(decisions, config.SOURCES_DIR)
    found = []

    def walk(nodes):
        for node in nodes:
            if isinstance(node, Link):
                found.append(node.target)
            walk(getattr(node, "children", ()) or ())
    for doc in edited.documents:
        for _, _, inlines in inline_lists(doc):
            walk(inlines)
    assert found
    assert all(isinstance(t, Place) or t.startswith(("http://", "https://")) for t in found), \
        [t for t in found if not isinstance(t, Place)]


def test_a_mention_links_quietly_to_its_entry_with_a_preview_no_search_reads():
    from material.plugins.search.plugin import Parser
    from lxml import html as lxml_html
    from edition.model import Mention
    doc = Document(source="sources/x.txt", title="T", page="x.md", blocks=[Paragraph([
        Text("General "), Mention((Text("Kwann"),), "kwan", "person", names=(Text("Kwan, A."), Text(" "), Editorial("[Guan]")),
                                  about="person: “a general” (X ¶ 1)", forms=(Text("A. Kwan, Kwann"),)),
        Text(" and "), Mention((Text("Army"),), "army", "organisation", names=(Text("Army"),), about="organisation")],
        anchor="p1")])
    html = render(write(doc).split("-->", 1)[1])
    tree = lxml_html.fromstring(html)
    first, second = tree.xpath("//a")
    assert first.get("href") == "names.md#kwan" and first.get("class") == "mention"
    preview = tree.xpath(f'//*[@id="{first.get("aria-describedby")}"]')[0]
    assert preview.getparent() is first and preview.get("role") == "tooltip" and preview.get("class") == "preview"
    assert "data-search-exclude" in preview.attrib
    assert preview.xpath('.//span[@class="editorial"]/text()') == ["[Guan]"]
    # A search reads the mention's words only, never its preview's (search_variants.py finds the
    # passage by the entry's other names, apart from its words), in Material's parser too.
    parser = Parser()
    parser.feed(html)
    indexed = re.sub(r"</?p>", " ", " ".join("".join(section.text) for section in parser.data)).split()
    assert indexed == ["General", "Kwann", "and", "Army"]
    assert "data-search-exclude" in tree.xpath(f'//*[@id="{second.get("aria-describedby")}"]')[0].attrib
