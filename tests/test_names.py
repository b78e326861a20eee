"""The register of names (sources/names.toml): typed entries, and what it refuses with its line."""
from __future__ import annotations

import pytest

from conftest import ROOT
from edition import config
from edition.errors import SourceError
from edition.register.names import load
from edition.register.names_schema import AUTHORITIES, KINDS, Authority, Form


def test_the_register_loads_typed_and_every_form_names_one_entry():
    register = load(config.NAMES_FILE)
    assert register.entries and all(entry.kind in KINDS and entry.heading and entry.forms for entry in register.entries)
    assert all(isinstance(form, Form) and form.form.strip() for entry in register.entries for form in entry.forms)
    forms = [form.form for entry in register.entries for form in entry.forms]
    assert len(forms) == len(set(forms)) == len(register.forms())
    # An authority identifier stands only with the reference that confirms it.
    for entry in register.entries:
        for key, authority in entry.authorities.items():
            assert AUTHORITIES[key][1].fullmatch(authority.id) and authority.reference.strip()


def test_no_register_is_an_empty_one(tmp_path):
    assert load(tmp_path / "names.toml").entries == []


def test_a_form_of_another_language_and_an_identification_keep_what_they_say(tmp_path):
    path = tmp_path / "names.toml"
    path.write_text('[a]\nkind = "person"\nheading = "A"\nforms = ["A", { form = "甲", lang = "ja" }, '
                    '{ form = "Aa", reason = "Misprinted." }]\nwikidata = { id = "Q42", reference = "A reference." }\n',
                    encoding="utf-8")
    entry = load(path).entries[0]
    assert entry.forms == [Form("A"), Form("甲", lang="ja"), Form("Aa", reason="Misprinted.")]
    assert entry.authorities == {"wikidata": Authority("Q42", "A reference.")}


ENTRY = '[a]\nkind = "person"\nheading = "A"\nforms = ["A"]\n'


@pytest.mark.parametrize("text,line,message", [
    ('[a]\nkind = "person"\nheading = \n', 3, "not valid TOML"),
    ('[a]\nheading = "A"\nforms = ["A"]\n', 1, "the entry has no 'kind'"),
    ('[a]\nkind = "person"\nforms = ["A"]\n', 1, "the entry has no 'heading'"),
    ('[a]\nkind = "person"\nheading = "A"\n', 1, "the entry has no 'forms'"),
    ('[a]\nkind = "work"\nheading = "A"\nforms = ["A"]\n', 2, "unknown kind 'work'"),
    (ENTRY + 'forme = ["B"]\n', 5, "unknown key 'forme'"),
    ('[A_1]\nkind = "person"\nheading = "A"\nforms = ["A"]\n', 1, "an entry's id is lower-case letters"),
    ('[a]\nkind = "person"\nheading = "A"\nforms = [{ form = "A", lnag = "ja" }]\n', 4, "unknown key 'lnag'"),
    ('[a]\nkind = "person"\nheading = "A"\nforms = [3]\n', 4, "neither a string nor a table"),
    (ENTRY + 'wikidata = { id = "42", reference = "R." }\n', 5, "'42' is not in the form Wikidata gives"),
    (ENTRY + 'viaf = { id = "Q42", reference = "R." }\n', 5, "'Q42' is not in the form VIAF gives"),
    (ENTRY + 'gnd = { id = "11850543", reference = "R." }\n', 5, "'11850543' is not in the form GND gives"),
    (ENTRY + 'wikidata = { id = "Q42" }\n', 5, "names no reference that confirms it"),
    (ENTRY + 'description = "said of it"\n', 5, "a description says where the texts say it"),
    (ENTRY + 'at = "review ¶ 1"\n', 5, "a description says where"),
    (ENTRY + 'known_as = [{ name = "B" }]\n', 5, "the name 'B' the texts do not use has no reason"),
    (ENTRY + '[b]\nkind = "place"\nheading = "B"\nforms = ["B", "A"]\n', 8,
     "the form 'A' is already [a]'s"),
    ('a = "A"\n', 1, "an entry is a table"),
], ids=["bad toml", "no kind", "no heading", "no forms", "unknown kind", "unknown key", "bad id", "unknown form key",
        "form not a string", "wikidata form", "viaf form", "gnd form", "no reference", "description without at",
        "at without description", "known_as without reason", "form of two entries", "not a table"])
def test_a_malformed_register_is_refused_with_its_line(tmp_path, text, line, message):
    path = tmp_path / "names.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load(path)
    assert caught.value.line == line and message in caught.value.message, caught.value
    assert str(caught.value).startswith(f"{caught.value.path}:{line}: ")


def test_the_register_is_editorial_data_not_a_source():
    assert "names.toml" not in (ROOT / "sources" / "SHA256SUMS").read_text(encoding="utf-8")
