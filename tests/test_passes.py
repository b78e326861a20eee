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
