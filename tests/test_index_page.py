"""The Index page and the names in the texts, as built: every mention links to its entry, every entry to each
place that names it; the register as JSON; search reads every name of an entry where any form of it stands."""
from __future__ import annotations

import json
from urllib.parse import unquote
import re
import unicodedata
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lxml_html

from conftest import PUBLISHED
from edition import config
from edition.settings import search_passages
from edition.register.names import load
from searched import fragments, passage_words
from edition.register.search_variants import ANCHOR, name_word

TEXTS = ["review/", "book/", "author/"]
INDEX = "names/"
#: What is not the words of a place as a reader sees them: previews, margin copies, cite controls.
NOT_WORDS = ('.//*[contains(concat(" ", @class, " "), " preview ") or contains(@class, "sidenote")'
             ' or contains(@class, "cite-place") or contains(@class, "ed-explanation")]')


@pytest.fixture(scope="module")
def pages(built_site):
    return {page: lxml_html.fromstring((built_site / page / "index.html").read_bytes()) for page in TEXTS + [INDEX]}


@pytest.fixture(scope="module")
def register():
    return load(config.NAMES_FILE)


def resolve(page: str, href: str) -> tuple[str, str]:
    url = urlparse(urljoin(PUBLISHED + page, href))
    return url.path.removeprefix(urlparse(PUBLISHED).path), url.fragment


def place_of(element) -> str:
    """The id of the place a mention stands in: its paragraph, quotation or note, else its section."""
    anchored = element.xpath('ancestor::*[@id and (self::p or self::figure or self::li)][1]')
    if anchored:
        return anchored[0].get("id")
    return element.xpath("preceding::*[self::h2 or self::h3][@id][1]")[0].get("id")


def words_at(tree, ident: str) -> str:
    """The words a reader sees at a place (a heading's place: its section, up to the next heading)."""
    element = tree.xpath(f'//*[@id="{ident}"]')[0]
    parts = [element]
    if re.fullmatch(r"h[1-6]", element.tag):
        parts = list(element.itersiblings())
        ends = [n for n, node in enumerate(parts) if re.fullmatch(r"h[1-6]", node.tag)]
        parts = parts[:ends[0]] if ends else parts
    text = []
    for part in parts:
        copy = lxml_html.fromstring(lxml_html.tostring(part))
        for node in copy.xpath(NOT_WORDS):
            node.drop_tree()
        text.append(copy.text_content())
    return " ".join(" ".join(text).split())


def mentions(pages):
    for page in TEXTS:
        for link in pages[page].xpath('//article//a[contains(concat(" ", @class, " "), " mention ")]'):
            yield page, link


def entries(pages):
    """Entry id -> its Index heading and entry paragraph."""
    index = pages[INDEX]
    return {h.get("id"): (h, h.getnext()) for h in index.xpath('//article//h3[@id]')
            if h.getnext() is not None and "index-entry" in h.getnext().get("class", "")}


def test_every_mention_links_to_its_entry_and_prints_one_of_its_forms(pages, register):
    found = list(mentions(pages))
    assert found
    listed = entries(pages)
    for page, link in found:
        path, entry = resolve(page, link.get("href"))
        assert path == INDEX and entry in listed, link.get("href")
        preview = link.xpath('.//*[contains(concat(" ", @class, " "), " preview ")]')[0]
        # described by its entry's first preview on the page, which says what its own does
        described = pages[page].xpath(f'//*[@id="{link.get("aria-describedby")}"]')
        assert len(described) == 1 and described[0].get("role") == "tooltip"
        assert " ".join(described[0].text_content().split()) == " ".join(preview.text_content().split())
        printed = " ".join(link.text_content().replace(preview.text_content(), "", 1).split())
        assert printed in [f.form for f in register.entry(entry).forms]
        assert not link.xpath('ancestor::*[contains(concat(" ", @class, " "), " editorial ")]')   # never the editors'
        assert not link.xpath('ancestor::*[contains(@class, "sidenote")]')      # a margin copy shows the words alone


def test_each_entry_links_to_every_place_that_names_it_and_only_those(pages, register):
    named: dict[str, set] = {}
    printed: dict[str, set] = {}
    for page, link in mentions(pages):
        entry = resolve(page, link.get("href"))[1]
        named.setdefault(entry, set()).add((page, place_of(link)))
        printed.setdefault(entry, set()).add(link.xpath("string(text())").strip())
    listed = {}
    for entry, (_, paragraph) in entries(pages).items():
        places = {resolve(INDEX, a.get("href")) for a in paragraph.xpath('.//a[contains(@class, "backlink")]')}
        listed[entry] = places
        forms = [f.form for f in register.entry(entry).forms]
        for page, ident in places:      # each lands on a place whose words hold one of the entry's forms
            words = words_at(pages[page], ident)
            assert any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", words) for f in forms), (entry, page, ident)
    assert listed == named
    # A name the texts print in two forms is one entry, listing the places of both.
    assert any(len(forms) > 1 for forms in printed.values())


