"""./scripts/add: the tests' review added with no flags, then built, is a text of the edition in every form and
cited as an unsigned review everywhere; what add refuses leaves every file as it was."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import tomllib

import pytest
from lxml import etree, html as lxml_html

from conftest import PUBLISHED, ROOT
from edition import config
from edition.__main__ import main
from edition.build.site_build import build_site
from edition.citations.citations import plain
from edition.errors import shown

VARIETY = ROOT / "tests" / "corpus" / "review-variety.txt"
PAGE, KEY = "review-racing-the-enemy", "review-racing-the-enemy"


def project(root, parts=("mkdocs.yml", "docs", "sources", "overrides", "scripts")):
    """A copy of the project in ``root``, committed, so that git says what a command changed."""
    root.mkdir(parents=True, exist_ok=True)
    for part in parts:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(
            ROOT / part, root / part, **({"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / part).is_dir() else {}))
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    return root


def changed(root) -> set[str]:
    out = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "-uall"], capture_output=True, text=True).stdout
    return {line[3:] for line in out.splitlines()}


def run_add(root, monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(config, "ROOT", root)
    status = main(["add", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def add_in(root, *args) -> tuple[str, set[str]]:
    """./scripts/add ARGS in the project copy ``root``, which must succeed: what it said, and the files it
    said it wrote, which must be exactly those git sees changed."""
    patch, capture = pytest.MonkeyPatch(), io.StringIO()
    patch.setattr(config, "ROOT", root)
    with contextlib.redirect_stdout(capture):
        status = main(["add", *map(str, args)])
    patch.undo()
    said = capture.getvalue()
    assert status == 0, said
    wrote = {line.removeprefix("wrote ").removeprefix(str(root) + "/") for line in said.splitlines() if line.startswith("wrote ")}
    assert changed(root) == wrote                   # git sees exactly what add said it wrote
    return said, wrote


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("add"))
    said, wrote = add_in(root, "review", VARIETY)
    assert main_again(root) == 2 and changed(root) == wrote    # a second run refuses and changes nothing
    build_site(root, site_url=PUBLISHED)
    return root, said


def main_again(root) -> int:
    patch = pytest.MonkeyPatch()
    patch.setattr(config, "ROOT", root)
    try:
        return main(["add", "review", str(VARIETY)])
    finally:
        patch.undo()


def test_the_added_review_has_its_page_with_every_note_and_its_place_in_the_series(added):
    root, said = added
    want = tomllib.loads(VARIETY.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    tree = lxml_html.fromstring((root / "site" / PAGE / "index.html").read_bytes())
    assert len(tree.xpath('//li[starts-with(@id,"fn:")]')) == len(want["notes"])
    assert [p.get("id") for p in tree.xpath('//p[@class="para"]')] == [f"p{n}" for n in range(1, want["paragraphs"] + 1)]
    series = lxml_html.fromstring((root / "site" / "reviews" / "index.html").read_bytes())
    entry = series.xpath(f'//p[@id="text-{PAGE}"]')[0]
    assert "not known" in entry.text_content()
    assert "left for the editor:" in said and "reviewer: not known" in said
    # Its description is its own, not the site's (which names another review); About counts the texts.
    description = tree.xpath('//meta[@name="description"]/@content')[0]
    assert "its reviewer is not known" in description and "Holloway" not in description
    from edition.editorial import load
    from edition.passes.register import NUMBER_WORDS
    texts = len({e.source for e in load(root / "sources" / "editorial.toml").values()})
    about = " ".join(lxml_html.fromstring((root / "site" / "about" / "index.html").read_bytes()).text_content().split())
    assert f"This edition turns {NUMBER_WORDS[texts]} source texts" in about


def test_the_unsigned_review_is_cited_as_one_in_the_cite_box_the_bibliography_and_the_metadata(added):
    root, _ = added
    page = lxml_html.fromstring((root / "site" / PAGE / "index.html").read_bytes())
    cite_box = page.xpath('//*[contains(@class, "cite-forms")]')[0].text_content()
    assert "Unsigned review of Racing the Enemy: Stalin, Truman, and the Surrender of Japan, by Tsuyoshi Hasegawa" in " ".join(cite_box.split())
    assert not page.xpath('//meta[@name="citation_author"]') and page.xpath('//meta[@name="citation_title"]/@content')
    bibliography = lxml_html.fromstring((root / "site" / "bibliography" / "index.html").read_bytes())
    entry = " ".join(bibliography.xpath(f'//*[@id="ref-{KEY}"]')[0].text_content().split())
    assert entry.count("review of") == 1 and "by Tsuyoshi Hasegawa" in entry, entry
    assert "rft.au" not in " ".join(bibliography.xpath(f'//*[@id="ref-{KEY}"]//span[@class="Z3988"]/@title'))


def test_the_unsigned_reviews_downloads_tei_and_pdf_name_no_author(added):
    root, _ = added
    record = json.loads((root / "site" / "cite" / f"{PAGE}.json").read_text(encoding="utf-8"))[0]
    assert "author" not in record and record["reviewed-author"][0]["family"] == "Hasegawa"
    bib = (root / "site" / "cite" / f"{PAGE}.bib").read_text(encoding="utf-8")
    ris = (root / "site" / "cite" / f"{PAGE}.ris").read_text(encoding="utf-8")
    assert "author" not in bib and "\nAU  -" not in ris and "Review of" in bib
    tei = etree.parse(str(root / "site" / "tei" / f"{PAGE}.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert not tei.xpath("//t:sourceDesc//t:author", namespaces=ns)
    from test_pdf_writer import page_texts
    first = " ".join(page_texts(root / "site" / "pdf" / f"{PAGE}.pdf")[0].split())
    assert "Unsigned review of Racing the Enemy" in first, first[:400]


def test_zotero_imports_each_download_of_the_unsigned_review_whole(added, zotero):
    root, _ = added
    for suffix in ("bib", "ris", "json"):
        (item,) = zotero.imported(str(root / "site" / "cite" / f"{PAGE}.{suffix}"))["items"]
        assert item["itemType"] == "journalArticle" and "Racing the Enemy" in item["title"]
        assert not [c for c in item.get("creators", []) if c["creatorType"] == "author"], item


def test_add_lists_each_cited_work_no_entry_is_linked_to_with_where_to_act(added):
    root, said = added
    want = tomllib.loads(VARIETY.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    source = VARIETY.read_text(encoding="utf-8").splitlines()
    text = shown(VARIETY)            # the file as add was given it
    listed = [line for line in said.splitlines() if line.startswith(f"{text}:") and "names.toml" not in line]
    at = {line: int(line.removeprefix(f"{text}:").split(":")[0]) for line in listed}
    editorial = (root / "sources" / "editorial.toml").read_text(encoding="utf-8").splitlines()
    section = editorial.index(f"[{PAGE}]") + 1
    bib_end = len((root / "sources" / "references.bib").read_text(encoding="utf-8").splitlines()) + 1
    for line in listed:              # where to act: the text's section, the end of references.bib
        assert f"editorial.toml:{section} " in line, line
        assert "references.bib:" not in line or f"references.bib:{bib_end}," in line, line
    # Each page reference of the text, at a line that holds it.
    for ref in want["cited"]:
        assert any(f"“{ref}”" in line and ref in source[at[line] - 1] for line in listed), (ref, listed)
    # A note that says only "ibid." cites the work of the note before: that note is listed once, with them.
    ibids = [n for n, text in enumerate(want["notes"], 1) if text.lower().startswith("ibid")]
    assert ibids
    for n in ibids:
        first = max(k for k in range(1, n) if k not in ibids)
        (line,) = [line for line in listed if f" n. {first} “" in line]
        assert source[at[line] - 1].startswith(f"{first} {want['notes'][first - 1]}") and f"n. {n}" in line
        assert not [line for line in listed if f" n. {n} “" in line]
    # A work references.bib has, whose title a note gives, is named by its key.
    from edition.pages import bibliography_of, load_decisions
    decisions = load_decisions(root / "sources" / "editorial.toml")
    folded = " ".join(" ".join(source).split())
    for key, record in bibliography_of(decisions, root / "sources").records.items():
        title = plain(record.get("title", "")).split(":")[0]
        if len(title.split()) > 1 and title in folded and key != KEY:
            assert any(f"cites {key}," in line for line in listed), (key, listed)


def test_the_edition_as_it_stands_links_every_citation_of_its_texts():
    """The same list, of the edition's own texts: every page reference, "ibid." and cited title is linked."""
    from edition.pages import edit, load_decisions
    from edition.passes.uncited import grammar, uncited
    from edition.source_text import read_lines
    decisions = load_decisions(ROOT / "sources" / "editorial.toml")
    assert all(grammar(decisions))          # the edition says how its texts cite: else nothing is found
    edited = edit(decisions, ROOT / "sources")
    labels = {page: s.get("label", page) for page, s in decisions.sections.get("cite", {}).items()}
    lines = {e.source_label: [line.text for line in read_lines(ROOT / "sources" / e.source)] for e in decisions.values()}
    assert uncited(edited.documents, labels, decisions, edited.bibliography, lines) == []


