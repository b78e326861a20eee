"""The built site as a scholar uses it: the bibliography, linked notes, "Cite this page", metadata."""
from __future__ import annotations

import json

import re
from urllib.parse import parse_qs

from lxml import html as lxml_html

from conftest import PUBLISHED

from edition.citations.citations import Bibliography


def page(site, name):
    return lxml_html.fromstring((site / name / "index.html").read_bytes())


def test_bibliography_entries_have_anchors_groups_and_no_numbers(built_site):
    tree = page(built_site, "bibliography")
    entries = tree.xpath('//p[contains(@class,"csl-entry")]')
    assert {e.get("id") for e in entries} == {f"ref-{k}" for k in Bibliography().keys}
    assert [h.text_content().strip("¶ ") for h in tree.xpath("//article//h2")][:3] == [
        "The book and its discussion", "Works cited in the review", "Works named on the book page"]
    assert not tree.xpath('//article//ol') and "↩" not in tree.text_content()
    for group in tree.xpath("//article//h2")[:3]:
        names = []
        for sibling in group.itersiblings():
            if sibling.tag == "h2":
                break
            if "csl-entry" in (sibling.get("class") or ""):
                names.append(sibling.text_content().split(".")[0])
        assert names == sorted(names, key=str.lower)


def test_back_links_lead_to_every_citing_place(built_site):
    tree = page(built_site, "bibliography")
    zolotarev = tree.xpath('//p[@id="ref-zolotarev2000"]//a[@class="backlink"]/@href')
    assert zolotarev == ["../review/#fn:1", *[f"../review/#fn:{n}" for n in range(2, 7)]]
    for href in tree.xpath('//a[@class="backlink"]/@href'):
        target, anchor = href[3:].split("#")
        assert page(built_site, target.rstrip("/")).xpath(f'//*[@id="{anchor}"]'), href


def test_notes_lead_to_their_works_with_editorial_expansions(built_site):
    tree = page(built_site, "review")
    note2 = tree.xpath('//li[@id="fn:2"]')[0]
    expansion = note2.xpath('.//span[contains(@class,"editorial")]')[0]
    assert expansion.xpath("./a")[0].text_content() == "[Zolotarev, Sovetsko-iaponskaia voina]"
    assert "ibid." in expansion.xpath('.//*[@role="tooltip"]')[0].text_content()
    for tip in note2.xpath('.//*[@role="tooltip" or contains(concat(" ", @class, " "), " preview ")]'):
        tip.drop_tree()     # the hidden texts: as a reader sees the note
    assert expansion.xpath(".//a/@href") == ["../bibliography/#ref-zolotarev2000"]
    assert note2.text_content().strip().startswith("For Uemura's comments see ibid. [Zolotarev, Sovetsko-iaponskaia voina] p. 302.")
    note7 = tree.xpath('//li[@id="fn:7"]')[0]
    assert "../bibliography/#ref-holloway2007jockeying" in note7.xpath(".//a/@href")
    addition = note7.xpath('.//span[contains(@class,"editorial")]/a')[-1].text_content()
    assert "The End of the Pacific War: Reappraisals" in addition and "2007" in addition
    note1 = tree.xpath('//li[@id="fn:1"]')[0]
    assert "../bibliography/#ref-zolotarev2000" in note1.xpath(".//a/@href")


def test_text_citations_link_with_their_locator(built_site):
    tree = page(built_site, "review")
    butow = tree.xpath('//a[@href="../bibliography/#ref-butow1954"]')[0]
    assert butow.text_content() == "Japan’s Decision to Surrender"
    p298 = tree.xpath('//a[@href="../bibliography/#ref-hasegawa2005racing"][normalize-space(text())="p. 298"]')[0]
    assert tree.xpath(f'//*[@id="{p298.get("aria-describedby")}"]')[0].text_content().endswith(", 298.")


def test_cite_this_page_on_every_scholarly_page(built_site):
    for name in ("review", "book", "author", "bibliography"):
        tree = page(built_site, name)
        assert tree.xpath('//h2[@id="cite-this-page"]'), name
        assert not tree.xpath("//article//pre | //article//code"), name      # citations as text, not code
        forms = tree.xpath('//*[contains(@class,"cite-forms")]//*[contains(@class,"citation")]')
        assert len(forms) == 2 and all(f"{PUBLISHED}{name}/" in f.text_content() for f in forms), name
        for form in forms:      # each copies with one click (Material's clipboard reads the target)
            assert tree.xpath(f'//button[@data-clipboard-target="#{form.get("id")}"]'), name
        downloads = tree.xpath('//a[@download]/@href')
        assert sorted(downloads) == sorted(f"../cite/{name}.{s}" for s in ("bib", "ris", "json")), name
        assert all((built_site / name / d).resolve().is_file() for d in downloads)


def test_the_notes_follow_the_text_before_cite_this_page(built_site):
    tree = page(built_site, "review")
    article = tree.xpath('//article')[0]
    order = [el.get("id") or el.get("class") for el in article.iter() if el.get("id") == "cite-this-page"
             or "footnote" == (el.get("class") or "")]
    assert order == ["footnote", "cite-this-page"]


