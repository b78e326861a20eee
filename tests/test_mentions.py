"""Mentions are found, not placed: every registered form, as a whole word, the longest first, in the authors' words only."""
from __future__ import annotations

import pytest

from edition.errors import SourceError
from edition.model import (Cite, Document, Editorial, Foreign, Mention, Note, Paragraph, Quotation, Sic, Table, Text,
                           Title)
from edition.register.names import load
from edition.passes.mentions import find_mentions, mentions_in, passages

REGISTER = '''[kwantung]
kind = "organisation"
heading = "Kwantung Army"
forms = ["Kwantung Army"]

[kwan]
kind = "person"
heading = "Kwan, A."
forms = ["A. Kwan", "Kwan", { form = "Kwann", reason = "A misprint, the editors think." }, { form = "关", lang = "zh" }]
description = "a general"
at = "text ¶ 1"
known_as = [{ name = "Guan", reason = "The usual spelling." }]

[army]
kind = "organisation"
heading = "Army"
forms = ["Army"]
'''


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(REGISTER, encoding="utf-8")
    return load(path)


def text_doc(*blocks, notes=()) -> Document:
    return Document(source="sources/text.txt", title="T", page="text.md", blocks=list(blocks), notes=list(notes))


def found(doc) -> list[tuple[str, str]]:
    return [(m.entry, "".join(c.value for c in m.children)) for p in passages(doc, {}) for m in mentions_in(p.inlines)]


def test_forms_are_found_as_whole_words_the_longest_first(register):
    doc = text_doc(Paragraph([Text("A general, A. Kwan of the Kwantung Army, met Kwan; the Army, not Kwang or Kwans.")],
                             anchor="p1"))
    find_mentions([doc], register, {}, whole=False)
    assert found(doc) == [("kwan", "A. Kwan"), ("kwantung", "Kwantung Army"), ("kwan", "Kwan"), ("army", "Army")]
    # The words are all still there, in order: a mention holds the text's own words.
    text = "".join(n.value if isinstance(n, Text) else n.children[0].value for n in doc.blocks[0].inlines)
    assert text == "A general, A. Kwan of the Kwantung Army, met Kwan; the Army, not Kwang or Kwans."


def test_names_are_found_in_notes_quotations_attributions_tables_and_a_sic(register):
    doc = text_doc(Paragraph([Text("a general Kwan")], anchor="p1"),
                   Quotation([Text("Kwan said")], [Text("A. Kwan")], [Text("of the Army")], anchor="q1", kind="praise"),
                   Table(["x"], [[[Text("Kwan")]]]), Paragraph([Sic((Text("Kwann"),), explanation="So.")], anchor="p2"),
                   notes=[Note(1, [Text("See Kwan.")])])
    find_mentions([doc], register, {}, whole=False)
    assert [(p.label, e) for p in passages(doc, {}) for e in [m.entry for m in mentions_in(p.inlines)]] == [
        ("text ¶ 1", "kwan"), ("text praise 1", "kwan"), ("text praise 1", "kwan"), ("text praise 1", "army"),
        ("text", "kwan"), ("text ¶ 2", "kwan"), ("text n. 1", "kwan")]
    assert isinstance(doc.blocks[3].inlines[0], Sic) and isinstance(doc.blocks[3].inlines[0].children[0], Mention)


def test_a_form_inside_an_editorial_addition_a_title_or_a_citation_is_not_a_mention(register):
    doc = text_doc(Paragraph([Text("Kwan, "), Editorial("[Kwan]", "The editors' addition."), Text(" and "),
                              Title((Text("Kwan and the Army"),)), Cite((Text("Kwan, p. 3"),), key="k")], anchor="p1"))
    find_mentions([doc], register, {}, whole=False)
    assert found(doc) == [("kwan", "Kwan")]
    assert doc.blocks[0].inlines[2] == Editorial("[Kwan]", "The editors' addition.")


def test_a_form_of_another_language_keeps_it_and_a_mention_says_what_its_entry_says(register):
    doc = text_doc(Paragraph([Text("Kwan ("), Foreign("关", "zh"), Text("), a general; Kwann.")], anchor="p1"))
    find_mentions([doc], register, {}, whole=False)
    mentions = list(mentions_in(doc.blocks[0].inlines))
    assert mentions[1].children == (Foreign("关", "zh"),)
    first = mentions[0]
    assert first.kind == "person"
    assert "Kwan, A." in "".join(getattr(n, "value", "") for n in first.names)
    assert Editorial("[Guan]") in first.names                       # the editors' name, shown as theirs
    assert first.about == "person: “a general” (text ¶ 1)"
    assert [n.value for n in first.forms if isinstance(n, Text)][:1] == ["A. Kwan"]
    assert any(isinstance(n, Editorial) and "misprint" in n.value for n in mentions[2].forms)   # why "Kwann" is Kwan


def test_the_whole_edition_refuses_a_form_found_nowhere_with_its_line(register):
    doc = text_doc(Paragraph([Text("Kwan, a general, of the Kwantung Army, A. Kwan; 关 alone.")], anchor="p1"))
    find_mentions([doc], register, {}, whole=False)          # one text alone: not stale
    with pytest.raises(SourceError) as caught:
        find_mentions([text_doc(Paragraph([Text("Kwan, a general, of the Kwantung Army, A. Kwan; the Army.")], anchor="p1"))],
                      register, {}, whole=True)
    assert "the form 'Kwann' is in none of the texts" in caught.value.message
    assert register.raw.splitlines()[caught.value.line - 1].count("Kwann")


@pytest.mark.parametrize("at,description,message", [("text ¶ 9", "a general", "is no place of the texts"),
                                                    ("text ¶ 1", "a colonel", "the description is not the words of text ¶ 1")])
def test_a_description_must_stand_where_it_says(tmp_path, at, description, message):
    path = tmp_path / "names.toml"
    path.write_text(f'[kwan]\nkind = "person"\nheading = "Kwan"\nforms = ["Kwan"]\ndescription = "{description}"\n'
                    f'at = "{at}"\n', encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        find_mentions([text_doc(Paragraph([Text("Kwan, a general.")], anchor="p1"))], load(path), {}, whole=True)
    assert message in caught.value.message and caught.value.line in (5, 6)
