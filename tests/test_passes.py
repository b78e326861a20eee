"""The passes: listed once, run in that order, each from documents to documents."""
from __future__ import annotations

from edition import config, pages, passes


def test_finish_runs_the_listed_passes_in_order(decisions, monkeypatch):
    seen = []

    def recorder(name):
        def run(documents, ctx):
            seen.append(name)
            return documents
        return run
    monkeypatch.setattr(passes, "PASSES", (recorder("first"), *passes.PASSES, recorder("last")))
    pages.edit(decisions, config.SOURCES_DIR)
    assert seen == ["first", "last"]


def test_a_pass_left_out_leaves_its_work_undone(decisions, monkeypatch):
    whole = pages.edit(decisions, config.SOURCES_DIR).documents
    assert [d.page for d in whole].count(decisions.sections["bibliography"]["page"]) == 1
    monkeypatch.setattr(passes, "PASSES", tuple(p for p in passes.PASSES if p is not passes.with_bibliography_page))
    fewer = pages.edit(decisions, config.SOURCES_DIR).documents
    assert decisions.sections["bibliography"]["page"] not in [d.page for d in fewer]
    assert len(fewer) == len(whole) - 1


def test_one_source_converted_alone_makes_no_bibliography_page(decisions):
    editorial = decisions["review"]
    alone = pages.edit(decisions, config.SOURCES_DIR, editorial.reader, config.SOURCES_DIR / editorial.source, editorial)
    assert [d.page for d in alone.documents] == [editorial.page]


def test_the_series_page_lists_each_review_once_with_its_reviewer_and_only_the_whole_edition_has_it(decisions):
    from edition.passes.series_page import series_document
    whole = pages.edit(decisions, config.SOURCES_DIR).documents
    series = [d for d in whole if d.page == decisions.sections["series"]["page"]]
    assert len(series) == 1
    reviews = [e for e in decisions.values() if e.reader == "review"]
    entries = [b for b in series[0].blocks if getattr(b, "anchor", "") and b.anchor.startswith("text-")]
    assert [b.inlines[0].target.page for b in entries] == [e.page for e in reviews]
    assert all(e.settings["reviewer"] in b.inlines[1].value for b, e in zip(entries, reviews))
    editorial = decisions["review"]
    alone = pages.edit(decisions, config.SOURCES_DIR, editorial.reader, config.SOURCES_DIR / editorial.source, editorial)
    assert decisions.sections["series"]["page"] not in [d.page for d in alone.documents]
    # Without a [series] section there is none.
    from edition.editorial import Decisions
    bare = Decisions(dict(decisions), {k: v for k, v in decisions.sections.items() if k != "series"}, decisions.file, decisions.raw)
    assert series_document(bare, whole) is None
