"""The TEI writer: each source as a TEI P5 document, valid against tei_all, every word of the source
in it; and the writer registry, which convert reaches."""
from __future__ import annotations

import copy
import re
from collections import Counter

import pytest
from lxml import etree

from conftest import LISTING, REVIEW, ROOT, run_edition
from edition import config
from edition.writers import tei_schema
from edition.__main__ import main
from edition.pages import convert
from edition.writers import WRITERS
from pagetext import words_of_source

NS = {"t": "http://www.tei-c.org/ns/1.0"}
#: What the editors add in the text, which the word comparison leaves out.
EDITORIAL = ('self::t:supplied or self::t:note[@type="editorial"] or self::t:head[@type="editorial"] '
             'or self::t:byline[@resp="#editors"] or self::t:row[@role="label"]')


@pytest.fixture(scope="module")
def tei(decisions):
    """The TEI of both sources, as convert makes it (validation is the test's own, below)."""
    made = {}
    for kind, source in [("review", REVIEW), ("listing", LISTING)]:
        made.update(convert(kind, source, decisions, config.SOURCES_DIR, to="tei"))
    return {name: etree.fromstring(text.encode("utf-8")) for name, text in made.items()}


def replace(node, text: str) -> None:
    """Put ``text`` (and the node's tail) where ``node`` stood."""
    tail, parent, previous = text + (node.tail or ""), node.getparent(), node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def text_words(root) -> list[str]:
    """The words of the TEI text less the editors' additions: the text with each note's number at
    its marker, then the notes, each after its number (as the source prints them)."""
    body = copy.deepcopy(root.find("t:text/t:body", NS))
    for node in body.xpath(f".//*[{EDITORIAL}]", namespaces=NS):
        replace(node, "")
    notes = []
    for note in body.xpath('.//t:note[@place="foot"]', namespaces=NS):
        notes += [note.get("n"), *"".join(note.itertext()).split()]
        replace(note, note.get("n"))
    return "".join(body.itertext()).split() + notes


def test_each_source_is_valid_tei_p5(tei):
    schema = tei_schema.schema()
    for name, root in tei.items():
        assert schema.validate(root), f"{name}: {schema.error_log.last_error}"


def test_an_invalid_document_is_refused_with_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    bad = '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p><foo/></p></body></text></TEI>'
    with pytest.raises(tei_schema.InvalidTEI, match=r"^tei/x\.xml:2: not valid TEI P5"):
        tei_schema.validate(bad, "tei/x.xml")


def test_every_word_of_the_review_is_in_its_tei_text(tei):
    words = text_words(tei["tei/review-holloway-racing-the-enemy.xml"])
    assert Counter(words) == Counter(words_of_source(REVIEW.read_text(encoding="utf-8")))


def test_the_listing_keeps_every_word_but_its_dropped_furniture(tei):
    root = tei["tei/listing-racing-the-enemy.xml"]
    dropped = root.xpath('//t:sourceDesc/t:list[@type="dropped"]/t:item', namespaces=NS)
    furniture = Counter(w for item in dropped for w in item.text.split())
    # Quotation marks around praise are what <quote> says, and the title line's colon parts it
    # into head and subtitle: compare words without them.
    bare = lambda words: Counter(w.rstrip(":") for w in " ".join(words).replace('"', " ").split())
    source = bare(words_of_source(LISTING.read_text(encoding="utf-8"))) - bare(list(furniture.elements()))
    assert dropped and bare(text_words(root)) == source


def test_tei_carries_notes_pages_sic_supplied_and_cited_works(tei):
    root = tei["tei/review-holloway-racing-the-enemy.xml"]
    notes = root.xpath('//t:body//t:note[@place="foot"]', namespaces=NS)
    assert [n.get("n") for n in notes] == [str(i) for i in range(1, len(notes) + 1)] and notes
    assert all(n.getparent().tag == f"{{{NS['t']}}}p" for n in notes)         # at its marker, in the text
    pages = [pb.get("n") for pb in root.xpath("//t:pb", namespaces=NS)]
    assert pages == [str(i) for i in range(1, len(pages) + 1)] and pages
    assert root.xpath("//t:sic", namespaces=NS) and root.xpath(
        '//t:supplied[following-sibling::*[1][self::t:note[@type="editorial"]]]', namespaces=NS)
    cited = {r.get("target")[1:] for r in root.xpath('//t:body//t:ref[starts-with(@target, "#")]', namespaces=NS)}
    listed = set(root.xpath("//t:back/t:listBibl/t:bibl/@xml:id", namespaces=NS))
    assert cited and cited <= listed
    header = root.find("t:teiHeader", NS)
    digest = header.xpath('.//t:idno[@type="SHA-256"]/text()', namespaces=NS)[0]
    assert re.fullmatch(r"[0-9a-f]{64}", digest) and digest in (ROOT / "sources" / "SHA256SUMS").read_text()
    assert header.xpath(".//t:editorialDecl/t:p", namespaces=NS)


def test_the_author_page_marks_japanese(tei):
    root = tei["tei/listing-racing-the-enemy.xml"]
    assert "長谷川毅" in root.xpath('//t:foreign[@xml:lang="ja"]/text()', namespaces=NS)


def test_convert_writes_tei(tmp_path):
    result = run_edition("convert", "review", str(REVIEW), "--to", "tei", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "tei" / "review-holloway-racing-the-enemy.xml")]


def test_a_writer_registered_in_one_place_is_reachable_from_convert(tmp_path, monkeypatch, capsys):
    def plain_text(documents, context_of):
        return {f"{doc.page}.txt": doc.title + "\n" for doc in documents}
    monkeypatch.setitem(WRITERS, "plain", plain_text)
    assert main(["convert", "review", str(REVIEW), "--to", "plain", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "review.md.txt").read_text().startswith("[Review of]")


def test_a_work_whose_date_pandoc_could_not_read_has_no_date_in_its_bibl():
    from edition.writers.tei_header import TEI, bibl
    parent = etree.Element("listBibl")
    book = {"id": "o", "type": "book", "title": "A Book", "author": [{"family": "Smith"}]}
    assert bibl(parent, {**book, "issued": {"date-parts": []}}).find(TEI + "date") is None     # no date parts (a year "2O00" is now refused when the .bib is read)
    assert bibl(parent, {**book, "issued": {"date-parts": [[2000]]}}).find(TEI + "date").get("when") == "2000"
