"""The Markdown writer: text stays text, editorial marks are set apart, anchors are stable."""
from __future__ import annotations

import re

import markdown

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
