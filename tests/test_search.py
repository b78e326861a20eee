"""Searching the site in a real browser: Pagefind behind Material's search box, loaded only when a reader searches."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from test_browser import AXE, search

RESULT = ".md-search-result__item a"


def test_nothing_of_the_search_loads_with_a_page_and_it_loads_when_a_reader_searches(tab, site_url):
    requests = []
    tab.on("request", lambda r: requests.append(urlparse(r.url).path))
    tab.goto(site_url + "review/", wait_until="networkidle")
    loaded = list(requests)
    assert loaded and not [path for path in loaded if "/pagefind/" in path or "/search/" in path or "workers" in path]
    tab.keyboard.press("/")
    tab.keyboard.type("Kwantung")
    tab.wait_for_selector(RESULT)
    wanted = ["/pagefind/pagefind.js", "/pagefind/wasm.en.pagefind", "/pagefind/index/", "/pagefind/fragment/"]
    assert all(any(path.startswith(w) for path in requests) for w in wanted), requests


def test_an_accented_query_finds_the_unaccented_name_and_marks_it(tab, site_url):
    hits = search(tab, site_url, "Vasilévskii")
    target = next(h for h in hits if urlparse(h).path == "/review/" and urlparse(h).fragment.startswith("p"))
    tab.click(f'{RESULT}[href="{target}"]')
    tab.wait_for_selector("article mark")
    assert {m.inner_text() for m in tab.query_selector_all("article mark")} == {"Vasilevskii"}


@pytest.mark.parametrize("query,label,text", [("Kwantung", "Paragraph", "Kwantung"), ("Jockeying", "Note 7", "Jockeying"),
                                              ("Butow", "Butow", "Butow"), ("Monumenta", "Quotation", "Monumenta")])
def test_a_passage_is_a_result_of_its_own_titled_by_its_kind(tab, site_url, query, label, text):
    """Paragraphs, notes, quotations and Bibliography entries come back as passages, each with its excerpt."""
    search(tab, site_url, query)
    passages = tab.locator(".md-search-result__item > a:not(:first-child) article, details a article")
    titles = [passages.nth(i).locator("h2").inner_text() for i in range(passages.count())]
    assert any(t.startswith(label) for t in titles), titles
    assert all(passages.nth(i).locator("mark").count() for i in range(passages.count()))
    assert any(text in passages.nth(i).inner_text() for i in range(passages.count()))


def test_search_by_keyboard_alone_lands_on_the_passage_and_marks_it(tab, site_url):
    tab.goto(site_url + "book/", wait_until="commit")
    tab.wait_for_selector("article p", state="visible")     # keys as soon as the text shows
    tab.keyboard.press("s")                       # Material's shortcut, as "/" and "f"
    tab.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    tab.keyboard.type("Simidzu")
    tab.wait_for_selector(RESULT)
    focused = ""
    for _ in range(30):                           # down the results (the Index's entry may come first)
        tab.keyboard.press("ArrowDown")
        focused = tab.evaluate("document.activeElement.getAttribute('href')")
        if urlparse(focused).path == "/review/" and urlparse(focused).fragment:
            break
    assert urlparse(focused).path == "/review/" and urlparse(focused).fragment == "p12", focused
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/review/?h=Simidzu#p12", wait_until="commit")
    tab.wait_for_selector("#p12 mark")
    assert tab.evaluate("document.getElementById('p12').getBoundingClientRect().top") < 900
    # Escape closes the search, and Enter in the box goes to the best passage of the first result.
    tab.keyboard.press("/")
    tab.keyboard.type("Shtemenko")
    tab.wait_for_selector(RESULT)
    best = tab.locator(".md-search-result__item").first.locator("a").nth(1).get_attribute("href")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__search').checked")
    tab.keyboard.press("/")
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: urlparse(url).path == urlparse(best).path and urlparse(url).fragment == urlparse(best).fragment)
    assert "h=Shtemenko" in tab.url


def test_a_new_query_replaces_the_results_of_the_last(tab, site_url):
    search(tab, site_url, "Belknap")
    tab.fill(".md-search__input", "")
    tab.keyboard.type("Kwantung")
    tab.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__item a')]
        .every(a => new URL(a.href).searchParams.get('h') === 'Kwantung')""")
    tab.fill(".md-search__input", "")
    tab.keyboard.type("zzqqxxnothing")
    tab.wait_for_selector(".md-search-result__meta:text('No matching documents')")
    assert tab.locator(RESULT).count() == 0


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_with_the_search_open(chromium, site_url, scheme, width):
    context = chromium.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "review/")
    # The header's magnifier on a narrow screen, the box itself on a wide one (Material shows one or the other).
    tab.locator("header label.md-header__button[for=__search], .md-search__input").locator("visible=true").first.click()
    tab.keyboard.type("Stalin")
    # Every result shown and the panel's opening transition over (axe reads colours as they are painted).
    tab.wait_for_selector('.md-search-result__list[aria-busy="false"] .md-search-result__item a')
    tab.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    assert tab.evaluate("document.querySelector('.md-search-result__list').getAttribute('role')") == "list"
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})""")
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_results_keep_the_address_of_a_site_served_below_the_root(chromium, built_site, tmp_path):
    """Pagefind's bundle and its result addresses follow the site's base, wherever the site is served."""
    from browser import serve
    (tmp_path / "edition").symlink_to(built_site)
    with serve(tmp_path) as root:
        context = chromium.new_context()
        tab = context.new_page()
        hits = search(tab, root + "edition/", "Shtemenko")
        context.close()
    assert hits and all(urlparse(h).path.startswith("/edition/") and parse_qs(urlparse(h).query)["h"] == ["Shtemenko"]
                        for h in hits)


def test_the_search_box_knows_the_mark_of_the_names_set_apart_for_search():
    from edition.config import ROOT
    from edition.register.search_variants import ANCHOR
    assert f'const VARIANT = "{ANCHOR}"' in (ROOT / "overrides/assets/javascripts/search.js").read_text(encoding="utf-8")
