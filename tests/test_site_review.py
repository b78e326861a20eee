"""The built /review/ page: every word of the source, in order, and the parts a reader cites."""
from __future__ import annotations

from collections import Counter

from lxml import html as lxml_html

from conftest import REVIEW
from pagetext import PAGE_START, article, is_subsequence, source_count, words_of_page, words_of_source


def test_every_word_of_the_review_reaches_the_page_in_order(built_site):
    page = built_site / "review" / "index.html"
    source = words_of_source(REVIEW.read_text(encoding="utf-8"))
    body, notes = words_of_page(page, "body"), words_of_page(page, "notes")
    # No loss, no addition: the same words, as many times each ...
    assert Counter(body + notes) == Counter(source)
    # ... and in the source's order: the text, and the notes, each in order.
    assert is_subsequence(body, source) and is_subsequence(notes, source)


def test_notes_page_markers_and_paragraphs_are_citable(built_site):
    tree = lxml_html.fromstring((built_site / "review" / "index.html").read_bytes())
    pages = source_count(REVIEW.read_text(encoding="utf-8"), PAGE_START)
    assert [a.get("id") for a in tree.xpath('//a[@class="page-marker"]')] == [f"page-{n}" for n in range(1, pages + 1)]
    paragraphs = tree.xpath('//p[@class="para"]')
    assert [p.get("id") for p in paragraphs] == [f"p{n}" for n in range(1, len(paragraphs) + 1)]
    notes = tree.xpath('//div[contains(@class,"footnote")]//li[starts-with(@id,"fn:")]')
    assert [n.get("id") for n in notes] == [f"fn:{n}" for n in range(1, len(notes) + 1)] and notes
    assert [s.get("id") for s in tree.xpath('//sup[starts-with(@id,"fnref:")]')] == [f"fnref:{n}" for n in range(1, len(notes) + 1)]
    for control in tree.xpath('//*[contains(@class, "cite-place")]'):
        control.drop_tree()      # the paragraph's number, the control that opens its citation
    quote = tree.xpath("//blockquote/p")[0].text_content()
    assert quote.startswith("it is clear that") and quote.endswith("incapable of doing so.")


def test_reviewer_and_attribution_are_shown_as_editorial(built_site):
    content = article(built_site / "review" / "index.html", drop_editorial=False)
    names = content.xpath('.//span[contains(@class,"editorial")][starts-with(normalize-space(),"[David Holloway]")]')
    assert names and "no byline" in content.xpath(f'.//*[@id="{names[0].get("aria-describedby")}"]')[0].text_content()
    note = content.xpath('.//div[contains(@class,"admonition")]')[0].text_content()
    assert "Attribution (editorial)" in note and "note 7" in note
