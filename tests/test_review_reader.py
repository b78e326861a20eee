"""The review reader on the real source, a re-wrapped copy, other encodings, and malformed copies."""
from __future__ import annotations

import re

import pytest

from conftest import REVIEW, run_edition, snapshot
from pagetext import PAGE_START, source_count
from edition.errors import SourceError
from edition.writers.markdown import write
from edition.model import BlockQuote, Editorial, NoteRef, PageStart, Paragraph, Text
from edition.readers.review import read_review
from rewrap import rewrap

SOURCE = REVIEW.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def review(decisions):
    return read_review(REVIEW, decisions["review"])


def plain(inlines) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, NoteRef):
            out.append(f"[^{node.number}]")
        elif isinstance(node, PageStart):
            out.append(f"<{node.number}>")
        elif hasattr(node, "children"):
            out.append(plain(node.children))
        elif hasattr(node, "value") and not isinstance(node, Editorial):
            out.append(node.value)
    return "".join(out)


def body(review) -> list[str]:
    texts = []
    for block in review.blocks:
        if isinstance(block, BlockQuote):
            texts += ["QUOTE:" + plain(b.inlines) for b in block.blocks]
        elif isinstance(block, Paragraph) and block.anchor:
            texts.append(plain(block.inlines))
    return texts


def test_paragraph_running_across_a_page_stays_one(review):
    joined = [p for p in body(review) if "Japan’s Decision to Surrender, <3>treated both Soviet entry" in p]
    assert len(joined) == 1
    assert any("a desperate dash to get into <5>the war as quickly as possible" in p for p in body(review))


def test_new_paragraph_at_a_page_start_stays_new(review):
    starts = [p[:4] for p in body(review) if p.startswith("<")]
    assert starts == ["<1>T", "<2>T", "<4>I", "<6>T"]


def test_line_end_hyphens_are_kept_and_joined(review):
    text = "\n".join(body(review)) + "\n".join(plain(n.inlines) for n in review.notes)
    assert "English-language work" in text
    assert "voenno-politicheskogo" in text
    assert "August 20—two weeks" in text
    assert "unimportant - after all" in text  # a spaced hyphen stays spaced


def test_the_conclusion_passage_is_a_block_quote(review):
    quotes = [p for p in body(review) if p.startswith("QUOTE:")]
    assert len(quotes) == 1
    assert quotes[0].startswith("QUOTE:it is clear that the two atomic bombs")
    assert quotes[0].endswith("rendered them incapable of doing so.")


def test_seven_markers_become_footnotes_where_they_stood(review):
    text = " ".join(body(review))
    assert re.findall(r"\[\^(\d)\]", text) == list("1234567")
    for glued in ("war.[^1]", "right.”[^2]", "powers.[^3]", "agree.”[^4]", "surrender.”[^5]",
                  "people.”[^6]", "policy.[^7]"):
        assert glued in text
    for number in ("August 23", "350,000", "p. 298", "1945", "20-25", "18.00"):
        assert number in text
    assert [n.number for n in review.notes] == [1, 2, 3, 4, 5, 6, 7]


def test_each_note_keeps_its_whole_text(review):
    notes = {n.number: " ".join(plain(n.inlines).split()) for n in review.notes}
    assert notes[1].startswith("These are taken from V.A. Zolotarev")
    assert notes[1].endswith("volume 7(2), Moscow: Terra, 2000, pp. 299-337.")
    assert notes[5] == "Ibid. p. 315."
    assert notes[7].endswith("and Soviet Entry into the War, Stanford University Press, forthcoming.")
    assert "Soviet Entry into the War with Japan in August 1945" in notes[7]


def test_every_page_and_paragraph_has_an_anchor(review):
    markdown = write(review)
    pages = source_count(SOURCE, PAGE_START)
    assert re.findall(r'id="page-(\d+)"', markdown) == [str(n) for n in range(1, pages + 1)]
    anchors = re.findall(r"\{: #p(\d+) ", markdown)
    assert anchors == [str(n) for n in range(1, len(anchors) + 1)]
    assert len(anchors) == len([b for b in review.blocks if getattr(b, "anchor", None) or isinstance(b, BlockQuote)])


