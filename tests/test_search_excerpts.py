"""Every search excerpt in the texts' own words, hosted (Pagefind) and offline (Material): read in Chromium, compared with the passage it links to."""
from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlparse

import pytest

from edition import config
from edition.settings import search_exclude, search_passages
from edition.register.search_variants import variants
from searched import fragments, passage_words

#: The text a reader sees at an element, without what search leaves out (the apparatus) and without
#: what is not shown (the hidden previews): its text nodes as rendered.
VISIBLE_TEXT = """([id, exclude]) => {
  let root = id ? document.getElementById(id) : document.querySelector('article')
  if (!root) return null
  if (/^H[1-6]$/.test(root.tagName)) root = root.closest('article')     // a heading's part runs to the next
  document.querySelectorAll('details').forEach(d => d.open = true)       // what a reader opens to read
  const out = [], walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement
    if (parent.closest(exclude) || !parent.checkVisibility()) continue
    out.push(walker.currentNode.data)
  }
  return out.join(' ')
}"""

#: Each result's passages and page: its link, its excerpt and the editors' reason, if any.
RESULTS = """() => [...document.querySelectorAll('.md-search-result__item a')].map(a => ({
  href: a.href,
  excerpt: [...a.querySelectorAll('article > p:not(.md-search-result__reason, .md-search-result__terms)')]
             .map(p => p.textContent).join(' '),
  reason: a.querySelector('.md-search-result__reason')?.textContent ?? '',
  level: a.querySelector('h1') ? 1 : 2}))"""


def letters(text: str) -> str:
    """A text's letters and digits only, in lower case: words compared whatever the spacing and punctuation."""
    return re.sub(r"[\W_]+", "", text.replace("…", " ")).casefold()


def derived_queries(site, page=lambda name: f"{name}/index.html") -> list[str]:
    """Queries a reader would type, from the edition itself: a word of every third name of the
    register that the texts print or the editors add, and the most frequent longer words of the texts."""
    register = json.loads((site / config.INDEX_JSON).read_text(encoding="utf-8"))
    names = set()
    for entry in register["entries"]:
        for name in [entry["heading"], *(f["form"] for f in entry["forms"]), *(k["name"] for k in entry["known_as"])]:
            names.update(w for w in re.findall(r"[^\W\d_]{5,}", name) if w[0].isupper())
    text = " ".join((site / page(name)).read_text(encoding="utf-8") for name in ("review", "book"))
    text = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", text, flags=re.S)     # the words, not the styles or scripts
    words = Counter(w for w in re.findall(r"\b[a-z]{7,}\b", text))
    return sorted(names)[::3] + [w for w, _ in words.most_common(6)]


def read_results(tab, query: str) -> list[dict]:
    tab.fill(".md-search__input", "")
    tab.keyboard.type(query)
    tab.keyboard.press("End")
    tab.wait_for_selector(".md-search-result__meta:not(:text-matches('^(Type to start|Initializing)', 'i'))")
    # The results of this query, all shown: the search box (Pagefind) says when it is busy; the links
    # carry the query (h=; Material's in lower case, none on a page's own), except a result found
    # through a name it does not print (its form).
    tab.wait_for_function("""q => {
        const links = [...document.querySelectorAll('.md-search-result__item a')]
        const h = a => (new URL(a.href).searchParams.get('h') ?? '').toLowerCase()
        return document.querySelector('.md-search__input').value === q
          && document.querySelector('.md-search-result__list').getAttribute('aria-busy') !== 'true'
          && (links.length ? links.some(a => h(a) === q.toLowerCase())
                             && links.every(a => [q.toLowerCase(), ''].includes(h(a)) || a.querySelector('.md-search-result__reason'))
                           : /no matching/i.test(document.querySelector('.md-search-result__meta').textContent))
    }""", arg=query)
    # The rest of the results, loaded as a reader scrolls to the end of the list.
    total = int((re.search(r"\d+", tab.inner_text(".md-search-result__meta")) or [0])[0])
    while (shown := tab.locator(".md-search-result__item").count()) < total:
        tab.locator(".md-search-result__item").last.scroll_into_view_if_needed()
        tab.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown)
    tab.wait_for_selector('.md-search-result__list:not([aria-busy="true"])', state="attached")
    return tab.evaluate(RESULTS)


def foreign(tab, results: list[dict], page_text) -> list[tuple]:
    """The excerpts whose words are not, in that order, words of the passage (or page) they link to."""
    bad = []
    for result in results:
        if not result["excerpt"].strip():
            continue
        url = urlparse(result["href"])
        seen = page_text(url._replace(query="", fragment="").geturl(), url.fragment if result["level"] == 2 else "")
        pieces = [letters(piece) for piece in result["excerpt"].split("…")]
        if seen is None or not all(piece in letters(seen) for piece in pieces):
            bad.append((result["href"], result["excerpt"], (seen or "")[:200]))
    return bad


