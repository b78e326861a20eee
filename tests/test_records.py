"""Tests of records: every citable thing as a CSL-JSON record, refused when it cannot be cited."""
from __future__ import annotations

import pytest

from conftest import ROOT
from edition.citations.citations import Bibliography
from edition.errors import SourceError
from edition.citations.records import Edition, at, check, edition_record, from_git, page_path, page_record, works

EDITORIAL = ROOT / "sources" / "editorial.toml"


@pytest.fixture(scope="module")
def bibliography():
    return Bibliography(ROOT / "sources" / "references.bib")


def test_a_review_names_the_work_it_reviews(bibliography):
    untitled = {"type": "review-book", "reviewed": "hasegawa2005racing", "untitled": True}
    records = works(bibliography, {"butow1954": untitled}, EDITORIAL, lambda needle: 3)
    book, review = bibliography.records["hasegawa2005racing"], records["butow1954"]
    assert review["type"] == "review-book" and review["reviewed-author"] == book["author"]
    # Untitled: cited by the work it reviews; its own .bib title is its catalogue title.
    assert review["title"] == book["title"] and "reviewed-title" not in review
    assert review["catalogue-title"] == bibliography.records["butow1954"]["title"]
    with pytest.raises(SourceError, match="reviews 'nobody'"):
        works(bibliography, {"butow1954": {"reviewed": "nobody"}}, EDITORIAL, lambda needle: 3)
    # A review with a title of its own keeps it, and names the reviewed title and author.
    titled = works(bibliography, {"butow1954": {"type": "review-book", "reviewed": "hasegawa2005racing"}}, EDITORIAL,
                   lambda needle: 3)["butow1954"]
    assert titled["title"] == bibliography.records["butow1954"]["title"] and "catalogue-title" not in titled
    assert titled["reviewed-title"] == book["title"] and titled["reviewed-author"] == book["author"]
    with pytest.raises(SourceError, match="untitled but reviews nothing"):
        works(bibliography, {"butow1954": {"untitled": True}}, EDITORIAL, lambda needle: 3)


@pytest.mark.parametrize("record, problem", [({"id": "x", "type": "book", "author": [{"family": "A"}]}, "has no title"),
                                             ({"id": "x", "type": "book", "title": "T"}, "has no author or editor"),
                                             ({"id": "x", "type": "review-book", "title": "T", "editor": [{"family": "E"}]},
                                              "has an editor and no author: an unsigned review's editor would be cited as its author")])
def test_a_record_that_cannot_be_cited_is_refused(record, problem):
    with pytest.raises(SourceError) as caught:
        check(record, EDITORIAL, 12)
    assert str(caught.value).endswith(f"editorial.toml:12: record 'x' {problem}")


def test_an_unsigned_review_is_cited_by_what_it_reviews_in_notes_and_bibliography(bibliography):
    untitled = {"type": "review-book", "reviewed": "hasegawa2005racing", "untitled": True}
    records = works(bibliography, {"holloway2006review": untitled}, EDITORIAL, lambda needle: 3)
    review = {k: v for k, v in records["holloway2006review"].items() if k not in ("author", "editor", "container-title")}
    assert check(review, EDITORIAL, 1)
    (note,), entries = bibliography.format([review], [(review["id"], "")])
    for said in (note, entries[review["id"]]):        # citeproc's words, the description said once
        assert said.count("eview of") == 1 and "by Tsuyoshi Hasegawa" in said and said.startswith("Unsigned review of"), said


