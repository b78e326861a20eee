"""Tests of records: every citable thing as a CSL-JSON record, refused when it cannot be cited."""
from __future__ import annotations

import pytest

from conftest import ROOT
from edition.citations import Bibliography
from edition.errors import SourceError
from edition.records import Edition, at, check, edition_record, from_git, page_path, page_record, works

EDITORIAL = ROOT / "sources" / "editorial.toml"


@pytest.fixture(scope="module")
def bibliography():
    return Bibliography(ROOT / "sources" / "references.bib")


def test_a_review_names_the_work_it_reviews(bibliography):
    records = works(bibliography, {"butow1954": {"type": "review-book", "reviewed": "hasegawa2005racing"}},
                    EDITORIAL, lambda needle: 3)
    assert records["butow1954"]["type"] == "review-book"
    assert records["butow1954"]["reviewed-title"] == bibliography.records["hasegawa2005racing"]["title"]
    assert records["butow1954"]["reviewed-author"] == bibliography.records["hasegawa2005racing"]["author"]
    with pytest.raises(SourceError, match="reviews 'nobody'"):
        works(bibliography, {"butow1954": {"reviewed": "nobody"}}, EDITORIAL, lambda needle: 3)


@pytest.mark.parametrize("record, problem", [({"id": "x", "type": "book", "author": [{"family": "A"}]}, "has no title"),
                                             ({"id": "x", "type": "book", "title": "T"}, "has no author or editor")])
def test_a_record_that_cannot_be_cited_is_refused(record, problem):
    with pytest.raises(SourceError) as caught:
        check(record, EDITORIAL, 12)
    assert str(caught.value).endswith(f"editorial.toml:12: record 'x' {problem}")


def test_a_web_page_of_the_edition_names_no_one_the_edition_does_not_name():
    assert check({"id": "x", "type": "webpage", "title": "T"}, EDITORIAL, 1)


def test_page_records_take_the_address_only_when_there_is_one(bibliography):
    published = Edition("Ed", "https://example.net/ed/", "abc1234", "2026-11-02")
    record = page_record("book.md", {"title": "Listing"}, {}, published, EDITORIAL, 1)
    assert record["URL"] == "https://example.net/ed/book/" and record["issued"] == {"date-parts": [[2026, 11, 2]]}
    assert record["container-title"] == "Ed" and "editor" not in record
    unpublished = page_record("book.md", {"title": "Listing"}, {}, Edition("Ed"), EDITORIAL, 1)
    assert "URL" not in unpublished and "issued" not in unpublished
    assert at(record, "q7", 3) == {**record, "id": "book-at-3", "URL": "https://example.net/ed/book/#q7"}
    with pytest.raises(SourceError, match="cites 'nobody'"):
        page_record("review.md", {"work": "nobody"}, {}, published, EDITORIAL, 1)


def test_the_edition_record_has_its_version_date_editors_and_address():
    editors = [{"family": "Doe", "given": "Jane"}]
    record = edition_record(Edition("Ed", "https://example.net/", "abc1234", "2026-11-02", editors))
    assert record == {"id": "edition", "type": "webpage", "title": "Ed", "language": "en", "editor": editors,
                      "version": "abc1234", "issued": {"date-parts": [[2026, 11, 2]]}, "URL": "https://example.net/"}
    assert edition_record(Edition("Ed")) == {"id": "edition", "type": "webpage", "title": "Ed", "language": "en"}


def test_version_and_date_come_from_git_and_are_left_out_elsewhere(tmp_path):
    assert from_git(tmp_path) == {}
    here = from_git(ROOT)
    if (ROOT / ".git").exists():
        assert len(here["version"]) >= 7 and len(here["date"]) == 10


def test_page_paths_are_directory_addresses():
    assert page_path("review.md") == "review/" and page_path("index.md") == "" and page_path("a/index.md") == "a/"
