"""Tests of search_variants: the names a passage is found by that it does not print, kept apart from its words, with the editors' reason."""
from __future__ import annotations

import json
from urllib.parse import unquote

from edition.register.search_variants import ANCHOR, name_word, of_page, pagefind_block, variants

REGISTER = {"entries": [
    {"id": "kwan", "heading": "Kwan, A.", "forms": [{"form": "A. Kwan"}, {"form": "Kwann", "identified_by_editors": "a misprint"}],
     "known_as": [{"name": "Guan", "reason": "the usual spelling"}],
     "mentions": [{"url": "https://x.example/ed/text/#p1", "form": "A. Kwan"}, {"url": "text/#p2", "form": "Kwann"}]},
    {"id": "emperor", "heading": "Emperor, the", "forms": [{"form": "Emperor"}], "known_as": [],
     "mentions": [{"url": "text/#p3", "form": "Emperor"}]}]}


def test_a_passage_is_found_by_the_names_of_its_entry_it_does_not_print_and_never_by_a_common_word():
    found = variants(json.dumps(REGISTER))
    assert [(v.passage, v.printed) for v in found] == [("p1", "A. Kwan"), ("p2", "Kwann")]
    by_passage = {v.passage: v for v in found}
    assert by_passage["p1"].words.split() == ["Kwann", "Guan"]
    assert set(by_passage["p2"].words.split()) == {"Kwan", "A.", "Guan"}
    assert "p3" not in by_passage                           # "the" is no name to find "Emperor" by
    assert not name_word("the") and name_word("Guan") and name_word("長谷川毅")


def test_the_reason_says_what_the_passage_prints_and_what_the_editors_did():
    by_passage = {v.passage: v for v in variants(json.dumps(REGISTER))}
    assert by_passage["p2"].reason.startswith("“Kwann”: identified by the editors as Kwan, A.")
    assert "printed elsewhere as Kwann [identified by the editors]" in by_passage["p1"].reason
    assert by_passage["p1"].reason.endswith("the editors add Guan")


def test_a_page_gets_its_own_variants_whether_the_addresses_are_absolute_or_not():
    found = variants(json.dumps(REGISTER))
    assert {v.passage for v in of_page(found, "text/")} == {"p1", "p2"}
    assert of_page(found, "other/") == [] and of_page(found, "") == []


def test_the_block_keeps_the_words_apart_and_its_table_whole_whatever_the_reason_says():
    found = variants(json.dumps(REGISTER))
    block = pagefind_block(found)
    meta = block.split('data-pagefind-meta="variants:', 1)[1].split('"', 1)[0]
    assert "," not in meta and ":" not in meta                # Pagefind splits a meta attribute at commas
    assert json.loads(unquote(meta)) == [[v.passage, v.printed, v.reason] for v in found]
    assert f'id="{ANCHOR}0"' in block and "data-pagefind-weight" in block and pagefind_block([]) == ""
