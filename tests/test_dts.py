"""The static DTS 1.0 API: every response against the DTS 1.0 shapes, the trees the TEI declares, a client's round
trip (the Document of each paragraph is the paragraph's words on the page), and a unit the site lacks refused."""
from __future__ import annotations

import json
import re
from urllib.parse import unquote

import jsonschema
import pytest
from lxml import etree
from uritemplate import URITemplate

from edition.dts import DOCUMENT, NAVIGATION, check_units
from edition.errors import SourceError
from pagetext import article, drop_keep_tail

TEI = "{http://www.tei-c.org/ns/1.0}"

#: The DTS 1.0 responses' required shapes, from the specification's tables (Entry, Collection, Resource,
#: Navigation, CitableUnit), as JSON Schema.
UNIT = {"type": "object", "required": ["identifier", "@type", "level", "parent"],
        "properties": {"@type": {"const": "CitableUnit"}, "identifier": {"type": "string"}, "level": {"type": "integer"},
                       "parent": {"type": ["string", "null"]}, "citeType": {"type": "string"}}}
RESOURCE = {"type": "object", "required": ["@id", "@type", "title", "totalParents", "totalChildren", "citationTrees",
                                           "navigation", "document", "collection"],
            "properties": {"@type": {"const": "Resource"}, "citationTrees": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["@type", "citeStructure"], "properties": {"@type": {"const": "CitationTree"}}}}}}
MEMBER = {"type": "object", "required": ["@id", "@type", "title", "totalParents", "totalChildren"],
          "properties": {"@type": {"enum": ["Collection", "Resource"]}}}
TOP = {"required": ["@context", "dtsVersion"], "properties": {"@context": {"const": "https://dtsapi.org/context/v1.0.json"},
                                                             "dtsVersion": {"const": "1.0"}}}
SCHEMAS = {
    "entry": {"allOf": [TOP, {"required": ["@id", "@type", "collection", "navigation", "document"],
                              "properties": {"@type": {"const": "EntryPoint"}}}]},
    "collection": {"allOf": [TOP, MEMBER, {"properties": {"member": {"type": "array", "items": MEMBER}}}]},
    "navigation": {"allOf": [TOP, {"required": ["@id", "@type", "resource"], "properties": {
        "@type": {"const": "Navigation"}, "resource": RESOURCE, "ref": UNIT, "member": {"type": "array", "items": UNIT}}}]},
}


def files(site, pattern: str):
    return sorted(p for p in (site / "dts").rglob(pattern) if p.is_file())


def test_every_response_has_its_dts_shape(built_site):
    entry = json.loads((built_site / "dts" / "index.json").read_text())
    jsonschema.validate(entry, SCHEMAS["entry"])
    for template in (entry["collection"], entry["navigation"], entry["document"]):     # path-style, on the site's address
        assert template.startswith(entry["@id"].rsplit("/", 1)[0] + "/") and URITemplate(template).variable_names
    assert {"ref", "start", "end", "resource", "down", "tree"} <= set(URITemplate(entry["navigation"]).variable_names)
    kinds = {"collection": files(built_site, "collection*.json") + files(built_site / "dts", "collection/*.json"),
             "navigation": files(built_site, "navigation/**/*.json")}
    for kind, found in kinds.items():
        assert found, kind
        for path in found:
            jsonschema.validate(json.loads(path.read_text()), SCHEMAS[kind])
    root = json.loads((built_site / "dts" / "collection.json").read_text())
    edition = json.loads((built_site / "dts" / "collection" / f"{root['member'][0]['@id']}.json").read_text())
    assert edition["dublinCore"]["rights"] and all(m["@type"] == "Resource" for m in edition["member"])
    texts = {m["@id"]: m for m in edition["member"]}
    assert {"review", "book", "author"} <= set(texts)
    trees = {t["identifier"] for t in texts["review"]["citationTrees"]}
    assert trees == {"units", "pages"}           # the site's units, and the printed review's pages


def expand(template: str, site, **values) -> str:
    """The file under dts/ that a request by ``template`` (relative to dts/) reads."""
    return unquote(URITemplate(template).expand(values))


def test_each_tree_is_the_one_the_tei_declares_and_every_level_answers(built_site):
    for resource in ("review", "book"):
        tei = etree.parse(str(built_site / "dts" / "document" / f"{resource}.xml"))
        declared = {r.get("n") for r in tei.iter(f"{TEI}refsDecl")}
        ids = {e.get("{http://www.w3.org/XML/1998/namespace}id") for e in tei.iter(f"{TEI}p", f"{TEI}cit")}
        for tree in declared:
            nav = json.loads((built_site / "dts" / expand(NAVIGATION, built_site, resource=resource, tree=tree, down=1)).read_text())
            refs = [m["identifier"] for m in nav["member"]]
            assert refs and len(refs) == len(set(refs))
            for down in (-1, 2):
                again = built_site / "dts" / expand(NAVIGATION, built_site, resource=resource, tree=tree, down=down)
                assert json.loads(again.read_text())["member"] == nav["member"]
            for ref in refs[:: max(1, len(refs) // 5)]:
                one = json.loads((built_site / "dts" / expand(NAVIGATION, built_site, resource=resource, tree=tree, ref=ref)).read_text())
                assert one["ref"]["identifier"] == ref and "member" not in one
                assert (built_site / "dts" / expand(DOCUMENT, built_site, resource=resource, tree=tree, ref=ref)).exists()
            if tree == "units":
                assert {r for r in refs if not r.startswith("fn:")} <= ids


def words(text: str) -> list[str]:
    return " ".join(text.split()).replace(" ,", ",").split()


def test_a_client_gets_each_paragraph_in_the_words_of_the_page(built_site):
    for resource, page in (("review", "review"), ("book", "book"), ("author", "author")):
        shown = article(built_site / page / "index.html")
        for sup in shown.xpath('.//sup[contains(@id, "fnref")]'):
            sup.drop_tree()
        nav = json.loads((built_site / "dts" / expand(NAVIGATION, built_site, resource=resource, down=1)).read_text())
        paragraphs = [m["identifier"] for m in nav["member"] if re.fullmatch(r"p\d+", m["identifier"])]
        assert paragraphs, resource
        for ref in paragraphs:
            passage = etree.parse(str(built_site / "dts" / expand(DOCUMENT, built_site, resource=resource, ref=ref)))
            unit = passage.find(f".//{TEI}p")
            for left_out in unit.xpath(".//t:note | .//t:supplied", namespaces={"t": TEI[1:-1]}):
                left_out.getparent().remove(left_out) if left_out.tail is None else drop_keep_tail(left_out)
            on_page = shown.xpath(f'.//p[@id="{ref}"]')[0]
            assert words(on_page.text_content()) and words("".join(unit.itertext())) == words(on_page.text_content()), ref


def test_a_unit_the_site_has_no_anchor_for_is_refused_with_its_line():
    tei = '<TEI>\n<p xml:id="p1"/>\n<p xml:id="p9"/>\n</TEI>'
    units = [{"identifier": "p1"}, {"identifier": "p9"}]
    check_units("review", units[:1], {"p1"}, tei, "tei/review.xml")
    with pytest.raises(SourceError) as caught:
        check_units("review", units, {"p1"}, tei, "tei/review.xml")
    assert str(caught.value).startswith("tei/review.xml:3: ") and "'p9'" in str(caught.value)