def test_reviewer_is_named_with_the_attribution_note(review):
    markdown = write(review)
    assert re.search(r'class="editorial explained" tabindex="0" aria-describedby="ed-\d+">\\\[David Holloway\\\]', markdown)
    assert '!!! note "Attribution (editorial)"' in markdown and "note 7" in markdown


def test_book_titles_are_editorial_italics(review):
    markdown = write(review)
    assert '<cite class="ed-title">Racing the Enemy</cite>' in markdown
    assert '<cite class="ed-title">Japan’s Decision to Surrender</cite>' in markdown


@pytest.mark.parametrize("width", [60, 72, 130])
def test_rewrapped_copy_gives_the_same_page(tmp_path, decisions, review, width):
    copy = tmp_path / REVIEW.name
    wrapped = rewrap(SOURCE, width)
    assert wrapped != SOURCE
    copy.write_text(wrapped, encoding="utf-8")
    assert write(read_review(copy, decisions["review"])) == write(review)


@pytest.mark.parametrize("encode", [
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
])
def test_crlf_and_bom_give_the_same_page(tmp_path, decisions, review, encode):
    copy = tmp_path / REVIEW.name
    copy.write_bytes(encode(SOURCE))
    assert write(read_review(copy, decisions["review"])) == write(review)


def malformed_cases():
    lines = SOURCE.split("\n")
    marker_line = next(i for i, l in enumerate(lines) if "war.1 " in l) + 1
    note1 = next(i for i, l in enumerate(lines) if re.match(r"1 \w", l)) + 1
    note3 = next(i for i, l in enumerate(lines) if l.startswith("3 Ibid.")) + 1
    note4 = note3 + 1

    def swap(text):
        ls = text.split("\n")
        ls[note3 - 1], ls[note4 - 1] = ls[note4 - 1], ls[note3 - 1]
        return "\n".join(ls)

    return [
        ("marker without note", lambda t: t.replace("war.1 ", "war.1 and more.8 ", 1), marker_line, "marker 8"),
        ("note without marker", lambda t: t.replace("war.1 ", "war. ", 1), note1, "note 1 has no marker"),
        ("notes out of order", swap, note3, "out of order"),
        ("note duplicated", lambda t: t.replace("3 Ibid. p. 311.", "2 Ibid. p. 311."), note3, "twice"),
        ("empty", lambda t: "  \n\n", 1, "empty"),
        ("truncated", lambda t: t[: len(t) // 2], None, "truncated"),
    ]


@pytest.mark.parametrize("name,damage,line,message", malformed_cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_malformed_review_is_refused_with_file_and_line(tmp_path, decisions, name, damage, line, message):
    bad = tmp_path / "bad.txt"
    bad.write_text(damage(SOURCE), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_review(bad, decisions["review"])
    assert message in caught.value.message
    assert caught.value.line is not None
    if line is not None:
        assert caught.value.line == line


def test_non_utf8_is_refused_with_its_line(tmp_path, decisions):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SOURCE.encode("utf-8").replace("Hasegawa focuses".encode(), b"Hasegawa \xff focuses"))
    with pytest.raises(SourceError) as caught:
        read_review(bad, decisions["review"])
    assert caught.value.line == 12 and "UTF-8" in caught.value.message


def test_command_line_refuses_bad_input_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "review.md").write_text("before\n")
    bad = tmp_path / "bad.txt"
    bad.write_text(SOURCE.replace("policy.7 ", "policy. "), encoding="utf-8")
    before = snapshot(out)
    result = run_edition("convert", "review", str(bad), "--section", "review", "--out", str(out))
    assert result.returncode == 2
    assert re.match(r"^\S*bad\.txt:\d+: note 7 has no marker in the text$", result.stderr.strip())
    assert snapshot(out) == before


def test_command_line_writes_the_page_and_prints_its_path(tmp_path):
    result = run_edition("convert", "review", str(REVIEW), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "review.md")]
    assert (tmp_path / "review.md").read_text().startswith("---\n")