#: A title of its own for the tests' review (--title), and the page and key add names from it.
OWN_TITLE = "A Change of Scene in Washington"
TITLED = "review-a-change-of-scene-in-washington"


@pytest.fixture(scope="module")
def titled(tmp_path_factory):
    """The tests' review added with --title (and no reviewer), then built."""
    root = project(tmp_path_factory.mktemp("titled"))
    add_in(root, "review", VARIETY, "--title", OWN_TITLE)
    build_site(root, site_url=PUBLISHED)
    from edition.pages import bibliography_of, load_decisions
    records = bibliography_of(load_decisions(root / "sources" / "editorial.toml"), root / "sources").records
    (reviewed,) = {r["reviewed"] for r in tomllib.loads((root / "sources" / "editorial.toml").read_text(
        encoding="utf-8"))["records"].values() if r.get("reviewed")}
    return root, records[reviewed]


def test_a_titled_review_is_cited_by_its_title_and_the_work_it_reviews_in_the_cite_box_and_the_bibliography(titled):
    root, work = titled
    book, author = plain(work["title"]), work["author"][0]["family"]
    page = lxml_html.fromstring((root / "site" / TITLED / "index.html").read_bytes())
    cite_box = " ".join(page.xpath('//*[contains(@class, "cite-forms")]')[0].text_content().split())
    assert f"{OWN_TITLE}, unsigned review of {book}, by " in cite_box and author in cite_box, cite_box
    bibliography = lxml_html.fromstring((root / "site" / "bibliography" / "index.html").read_bytes())
    entry = " ".join(bibliography.xpath(f'//*[@id="ref-{TITLED}"]')[0].text_content().split())
    assert entry.startswith(OWN_TITLE) and entry.lower().count("review of") == 1 and book in entry, entry
    assert page.xpath('//meta[@name="citation_title"]/@content') == [OWN_TITLE]
    assert not page.xpath('//meta[@name="citation_author"]')
    coins = " ".join(bibliography.xpath(f'//*[@id="ref-{TITLED}"]//span[@class="Z3988"]/@title'))
    assert "rft.atitle=" + OWN_TITLE.replace(" ", "+") in coins and "rft.au" not in coins