def test_a_titled_review_is_cited_as_chicago_cites_one_by_its_title_then_the_work_it_reviews(bibliography):
    """Signed, in a journal: Author, "Title," review of *Book*, by Book Author, Journal; unsigned: its title first."""
    book = bibliography.records["hasegawa2005racing"]
    review = {"id": "r", "type": "review-book", "title": "A Change of Scene", "reviewed-title": book["title"],
              "reviewed-author": book["author"], "author": [{"family": "Gordin", "given": "Michael D."}],
              "container-title": "H-Diplo"}
    for record, opening in ((review, "Michael D. Gordin, <span>“A Change of Scene,”</span> review of <em>"),
                            ({k: v for k, v in review.items() if k != "author"}, "<span>“A Change of Scene,”</span> unsigned review of <em>")):
        (note,), entries = bibliography.format([check(record, EDITORIAL, 1)], [("r", "")])
        assert note.startswith(opening) and ", by Tsuyoshi Hasegawa, <em>H-Diplo</em>" in note, note
        assert entries["r"].lower().count("review of") == 1 and "by Tsuyoshi Hasegawa" in entries["r"], entries["r"]


def test_a_web_page_of_the_edition_names_no_one_the_edition_does_not_name():
    assert check({"id": "x", "type": "webpage", "title": "T"}, EDITORIAL, 1)


def test_page_records_take_the_address_only_when_there_is_one(bibliography):
    published = Edition("Ed", "https://example.net/ed/", "abc1234", "2026-11-02")
    record = page_record("book.md", {"title": "Listing"}, {}, published, EDITORIAL, 1)
    assert record["URL"] == "https://example.net/ed/book/" and "editor" not in record
    assert record["container-title"] == '<span class="nocase">Ed</span>'      # the name as written
    unpublished = page_record("book.md", {"title": "Listing"}, {}, Edition("Ed"), EDITORIAL, 1)
    assert "URL" not in unpublished and "issued" not in unpublished and "version" not in unpublished
    assert at(record, "q7", 3) == {**record, "id": "book-at-3", "URL": "https://example.net/ed/book/#q7"}
    with pytest.raises(SourceError, match="cites 'nobody'"):
        page_record("review.md", {"work": "nobody"}, {}, published, EDITORIAL, 1)


def test_a_web_page_is_cited_at_its_version_as_last_modified_when_it_last_changed():
    edition = Edition("Ed", "", "abc1234", "2026-11-02", modified={"book.md": "2026-10-05"})
    record = page_record("book.md", {"title": "The {Racing the Enemy} listing"}, {}, edition, EDITORIAL, 1)
    assert record["version"] == "abc1234" and record["status"] == "last modified"
    assert record["issued"] == {"date-parts": [[2026, 10, 5]]}       # not the build's date
    assert record["title"] == 'The <span class="nocase">Racing the Enemy</span> listing'
    assert page_record("author.md", {"title": "A"}, {}, edition, EDITORIAL, 1)["issued"] == {"date-parts": [[2026, 11, 2]]}


def test_the_edition_record_has_its_version_date_and_address():
    record = edition_record(Edition("Ed", "https://example.net/", "abc1234", "2026-11-02"))
    assert record == {"id": "edition", "type": "webpage", "title": '<span class="nocase">Ed</span>', "language": "en",
                      "version": "abc1234", "issued": {"date-parts": [[2026, 11, 2]]}, "status": "last modified",
                      "URL": "https://example.net/"}
    assert edition_record(Edition("Ed")) == {"id": "edition", "type": "webpage", "title": '<span class="nocase">Ed</span>',
                                             "language": "en"}


def test_editors_of_the_edition_no_download_can_carry_are_refused():
    """Reference managers have no editor for a web page (Zotero would make them its authors)."""
    editors = [{"family": "Doe", "given": "Jane"}]
    with pytest.raises(SourceError, match="editorial.toml:9: record 'edition': .*'editor'"):
        edition_record(Edition("Ed", "https://example.net/", "abc1234", "2026-11-02", editors), EDITORIAL, 9)


def test_version_and_date_come_from_git_and_are_left_out_elsewhere(tmp_path):
    assert from_git(tmp_path) == {}
    here = from_git(ROOT)
    if (ROOT / ".git").exists():
        assert len(here["version"]) >= 7 and len(here["date"]) == 10


def test_page_paths_are_directory_addresses():
    assert page_path("review.md") == "review/" and page_path("index.md") == "" and page_path("a/index.md") == "a/"
