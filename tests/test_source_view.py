"""The source view: every line of a source accounted for exactly once (the partition), each block's
lines holding its words, and the links both ways between the edition and the lines."""
from __future__ import annotations

from collections import Counter

import pytest
from lxml import html as lxml_html

from conftest import LISTING, REVIEW
from edition.readers.listing import read_listing
from edition.model import Editorial, Link, Note, NoteRef, PageStart, Sic, Text
from edition.readers.review import read_review
from edition.source_text import read_lines
from pagetext import words_of_source
from test_review_corpus import VARIETY, editorial_for

CASES = {
    "review": (REVIEW, lambda d: [read_review(REVIEW, d["review"])]),
    "listing": (LISTING, lambda d: read_listing(LISTING, d["listing"])),
    "review-variety": (VARIETY, lambda d: [read_review(VARIETY, editorial_for(d, VARIETY))]),
}


def spans(documents):
    for doc in documents:
        for block in [*doc.blocks, *doc.notes]:
            if getattr(block, "lines", None):
                yield block


@pytest.mark.parametrize("name", CASES)
def test_spans_and_declared_lines_partition_the_source(decisions, name):
    path, read = CASES[name]
    documents = read(decisions)
    lines = read_lines(path)
    covered = [n for block in spans(documents) for first, last in block.lines for n in range(first, last + 1)]
    blank = [line.number for line in lines if not line.text.strip()]
    dropped = [item.line for doc in documents for item in doc.data.get("dropped", [])]
    counted = Counter(covered + blank + dropped)
    assert [n for n, times in counted.items() if times > 1] == []          # no line twice
    assert sorted(counted) == [line.number for line in lines]               # and every line once


def words(inlines) -> str:
    """A block's words as the source prints them: a marker as its number, no editorial addition."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, NoteRef):
            out.append(str(node.number))
        elif isinstance(node, (Editorial, PageStart)) or type(node).__name__ in ("CitePlace", "MarginNote"):
            continue
        elif isinstance(node, (Sic, Link)) or hasattr(node, "children"):
            out.append(words(node.children))
        elif hasattr(node, "value"):
            out.append(node.value)
    return "".join(out)


@pytest.mark.parametrize("name", ["review", "review-variety"])
def test_each_span_holds_the_words_of_its_block(decisions, name):
    path, read = CASES[name]
    text = {line.number: line.text for line in read_lines(path)}
    for block in spans(read(decisions)):
        inner = block.blocks[0] if hasattr(block, "blocks") else block
        mine = words(inner.inlines).split()
        if isinstance(block, Note):
            mine = [str(block.number), *mine]
        lines = "\n".join(text[n] for first, last in block.lines for n in range(first, last + 1))
        assert words_of_source(lines, joins=set(mine)) == mine, block


def test_a_paragraph_reaches_its_lines_and_comes_back_in_one_click(built_site):
    review = lxml_html.fromstring((built_site / "review" / "index.html").read_bytes())
    source = lxml_html.fromstring((built_site / "sources" / "review" / "index.html").read_bytes())
    rows = source.xpath('//a[@class="line-number"]')
    assert [a.get("id") for a in rows] == [f"L{n}" for n in range(1, len(read_lines(REVIEW)) + 1)]
    for anchor in ("p3", "p12", "fn:1"):
        link = review.xpath(f'//*[@id="cite-{anchor.replace(":", "-")}"]//p[@class="cite-popover__source"]/a')[0]
        href = link.get("href")
        assert href.startswith("../sources/review/#L"), href
        line = href.rsplit("#", 1)[1]
        row = source.xpath(f'//a[@id="{line}"]/ancestor::tr')[0]
        back = [a.get("href") for a in row.xpath(".//td[last()]//a")]
        assert f"../../review/#{anchor}" in back, (anchor, back)


def test_source_pages_are_not_searched_and_dropped_lines_say_why(built_site, offline_site):
    import json
    from searched import fragments
    assert "/review/" in fragments(built_site) and not [url for url in fragments(built_site) if url.startswith("/sources/")]
    docs = json.loads((offline_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs and not [d for d in docs if d["location"].startswith("sources/")]
    listing = lxml_html.fromstring((built_site / "sources" / "listing" / "index.html").read_bytes())
    dropped = listing.xpath('//tr[contains(normalize-space(td[last()]), "dropped: site furniture")]')
    assert dropped and all(row.xpath('.//a[contains(@href, "about/#dropped")]') for row in dropped)


def test_marks_of_the_editors_sit_on_the_lines_that_hold_their_phrase(built_site, decisions):
    import re
    for section, path in (("review", REVIEW), ("listing", LISTING)):
        page = lxml_html.fromstring((built_site / "sources" / section / "index.html").read_bytes())
        firsts = [m["phrase"].split()[0] for m in decisions[section].sic]
        marked = page.xpath('//tr[contains(normalize-space(td[last()]), "by the editors")]')
        assert len(marked) >= len(firsts) > 0
        for row in marked:
            text = row.xpath('string(.//span[@class="verbatim"])')
            assert any(re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text) for first in firsts), text


def test_page_markers_lead_to_the_line_their_page_begins_on_and_back(built_site):
    review = lxml_html.fromstring((built_site / "review" / "index.html").read_bytes())
    source = lxml_html.fromstring((built_site / "sources" / "review" / "index.html").read_bytes())
    markers = review.xpath('//a[@class="page-marker"]')
    assert markers
    for marker in markers:
        page, line = marker.get("id"), marker.get("href").rsplit("#", 1)[1]
        assert marker.get("href").startswith("../sources/review/#L")
        row = source.xpath(f'//a[@id="{line}"]/ancestor::tr')[0]
        assert row.xpath(f'.//a[@href="../../review/#{page}"]'), (page, line)
