"""The review reader on the tests' own reviews: markers after years, brackets and quotes, two-digit
notes, notes across pages, wrapped note lines and addresses, page ranges; and their malformed copies."""
from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, run_edition, snapshot
from edition.errors import SourceError
from edition.model import BlockQuote, Cite, Link, NoteRef, PageStart, Paragraph
from edition.readers.review import read_review
from test_review_reader import plain

#: The corpus's reviews that say what a reader finds in them (the others are refused: tests/test_fuzz.py).
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").glob("review-*.txt")
                if "markers" in tomllib.loads(p.with_suffix(".expect.toml").read_text(encoding="utf-8")))


def editorial_for(decisions, path: Path):
    """No decisions for the file but the project's own page-reference links (the README's pattern)."""
    links = [link for link in decisions["review"].settings["links"] if "pattern" in link]
    plain_section = decisions.section_for("review", path)
    return dataclasses.replace(plain_section, settings={**plain_section.settings, "links": links})


def expected(path: Path) -> dict:
    return tomllib.loads(path.with_suffix(".expect.toml").read_text(encoding="utf-8"))


def paragraphs(doc) -> list[Paragraph]:
    return [b for block in doc.blocks for b in (block.blocks if isinstance(block, BlockQuote) else [block])
            if isinstance(b, Paragraph) and b.anchor]


def walk(inlines):
    for node in inlines:
        yield node
        yield from walk(getattr(node, "children", ()))


@pytest.fixture(scope="module", params=CORPUS, ids=lambda p: p.stem)
def case(request, decisions):
    path = request.param
    return path, read_review(path, editorial_for(decisions, path)), expected(path)


def test_each_marker_stands_where_the_expected_words_end(case):
    _, doc, want = case
    found = []
    for paragraph in paragraphs(doc):
        for index, node in enumerate(paragraph.inlines):
            if isinstance(node, NoteRef):
                found.append((node.number, plain(paragraph.inlines[:index]).rstrip()))
    assert [n for n, _ in found] == list(range(1, len(want["markers"]) + 1))
    for (number, before), words in zip(found, want["markers"]):
        assert before.endswith(words), f"marker {number} follows {before[-40:]!r}"


def test_numbers_that_are_not_markers_stay_text(case):
    _, doc, want = case
    text = " ".join(plain(p.inlines) for p in paragraphs(doc))
    for phrase in want["not_markers"]:
        assert phrase in text


def test_each_note_is_whole_and_begins_where_its_number_stood(case):
    _, doc, want = case
    texts = [plain(note.inlines) for note in doc.notes]
    assert [note.number for note in doc.notes] == list(range(1, len(want["notes"]) + 1))
    for text, start in zip(texts, want["notes"]):
        assert text.startswith(start), text
    for number, phrase in want.get("runs_on", {}).items():
        assert phrase in texts[int(number) - 1]


def test_addresses_are_joined_whole_and_linked(case):
    _, doc, want = case
    links = [(plain(node.children), node.target) for note in doc.notes for node in walk(note.inlines)
             if isinstance(node, Link)]
    assert [text for text, _ in links] == want["links"]
    assert all(target.startswith(("http://", "https://")) and target.endswith(text) for text, target in links)


def test_page_references_are_cited_whole(case):
    _, doc, want = case
    cites = [node.locator for p in paragraphs(doc) for node in walk(p.inlines) if isinstance(node, Cite)]
    assert cites == want["cited"]


def test_pages_and_paragraphs(case):
    _, doc, want = case
    starts = [node.number for p in paragraphs(doc) for node in p.inlines if isinstance(node, PageStart)]
    assert starts == list(range(1, want["pages"] + 1)) and len(paragraphs(doc)) == want["paragraphs"]


VARIETY = ROOT / "tests" / "corpus" / "review-variety.txt"
TEXT = VARIETY.read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def drop_line(text: str, start: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith(start))


DAMAGES = [
    ("a note is missing", lambda t: drop_line(t, "4 The phrase"), lambda t: line_of(t, "5 The answer"),
     re.compile(r"note 4 is missing: notes 3 and 5 are on lines \d+ and \d+")),
    ("a marker has no note", lambda t: t.replace("seriously.12", "seriously.12 Again.13"), lambda t: line_of(t, "every library"),
     re.compile("note marker 13 has no note")),
    ("two numbers could be the marker", lambda t: t.replace("spring of\n1951.2", "spring of 1950.2 or\n1951.2"),
     lambda t: line_of(t, "1951.2"), re.compile(r"ambiguous: note marker 2 could be the number on line \d+ or on line \d+")),
    ("a note number is given twice", lambda t: t.replace("8 Ibid., p. 12.", "7 Ibid., p. 12."), lambda t: line_of(t, "7 Ibid."),
     re.compile(r"note 7 is given twice")),
    ("a note has no marker", lambda t: t.replace("say.9", "say."), lambda t: line_of(t, "9 Ibid."),
     re.compile("note 9 has no marker in the text")),
]


@pytest.mark.parametrize("name,damage,line,message", DAMAGES, ids=[d[0] for d in DAMAGES])
def test_malformed_copies_are_refused_with_file_and_line(tmp_path, decisions, name, damage, line, message):
    bad = tmp_path / "review-bad.txt"
    bad.write_text(damage(TEXT), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_review(bad, editorial_for(decisions, bad))
    assert message.search(caught.value.message), caught.value.message
    assert caught.value.line == line(damage(TEXT))


def test_convert_takes_any_review_with_or_without_a_section_and_refuses_bad_ones(tmp_path):
    out = tmp_path / "out"
    result = run_edition("convert", "review", str(VARIETY), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out / "review-variety.md")]
    page = (out / "review-variety.md").read_text(encoding="utf-8")
    assert "[^12]" in page and "Untitled" in page and "David Holloway" not in page
    bad = tmp_path / "review-variety.txt"
    bad.write_text(DAMAGES[0][1](TEXT), encoding="utf-8")
    before = snapshot(out)
    result = run_edition("convert", "review", str(bad), "--out", str(out))
    assert result.returncode == 2 and re.match(r"^\S*review-variety\.txt:\d+: note 4 is missing", result.stderr)
    assert snapshot(out) == before
