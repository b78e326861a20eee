"""Tests of search_passages: in the offline copy's search, anchored passages become hits of their own."""
from __future__ import annotations

import json

import pytest

from lxml import html as lxml_html

from edition.site_steps.search_passages import index_text, passages, split_entries, title

PAGE = """<h1 id="review">Review</h1>
<div class="admonition"><p>Editorial box</p></div>
<p class="para" id="p1"><a id="page-1" href="#page-1">[p. 1]</a> First <em>passage</em>.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>
<blockquote>
<p id="p2">Quoted<br>passage.</p>
</blockquote>
<p>An unanchored paragraph.</p>
<div class="footnote"><ol>
<li id="fn:1">
<p>A note.&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></p>
</li>
</ol></div>"""


def test_passages_are_found_in_document_order_with_their_whole_html():
    found = passages(PAGE)
    assert [p["id"] for p in found] == ["p1", "p2", "fn:1"]
    assert found[0]["html"].startswith('<p class="para" id="p1">') and found[0]["html"].endswith("</sup></p>")
    assert found[1]["html"] == '<p id="p2">Quoted<br>passage.</p>'
    assert found[2]["html"].startswith('<li id="fn:1">') and found[2]["html"].endswith("</li>")


def test_other_ids_are_not_passages():
    assert passages('<p id="page-1">x</p><h2 id="p">y</h2><p id="fnref:1">z</p><p id="p1x">w</p>') == []


def test_titles():
    assert title("p12") == "Paragraph 12" and title("fn:3") == "Note 3" and title("q7") == "Quotation 7"
    # A passage with no number (a Bibliography entry) is titled by its first words.
    assert title("ref-butow1954", "<p>Butow, Robert J. C. <em>Japan's Decision to Surrender</em>. 1954.</p>") \
        == "Butow, Robert J. C. Japan's Decision to Surrender. …"
    with pytest.raises(ValueError):
        title("page-4")


def test_index_text_is_what_materials_parser_writes():
    assert index_text('<p id="p1">A <em>b</em> c<sup>1</sup></p>') == "<p>A b c<sup>1</sup></p>"


def entries_for(page: str) -> list[dict]:
    """The index entries Material's own search plugin makes of a page."""
    from material.plugins.search.plugin import SearchIndex

    class Page:
        url, toc, meta, title, content = "review/", [], {}, "Review", page
    index = SearchIndex(lang=["en"], separator="[\\\\s]+", pipeline=[], fields={})
    index.add_entry_from_context(Page)
    return json.loads(index.generate_search_index(None))["docs"]


def test_split_moves_each_passage_into_its_own_entry_and_keeps_the_rest():
    before = entries_for(PAGE)
    after = split_entries(before, "review/", passages(PAGE))
    by_location = {e["location"]: e for e in after}
    assert [e["location"] for e in after][-3:] == ["review/#p1", "review/#p2", "review/#fn:1"]
    assert by_location["review/#p1"]["title"] == "Paragraph 1"
    assert "First passage." in by_location["review/#p1"]["text"]
    assert "A note." in by_location["review/#fn:1"]["text"]
    rest = " ".join(e["text"] for e in after if "#p" not in e["location"] and "#fn" not in e["location"])
    assert "Editorial box" in rest and "An unanchored paragraph." in rest
    assert "First passage" not in rest and "A note." not in rest
    # Nothing is lost or doubled: the words of the index are the same before and after.
    words = lambda entries: sorted(" ".join(e["text"] for e in entries).replace("<", " <").replace(">", "> ").split())
    assert words(before) == words(after)


def test_other_pages_are_left_alone():
    before = entries_for(PAGE)
    assert split_entries(before, "book/", passages(PAGE)) == before


def test_the_offline_copys_index_has_an_entry_for_every_paragraph_and_note_of_the_review(offline_site):
    docs = json.loads((offline_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    review = {d["location"]: d for d in docs if d["location"].startswith("review.html")}
    html = (offline_site / "review.html").read_text(encoding="utf-8")
    paragraphs = {f"review.html#{p['id']}" for p in passages(html) if p["id"].startswith("p")}
    notes = {f"review.html#{p['id']}" for p in passages(html) if p["id"].startswith("fn:")}
    tree = lxml_html.fromstring(html)
    assert len(paragraphs) == len(tree.xpath('//p[@class="para"]')) > 0
    assert len(notes) == len(tree.xpath('//div[contains(@class,"footnote")]/ol/li')) > 0
    assert paragraphs | notes <= review.keys()
    assert all(review[location]["text"] for location in paragraphs | notes)
