"""Hostile text stays text: markup, script, addresses, attribute lists, Jinja, TeX and entities in a source,
the editorial file, the register and references.bib reach every output as the same characters (tests/hostile.py)."""
from __future__ import annotations

import codecs
import json
import re
import subprocess
import zipfile
from urllib.parse import parse_qs

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import pytest
import rispy
from lxml import etree, html as lxml_html
from pybtex.database import parse_file

from conftest import PUBLISHED
from hostile import BIB_KEY, FORM, HOSTILE, hostile_project
from searched import fragments
from edition.build.site_build import build_in, build_site, site_files
from edition.citations.citations import text_of

#: What the hostile text would make if it were read as markup, script or template.
ATTACKS = ("//script[not(@type='application/ld+json')][contains(., 'alert')]", "//*[@onerror or @onclick]", "//*[starts-with(normalize-space(@href), 'javascript:')]",
           "//*[contains(concat(' ', @class, ' '), ' evil ')]", "//img[@src='x']", "//*[local-name()='input' and contains(., 'passwd')]")
PAGES = ("review", "book", "names", "bibliography", "about")


def folded(text: str) -> str:
    return " ".join(text.split())


def unspaced(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    where = hostile_project(root)
    build_site(root, site_url=PUBLISHED)
    pages, citations, edition = site_files(root, PUBLISHED, printed=False)
    where["offline"] = build_in(root / "offline", {**pages, **citations}, root=root, offline=True, site_url=PUBLISHED,
                                edition=edition)
    return root / "site", where


def page(site, name: str):
    return lxml_html.fromstring((site / name / "index.html").read_bytes())


def assert_inert(tree, where: str) -> None:
    for attack in ATTACKS:
        assert not tree.xpath(attack), (where, attack, [etree.tostring(e)[:200] for e in tree.xpath(attack)])


def assert_no_template_ran(text: str, where: str) -> None:
    assert FORM in text and "{% if true %}run{% endif %}" in text, where


@pytest.mark.parametrize("name", PAGES)
def test_no_page_makes_markup_script_or_template_of_it(built, name):
    site, _ = built
    tree = page(site, name)
    assert_inert(tree, name)
    assert folded(HOSTILE) in folded(tree.text_content()), name


def test_the_paragraph_the_note_the_attribution_and_the_sic_keep_it_as_text(built):
    site, where = built
    tree = page(site, "review")
    paragraph = tree.xpath(f'//p[@id="{where["anchor"]}"]')[0]
    for preview in paragraph.xpath('.//*[contains(@class, "preview")]'):     # what the mention's entry says
        preview.drop_tree()
    assert folded(paragraph.text_content()).endswith(folded(HOSTILE)), paragraph.text_content()[-300:]
    note = tree.xpath(f'//li[@id="fn:{where["note"]}"]')[0]
    assert folded(HOSTILE) in folded(note.text_content())
    mention = tree.xpath('//a[contains(@href, "#hostile")]')
    assert mention and folded(mention[0].text_content()).startswith(FORM)
    assert folded("no source states it outright. " + HOSTILE) in folded(tree.text_content())
    assert folded("Matsumura. " + HOSTILE) in folded(tree.text_content())


def test_the_listing_keeps_it_as_text(built):
    """The listing's paragraph, on its page, in search, its PDF, its EPUB and its TEI."""
    site, where = built
    paragraph = page(site, "book").xpath(f'//p[@id="{where["listing"]["anchor"]}"]')[0]
    for preview in paragraph.xpath('.//*[contains(@class, "preview")]'):
        preview.drop_tree()
    assert folded(paragraph.text_content()).endswith(folded(HOSTILE)), paragraph.text_content()[-300:]
    assert folded(HOSTILE) in folded(fragments(site)["/book/"]["content"])
    text = subprocess.run(["pdftotext", "-raw", str(site / "pdf" / "book.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert unspaced(HOSTILE) in unspaced(text)
    with zipfile.ZipFile(site / "epub" / "book.epub") as epub:
        tree = etree.fromstring(epub.read("EPUB/book.xhtml"))
    assert_inert(tree, "book.epub")
    assert folded(HOSTILE) in folded("".join(tree.itertext()))
    tei = etree.parse(str(next((site / "tei").glob("listing*.xml")))).getroot()
    assert_no_template_ran("".join(tei.itertext()), "listing TEI")
    assert folded(HOSTILE) in folded("".join(tei.itertext()))


def test_the_register_and_the_bibliography_keep_it_as_text(built):
    site, _ = built
    names = page(site, "names")
    entry = names.xpath('//*[@id="hostile"]')[0]
    assert folded("Hostile, " + HOSTILE) in folded(entry.text_content())
    assert folded(HOSTILE) in folded(names.text_content())
    data = json.loads((site / "names.json").read_text(encoding="utf-8"))
    assert HOSTILE in json.dumps(data, ensure_ascii=False).replace('\\"', '"').replace("\\\\", "\\")
    bibliography = page(site, "bibliography")
    text = folded(bibliography.text_content()).replace("“", '"').replace("”", '"')    # the style's typographic quotes
    assert text.count(folded(HOSTILE)) >= 3, text[text.find("Decision to Surrender") - 100:][:1500]


@pytest.mark.parametrize("name", PAGES)
def test_meta_tags_and_json_ld_carry_it_as_text(built, name):
    site, _ = built
    tree = page(site, name)
    for meta in tree.xpath("//meta"):
        assert set(meta.attrib) <= {"name", "content", "property", "charset", "http-equiv"}, meta.attrib
    description = tree.xpath('//meta[@name="description"]/@content')
    if name == "review":
        assert description[0].endswith(HOSTILE)
        references = tree.xpath('//meta[@name="citation_reference"]/@content')
        assert any(HOSTILE in r for r in references), references
        schema = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)
        assert any(HOSTILE in title for title in schema["citation"]), schema["citation"]
    if name == "bibliography":
        coins = [parse_qs(s.get("title")) for s in tree.xpath('//span[@class="Z3988"]')]
        titles = [c["rft.btitle"][0] for c in coins if "rft.btitle" in c and "Decision" in c["rft.btitle"][0]]
        assert titles and titles[0].endswith(HOSTILE), titles


def test_search_finds_it_as_text(built):
    site, _ = built
    found = fragments(site)
    assert folded(HOSTILE) in folded(found["/review/"]["content"])
    assert folded(HOSTILE) in folded(found["/names/"]["content"])


def test_the_offline_copys_search_keeps_it_as_text(built):
    """Material's search shows an entry's text as HTML: the hostile text must be in it as escaped text."""
    _, where = built
    docs = json.loads((where["offline"] / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    found = [d for d in docs if "alert(1)" in d["text"]]
    assert {d["location"].split("#")[0] for d in found} >= {"review.html", "book.html", "names.html"}, \
        [d["location"] for d in found]
    for doc in found:
        tree = lxml_html.fragment_fromstring(doc["text"], create_parent="div")
        assert_inert(tree, doc["location"])
        assert "alert(1)" in tree.text_content(), doc["location"]
    assert any(folded(HOSTILE) in folded(lxml_html.fragment_fromstring(d["text"], create_parent="div").text_content())
               for d in found), [d["text"][:200] for d in found]


def test_pdf_prints_it_as_text(built):
    site, _ = built
    text = subprocess.run(["pdftotext", "-raw", str(site / "pdf" / "review.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert unspaced(text).count(unspaced(HOSTILE)) >= 3, text[:200]
    assert "root:" not in text


def test_epub_and_tei_keep_it_as_text(built):
    site, _ = built
    with zipfile.ZipFile(site / "epub" / "review.epub") as epub:
        tree = etree.fromstring(epub.read("EPUB/review.xhtml"))
    assert_inert(tree, "epub")
    assert folded(HOSTILE) in folded("".join(tree.itertext()))
    for path in (site / "tei").glob("*.xml"):
        tree = etree.parse(str(path)).getroot()
        assert not [e for e in tree.iter() if isinstance(e.tag, str) and not e.tag.startswith("{http://www.tei-c.org/ns/1.0}")]
        if path.name.startswith("review"):
            assert_no_template_ran("".join(tree.itertext()), path.name)
            assert folded(HOSTILE) in folded("".join(tree.itertext()))


def bib_text(value: str) -> str:
    """A BibTeX value as text: latexcodec's reading, then the escapes it leaves (TeX's specials), braces dropped."""
    value = re.sub(r"\\textbackslash(\{\}| )?", "\x00", value)
    value = re.sub(r"\\([{}$])", lambda m: {"{": "\x01", "}": "\x02"}.get(m.group(1), m.group(1)), value)
    value = codecs.decode(value, "ulatex").replace("\\textquotedbl{}", '"').replace("\\textquotedbl", '"')
    return value.replace("{", "").replace("}", "").translate({0: "\\", 1: "{", 2: "}"})


def test_downloads_read_back_as_the_same_text(built):
    site, _ = built
    entry = parse_file(str(site / "cite" / f"{BIB_KEY}.bib"), "bibtex").entries[BIB_KEY]
    for field in ("title", "publisher"):
        assert bib_text(entry.fields[field]).endswith(" " + HOSTILE), (field, entry.fields[field])
    with open(site / "cite" / f"{BIB_KEY}.ris", encoding="utf-8") as ris:
        record = rispy.load(ris)[0]
    assert record["title"].endswith(" " + HOSTILE) and record["publisher"].endswith(" " + HOSTILE), record
    csl = json.loads((site / "cite" / f"{BIB_KEY}.json").read_text(encoding="utf-8"))[0]
    for field in ("title", "publisher"):    # CSL rich text: a straight double quote is a quotation mark, curled
        text = text_of(csl[field]).replace("“", '"').replace("”", '"')
        assert text.endswith(" " + HOSTILE), (field, csl[field])


def test_the_dts_api_serves_it_as_text(built):
    """The API's whole document, each passage it serves alone, and its collection's metadata (JSON-LD)."""
    site, _ = built
    documents = [site / "dts" / "document" / "review.xml", *sorted((site / "dts" / "document" / "review").rglob("*.xml"))]
    texts = []
    for path in documents:
        tree = etree.parse(str(path)).getroot()
        assert not [e for e in tree.iter() if isinstance(e.tag, str) and "tei-c.org" not in e.tag and "dts" not in e.tag], path
        texts.append(folded("".join(tree.itertext())))
    assert folded(HOSTILE) in texts[0] and any(folded(HOSTILE) in text for text in texts[1:])
    assert_no_template_ran(texts[0], "dts/document/review.xml")
    json.loads((site / "dts" / "collection" / "review.json").read_text(encoding="utf-8"))
