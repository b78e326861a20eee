"""The palette's and the edition's stylesheets written into each page, so that its first paint waits for Material's stylesheet alone."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import tinycss2
from rcssmin import cssmin

# Each stylesheet linked from the head is a request the first paint waits for; plain Material makes
# one (its main stylesheet, shared by every page and cached). The colour palette's and ours are
# small, so each page carries them and the reader's browser asks for nothing more before painting.
LINK = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)">')
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css$")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")

# The palette stylesheet styles every primary and accent colour Material offers; a page can switch
# only among those its palette toggle names (data-md-color-primary/accent on <body> and on each
# toggle). Rules for the rest are dropped: they are most of its bytes, and with them a page's HTML
# no longer fits the first round trip of a slow connection.
COLOUR = re.compile(r'data-md-color-(primary|accent)="?([\w-]+)"?')


class MissingStylesheet(Exception):
    """A stylesheet a page links that the built site lacks."""


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise MissingStylesheet(f"inline_styles: cannot read the stylesheet {path}: {error.strerror}") from None


def split_selectors(prelude) -> list[str]:
    """A rule's selectors: its prelude split at top-level commas (those inside :is() stay)."""
    selectors = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [tinycss2.serialize(tokens).strip() for tokens in selectors]


def _selects(selector: str, colours: set[tuple[str, str]]) -> bool:
    return all(colour in colours for colour in COLOUR.findall(selector))


def _rules(rules, colours: set[tuple[str, str]]) -> str:
    """The rules (parsed by tinycss2) without the selectors that need a colour the page lacks."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if _selects(s, colours)]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
            inner = _rules(tinycss2.parse_blocks_contents(rule.content), colours)
            if inner:
                kept.append("@media" + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type != "whitespace" and rule.type != "comment":
            kept.append(tinycss2.serialize([rule]))
    return "".join(kept)


def palette_css(text: str, colours: set[tuple[str, str]]) -> str:
    """Material's palette stylesheet for the colours a page can show (("primary", "indigo"), …)."""
    return _palette_css(text, frozenset(colours))


# Every page of a site offers the same colours, so the stylesheet is parsed once, not per page
# (it was most of the hook's time).
@functools.lru_cache(maxsize=8)
def _palette_css(text: str, colours: frozenset[tuple[str, str]]) -> str:
    return cssmin(_rules(tinycss2.parse_stylesheet(SOURCE_MAP.sub("", text)), colours)).strip()


def stylesheet(href: str, site: Path, extra_css: list[str], colours: set[tuple[str, str]]) -> str | None:
    """The text to write into the page for a linked stylesheet, or None to leave the link."""
    # Material writes the theme's and extra_css addresses relative to the page, or from the site's
    # root on pages made from a template alone (404.html): known by how they end.
    path = href.split("?")[0]
    palette = PALETTE.search(path)
    if palette:
        if (site / palette[0]).is_file():
            return palette_css(_read(site / palette[0]), colours)
        raise MissingStylesheet(f"inline_styles: the theme links {palette[0]}, which the built site lacks")
    for css in extra_css:
        if path == css or path.endswith("/" + css):
            return cssmin(_read(site / css))
    return None


def inline(output: str, site: Path, extra_css: list[str]) -> str:
    """A built page with its palette and extra stylesheets written in, in place of their links."""
    colours = set(COLOUR.findall(output))

    def replace(link: re.Match) -> str:
        css = stylesheet(link["href"], site, extra_css, colours)
        return link[0] if css is None else f"<style>{css}</style>"
    return LINK.sub(replace, output)