def test_the_index_is_in_sections_alphabetical_by_heading_and_marks_the_editors_names(pages, register):
    index = pages[INDEX]
    sections = index.xpath('//article//h2[@id]')
    assert [s.get("id") for s in sections][:3] == ["persons", "places", "organisations"] and sections[-2].get("id") == "works"

    def key(text):
        return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum() or c == " ").strip()
    for section in sections:
        headings = [h for h in section.itersiblings() if h.tag in ("h2", "h3")]
        headings = headings[:next((n for n, h in enumerate(headings) if h.tag == "h2"), len(headings))]
        texts = [" ".join(h.xpath("string(text())").split()) for h in headings]
        assert texts == sorted(texts, key=key)
    for entry in register.entries:
        heading, paragraph = entries(pages)[entry.id]
        assert [e.text_content() for e in heading.xpath('.//span[contains(@class, "editorial")]')] == \
            [f"[{name.name}]" for name in entry.known_as]
        for name in entry.known_as:      # the reason, in the entry, on hover and focus
            assert paragraph.xpath(f'.//*[contains(@class, "explained")][contains(., "[{name.name}]")]'
                                   f'//*[@class="ed-explanation"][.="{name.reason}"]')
        marks = paragraph.xpath('.//*[contains(@class, "explained")]//*[@class="ed-explanation"]/text()')
        assert all(form.reason in marks for form in entry.forms if form.reason)
        if entry.description:
            assert f"“{entry.description}”" in paragraph.text_content()


def test_works_point_into_the_bibliography_with_where_the_texts_name_them(pages, built_site):
    works = pages[INDEX].xpath('//h2[@id="works"]/following-sibling::p[contains(@class, "index-entry")]')
    assert works
    for paragraph in works:
        entry = paragraph.xpath(".//a")[0]
        path, fragment = resolve(INDEX, entry.get("href"))
        assert path == "bibliography/" and fragment.startswith("ref-")
        assert paragraph.xpath('.//a[contains(@class, "backlink")]')


def test_the_register_downloads_as_json_with_every_entry_and_where_it_is_named(pages, register, built_site):
    link = pages[INDEX].xpath('//a[contains(@class, "download")][contains(@href, ".json")]')[0]
    data = json.loads((built_site / resolve(INDEX, link.get("href"))[0]).read_text(encoding="utf-8"))
    assert [e["id"] for e in data["entries"]] == [e.id for e in register.entries]
    assert data["version"] and data["about"]
    trees = dict(pages)
    for entry in data["entries"]:
        assert entry["mentions"] and all(isinstance(a, dict) for a in entry["authorities"].values())
        forms = [f["form"] for f in entry["forms"]]
        for mention in entry["mentions"]:
            assert mention["url"].startswith(PUBLISHED) and mention["form"] in forms
            path, fragment = resolve("", mention["url"])
            assert trees[path].xpath(f'//*[@id="{fragment}"]'), mention


def found_by(fragment: dict) -> dict[str, set[str]]:
    """The words each passage of a page's fragment is found by: its own, and the names it does not
    print that search_variants.py set apart after the page's text for it."""
    found = passage_words(fragment, search_passages())
    words = fragment["content"].split()
    marks = sorted((a for a in fragment["anchors"] if a["id"].startswith(ANCHOR)), key=lambda a: a["location"])
    table = json.loads(unquote(fragment["meta"]["variants"])) if marks else []
    for i, mark in enumerate(marks):
        end = marks[i + 1]["location"] if i + 1 < len(marks) else len(words)
        found.setdefault(table[int(mark["id"][len(ANCHOR):])][0], set()).update(
            re.findall(r"\w+", " ".join(words[mark["location"]:end])))
    return found


def test_a_search_finds_every_name_of_an_entry_where_any_form_of_it_stands(pages, register, built_site):
    """Pagefind's index, as the search box reads it: each passage is found by every word of every name
    (heading, forms, the editors' names) of each entry it names, in its words or set apart after them."""
    indexed = {url.lstrip("/"): found_by(fragment) for url, fragment in fragments(built_site).items()}
    for page, link in mentions(pages):
        entry = register.entry(resolve(page, link.get("href"))[1])
        section = link.xpath("preceding::*[self::h2 or self::h3][@id][1]/@id")      # where it is not a hit of its own
        passage = next(where for where in (place_of(link), section[0] if section else "", "") if where in indexed[page])
        names = [entry.heading, *(f.form for f in entry.forms), *(k.name for k in entry.known_as)]
        wanted = {w.casefold() for w in re.findall(r"\w+", " ".join(names)) if name_word(w)}     # as Pagefind, in any case
        found = {w.casefold() for w in indexed[page][passage] | indexed[page].get(place_of(link), set())}
        assert wanted <= found, (page, passage, entry.id)
    for entry in register.entries:           # and the entry itself is found under any of them
        names = [entry.heading, *(f.form for f in entry.forms), *(k.name for k in entry.known_as)]
        assert set(re.findall(r"\w+", " ".join(names))) <= indexed[INDEX][entry.id], entry.id
