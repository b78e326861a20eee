"""Indexes the built site for search with Pagefind, once over site/: a fragment a query loads on demand per page."""
from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import config
from ..errors import SourceError
from ..settings import search_exclude
from ..register.search_variants import of_page, pagefind_block, variants


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


def for_indexing(html: str, block: str = "") -> str:
    """The page as Pagefind reads it: a hair space after each dash that runs into a word, so that
    the words on either side are words of their own, as a space would make them (Pagefind splits
    at spaces and hyphens only; the search box shows that space as nothing); and after the text,
    ``block``, the names its passages are found by that they do not print (search_variants.py)."""
    html = DASH.sub("\\1\u200a", html)
    end = html.rfind("</article>")
    return html[:end] + block + html[end:] if block and end >= 0 else html


def searched(pages: dict[str, str]) -> dict[str, str]:
    """The pages the template marked as searched; the rest (search: exclude) stay out."""
    return {page: html for page, html in pages.items() if config.SEARCH_BODY in html}


#: The Index of names, searched on its own too (a Pagefind filter), so that its entry comes first.
REGISTER_FILTER = '<div data-pagefind-filter="register:names"></div>'


def register_variants(site: Path) -> list:
    """The variants of every passage, from the register the build published (none without one)."""
    try:
        return variants((site / config.INDEX_JSON).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []


async def _index(site: Path, pages: dict[str, str], folder: Path) -> int:
    """Pagefind's index of the pages, as written into ``folder`` for it; returns how many it read.
    One request for the folder: the Python API reads each answer after a tenth of a second, so a
    request per page would cost 0.1 s a page."""
    from pagefind.index import IndexConfig, PagefindIndex

    found = register_variants(site)
    for page, html in pages.items():
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        block = pagefind_block(of_page(found, url_of(page).lstrip("/")))
        if url_of(page) == url_of(config.INDEX_PAGE[:-len(".md")] + "/index.html"):
            block += REGISTER_FILTER
        (folder / page).write_text(for_indexing(html, block), encoding="utf-8")
    settings = IndexConfig(exclude_selectors=list(search_exclude()), output_path=str(site / config.SEARCH_BUNDLE))
    async with PagefindIndex(settings) as index:
        try:
            return (await index.add_directory(str(folder)))["page_count"]
        except Exception as err:          # the indexer's own message, which names the file
            raise SourceError(site.name, None, f"the search indexer failed: {err}") from None


async def _left_out(site: Path, pages: dict[str, str]) -> str:
    """The page Pagefind left out: each page alone, the one with fewest words (only when one was)."""
    from pagefind.index import IndexConfig, PagefindIndex

    words = {}
    try:
        async with PagefindIndex(IndexConfig(exclude_selectors=list(search_exclude()))) as index:
            for page, html in pages.items():
                words[page] = (await index.add_html_file(content=for_indexing(html), url=url_of(page)))["page_word_count"]
            raise _Counted      # leaving the index by an exception writes nothing
    except _Counted:
        return min(words, key=words.get)


class _Counted(Exception):
    pass


def _run(coroutine):
    # Pagefind's Python API is asynchronous; its loop runs in a thread of its own, since a caller
    # may be running one already (Playwright's synchronous API does, in the browser tests).
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _entry(site: Path) -> dict | None:
    """Pagefind's entry file, or None when it is missing, empty or not JSON."""
    try:
        return json.loads((site / config.SEARCH_BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def index_site(site: Path, pages: dict[str, str] | None = None) -> int:
    """Write Pagefind's index of the searched pages into site/pagefind/; returns how many it indexed.
    A page the indexer cannot read, or in which it finds nothing to search, stops it, and no index is left."""
    pages = searched(built_pages(site) if pages is None else pages)
    if not pages:
        return 0
    for attempt in (1, 2):
        with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as folder:
            _run(_index(site, pages, Path(folder)))
        # Pagefind drops a page with nothing to search when it writes the index: its entry file counts the pages kept.
        entry = _entry(site)
        if entry is not None:
            break
        # Once, in a suite on a loaded machine, Pagefind's service answered that it had written the
        # index and left its entry file empty: the index is made again, and a second such is an error.
        shutil.rmtree(site / config.SEARCH_BUNDLE, ignore_errors=True)
        if attempt == 2:
            raise SourceError(shown(site, f"{config.SEARCH_BUNDLE}/pagefind-entry.json"), None,
                              "the search indexer wrote an empty or unreadable index twice")
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    if indexed < len(pages):
        shutil.rmtree(site / config.SEARCH_BUNDLE, ignore_errors=True)
        raise SourceError(shown(site, _run(_left_out(site, pages))), None, "the search indexer found nothing to "
                          f"search in the part of this page marked for search ({config.SEARCH_BODY}) and left it out")
    return indexed
