"""Indexes the built site for search with Pagefind, once over site/: a fragment a query loads on demand per page."""
from __future__ import annotations

import asyncio
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import config
from .errors import SourceError


def shown(site: Path, page: str) -> str:
    """A built page as a reader finds it once the build is published ("site/review/index.html"),
    not in the scratch folder the build ran in."""
    return f"{site.name}/{page}"


def built_pages(site: Path) -> dict[str, str]:
    """Every HTML page of the built site, by path under it ("review/index.html"), read once."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        try:
            pages[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise SourceError(shown(site, path.relative_to(site).as_posix()), None, "the search indexer cannot "
                              f"read this page: not UTF-8 ({err.reason} at byte {err.start})") from None
    return pages


def url_of(page: str) -> str:
    """The address Pagefind gives a result, below the site's own: "review/index.html" -> "/review/"."""
    return "/" + (page[:-len("index.html")] if page == "index.html" or page.endswith("/index.html") else page)


#: A dash inside a word's letters ("Gromyko—recalls", "–V.M."), in the text Pagefind reads only.
DASH = re.compile("([\u2010-\u2015])(?=\\S)")


def for_indexing(html: str) -> str:
    """The page as Pagefind reads it: a hair space after each dash that runs into a word, so that
    the words on either side are words of their own, as a space would make them (Pagefind splits
    at spaces and hyphens only). The search box shows that space as nothing."""
    return DASH.sub("\\1\u200a", html)


def searched(pages: dict[str, str]) -> dict[str, str]:
    """The pages the template marked as searched; the rest (search: exclude) stay out."""
    return {page: html for page, html in pages.items() if config.SEARCH_BODY in html}


async def _index(site: Path, pages: dict[str, str]) -> dict[str, int]:
    from pagefind.index import IndexConfig, PagefindIndex

    words = {}
    settings = IndexConfig(exclude_selectors=list(config.SEARCH_EXCLUDE), output_path=str(site / config.SEARCH_BUNDLE))
    async with PagefindIndex(settings) as index:
        for page, html in pages.items():
            try:
                result = await index.add_html_file(content=for_indexing(html), url=url_of(page))
            except Exception as err:          # the indexer's own message, for the page it failed on
                raise SourceError(shown(site, page), None, f"the search indexer failed on this page: {err}") from None
            words[page] = result.get("page_word_count", 0)
    return words


def check_written(site: Path, words: dict[str, int]) -> None:
    """Every page sent is in the index Pagefind wrote (its entry file counts them): it drops a page
    with nothing to search, which is named (the one with fewest words)."""
    bundle = site / config.SEARCH_BUNDLE
    if not words:
        return
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if sum(language["page_count"] for language in entry["languages"].values()) < len(words):
        shutil.rmtree(bundle)
        page = min(words, key=words.get)
        raise SourceError(shown(site, page), None, "the search indexer found nothing to search in the part of "
                          f"this page marked for search ({config.SEARCH_BODY}) and left it out")


def index_site(site: Path, pages: dict[str, str] | None = None) -> dict[str, int]:
    """Write Pagefind's index of the searched pages into site/pagefind/; returns each page's word count.
    A page the indexer cannot read, or in which it finds nothing to search, stops it."""
    pages = built_pages(site) if pages is None else pages
    # Pagefind's Python API is asynchronous; its loop runs in a thread of its own, since a caller
    # may be running one already (Playwright's synchronous API does, in the browser tests).
    with ThreadPoolExecutor(max_workers=1) as thread:
        words = thread.submit(asyncio.run, _index(site, searched(pages))).result()
    check_written(site, words)
    return words
