"""Tests of search_index: Pagefind indexes the pages marked for search, once over the built site, and names a page it cannot index."""
from __future__ import annotations

import pytest

from edition import config
from edition.errors import SourceError
from edition.build.search_index import built_pages, for_indexing, index_site, url_of
from searched import fragments


def page(body: str, marked: bool = True) -> str:
    mark = f" {config.SEARCH_BODY}" if marked else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head><body>'
            f'<nav>Home Review</nav><article{mark} class="md-content__inner"><h1 id="t">A title</h1>{body}</article></body></html>')


def test_a_dash_inside_words_is_followed_by_a_hair_space_for_the_indexer_alone():
    assert for_indexing("<p>Gromyko—recalls –V.M. x – y</p>") == "<p>Gromyko—\u200arecalls –\u200aV.M. x – y</p>"
    assert for_indexing('<p id="p1">US-Soviet</p>') == '<p id="p1">US-Soviet</p>'      # Pagefind splits hyphens itself


def test_addresses_are_the_pages_directories():
    assert [url_of(p) for p in ["index.html", "review/index.html", "sources/review/index.html", "404.html"]] \
        == ["/", "/review/", "/sources/review/", "/404.html"]


def test_marked_pages_are_searched_without_what_material_leaves_out_and_the_rest_stay_out(tmp_path):
    site = tmp_path / "site"
    (site / "review").mkdir(parents=True)
    (site / "sources" / "review").mkdir(parents=True)
    (site / "review" / "index.html").write_text(page(
        '<p id="p1">Kwantung Army<small class="sidenote" data-search-exclude>Margin copy</small>'
        '<a class="headerlink" href="#p1">¶</a> and Gromyko—recalls.</p>'), encoding="utf-8")
    (site / "sources" / "review" / "index.html").write_text(page("<p>Line by line</p>", marked=False), encoding="utf-8")
    assert index_site(site) == 1
    found = fragments(site)
    assert list(found) == ["/review/"]
    text = found["/review/"]["content"]
    assert "Kwantung Army" in text and "Margin copy" not in text and "¶" not in text and "Home" not in text
    assert found["/review/"]["meta"]["title"] == "A title"
    assert [a["id"] for a in found["/review/"]["anchors"] if a["id"] == "p1"]


def test_a_page_the_indexer_cannot_read_is_named(tmp_path):
    site = tmp_path / "site"
    (site / "review").mkdir(parents=True)
    (site / "review" / "index.html").write_bytes(page("<p>Caf\xe9</p>").encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        built_pages(site)
    assert caught.value.path.endswith("review/index.html") and "not UTF-8" in caught.value.message


def test_a_marked_page_with_nothing_to_search_is_named_and_no_index_is_written(tmp_path):
    site = tmp_path / "site"
    (site / "empty").mkdir(parents=True)
    (site / "empty" / "index.html").write_text(page("").replace('<h1 id="t">A title</h1>', '<div data-search-exclude>x</div>'),
                                               encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        index_site(site)
    assert caught.value.path.endswith("empty/index.html") and "found nothing to search" in caught.value.message
    assert not (site / config.SEARCH_BUNDLE).exists()


@pytest.mark.parametrize("empty_writes", [1, 2])
def test_an_index_written_empty_is_made_again_once_and_then_refused(tmp_path, monkeypatch, empty_writes):
    from edition.build import search_index
    site = tmp_path / "site"
    (site / "review").mkdir(parents=True)
    (site / "review" / "index.html").write_text(page('<p id="p1">Kwantung Army</p>'), encoding="utf-8")
    real, calls = search_index._index, []

    async def written_empty(*args):
        found = await real(*args)
        calls.append(1)
        if len(calls) <= empty_writes:      # as Pagefind's service once left it
            (site / config.SEARCH_BUNDLE / "pagefind-entry.json").write_text("", encoding="utf-8")
        return found
    monkeypatch.setattr(search_index, "_index", written_empty)
    if empty_writes == 1:
        assert index_site(site) == 1 and len(calls) == 2 and "/review/" in fragments(site)
    else:
        with pytest.raises(SourceError) as caught:
            index_site(site)
        assert caught.value.path.endswith("pagefind/pagefind-entry.json") and "twice" in caught.value.message
        assert not (site / config.SEARCH_BUNDLE).exists()
