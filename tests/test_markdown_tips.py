"""Tests of markdown_tips: the hidden texts that describe their hosts, with ids unique on a page and one per wording of a name's preview."""
from __future__ import annotations

import re

from edition.model import Document
from edition.writers.markdown_tips import name_preview, start_page, tip


def ids(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', html)


def test_mentions_whose_previews_say_the_same_share_the_first_ones_id():
    start_page(Document(source="s.txt", title="T", page="review.md"))
    first, shown = name_preview("stalin", "Stalin", "— person", "", searched=False)
    again, repeated = name_preview("stalin", "Stalin", "— person", "", searched=False)
    other, different = name_preview("stalin", "Stalin", "— person. Printed as", "Stalin, Generalissimo", searched=True)
    assert first == again and ids(shown) == [first] and ids(repeated) == []        # described by the first
    assert other != first and ids(different) == [other]                          # another wording, its own id
    assert "role" not in repeated and 'role="tooltip"' in shown


def test_ids_start_again_on_each_page_and_a_fragment_keeps_its_own():
    start_page(Document(source="s.txt", title="T", page="review.md"))
    page_tip, _ = tip("work", "A work")
    page_name, _ = name_preview("japan", "Japan", "— place", "", searched=False)
    start_page(Document(source="s.txt", title="T", page="snippets/register.md", base="about.md"))
    fragment_tip, _ = tip("ed", "An explanation")
    fragment_name, _ = name_preview("japan", "Japan", "— place", "", searched=False)
    assert page_tip == "work-1" and fragment_tip == "ed-1"
    assert fragment_name != page_name                       # the fragment's stand beside the page's


def test_a_searched_preview_leaves_only_what_the_entry_says_of_itself_out_of_search():
    start_page(Document(source="s.txt", title="T", page="review.md"))
    _, searched = name_preview("matsumura", "Matsumura Tomokatsu", "— person", "Matsamura", searched=True)
    _, unsearched = name_preview("japan", "Japan", "— place", "", searched=False)
    assert re.fullmatch(r'<span class="preview"[^>]*> Matsumura Tomokatsu <span data-search-exclude>— person</span> Matsamura\. </span>', searched)
    assert "data-search-exclude>Japan" in unsearched
