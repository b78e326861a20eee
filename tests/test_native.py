"""Each reader's model of the real sources and of the tests' own review, compared with a stored,
readable dump (tests/native/*.native, as pandoc's tests keep theirs). After a change to a reader
that is meant, regenerate them with UPDATE_NATIVE=1 and read the diff."""
from __future__ import annotations

import os

import pytest

from conftest import LISTING, REVIEW, ROOT
from edition.readers.listing import read_listing
from edition.native import native
from edition.readers.review import read_review
from test_review_corpus import VARIETY, editorial_for

NATIVE = ROOT / "tests" / "native"
CASES = {
    "review": lambda d: [read_review(REVIEW, d["review"])],
    "listing": lambda d: read_listing(LISTING, d["listing"]),
    "review-variety": lambda d: [read_review(VARIETY, editorial_for(d, VARIETY))],
}


@pytest.mark.parametrize("name", CASES)
def test_reader_output_matches_its_stored_model(decisions, name):
    made = native(CASES[name](decisions))
    stored = NATIVE / f"{name}.native"
    if os.environ.get("UPDATE_NATIVE"):
        stored.write_text(made, encoding="utf-8")
    assert stored.exists(), f"{stored} is missing: run the tests with UPDATE_NATIVE=1"
    assert made == stored.read_text(encoding="utf-8"), f"{name}: the model differs from {stored.name}"


def test_every_block_and_note_of_a_source_has_its_source_lines(decisions):
    for name in ("review", "review-variety"):
        for doc in CASES[name](decisions):
            spans = [b.lines for b in doc.blocks if getattr(b, "anchor", None) or type(b).__name__ == "BlockQuote"]
            spans += [n.lines for n in doc.notes]
            assert spans and all(span and all(first <= last for first, last in span) for span in spans)
            starts = [span[0][0] for span in spans[:-len(doc.notes)]]
            assert starts == sorted(starts)
