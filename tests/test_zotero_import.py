"""Every download imported by Zotero's own import translators (BibTeX.js, RIS.js, CSL JSON.js, run by
the translation-server bundled in ../shared/tools/zotero/), compared field by field with its record;
and the pages saved as Zotero's browser connector saves them. Skipped where Node or the bundle is missing."""
from __future__ import annotations

import importlib.util
import json
import shutil
from datetime import datetime
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

from conftest import PUBLISHED, ROOT
from edition import config, editorial
from edition.citations.citations import plain
from edition.pages import cited_pages, edit
from edition.citations.records import edition_of

ZOTERO = ROOT.parent / "shared" / "tools" / "zotero"
#: The Zotero item type each CSL type is right as (a review: a journal article with its reviewed author).
RIGHT_TYPE = {"book": "book", "chapter": "bookSection", "article-journal": "journalArticle",
              "review-book": "journalArticle", "review": "journalArticle", "webpage": "webpage"}
#: What the formats that cannot name a reviewed work's author say of a review instead: its catalogue title.
NO_REVIEWED_AUTHOR = ("bib", "ris")
#: Fields a format carries for biblatex but Zotero's importer does not read: a .bib's language is
#: biblatex's langid (a babel name); Zotero's BibTeX.js reads only a `language` field.
UNREAD = {"bib": {"language"}}
#: Item fields that are Zotero's own, not the record's.
ZOTERO_OWN = {"key", "version", "itemType", "creators", "tags", "notes", "attachments", "seeAlso", "relations"}


