"""Downloads read back by independent parsers: BibTeX by pybtex, RIS by pandoc, CSL-JSON by json; COinS."""
from __future__ import annotations

import codecs
import json
from urllib.parse import parse_qs

import pytest
import latexcodec  # noqa: F401  (registers the "ulatex" codec: TeX to text, independently of pandoc)
from pybtex.database import parse_string

from conftest import ROOT
from edition.citations import Bibliography, pandoc, plain
from edition.exports import coins, export
from edition.records import Edition, edition_record, page_record, works


@pytest.fixture(scope="module")
def records():
    bibliography = Bibliography(ROOT / "sources" / "references.bib")
    all_works = works(bibliography, {"holloway2006review": {"type": "review-book", "reviewed": "hasegawa2005racing"}},
                      ROOT / "sources" / "editorial.toml", lambda needle: None)
    edition = Edition("The Edition", "https://example.net/ed/", "abc1234", "2026-11-02")
    pages = [page_record("review.md", {"work": "holloway2006review"}, all_works, edition, ROOT, 1),
             page_record("book.md", {"title": "The listing"}, all_works, edition, ROOT, 1), edition_record(edition)]
    return pages + list(all_works.values()), bibliography


@pytest.fixture(scope="module")
def files(records):
    return export(records[0], records[1].cached)


def tex(value: str) -> str:
    return codecs.decode(value, "ulatex").replace("{", "").replace("}", "")


def family_names(record):
    return [p.get("family", p.get("literal")) for p in record.get("author", []) or record.get("editor", [])]


def test_every_record_has_every_format(records, files):
    for record in records[0]:
        assert {f"{record['id']}.{suffix}" for suffix in ("bib", "ris", "json")} <= set(files), record["id"]


def test_bibtex_reads_back_with_pybtex(records, files):
    for record in records[0]:
        entry = parse_string(files[f"{record['id']}.bib"], "bibtex").entries[record["id"]]
        title = tex(entry.fields["title"]).lower()
        assert title == plain(record["title"]).lower(), record["id"]
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        assert [p.last_names[0] for p in people] == family_names(record), record["id"]
        if record.get("URL"):
            assert entry.fields["url"] == record["URL"]
        if record.get("publisher"):
            assert tex(entry.fields["publisher"]) == plain(record["publisher"])


def test_ris_reads_back_with_pandoc(records, files):
    for record in records[0]:
        (back,) = json.loads(pandoc(files[f"{record['id']}.ris"], [], fmt="ris", to="csljson"))
        assert plain(back["title"]) == plain(record["title"]), record["id"]
        for role in ("author", "editor"):
            assert [p["family"] for p in back.get(role, [])] == [p["family"] for p in record.get(role, [])], record["id"]
        assert back.get("URL") == record.get("URL") and back.get("publisher") == record.get("publisher")
        if record.get("issued"):
            assert back["issued"]["date-parts"][0][0] == record["issued"]["date-parts"][0][0]


def test_csl_json_reads_back_as_the_record(records, files):
    for record in records[0]:
        (back,) = json.loads(files[f"{record['id']}.json"])
        for variable in ("id", "type", "title", "author", "editor", "URL", "issued", "ISBN", "reviewed-title"):
            assert back.get(variable) == record.get(variable), (record["id"], variable)


def test_coins_carries_title_creators_and_identifiers(records):
    for record in records[0]:
        if record["type"] == "webpage":
            continue
        fields = parse_qs(coins(record))
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        title = fields.get("rft.btitle") if record["type"] == "book" else fields.get("rft.atitle")
        assert title == [plain(record["title"])], record["id"]
        assert [a.split(",")[0] for a in fields.get("rft.au", [])] == [p["family"] for p in record.get("author", [])]
        if record.get("ISBN"):
            assert fields["rft.isbn"] == [record["ISBN"]]
