"""The seam to pandoc's citeproc: records from references.bib, entries and notes in the CSL style, bad input."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from edition.citations.citations import Bibliography, csl_file, plain
from edition.errors import SourceError


@pytest.fixture(scope="module")
def bibliography():
    return Bibliography(ROOT / "sources" / "references.bib")


def test_every_entry_becomes_a_record_with_title_and_creator(bibliography):
    assert set(bibliography.records) == set(bibliography.keys)
    for key, record in bibliography.records.items():
        assert record["title"] and (record.get("author") or record.get("editor")), key
    texts = [value for record in bibliography.records.values() for value in strings(record)]
    assert not [t for t in texts if "{" in t or "--" in t or "\\" in t]     # no TeX reaches a record


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_entries_are_formatted_by_the_style(bibliography):
    records = list(bibliography.records.values())
    _, entries = bibliography.format(records)
    assert set(entries) == set(bibliography.keys)
    assert plain(entries["butow1954"]) == "Butow, Robert J. C. Japan’s Decision to Surrender. Stanford University Press, 1954."
    assert "<em>Japan’s Decision to Surrender</em>" in entries["butow1954"]            # the title in italics
    assert "W. W. Norton &amp; Company" in entries["dower1999embracing"]
    assert "30–40e gody" in entries["zolotarev2000"]                                  # Unicode dash kept
    assert "voenno-politicheskogo protivoborstva" in entries["zolotarev2000"]          # not title-cased


def test_a_citation_with_a_locator_keeps_it(bibliography):
    records = [bibliography.records["butow1954"], bibliography.records["hasegawa2005racing"]]
    (butow, book), _ = bibliography.format(records, [("butow1954", "p. 12"), ("hasegawa2005racing", "p. 298")])
    assert plain(butow).endswith(", 12.") and "Japan’s Decision to Surrender" in plain(butow)
    assert plain(book).endswith(", 298.")


def test_another_style_formats_differently(bibliography):
    apa = Bibliography(ROOT / "sources" / "references.bib", csl_file("apa.csl"))
    record = [bibliography.records["butow1954"]]
    (chicago_note,), chicago = bibliography.format(record, [("butow1954", "p. 12")])
    (apa_note,), apa_entries = apa.format(record, [("butow1954", "p. 12")])
    assert plain(apa_note) != plain(chicago_note) and "Butow, 1954, p. 12" in plain(apa_note)
    assert plain(apa_entries["butow1954"]) != plain(chicago["butow1954"])


def test_every_entry_says_what_it_rests_on(bibliography):
    for key in bibliography.keys:
        assert re.match(r"(Verified|Inferred|Only the source)\b", bibliography.field(key, "annote")), key


def test_broken_bib_names_its_line(tmp_path):
    bad = tmp_path / "references.bib"
    bad.write_text("@book{a,\n  title = {A},\n  year = {2000\n}\n@book{b, title={B}}\n")
    with pytest.raises(SourceError) as caught:
        Bibliography(bad)
    assert caught.value.path.endswith("references.bib") and caught.value.line


@pytest.mark.parametrize("field,value,expected", [
    ("year", "2O00", "a year of digits"), ("year", "c. 2000", "a year of digits"),
    ("date", "2006-09-31", "that the calendar has"), ("date", "19XX", "YYYY-MM-DD"),
    ("urldate", "2024-13-01", "that the calendar has"), ("isbn", "978-0-674-02241-7", "check digit"),
    ("isbn", "978-0-674-0224", "check digit"), ("pages", "299-3x7", "a range with a dash"),
    ("pagetotal", "43z", "in digits"), ("doi", "doi:10.1000", "a DOI"), ("url", "example.net/page", "http(s) address"),
    ("issn", "0378-5954", "check digit"),
])
def test_a_typed_field_its_reader_cannot_read_is_refused_at_its_line(tmp_path, field, value, expected):
    bib = tmp_path / "references.bib"
    bib.write_text("@book{a, author = {Smith, John}, title = {A}, year = {2000}}\n\n@book{b,\n  author = {Roe, R.},\n"
                   f"  title = {{B}},\n  {field:9} = {{{value}}},\n}}\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        Bibliography(bib)
    assert caught.value.line == 6 and caught.value.message.startswith(f"entry 'b': {field} {value!r} cannot be read: ")
    assert expected in caught.value.message


@pytest.mark.parametrize("field,value", [("year", "1954"), ("year", "-0044"), ("date", "2006-09-30"), ("date", "2005/2007"),
                                         ("date", "2005~"), ("urldate", "2024-02-29"), ("isbn", "0-674-01693-9"),
                                         ("isbn", "9780674022416"), ("pages", "299--337"), ("pages", "xi–xv, 3"),
                                         ("pagetotal", "432"), ("doi", "10.4159/9780674038691"),
                                         ("url", "https://example.net/a?b=c"), ("issn", "0378-5955")])
def test_a_typed_field_in_any_form_its_reader_reads_is_kept(tmp_path, field, value):
    bib = tmp_path / "references.bib"
    bib.write_text(f"@book{{b, author = {{Roe, R.}}, title = {{B}}, {field} = {{{value}}}}}\n", encoding="utf-8")
    assert Bibliography(bib).field("b", field) == value


def test_a_style_that_does_not_exist_or_parse_is_refused(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        csl_file("no-such-style.csl")
    broken = tmp_path / "broken.csl"
    broken.write_text('<?xml version="1.0"?>\n<style>\n<info>\n</style>\n')
    with pytest.raises(SourceError) as caught:
        csl_file(str(broken))
    assert caught.value.path.endswith("broken.csl") and caught.value.line


def test_missing_key_is_reported(bibliography, tmp_path):
    with pytest.raises(SourceError) as caught:
        bibliography.require("nobody2000", tmp_path / "editorial.toml", 7)
    assert str(caught.value).endswith("editorial.toml:7: cites 'nobody2000', which references.bib does not have")


def test_tex_in_a_bib_never_reaches_a_record_and_titles_keep_their_printed_case(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(r"""@book{tex, author = {Smith, John}, date = {2005}, publisher = {A \& B},
  title = {War and Peace, 1941--1945: The {Soviet} Case---and ``Its'' Critics' \'{E}tudes},
  series = {Studies in {W}ar}}
@article{art, author = {Doe, Jane}, date = {2001}, journaltitle = {Journal of Cold War Studies},
  title = {Stalin's Choice}}""", encoding="utf-8")
    records = Bibliography(bib).records
    assert plain(records["tex"]["title"]) == "War and Peace, 1941–1945: The Soviet Case—and “Its” Critics’ Études"
    assert '<span class="nocase">Soviet</span> Case' in records["tex"]["title"]     # braces keep case
    assert records["tex"]["title-short"] == "War and Peace, 1941–1945"
    assert records["tex"]["publisher"] == "A & B" and plain(records["tex"]["collection-title"]) == "Studies in War"
    assert records["art"]["container-title"] == "Journal of Cold War Studies" and records["art"]["title"] == "Stalin’s Choice"
    texts = [value for record in records.values() for value in strings(record)]
    assert not [t for t in texts if "{" in t or "--" in t or "\\" in t or "``" in t]
