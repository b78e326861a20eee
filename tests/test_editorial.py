"""The editorial file: phrases it marks, and how they are set apart."""
from __future__ import annotations

import pytest

from edition.editorial import load, mark_phrases
from edition.errors import SourceError
from edition.model import Editorial, Sic, Text, Title


def test_titles_and_sic_are_marked(decisions):
    review = decisions["review"]
    marked = mark_phrases("Racing the Enemy, says Matsamura.", review)
    assert isinstance(marked[0], Title) and marked[0].children == (Text("Racing the Enemy"),)
    assert Sic((Text("Matsamura"),), "[sic]", review.sic[0]["explanation"]) in marked


def test_a_phrase_not_in_the_source_names_the_editorial_line(decisions, tmp_path):
    with pytest.raises(SourceError) as caught:
        decisions["review"].check_phrases(tmp_path / "src.txt", "text without the titles")
    assert caught.value.path.endswith("editorial.toml") and caught.value.line


def test_bad_toml_names_its_line(tmp_path):
    bad = tmp_path / "editorial.toml"
    bad.write_text('[review]\nsource = "x"\npage = \n')
    with pytest.raises(SourceError) as caught:
        load(bad)
    assert caught.value.line == 3


@pytest.mark.parametrize("text,line,message", [
    ('[review]\nsource = "x.txt"\npage = "x.md"\nreviwer = "A. B."\n', 4, "unknown setting 'reviwer' for the review reader"),
    ('[review]\nsource = "x.txt"\npage = "x.md"\nreader = "poem"\n', 4, "unknown reader 'poem'"),
    ('[citation]\nstyle = "apa.csl"\n', 1, "unknown section [citation]"),
    ('[listing]\nsource = "l.txt"\npage = "b.md"\n[[listing.details]]\nlabel = "ISBN"\nprinted = false\nshow_as = "x"\n', 7,
     "unknown key 'show_as' in a details entry"),
    ('[review]\nsource = "x.txt"\n', 1, "[review] has no 'page'"),
    ('[records.r]\ntype = "book"\nISBN = "978-0-674-01693-5"\n', 3, "ISBN '978-0-674-01693-5' cannot be read: expected an ISBN"),
    ('[cite."author.md"]\nlabel = "A"\nschema = { "@type" = "Person", birthDate = "1941-02-30" }\n', 3,
     "[cite.\"author.md\"]: birthDate '1941-02-30' cannot be read: expected a date"),
    ('[cite."book.md"]\nlabel = "B"\nbook_format = "schema.org/Paperback"\n', 3, "expected an http(s) address"),
    ('[cite."x.md"]\nschema = { affiliation = { url = "www.ucsb.edu" } }\n', 2, "url 'www.ucsb.edu' cannot be read"),
    ('[review]\nsource = "x.txt"\npage = "x.md"\n[[review.titles]]\nphrase = "Mokusatsu"\nlang = "ja_JP"\n', 4,
     "'lang' 'ja_JP' cannot be read: expected a language tag of BCP 47"),
    ('[listing]\nsource = "l.txt"\npage = "b.md"\ncjk_lang = "1ja"\n', 4, "cjk_lang '1ja' cannot be read"),
], ids=["misspelt setting", "unknown reader", "unknown section", "misspelt detail key", "no page", "isbn checksum",
        "schema date not in the calendar", "book format not an address", "nested address", "title's language",
        "cjk language"])
def test_the_schema_refuses_what_it_does_not_know_with_its_line(tmp_path, text, line, message):
    bad = tmp_path / "editorial.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load(bad)
    assert caught.value.line == line and message in caught.value.message, caught.value


def test_defaults_are_filled_in_once_from_the_schema(tmp_path):
    good = tmp_path / "editorial.toml"
    good.write_text('[listing]\nsource = "l.txt"\npage = "b.md"\n[[listing.details]]\nlabel = "ISBN"\n', encoding="utf-8")
    listing = load(good)["listing"]
    assert listing.settings["details"][0]["printed"] is True and listing.settings["author_page"] == "author.md"
    review = load(good).section_for("review", tmp_path / "other.txt")
    assert review.settings["byline_label"] == "Reviewer: " and review.settings["reviewer"] == ""
