"""The first search result after a page load, as the benchmarks time it in Chromium (./scripts/bench, --texts)."""
from __future__ import annotations

import statistics

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

QUERY = "Truman"            # a name every synthetic review keeps: the query that loads the most


FIRST_RESULT = """q => new Promise(resolve => {
    const list = document.querySelector('.md-search-result__list'), start = performance.now()
    new MutationObserver((_, o) => { if (list.querySelector('.md-search-result__item')) {
        o.disconnect(); resolve(performance.now() - start) } }).observe(list, {childList: true, subtree: true})
    const input = document.querySelector('.md-search__input')
    input.focus(); input.value = q
    input.dispatchEvent(new Event('input')); input.dispatchEvent(new KeyboardEvent('keyup', {key: 'n'}))
})"""


#: Page loads a first result is measured on, each in a fresh browser context (nothing cached): the median.
SEARCH_RUNS = 5


def first_result(url: str, page: str = "review/") -> tuple[float, float]:
    """Milliseconds from typing a query on a page just loaded to its first result, and the KB the
    search loaded until then (for Material: its worker and index, fetched with the page)."""
    from playwright.sync_api import sync_playwright
    times, loaded = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(SEARCH_RUNS):
            context = browser.new_context()
            tab, searched = context.new_page(), {}

            def finished(request, searched=searched):
                if not any(part in request.url for part in ("/pagefind/", "/search/", "/workers/")):
                    return
                try:        # a file:// response has no length: its size; the rest may finish after the context
                    headers = request.response().headers
                    searched[request.url] = int(headers.get("content-length") or request.sizes()["responseBodySize"]) / 1024
                except Exception:
                    pass
            tab.on("requestfinished", finished)
            tab.goto(url + page, wait_until="load")
            times.append(tab.evaluate(FIRST_RESULT, QUERY))
            loaded.append(sum(searched.values()))         # what had loaded when the first result showed
            context.close()
        browser.close()
    return statistics.median(times), statistics.median(loaded)


#: The moments of a reader's first key and of the first result shown, once the test has typed.
KEY_AND_RESULT = """() => { window.__key = window.__result = 0
    addEventListener('keydown', () => { window.__key ||= performance.now() }, true)
    new MutationObserver((_, o) => { if (document.querySelector('.md-search-result__item')) {
        o.disconnect(); window.__result = performance.now() } }).observe(document.body, {childList: true, subtree: true}) }"""

#: Runs of the typed first result: the median and the spread of this many.
TYPED_RUNS = 7


def first_result_typed(url: str, page: str = "review/", delay_ms: int = 100) -> tuple[float, float, float]:
    """Milliseconds from a reader's first key ("/") on a page just loaded to the first result, with
    the query typed at ``delay_ms`` a key, as a reader types: median, fastest and slowest of TYPED_RUNS."""
    from playwright.sync_api import sync_playwright
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(TYPED_RUNS):
            context = browser.new_context()
            tab = context.new_page()
            tab.goto(url + page, wait_until="load")
            tab.evaluate(KEY_AND_RESULT)
            tab.keyboard.press("/")
            tab.keyboard.type(QUERY, delay=delay_ms)
            tab.wait_for_function("() => window.__result > 0")
            times.append(tab.evaluate("() => window.__result - window.__key"))
            context.close()
        browser.close()
    return statistics.median(times), min(times), max(times)
