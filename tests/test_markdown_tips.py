"""Tests of markdown_tips: the hidden texts that describe their hosts, with ids unique on a page and one per wording of a name's preview."""
from __future__ import annotations

import re

from edition.model import Document
from edition.writers.markdown_tips import name_preview, start_page, tip


def ids(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', html)


def test_mentions_whose_previews_say_the_same_share_the_first_ones_id():
    start_page(Document(source="s.txt", title="T", page="review.md"))
    first, shown = name_preview("stalin", "Stalin", "— person", "")
    again, repeated = name_preview("stalin", "Stalin", "— person", "")
    other, different = name_preview("stalin", "Stalin", "— person. Printed as", "Stalin, Generalissimo")
    assert first == again and ids(shown) == [first] and ids(repeated) == []        # described by the first
    assert other != first and ids(different) == [other]                          # another wording, its own id
    assert "role" not in repeated and 'role="tooltip"' in shown


def test_ids_start_again_on_each_page_and_a_fragment_keeps_its_own():
    start_page(Document(source="s.txt", title="T", page="review.md"))
    page_tip, _ = tip("work", "A work")
    page_name, _ = name_preview("japan", "Japan", "— place", "")
    start_page(Document(source="s.txt", title="T", page="snippets/register.md", base="about.md"))
    fragment_tip, _ = tip("ed", "An explanation")
    fragment_name, _ = name_preview("japan", "Japan", "— place", "")
    assert page_tip == "work-1" and fragment_tip == "ed-1"
    assert fragment_name != page_name                       # the fragment's stand beside the page's


def test_a_preview_is_never_searched_and_holds_no_span_for_material_to_end_it_at():
    start_page(Document(source="s.txt", title="T", page="review.md"))
    _, preview = name_preview("matsumura", "Matsumura Tomokatsu", "— person",
                              'Matsamura <span class="editorial">[identified by the editors]</span>')
    assert re.fullmatch(r'<small class="preview"[^>]*data-search-exclude>Matsumura Tomokatsu — person Matsamura <span.*</span>\.</small>', preview)
