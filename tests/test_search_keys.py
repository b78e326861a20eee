"""Every way to the search box, at every moment of a page's life, driven as a quick reader does: keys pressed as soon as the text shows."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

#: How many times each path is taken, back to back.
LOOPS = 20
OPENED = """() => document.getElementById('__search').checked
    && document.querySelector('.md-search__output').checkVisibility()
    && document.querySelectorAll('.md-search-result__item a').length > 0"""


def text_shown(tab, url_part: str) -> None:
    """The page reached shows its text: the moment a quick reader starts to type (no waiting for load or the network)."""
    tab.wait_for_url(lambda url: url_part in url, wait_until="commit")
    tab.wait_for_selector("article p", state="visible")


def open_and_type(tab, key: str, query: str) -> None:
    tab.keyboard.press(key)
    tab.keyboard.type(query)
    tab.wait_for_function(OPENED)
    assert tab.input_value(".md-search__input") == query


@pytest.fixture
def reader(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield tab, errors
    context.close()


def test_from_a_result_with_enter_the_keys_open_the_results_at_once(reader, site_url):
    tab, errors = reader
    tab.goto(site_url + "book/", wait_until="commit")
    text_shown(tab, "/book/")
    for n in range(LOOPS):
        query = ("Kwantung", "Shtemenko")[n % 2]
        open_and_type(tab, "/sf"[n % 3], query)
        best = tab.locator(".md-search-result__item").first.locator("a").nth(1).get_attribute("href")
        tab.keyboard.press("Enter")                   # the first result's best passage
        text_shown(tab, f"h={query}")
        assert urlparse(tab.url).fragment == urlparse(best).fragment
        tab.wait_for_selector("article mark")
    assert errors == []


def test_after_a_link_back_and_forward_the_keys_open_the_results(reader, site_url):
    tab, errors = reader
    tab.goto(site_url, wait_until="commit")
    text_shown(tab, site_url)
    for n in range(LOOPS):
        tab.click('.md-tabs a:text-is("The Book")')
        text_shown(tab, "/book/")
        open_and_type(tab, "f", "Truman")
        tab.keyboard.press("Escape")
        tab.go_back(wait_until="commit")
        text_shown(tab, site_url)
        open_and_type(tab, "s", "Stalin")
        tab.keyboard.press("Escape")
        tab.go_forward(wait_until="commit")
        text_shown(tab, "/book/")
        open_and_type(tab, "/", "Japan")
        tab.keyboard.press("Escape")
        tab.go_back(wait_until="commit")
        text_shown(tab, site_url)
    assert errors == []


def test_escape_closes_the_results_and_returns_the_focus(reader, site_url):
    tab, _ = reader
    tab.goto(site_url + "review/", wait_until="commit")
    text_shown(tab, "/review/")
    link = tab.locator("article a.mention").first
    link.focus()
    open_and_type(tab, "/", "Stalin")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__search').checked")
    assert tab.evaluate("document.activeElement === document.querySelector('article a.mention')")


def test_the_magnifier_on_a_narrow_screen_opens_the_results_on_a_page_just_reached(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    for n in range(LOOPS):
        tab.goto(site_url + ("review/", "book/")[n % 2], wait_until="commit")
        text_shown(tab, ("review/", "book/")[n % 2])
        tab.click("header label.md-header__button[for=__search]")
        tab.keyboard.type("Kwantung")
        tab.wait_for_function(OPENED)
    context.close()


@pytest.mark.parametrize("query", ["?!… —", "x" * 500, "\ud800", '"Kwantung', '<img src=x onerror="window.ran=1">…'],
                         ids=["punctuation", "500-characters", "lone-surrogate", "unmatched-quote", "markup"])
def test_a_query_no_text_answers_gets_the_no_result_line_and_no_error(reader, site_url, query):
    tab, errors = reader
    tab.goto(site_url + "review/")
    tab.keyboard.press("/")
    # Set as a paste would (a lone surrogate cannot be typed), then the box's own input event.
    tab.evaluate("""q => { const input = document.querySelector('.md-search__input')
        input.value = q; input.dispatchEvent(new Event('input')) }""", query)
    meta = tab.locator(".md-search-result__meta")
    if query.startswith('"'):      # an unmatched quotation mark is a query of its words
        tab.wait_for_function(OPENED)
    else:
        tab.wait_for_selector(".md-search-result__meta:text('No matching documents')")
    assert meta.is_visible()
    assert tab.evaluate("() => !window.ran && !document.querySelector('.md-search-result__list img')")
    assert errors == []
