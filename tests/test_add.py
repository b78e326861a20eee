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


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("add"))
    patch, capture = pytest.MonkeyPatch(), io.StringIO()
    patch.setattr(config, "ROOT", root)
    with contextlib.redirect_stdout(capture):
        status = main(["add", "review", str(VARIETY)])
    patch.undo()
    said = capture.getvalue()
    assert status == 0, said
    wrote = {line.removeprefix("wrote ").removeprefix(str(root) + "/") for line in said.splitlines() if line.startswith("wrote ")}
    assert changed(root) == wrote                   # git sees exactly what add said it wrote
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