def test_a_titled_reviews_downloads_tei_and_pdf_carry_its_title_and_the_reviewed_work(titled):
    root, work = titled
    book, author = plain(work["title"]), work["author"][0]["family"]
    (record,) = json.loads((root / "site" / "cite" / f"{TITLED}.json").read_text(encoding="utf-8"))
    assert record["title"] == OWN_TITLE and plain(record["reviewed-title"]) == book
    assert [n["family"] for n in record["reviewed-author"]] == [author] and "author" not in record
    bib = (root / "site" / "cite" / f"{TITLED}.bib").read_text(encoding="utf-8")
    ris = (root / "site" / "cite" / f"{TITLED}.ris").read_text(encoding="utf-8")
    assert OWN_TITLE in bib and "note = {[Review of]" in bib and author in bib and "author =" not in bib
    assert f"TI  - {OWN_TITLE}" in ris and "N1  - [Review of]" in ris and author in ris and "\nAU  -" not in ris
    tei = etree.parse(str(root / "site" / "tei" / f"{TITLED}.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    (bibl,) = tei.xpath("//t:sourceDesc/t:bibl[t:title]", namespaces=ns)[:1]
    assert bibl.xpath("string(t:title)", namespaces=ns) == OWN_TITLE and not bibl.xpath("t:author", namespaces=ns)
    assert bibl.xpath("string(t:relatedItem[@type='reviewed']/t:bibl/t:title)", namespaces=ns) == book
    from test_pdf_writer import page_texts
    first = " ".join(page_texts(root / "site" / "pdf" / f"{TITLED}.pdf")[0].split())
    assert f"{OWN_TITLE}, unsigned review of" in first, first[:400]


def test_zotero_imports_each_download_of_the_titled_review_whole(titled, zotero):
    root, work = titled
    author = work["author"][0]["family"]
    items = {suffix: zotero.imported(str(root / "site" / "cite" / f"{TITLED}.{suffix}"))["items"]
             for suffix in ("bib", "ris", "json")}
    for suffix, (item, *notes) in items.items():
        assert [n["itemType"] for n in notes] == ([] if suffix == "json" else ["note"]), (suffix, notes)
        assert item["itemType"] == "journalArticle" and item["title"] == OWN_TITLE, (suffix, item)
        assert not [c for c in item.get("creators", []) if c["creatorType"] == "author"], item
    # CSL-JSON has the reviewed author's role; BibTeX (its note) and RIS (RI) carry the reviewed work as text.
    assert [c["lastName"] for c in items["json"][0]["creators"] if c["creatorType"] == "reviewedAuthor"] == [author]
    for suffix in ("bib", "ris"):
        assert author in items[suffix][1]["note"] and "Review of" in items[suffix][1]["note"], items[suffix]


def test_a_listing_added_with_its_title_builds_its_pages_and_git_sees_what_add_wrote(tmp_path):
    root = project(tmp_path / "p")
    edition = (ROOT / "sources" / "listing-racing-the-enemy.txt").read_text(encoding="utf-8")
    listing = tmp_path / "listing.txt"          # the same scrape's layout, its bytes its own
    listing.write_text(edition + "\n", encoding="utf-8")
    said, wrote = add_in(root, "listing", listing, "--title", "Racing the Enemy, listed again")
    assert "sources/listing-racing-the-enemy-listed-again.txt" in wrote
    assert "mkdocs.yml:" in said and "in no menu" in said        # left for the editors: where it goes
    build_site(root, site_url=PUBLISHED)
    def paragraphs(page):        # a listing's description, by its numbered paragraphs
        tree = lxml_html.fromstring((root / "site" / page / "index.html").read_bytes())
        return [" ".join(p.text_content().split()) for p in tree.xpath('//p[starts-with(@id, "p")]')]
    added_page, book = paragraphs("listing-racing-the-enemy-listed-again"), paragraphs("book")
    assert added_page and added_page == book       # the same scrape: the edition's own listing's words
    author = lxml_html.fromstring((root / "site" / "listing-racing-the-enemy-listed-again-author" / "index.html").read_bytes())
    assert author.xpath("//h1")
    assert (root / "site" / "pdf" / "listing-racing-the-enemy-listed-again.pdf").exists()


@pytest.mark.parametrize("case", ["missing", "directory", "binary", "empty", "not UTF-8", "label taken", "in the edition",
                                  "does not convert"])
def test_add_refuses_bad_input_with_one_line_and_writes_nothing(case, tmp_path, monkeypatch, capsys):
    root = project(tmp_path / "p", ["sources"])       # add reads and writes sources/ only
    file = tmp_path / "review-x.txt"
    args = ["review", file]
    if case == "directory":
        file.mkdir()
    elif case == "binary":
        file.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    elif case == "empty":
        file.write_bytes(b"")
    elif case == "not UTF-8":
        file.write_bytes(VARIETY.read_bytes().replace(b"Potsdam", b"Potsd\xe4m", 1))
    elif case == "does not convert":          # a note lost: the text's own FILE:LINE
        file.write_text("".join(l for l in VARIETY.read_text(encoding="utf-8").splitlines(True)
                                if not l.startswith("4 The phrase")), encoding="utf-8")
    elif case == "label taken":
        shutil.copy(VARIETY, file)
        args += ["--label", "Review"]
    elif case == "in the edition":
        file = root / "sources" / "review-holloway-racing-the-enemy.txt"
        args = ["review", file]
    status, out, err = run_add(root, monkeypatch, capsys, *args)
    assert status == 2 and not out and len(err.strip().splitlines()) == 1, (out, err)
    assert err.startswith((str(file), "sources/")) and str(root / "sources") not in err, err   # as the project names it
    assert changed(root) == set()


from test_zotero_import import zotero  # noqa: E402,F401  (the translation-server, started once a session)