def texts_of(context, exclude: str):
    """A function giving the visible text of a page's passage, each page opened once."""
    tab, cache = context.new_page(), {}

    def page_text(url: str, passage: str):
        if (url, passage) not in cache:
            if tab.url != url:
                tab.goto(url)
            cache[url, passage] = tab.evaluate(VISIBLE_TEXT, [passage, exclude])
        return cache[url, passage]
    return page_text


def read_every_excerpt(chromium, start: str, queries: list[str], ready: str = "true") -> tuple[int, list]:
    """Each query typed into the search box of the page at ``start`` (once ``ready`` holds): how many
    excerpts were read, and those with words not at their passage."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(start)
    tab.wait_for_function(ready)
    tab.keyboard.press("/")
    page_text = texts_of(context, ", ".join(search_exclude()))
    checked, bad = 0, []
    for query in queries:
        results = read_results(tab, query)
        checked += sum(1 for r in results if r["excerpt"].strip())
        bad += foreign(tab, results, page_text)
    context.close()
    print(f"{checked} excerpts read, {len(bad)} with words not at their passage")
    return checked, bad


def test_every_hosted_excerpt_is_in_the_words_of_the_passage_it_links_to(chromium, site_url, built_site):
    checked, bad = read_every_excerpt(chromium, site_url + "review/", derived_queries(built_site))
    assert checked > 20 and bad == [], "\n".join(map(repr, bad))


def test_every_offline_excerpt_is_in_the_words_of_the_passage_it_links_to(chromium, offline_site):
    checked, bad = read_every_excerpt(chromium, (offline_site / "review.html").as_uri(),
                                      derived_queries(offline_site, lambda name: f"{name}.html"),
                                      "() => !!window.component$")       # Material's bundle is running
    assert checked > 20 and bad == [], "\n".join(map(repr, bad))


def variant_cases(site) -> list:
    """A passage found only through a name it does not print, one of each kind: a form the editors
    identify, a name the editors add, another form of the entry."""
    pages = fragments(site)
    cases = {}
    for v in variants((site / config.INDEX_JSON).read_text(encoding="utf-8")):
        kind = ("identified" if "identified by the editors as" in v.reason else
                "added" if "the editors add" in v.reason else "form")
        page = max((url for url in pages if v.page.endswith(url)), key=len)    # names.json's addresses are absolute
        printed = passage_words(pages[page], search_passages()).get(v.passage, set())
        word = next((w for w in v.words.split() if len(w) > 4 and w.isalpha()
                     and w.casefold() not in {p.casefold() for p in printed}), None)
        if word and kind not in cases:
            cases[kind] = (word, v)
    assert cases
    return list(cases.values())


@pytest.fixture(scope="module")
def variants_found(chromium, site_url, built_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "names/")
    tab.keyboard.press("/")
    found = [(word, v, read_results(tab, word)) for word, v in variant_cases(built_site)]
    context.close()
    return found


def test_a_name_the_passage_does_not_print_finds_it_and_the_result_says_why(variants_found):
    for word, variant, results in variants_found:
        hit = [r for r in results if urlparse(r["href"]).fragment == variant.passage
               and urlparse(r["href"]).path.rstrip("/").endswith("/" + variant.page.rstrip("/").rsplit("/", 1)[-1])]
        assert hit, (word, variant)
        # The passage's words, with the form it prints marked (the page reached marks it too), and the reason apart.
        assert word.casefold() not in hit[0]["excerpt"].casefold() or word.casefold() in variant.printed.casefold()
        assert hit[0]["reason"].startswith("[") and variant.printed in hit[0]["reason"], hit[0]
        assert "h=" + variant.printed.split()[0] in hit[0]["href"].replace("+", " ").replace("%20", " ")


def test_the_index_entry_then_passages_that_print_the_name_then_those_found_through_a_variant(variants_found):
    for word, _, results in variants_found:
        pages = [r for r in results if r["level"] == 1]
        assert urlparse(pages[0]["href"]).path.rstrip("/").endswith("names"), (word, pages)
        # within each page, the passages found through a variant come after those that print the word
        order = [(urlparse(r["href"]).path, bool(r["reason"])) for r in results if r["level"] == 2]
        for path in {p for p, _ in order}:
            flags = [v for p, v in order if p == path]
            assert flags == sorted(flags), (word, path, flags)