def test_every_paragraph_quotation_and_note_opens_its_own_citation(built_site):
    for name in ("review", "book", "author"):
        tree = page(built_site, name)
        places = tree.xpath('//article//*[starts-with(@id,"p") or starts-with(@id,"q") or starts-with(@id,"fn:")]'
                            '[not(ancestor::*[contains(@class,"cite-popovers")])]')
        places = [p for p in places if re.fullmatch(r"p\d+|q\d+|fn:\d+", p.get("id"))]
        assert places, name
        for place in places:
            anchor = place.get("id")
            target = "cite-" + anchor.replace(":", "-")
            assert place.xpath(f'.//button[@popovertarget="{target}"]'), (name, anchor)
            text = tree.xpath(f'//*[@id="{target}-text"]')[0].text_content()
            assert f"{PUBLISHED}{name}/#{anchor}" in text, (name, anchor)
    assert not page(built_site, "review").xpath('//*[@title][contains(@class,"note-cite")]')


def meta_tags(tree) -> dict:
    meta = {}
    for tag in tree.xpath("//meta[@name or @property]"):
        meta.setdefault(tag.get("name") or tag.get("property"), []).append(tag.get("content"))
    return meta


def test_review_carries_highwire_tags_that_make_it_an_article(built_site):
    meta = meta_tags(page(built_site, "review"))
    assert meta["citation_title"] == ["[Review of] Tsuyoshi Hasegawa, Racing the Enemy: Stalin, Truman, and the Surrender of Japan"]
    assert meta["citation_author"] == ["Holloway, David"] and meta["citation_editor"] == ["Maddux, Thomas"]
    assert meta["citation_journal_title"] == ["H-Diplo Roundtable on Racing the Enemy"]
    assert meta["citation_publisher"] == ["H-Net"] and meta["citation_language"][0].startswith("en")
    assert meta["citation_public_url"] == [f"{PUBLISHED}review/"]
    assert "citation_date" not in meta and "citation_publication_date" not in meta   # not known: left out
    assert any(r.startswith("citation_title=Japan’s Decision to Surrender;") for r in meta["citation_reference"])


def test_book_page_describes_the_book(built_site):
    meta = meta_tags(page(built_site, "book"))
    assert meta["citation_author"] == ["Hasegawa, Tsuyoshi"] and meta["citation_isbn"] == ["978-0-674-02241-6"]
    assert meta["citation_publisher"] == ["Belknap Press"] and meta["citation_publication_date"] == ["2006/09/30"]
    assert meta["citation_title"][0].startswith("Racing the")


def test_every_page_has_a_clean_title_the_site_name_and_no_author(built_site):
    for name in ("", "review", "book", "author", "bibliography", "about"):
        meta = meta_tags(page(built_site, name) if name else lxml_html.fromstring((built_site / "index.html").read_bytes()))
        assert meta["og:site_name"] == ["Racing the Enemy — a review and its book"], name
        assert meta["og:title"] and " - Racing the Enemy" not in meta["og:title"][0], name
        assert "author" not in meta, name


def test_every_bibliography_entry_offers_coins_and_downloads(built_site):
    tree = page(built_site, "bibliography")
    for entry in tree.xpath('//p[contains(@class,"csl-entry")]'):
        key = entry.get("id")[len("ref-"):]
        (context,) = entry.xpath('.//span[@class="Z3988"]/@title')
        assert parse_qs(context)["ctx_ver"] == ["Z39.88-2004"] and parse_qs(context).get("rft.btitle", parse_qs(context).get("rft.atitle")), key
        assert sorted(entry.xpath('.//a[@class="download"]/@href')) == sorted(
            f"../cite/{key}.{s}" for s in ("bib", "json", "ris"))


def json_ld(tree) -> dict:
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def test_json_ld_on_each_page(built_site):
    review = json_ld(page(built_site, "review"))
    assert review["@type"] == "Review" and review["author"][0] == {"@type": "Person", "name": "David Holloway"}
    assert review["itemReviewed"]["@type"] == "Book" and review["itemReviewed"]["isbn"] == "978-0-674-01693-4"
    book = json_ld(page(built_site, "book"))
    assert book["@type"] == "Book" and book["isbn"] == "978-0-674-02241-6"
    assert book["author"][0]["name"] == "Tsuyoshi Hasegawa" and book["datePublished"] == "2006-09-30"
    assert book["publisher"]["name"] == "Belknap Press: An Imprint of Harvard University Press"
    assert book["offers"] == {"@type": "Offer", "price": "5011", "priceCurrency": "JPY"}
    author = json_ld(page(built_site, "author"))
    assert author["@type"] == "Person" and author["name"] == "Tsuyoshi Hasegawa"
    for name in ("bibliography", "about"):
        assert json_ld(page(built_site, name))["@context"] == "https://schema.org"
    assert json_ld(lxml_html.fromstring((built_site / "index.html").read_bytes()))["@type"] == "WebSite"
