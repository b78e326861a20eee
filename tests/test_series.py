"""Tests of series.py, the synthetic reviews ./scripts/bench --texts adds by the README's steps: the edition accepts them."""
from __future__ import annotations

import series
from edition.build import checksums
from edition.pages import all_pages, citation_pages, edit, load_decisions
from edition.versions.versioned import edition_at


def test_synthetic_reviews_are_added_by_the_readmes_steps_and_accepted(tmp_path):
    root = series.make(2, tmp_path / "series")
    sources = root / "sources"
    decisions = load_decisions(sources / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], sources, sources / "SHA256SUMS")
    edited = edit(decisions, sources)
    edition = edition_at(root, None, decisions, edited)
    downloads = citation_pages(decisions, edited, edition)        # each record's downloads and citations
    pages = all_pages(decisions, sources, edited)
    for i in (1, 2):
        page = f"review-{series.name(i)}.md"
        assert page in pages and f"synthetic review {i}" in pages[page]
        assert any(series.name(i) in path for path in downloads), sorted(downloads)
    first, second = ((sources / f"review-{series.name(i)}.txt").read_text(encoding="utf-8").split() for i in (1, 2))
    assert len(first) == len(second) and first != second              # varied, as a real series' texts are
