"""The built /book/ and /author/ pages keep every word of the listing less its declared furniture."""
from __future__ import annotations

from collections import Counter

from lxml import html as lxml_html

from conftest import LISTING
from pagetext import PRAISE, is_subsequence, source_count, words_of_page


def source_words(decisions) -> list[str]:
    furniture = set(decisions["listing"].settings["furniture"])
    lines = [l.strip() for l in LISTING.read_text(encoding="utf-8").splitlines() if l.strip()]
    title = next(l for l in lines if l not in furniture)
    kept, seen_title = [], False
    for line in lines:
        if line in furniture or (line == title and seen_title):
            continue
        seen_title = seen_title or line == title
        kept.append(line)
    return " ".join(kept).split()


def test_every_word_of_the_listing_reaches_book_and_author_pages(built_site, decisions):
    book = words_of_page(built_site / "book" / "index.html")
    author = words_of_page(built_site / "author" / "index.html")
    source = source_words(decisions)
    # Quotation marks around praise become the blockquote: compare words without them.
    strip = lambda words: " ".join(words).replace('"', " ").split()
    page_words, source_words_ = strip(book + author), strip(source)
    # The title line is split into title and subtitle: join on the colon they share.
    assert Counter(w.rstrip(":") for w in page_words) == Counter(w.rstrip(":") for w in source_words_)
    assert is_subsequence([w.rstrip(":") for w in strip(author)], [w.rstrip(":") for w in source_words_])


def test_praise_is_semantic_attributed_quotation(built_site):
    tree = lxml_html.fromstring((built_site / "book" / "index.html").read_bytes())
    figures = tree.xpath('//figure[@class="praise"]')
    assert len(figures) == source_count(LISTING.read_text(encoding="utf-8"), PRAISE)
    for figure in figures:
        assert figure.xpath("./blockquote") and figure.xpath("./figcaption/span[@class='people']")
    role = tree.xpath('//figure[@id="q10"]//span[@class="role"]')[0]
    for preview in role.xpath('.//*[@class="preview"]'):      # a name's preview of its entry, hidden
        preview.drop_tree()
    assert role.text_content() == "Los Angeles Times"


def test_japanese_name_is_marked_as_japanese(built_site):
    tree = lxml_html.fromstring((built_site / "author" / "index.html").read_bytes())
    assert [s.text for s in tree.xpath('//h1//span[@lang="ja"]')] == ["長谷川毅"]
