"""In the offline copy's search (Material's), each anchored passage is a hit of its own, landing at it."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from edition.config import INDEX_JSON
from edition.settings import search_passages
from edition.register.search_variants import of_page, variants

from .offline_copy import hosted_path

# Material's search indexes a page by its headings; the review has none of its own (inventing some
# would change the author's text), so its whole body was one hit that opened at the top of the page.
# Its paragraph and note anchors are split out of that entry after Material has written the index.

#: The field of a passage's entry that holds the names it is found by and does not print
#: (search_variants.py), searched at a tenth of the text's weight and never shown.
VARIANTS = {"variants": {"boost": 0.1}}

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PassageFinder(HTMLParser):
    """Finds the elements whose id is a passage anchor, with their HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.open: list[tuple[str, str | None, int]] = []   # (tag, passage id, start offset)
        self.patterns = list(search_passages())
        self.found: list[dict] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        ident = dict(attrs).get("id") or ""
        passage = ident if any(pattern.fullmatch(ident) for pattern in self.patterns) else None
        if tag not in VOID:
            self.open.append((tag, passage, self.position()))

    def handle_endtag(self, tag):
        while self.open:
            name, passage, start = self.open.pop()
            if passage:
                end = self.html.index(">", self.position()) + 1
                html = self.html[start:end]
                self.found.append({"id": passage, "html": html, "text": index_text(html), "start": start})
            if name == tag:
                break


def passages(html: str) -> list[dict]:
    """The anchored passages of a page's content, in document order."""
    finder = _PassageFinder(html)
    finder.feed(html)
    finder.close()
    return sorted(finder.found, key=lambda passage: passage["start"])


def title(passage_id: str, text: str = "") -> str:
    """The label a passage's search result shows: "Paragraph 12", "Note 3", else its first words."""
    for pattern, label in search_passages().items():
        number = pattern.fullmatch(passage_id)
        if number:
            return label.format(*number.groups()) if label else " ".join(re.sub(r"<[^>]+>", "", text).split()[:8]) + " …"
    raise ValueError(f"not a passage anchor: {passage_id}")


def index_text(html: str) -> str:
    """The passage as Material's own search parser writes text into the index."""
    # Imported here: Material imports MkDocs, which ProperDocs must be the first to load (site_build.engine_api).
    from material.plugins.search.plugin import Parser
    parser = Parser()
    parser.feed(html)
    parser.close()
    return "".join("".join(section.text) for section in parser.data).strip()


def split_entries(entries: list[dict], url: str, found: list[dict]) -> list[dict]:
    """The index entries with each passage of page ``url`` moved out of its section into an entry of its own."""
    result, waiting = [], [passage for passage in found if passage["text"]]
    for entry in entries:
        if entry["location"].split("#")[0] != url:
            result.append(entry)
            continue
        own, rest = [], entry["text"]
        for passage in [p for p in waiting if p["text"] in entry["text"]]:
            rest = rest.replace(passage["text"], "", 1)
            waiting.remove(passage)     # each passage becomes one entry, even if its text recurs
            own.append({"location": f"{url}#{passage['id']}", "title": title(passage["id"], passage["text"]), "text": passage["text"]})
        result.append({**entry, "text": re.sub(r"\s{2,}", " ", rest).strip()})
        result.extend(own)
    return result


def with_variants(docs: list[dict], found: list) -> list[dict]:
    """Each passage's entry with the names it is found by and does not print, in a field of their own."""
    by_location = {}
    for variant in found:
        by_location.setdefault(variant.passage, []).append(variant.words)
    return [{**doc, "variants": " ".join(by_location[doc["location"].split("#", 1)[1]])}
            if "#" in doc["location"] and doc["location"].split("#", 1)[1] in by_location else doc for doc in docs]


def page_passages(site: Path, url: str) -> list[dict]:
    """The passages of the built page at ``url`` ("review.html"), when it has two or more (one is no long passage to land in)."""
    page = site / url
    found = passages(page.read_text(encoding="utf-8")) if url.endswith(".html") and page.is_file() else []
    return found if len(found) >= 2 else []


def split_search_index(site: Path) -> None:
    """Material's search index (the offline copy's) with a hit per passage, and the names each is found by."""
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    # Each page's entries split once, in their order, so the work grows with the pages, not their square.
    pages: dict[str, list[dict]] = {}
    for entry in index["docs"]:
        pages.setdefault(entry["location"].split("#")[0], []).append(entry)
    names = site / INDEX_JSON
    found = variants(names.read_text(encoding="utf-8")) if names.exists() else []
    split = {url: page_passages(site, url) for url in pages}
    if not any(split.values()):
        return
    index["docs"] = [entry for url, entries in pages.items()
                     for entry in with_variants(split_entries(entries, url, split[url]) if split[url] else entries,
                                                of_page(found, hosted_path(url) if url.endswith(".html") else url))]
    if found:
        index["config"]["fields"].update(VARIANTS)
    data = json.dumps(index, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    script = index_file.with_name("search_index.js")     # Material's offline plugin inlines the index for file://
    if script.exists():
        script.write_text(f"var __index = {data}", encoding="utf-8")
