"""The built site as a scholar uses it: the bibliography, linked notes, "Cite this page", metadata."""
from __future__ import annotations

import json

from lxml import html as lxml_html

from edition.citations import Bibliography


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
    expansion = note2.xpath('.//span[@class="editorial"]')[0]
    assert expansion.text_content() == "[Zolotarev, Sovetsko-iaponskaia voina]"
    assert expansion.xpath(".//a/@href") == ["../bibliography/#ref-zolotarev2000"]
    assert note2.text_content().strip().startswith("For Uemura's comments see ibid. [Zolotarev, Sovetsko-iaponskaia voina] p. 302.")
    note7 = tree.xpath('//li[@id="fn:7"]')[0]
    assert "../bibliography/#ref-holloway2007jockeying" in note7.xpath(".//a/@href")
    addition = note7.xpath('.//span[@class="editorial"]')[0].text_content()
    assert "The End of the Pacific War: Reappraisals" in addition and "2007" in addition
    note1 = tree.xpath('//li[@id="fn:1"]')[0]
    assert "../bibliography/#ref-zolotarev2000" in note1.xpath(".//a/@href")


def test_text_citations_link_with_their_locator(built_site):
    tree = page(built_site, "review")
    butow = tree.xpath('//a[@href="../bibliography/#ref-butow1954"]')[0]
    assert butow.text_content() == "Japan’s Decision to Surrender"
    p298 = tree.xpath('//a[@href="../bibliography/#ref-hasegawa2005racing"][normalize-space()="p. 298"]')[0]
    assert p298.get("title").endswith(", 298.")


def test_cite_this_page_on_every_scholarly_page(built_site):
    for name in ("review", "book", "author", "bibliography"):
        tree = page(built_site, name)
        assert tree.xpath('//h2[@id="cite-this-page"]'), name
        codes = [c.text_content() for c in tree.xpath("//article//pre/code")]
        url = f"https://example.org/racing-the-enemy/{name}/"
        assert any(url in c for c in codes) and any(c.startswith("@misc{") and url in c for c in codes), name
    review = page(built_site, "review").text_content()
    assert "review/#p12" in review and "review/#page-4" in review


def test_review_carries_highwire_tags(built_site):
    tree = page(built_site, "review")
    meta = {}
    for tag in tree.xpath("//meta[starts-with(@name,'citation_')]"):
        meta.setdefault(tag.get("name"), []).append(tag.get("content"))
    assert meta["citation_title"] == ["[Review of] Tsuyoshi Hasegawa, Racing the Enemy: Stalin, Truman, and the Surrender of Japan"]
    assert meta["citation_author"] == ["Holloway, David"]
    assert meta["citation_public_url"] == ["https://example.org/racing-the-enemy/review/"]
    assert meta["citation_language"] == ["en"]
    assert "citation_date" not in meta   # not known: left out
    assert len(meta["citation_reference"]) == 5
    assert any("citation_title=Japan's Decision to Surrender" in r for r in meta["citation_reference"])


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
