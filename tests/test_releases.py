"""The release records: versions compared as numbers, decisions named stably, passages by the author's
words, and what changed between two releases (the Changes page and revisionDesc are made from it)."""
from __future__ import annotations

import json

import pytest

from edition.versions import releases
from edition.model import Document, Editorial, Foreign, Mention, Note, Paragraph, Text
from edition.passes.changes_page import changes_document
from edition.site_nodes import CitePlace
from edition.writers.markdown import write


def test_versions_are_numbers_joined_by_dots_compared_as_numbers():
    assert releases.version_key("1.10") > releases.version_key("1.9") > releases.version_key("1.0")
    assert all(releases.VERSION.fullmatch(v) for v in ("1.0", "1.1", "2.0.1"))
    assert not any(releases.VERSION.fullmatch(v) for v in ("1", "v1.0", "1.x", "1.0/", "latest", ""))


def test_each_decision_has_a_name_that_stays_while_it_does():
    held = releases.flat({"review": {"reviewer": "D. H.", "sic": [{"phrase": "Matsamura", "explanation": "so"},
                                                                    {"phrase": "Matsamura", "explanation": "again"}]},
                          "print": {"paper": "A4"}})
    assert set(held) == {"review.reviewer", "review.sic[Matsamura]", "review.sic[Matsamura] (2)", "print.paper"}
    assert json.loads(held["review.sic[Matsamura]"]) == {"phrase": "Matsamura", "explanation": "so"}
    assert releases.decision_text(held["review.sic[Matsamura]"]) == 'phrase = "Matsamura"; explanation = "so"'


def review(word: str, mark: bool = False) -> Document:
    doc = Document(source="sources/x.txt", title="X", page="review.md")
    inlines = [CitePlace("cite-p1", "Cite paragraph 1", "1"), Text(f"The {word} text"), Foreign("長谷川", "ja")]
    doc.blocks = [Paragraph(inlines + ([Editorial("[sic]")] if mark else []), anchor="p1"),
                  Paragraph([Text("Unnumbered")])]
    doc.notes = [Note(1, [Text("A note.")])]
    return doc


def test_a_passage_is_its_authors_words_not_the_marks_or_controls():
    assert releases.words(review("old").blocks[0]) == ["The", "old", "text", "長谷川"]
    plain, marked, changed = (releases.passages([d]) for d in (review("old"), review("old", mark=True), review("new")))
    assert set(plain) == {"review/#p1", "review/#fn:1"}
    assert plain == marked and plain["review/#p1"] != changed["review/#p1"]
    assert plain["review/#fn:1"] == changed["review/#fn:1"]


def test_a_name_in_a_passage_is_its_printed_words_not_what_the_register_says_of_it():
    plain = Paragraph([Text("Stalin agreed.")], anchor="p1")
    named = Paragraph([Mention((Text("Stalin"),), "stalin", "person", names=(Text("Stalin, Joseph"), Editorial("[Dzhugashvili]")),
                               about="person: the Soviet leader", forms=(Text("Stalin"),)), Text(" agreed.")], anchor="p1")
    assert releases.words(named) == releases.words(plain) == ["Stalin", "agreed."]


def holding(sha: str, decisions: dict, passages: dict, retired: dict | None = None) -> dict:
    return {"sources": {"x.txt": sha}, "decisions": decisions, "passages": passages, "retired": retired or {}}


def test_changes_between_two_releases():
    before = holding("a" * 64, {"review.sic[x]": '"1"', "review.reviewer": '"D"'}, {"review/#p1": "1", "review/#p2": "2"})
    after = holding("b" * 64, {"review.sic[x]": '"2"', "review.sic[y]": '"3"'}, {"review/#p1": "1", "review/#p2": "9",
                                                                                  "review/#p3": "3"}, {"review/#p9": "review/#p2"})
    change = releases.changes(before, after, "1.0", "1.1")
    assert change.sources == [("x.txt", "a" * 64, "b" * 64)]
    assert change.added == [("review.sic[y]", '"3"')]
    assert change.changed == [("review.sic[x]", '"1"', '"2"')]
    assert change.removed == [("review.reviewer", '"D"')]
    assert change.passages == ["review/#p2"] and change.new_passages == ["review/#p3"]
    assert change.retired == [("review/#p9", "review/#p2")]
    assert not releases.changes(after, after, "1.1", "1.2")
    first = releases.changes(None, before, None, "1.0")
    assert first.sources == [("x.txt", None, "a" * 64)] and not first.passages


def test_history_and_the_changes_page(tmp_path):
    address = "https://edition.example/"
    old, new = review("old"), review("new")
    (tmp_path / "releases").mkdir()
    for version, doc in (("1.0", old), ("1.1", new)):
        record = {"version": version, "date": "2026-01-1" + version[-1], "address": address, "summary": f"S{version}",
                  "held": holding("a" * 64, {}, releases.passages([doc]))}
        releases.record_file(tmp_path, version).write_text(json.dumps(record), encoding="utf-8")
    history = releases.history(tmp_path, [new], release="1.1")
    assert history.latest == "1.1" and history.draft is None
    assert [r["version"] for r, _ in releases.history(tmp_path, [new], release="1.0").releases] == ["1.0"]
    text = write(changes_document(history, [new]))
    assert f"({address}1.0/review/#p1)" in text and f"({address}1.1/review/#p1)" in text
    assert text.index("#v1-1") < text.index("#v1-0") and "S1.1" in text


def test_a_record_that_is_not_its_version_is_refused(tmp_path):
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "1.0.json").write_text('{"version": "1.1"}', encoding="utf-8")
    with pytest.raises(releases.SourceError, match="releases/1.0.json:1: records version '1.1'"):
        releases.recorded(tmp_path)
