"""Addresses in a source's text: joined across a line's end only where the next line continues them."""
from __future__ import annotations

import pytest

from edition.readers.addresses import continues_url, link_addresses
from edition.model import Link, Text


@pytest.mark.parametrize("end,start,joined", [
    ("see http://www.h-net.org/~diplo/", "roundtables/PDF/Hasegawa.pdf for it", True),
    ("at www.example.org/planning/", "tables-1945.html for", True),
    ("at https://example.org/a?id=42&page=", "3 for the second", True),
    ("see http://example.org/a/b", "and the next", False),           # a word, not the rest of an address
    ("see http://example.org/a/b.", "Ibid. p. 4.", False),           # the address ended a sentence
    ("no address at the end", "roundtables/x.pdf", False),
])
def test_an_address_is_joined_only_where_the_next_line_continues_it(end, start, joined):
    assert continues_url(end, start) is joined


def test_a_bare_address_becomes_a_link_without_the_punctuation_after_it():
    parts = link_addresses(Text("See www.example.org/a.html, and (https://example.org/b)."))
    links = [p for p in parts if isinstance(p, Link)]
    assert [(l.children[0].value, l.target) for l in links] == [
        ("www.example.org/a.html", "https://www.example.org/a.html"), ("https://example.org/b", "https://example.org/b")]
    assert "".join(p.value if isinstance(p, Text) else p.children[0].value for p in parts) == \
        "See www.example.org/a.html, and (https://example.org/b)."
