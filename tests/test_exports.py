"""Downloads read back by independent parsers: BibTeX by pybtex, RIS by pandoc, CSL-JSON by json; COinS;
what no download can say refused. (Zotero's own import of every download: test_zotero_import.py.)"""
from __future__ import annotations

import codecs
import json
import re
from urllib.parse import parse_qs

import pytest
import latexcodec  # noqa: F401  (registers the "ulatex" codec: TeX to text, independently of pandoc)
from pybtex.database import parse_string

from conftest import ROOT
from edition.citations.citations import Bibliography, pandoc, plain
from edition.citations.exports import catalogued, coins, export, problem
from edition.citations.records import Edition, edition_record, page_record, works


@pytest.fixture(scope="module")
def records():
    bibliography = Bibliography(ROOT / "sources" / "references.bib")
    reviews = {"type": "review-book", "reviewed": "hasegawa2005racing", "untitled": True}
    all_works = works(bibliography, {"holloway2006review": reviews}, ROOT / "sources" / "editorial.toml", lambda needle: None)
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
        written = catalogued(record)
        entry = parse_string(files[f"{record['id']}.bib"], "bibtex").entries[record["id"]]
        assert tex(entry.fields["title"]) == plain(written["title"]), record["id"]
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        assert [p.last_names[0] for p in people] == family_names(record), record["id"]
        if record.get("URL"):
            assert entry.fields["url"] == record["URL"]
        if record.get("publisher"):
            assert tex(entry.fields["publisher"]) == plain(record["publisher"])


def test_bibtex_titles_protect_only_what_keeps_its_case(files):
    """Braces where the record marks nocase (references.bib's braces, the edition's name), none elsewhere."""
    for name, text in files.items():
        if name.endswith(".bib"):
            title = parse_string(text, "bibtex").entries[name[:-4]].fields["title"]
            protected = [w for group in re.findall(r"\{([^{}]*)\}", title) for w in group.split()]
            assert all(w[0].isupper() or not w[0].isalpha() for w in protected[:1]), name
    record = {"id": "x", "type": "book", "title": 'Racing the Enemy: <span class="nocase">Stalin</span> & Co',
              "author": [{"family": "Doe", "given": "Jane"}], "publisher": "A & B"}
    entry = parse_string(export([record], lambda kind, request, compute: compute())["x.bib"], "bibtex").entries["x"]
    assert entry.fields["title"] == r"Racing the Enemy: {Stalin} \& Co" and entry.fields["publisher"] == r"A \& B"


def test_ris_reads_back_with_pandoc(records, files):
    for record in records[0]:
        (back,) = json.loads(pandoc(files[f"{record['id']}.ris"], [], fmt="ris", to="csljson"))
        assert plain(back["title"]) == plain(catalogued(record)["title"]), record["id"]
        # pandoc's RIS reader takes A2 as the editor; a BOOK's editor is in A3, as the RIS specification
        # and Zotero's RIS import have it (A2 is its series editor), which pandoc does not read.
        roles = ("author",) if record["type"] == "book" else ("author", "editor")
        people = [p["family"] for role in roles for p in back.get(role, [])]
        assert people == [p["family"] for role in roles for p in record.get(role, [])], record["id"]
        assert back.get("URL") == record.get("URL")
        if record.get("issued"):
            assert back["issued"]["date-parts"][0][0] == record["issued"]["date-parts"][0][0]


def test_csl_json_reads_back_as_the_record(records, files):
    for record in records[0]:
        (back,) = json.loads(files[f"{record['id']}.json"])
        for variable in ("id", "author", "editor", "reviewed-author", "URL", "issued", "ISBN", "version", "status"):
            assert back.get(variable) == record.get(variable), (record["id"], variable)
        assert back["title"] == plain(record["title"]) and back["type"] in ("book", "chapter", "article-journal", "webpage")


def test_the_editors_notes_stay_out_of_the_downloads(records, files):
    notes = [plain(r["annote"]) for r in records[0] if r.get("annote")]
    assert notes
    for name, text in files.items():
        assert not [note for note in notes if note[:40] in text.replace("\n", " ")], name
        assert "annote" not in text and "catalogue-title" not in text, name


def test_what_no_download_can_say_is_named():
    book = {"id": "x", "type": "book", "title": "T", "author": [{"family": "A"}]}
    assert problem(book) is None
    assert "is a 'interview', which the BibTeX download cannot say" in problem({**book, "type": "interview"})
    assert "cannot say who its 'container-author' is" in problem({**book, "container-author": [{"family": "B"}]})
    review = {**book, "type": "review-book", "reviewed-author": [{"family": "B"}]}
    assert "BibTeX download cannot say who its 'reviewed-author' is" in problem(review)
    assert problem({**review, "catalogue-title": "[Review of] B, T"}) is None
    assert problem({**review, "reviewed-title": "R"}) is None        # a titled review: the work as a note
    assert "'editor'" in problem({"id": "w", "type": "webpage", "title": "T", "editor": [{"family": "E"}]})


def test_coins_carries_title_creators_and_identifiers(records):
    for record in records[0]:
        if record["type"] == "webpage":
            continue
        fields = parse_qs(coins(record))
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        title = fields.get("rft.btitle") if record["type"] == "book" else fields.get("rft.atitle")
        assert title == [plain(catalogued(record)["title"])], record["id"]     # COinS names no reviewed work
        assert [a.split(",")[0] for a in fields.get("rft.au", [])] == [p["family"] for p in record.get("author", [])]
        if record.get("ISBN"):
            assert fields["rft.isbn"] == [record["ISBN"]]


def test_a_record_with_no_date_gives_every_download_no_date_and_invents_none(tmp_path):
    """(A date its reader cannot read, a year "2O00", is refused where the .bib is read: test_citations.)"""
    bib = tmp_path / "references.bib"
    bib.write_text("@book{o, author = {Smith, John}, title = {A Book}, publisher = {P}}\n"
                   "@online{w, title = {A Page}, url = {https://example.net/}}\n", encoding="utf-8")
    bibliography = Bibliography(bib)
    records = list(works(bibliography, {}, tmp_path / "editorial.toml", lambda needle: None).values())
    assert [r.get("issued") for r in records] == [None, None]
    files = export(records, bibliography.cached)
    entry = parse_string(files["o.bib"], "bibtex").entries["o"]
    assert entry.fields["title"] == "A Book" and not {"date", "year"} & set(entry.fields)
    assert "urldate" not in parse_string(files["w.bib"], "bibtex").entries["w"].fields
    assert not re.search(r"^(PY|DA|Y2)  -", files["o.ris"] + files["w.ris"], re.M)
    assert "date-parts" not in json.dumps([json.loads(files[f"{k}.json"]) for k in "ow"])
    assert "rft.date" not in parse_qs(coins(records[0])) and parse_qs(coins(records[0]))["rft.btitle"] == ["A Book"]
