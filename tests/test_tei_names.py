"""The TEI's names: persName, placeName and orgName in the text, each @ref resolving to its entry in the standOff."""
from __future__ import annotations

import pytest
from lxml import etree

from conftest import LISTING, REVIEW
from edition import config
from edition.register.names import load
from edition.register.names_schema import KINDS
from edition.pages import convert

NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def tei(decisions):
    made = {}
    for kind, source in [("review", REVIEW), ("listing", LISTING)]:
        made.update(convert(kind, source, decisions, config.SOURCES_DIR, to="tei"))
    return {name: etree.fromstring(text.encode("utf-8")) for name, text in made.items()}


def test_every_name_in_the_text_resolves_to_its_entry_in_the_stand_off_and_each_entry_is_named(tei):
    register = load(config.NAMES_FILE)
    for name, root in tei.items():
        names = root.xpath("//t:text//*[self::t:persName or self::t:placeName or self::t:orgName]", namespaces=NS)
        assert names, name
        listed = {}
        for _, (_, list_tag, entry_tag, name_tag) in KINDS.items():
            for entry in root.xpath(f"/t:TEI/t:standOff/t:{list_tag}/t:{entry_tag}", namespaces=NS):
                listed[entry.get("{http://www.w3.org/XML/1998/namespace}id")] = (entry, name_tag)
        for element in names:
            entry, name_tag = listed[element.get("ref")[1:]]
            assert etree.QName(element).localname == name_tag
            # The text's words are one of the entry's forms, as the register gives them.
            forms = entry.xpath(f't:{name_tag}[@type="form"]/text()', namespaces=NS)
            assert " ".join("".join(element.itertext()).split()) in forms
            assert forms == [f.form for f in register.entry(element.get("ref")[1:]).forms]
        assert {e.get("ref")[1:] for e in names} == set(listed), name      # no entry the text does not name
    # (test_tei_writer validates each document, its standOff with it, against tei_all)


def test_the_editors_identifications_and_names_carry_their_responsibility_and_reason(tei):
    register = load(config.NAMES_FILE)
    root = tei["tei/review-holloway-racing-the-enemy.xml"]
    checked = 0
    for entry in register.entries:
        element = root.xpath(f'//t:standOff//*[@xml:id="{entry.id}"]', namespaces=NS)
        if not element or not (entry.known_as or any(f.reason for f in entry.forms)):
            continue
        notes = " ".join(element[0].xpath('t:note[@type="identification"][@resp="#editors"]/text()', namespaces=NS))
        for form in (f for f in entry.forms if f.reason):
            assert element[0].xpath(f't:*[@type="form"][@resp="#editors"][.="{form.form}"]', namespaces=NS)
            assert form.reason in notes
        for name in entry.known_as:
            assert element[0].xpath(f't:*[@type="editorial"][@resp="#editors"][.="{name.name}"]', namespaces=NS)
            assert name.reason in notes
        checked += 1
    assert checked
