"""Reads the text of a built page the way a reader sees it, and the words of a source file."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

DASHES = ("-", "‐", "–", "—")
EDITORIAL = ('contains(concat(" ", normalize-space(@class), " "), " editorial ")'
             ' or contains(@class, "page-marker") or contains(@class, "headerlink")'
             ' or contains(@class, "footnote-backref") or contains(@class, "admonition")'
             ' or contains(@class, "ed-added") or contains(@class, "cite-this") or contains(@class, "cite-place")'
             ' or contains(@class, "cite-popovers") or contains(@class, "cite-forms") or contains(@class, "apparatus")'
             ' or contains(@class, "sidenote") or contains(concat(" ", normalize-space(@class), " "), " preview ")')


def article(page: Path, drop_editorial: bool = True):
    return article_of(lxml_html.fromstring(page.read_bytes()), drop_editorial)


def article_of(tree, drop_editorial: bool = True):
    """A parsed page's article, less (unless ``drop_editorial`` is false) what the editors put in it."""
    content = tree.xpath('//article[contains(@class, "md-content__inner")]')[0]
    if drop_editorial:
        # "Cite this page" is the editors' section at the end of a page.
        for heading in content.xpath('.//h2[@id="cite-this-page"]'):
            for node in [heading, *heading.itersiblings()]:
                if node.tag != "div" or "footnote" not in (node.get("class") or ""):
                    node.getparent().remove(node)
        for node in content.xpath(f".//*[{EDITORIAL}]"):
            tail = node.tail
            parent = node.getparent()
            parent.remove(node) if tail is None else drop_keep_tail(node)
        for head in content.xpath(".//thead"):  # a table's column names are the editors'
            head.getparent().remove(head)
    return content


def drop_keep_tail(node) -> None:
    """Remove ``node`` from its tree and keep the text that followed it."""
    previous, parent = node.getprevious(), node.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + node.tail
    else:
        parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def words_of_page(page: Path, part: str = "all") -> list[str]:
    """Words of the page's article less editorial marks; ``part`` "body" or "notes" of a footnoted page."""
    return words_of_article(lxml_html.fromstring(page.read_bytes()), part)


def words_of_article(tree, part: str = "all") -> list[str]:
    """Words of a parsed page's article less editorial marks (see words_of_page)."""
    content = article_of(tree)
    notes = content.xpath('.//div[contains(@class, "footnote")]')
    if part == "notes":
        items = notes[0].xpath("./ol/li") if notes else []
        return [w for number, li in enumerate(items, start=1) for w in [str(number), *"".join(li.itertext()).split()]]
    if part == "body":
        for n in notes:
            n.getparent().remove(n)
    return "".join(content.itertext()).split()


def words_of_source(text: str, joins: set = frozenset()) -> list[str]:
    """A source's words, with a word split by a line-end hyphen or dash joined again, and so a word
    split at a line's end whose halves together are one of ``joins`` (an address the page joined)."""
    words: list[str] = []
    glue = False
    for line in text.splitlines():
        tokens = line.split()
        if not tokens:
            continue
        if (glue or words and words[-1] + tokens[0] in joins) and words:
            words[-1] += tokens.pop(0)
        words += tokens
        glue = line.rstrip().endswith(DASHES) and not re.search(r"\s[-‐–—]$", line.rstrip())
    return words


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(word in it for word in small)


def source_count(text: str, pattern: str) -> int:
    """How many lines of a source match ``pattern``: a count read from the source's own layout (a
    page starts with a line indented one space; a praise paragraph opens with a quotation mark)."""
    return sum(1 for line in text.splitlines() if re.match(pattern, line))


PAGE_START = r" \S"
PRAISE = r"\"|“"
