"""Tests of add_entries: the names ./scripts/add gives a text, and its entries, as editorial.toml and BibTeX read them."""
from __future__ import annotations

import tomllib

from pybtex.database import parse_string

from conftest import ROOT
from edition.add_entries import bib_entry, plan, section, slug, with_key_in_group
from edition.citations.citations import Bibliography
from edition.editorial import load

BIBLIOGRAPHY = Bibliography(ROOT / "sources" / "references.bib")
RECORDS = load(ROOT / "sources" / "editorial.toml").sections["records"]


def test_a_text_is_named_by_its_reviewer_else_by_the_work_it_reviews():
    assert slug("Tōgō Shigenori's  Racing, the Enemy!") == "togo-shigenori-s-racing-the-enemy"
    signed = plan("review", "Michael D. Gordin", "", "", BIBLIOGRAPHY, RECORDS)
    assert (signed.name, signed.label, signed.page) == ("review-gordin", "Gordin's review", "review-gordin.md")
    unsigned = plan("review", "", "", "", BIBLIOGRAPHY, RECORDS)
    assert unsigned.name == "review-racing-the-enemy" and unsigned.label == "Review of Racing the Enemy"
    assert unsigned.title.startswith("[Review of] Tsuyoshi Hasegawa, Racing the Enemy: Stalin")
    assert [what for what, _ in unsigned.unknown][0] == "reviewer"


def test_the_entries_read_back_as_toml_and_bibtex_with_no_field_invented():
    for reviewer in ("", "Michael D. Gordin"):
        p = plan("review", reviewer, "", "", BIBLIOGRAPHY, RECORDS)
        data = tomllib.loads(section(p))
        assert data[p.name]["source"] == p.source and data["cite"][p.page]["work"] == p.key
        assert data["records"][p.key] == {"type": "review-book", "reviewed": "hasegawa2005racing", "untitled": True}
        assert ("reviewer" in data[p.name]) == bool(reviewer)
        entry = parse_string(bib_entry(p, "x.txt"), "bibtex").entries[p.key]
        assert set(entry.fields) == {"title", "annote"} and "not known" in entry.fields["annote"]
        assert [str(a) for a in entry.persons.get("author", [])] == (["Gordin, Michael D."] if reviewer else [])


def test_a_titled_review_is_named_by_its_title_and_keeps_it_as_given():
    titled = plan("review", "", "A Change of Scene", "", BIBLIOGRAPHY, RECORDS)
    assert (titled.name, titled.label, titled.title) == ("review-a-change-of-scene", "A Change of Scene", "A Change of Scene")
    assert tomllib.loads(section(titled))["records"][titled.key] == {"type": "review-book", "reviewed": "hasegawa2005racing"}
    entry = parse_string(bib_entry(titled, "x.txt"), "bibtex").entries[titled.key]
    assert entry.fields["title"] == "{A Change of Scene}" and "author" not in entry.persons
    signed = plan("review", "Michael D. Gordin", "A Change of Scene", "", BIBLIOGRAPHY, RECORDS)
    assert (signed.name, signed.label) == ("review-gordin", "Gordin's review")


def test_the_key_joins_the_group_of_the_other_reviews_of_its_work():
    text = '[[bibliography.groups]]\nkeys = ["a"]\n[[bibliography.groups]]\nkeys = [\n  "b",\n]\n'
    groups = tomllib.loads(text)["bibliography"]["groups"]
    assert tomllib.loads(with_key_in_group(text, groups, {"b"}, "new"))["bibliography"]["groups"][1]["keys"] == ["b", "new"]
    assert tomllib.loads(with_key_in_group(text, groups, {"a"}, "new"))["bibliography"]["groups"][0]["keys"] == ["a", "new"]
    alone = tomllib.loads(with_key_in_group(text, groups, {"z"}, "new"))["bibliography"]["groups"]
    assert alone[2]["keys"] == ["new"] and len(alone) == 3