@pytest.fixture(scope="session")
def zotero():
    """zotero-check's functions, with the translation-server running (started once, stopped at the end)."""
    tool = ZOTERO / "zotero-check"
    if not (tool.exists() and (ZOTERO / "zotero-translation-server.tar.gz").exists()):
        pytest.skip(f"Zotero's translation-server bundle is not at {ZOTERO}")
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("Node.js (node, npm) is missing: Zotero's translation-server runs on it")
    loader = SourceFileLoader("zotero_check", str(tool))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("zotero_check", loader))
    loader.exec_module(module)
    try:
        process = module.start_server()
    except SystemExit as stop:
        pytest.fail(str(stop))
    yield module
    if process:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def schema(zotero) -> dict:
    return json.loads((zotero.TS / "modules" / "zotero-schema" / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def cited(built_site) -> tuple[list[dict], dict]:
    """The records of the build the downloads come from: of every cited page and the edition, and
    of every work (by key)."""
    decisions = editorial.load(config.EDITORIAL_FILE)
    edited = edit(decisions, ROOT / "sources")
    edition = edition_of(ROOT, PUBLISHED, decisions)
    return [record for _, record in cited_pages(decisions, edited, edition)], edited.works


@pytest.fixture(scope="session")
def records(cited) -> list[dict]:
    return cited[0] + list(cited[1].values())


def iso(text: str) -> str:
    """A date as Zotero's importers leave it ("2006-09-30", "September 30, 2006", "2000") in ISO form."""
    for form, keep in (("%Y-%m-%d", 10), ("%B %d, %Y", 10), ("%Y-%m", 7), ("%B %Y", 7), ("%Y", 4)):
        try:
            return datetime.strptime(text, form).date().isoformat()[:keep]
        except ValueError:
            continue
    return text


def expected_item(record: dict, suffix: str, schema: dict) -> dict:
    """The item Zotero's own mapping of CSL (its schema's csl section) makes of the record: the
    fields and creator roles its item type has. A format without a reviewed-author role gives a
    review its catalogue title instead of the reviewed title and author."""
    if suffix in NO_REVIEWED_AUTHOR and record.get("catalogue-title"):
        drop = ("reviewed-author", "reviewed-title", "title-short", "catalogue-title")
        record = {**{k: v for k, v in record.items() if k not in drop}, "title": record["catalogue-title"]}
    kind = RIGHT_TYPE[record["type"]]
    item_type = next(t for t in schema["itemTypes"] if t["itemType"] == kind)
    fields = {f["field"] for f in item_type["fields"]}
    based = {f["baseField"]: f["field"] for f in item_type["fields"] if f.get("baseField")}
    item = {"itemType": kind}
    for variable, candidates in schema["csl"]["fields"]["text"].items():
        if record.get(variable):
            field = next((based.get(c, c) for c in candidates if based.get(c, c) in fields), None)
            if field and field not in UNREAD.get(suffix, ()):
                item[field] = plain(str(record[variable]))
    for variable, field in schema["csl"]["fields"]["date"].items():
        parts = (record.get(variable) or {}).get("date-parts", [[]])[0]
        if parts and field in fields:
            item[field] = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    roles = {c["creatorType"] for c in item_type["creatorTypes"]}
    item["creators"] = sorted((role, n.get("family", n.get("literal", "")), n.get("given", ""))
                              for role, variable in schema["csl"]["names"].items() if role in roles
                              for n in record.get(variable, []))
    return item


def imported_item(items: list[dict]) -> dict:
    (item,) = items          # one item: no child notes, nothing else
    found = {k: (iso(v) if k in ("date", "accessDate") else v) for k, v in item.items() if k not in ZOTERO_OWN}
    found["itemType"] = item["itemType"]
    found["creators"] = sorted((c["creatorType"], c.get("lastName", c.get("name", "")), c.get("firstName", ""))
                               for c in item.get("creators", []))
    return found


def test_every_download_imports_into_zotero_as_its_record(zotero, schema, records, built_site):
    downloads = built_site / "cite"
    assert {p.stem for p in downloads.iterdir()} == {r["id"] for r in records}
    wrong = []
    for record in records:
        for suffix in ("bib", "ris", "json"):
            answer = zotero.imported(str(downloads / f"{record['id']}.{suffix}"))
            assert answer["status"] == 200, (record["id"], suffix, answer)
            expected, found = expected_item(record, suffix, schema), imported_item(answer["items"])
            if found != expected:
                wrong.append((f"{record['id']}.{suffix}", {k: (expected.get(k), found.get(k))
                                                          for k in expected.keys() | found.keys()
                                                          if expected.get(k) != found.get(k)}))
    assert not wrong, wrong


def test_a_review_imports_with_its_reviewed_author_where_the_format_has_one(zotero, records, built_site):
    reviews = [r for r in records if r.get("reviewed-author")]
    assert reviews
    for record in reviews:
        (item,) = zotero.imported(str(built_site / "cite" / f"{record['id']}.json"))["items"]
        assert [c["lastName"] for c in item["creators"] if c["creatorType"] == "reviewedAuthor"] == \
            [n["family"] for n in record["reviewed-author"]]
        (bib,) = zotero.imported(str(built_site / "cite" / f"{record['id']}.bib"))["items"]
        assert all(n["family"] in bib["title"] for n in record["reviewed-author"])     # in its catalogue title


def test_zotero_saves_each_page_as_the_work_it_presents(zotero, cited, built_site):
    """As the browser connector saves pages: the review an article by its author, in its venue, under
    its catalogue title; the book page the book, with its ISBN; the Bibliography a choice of every entry."""
    pages, works = cited
    httpd, base = zotero.serve(str(built_site))
    try:
        review, book, bibliography = (zotero.save(base + page) for page in ("review/", "book/", "bibliography/"))
    finally:
        httpd.shutdown()
    record = next(r for r in pages if r["id"] == "review")
    (article,) = review["items"]
    assert article["itemType"] == "journalArticle" and article["publicationTitle"] == plain(record["container-title"])
    assert [c["lastName"] for c in article["creators"] if c["creatorType"] == "author"] == \
        [n["family"] for n in record["author"]]
    assert article["title"] == plain(record["catalogue-title"])
    (listing,) = book["items"]
    isbns = {w.get("ISBN", "").replace("-", "") for w in works.values()}
    assert listing["itemType"] == "book" and listing["ISBN"].replace("-", "") in isbns
    assert bibliography["status"] == 300 and bibliography["offered"] == len(works) == len(bibliography["items"])
