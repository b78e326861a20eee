"""Writes a model Document as Markdown for MkDocs (Python-Markdown with attr_list, footnotes, admonition)."""
from __future__ import annotations

import posixpath


from .. import config
from .markdown_text import FOOTNOTES_HERE, attribute, escape, formatted, front_matter, link
from .markdown_tips import name_preview, start_page, tip
from ..model import (BlockQuote, BulletList, Link, Cite, Document, Editorial, EditorialNote, Foreign, Heading, Mention,
                     Note, NoteRef, PageStart, Paragraph, Place, Quotation, Table, LineNumber, Sic, Text, Title, Verbatim)
from ..site_nodes import CitePlace, Coins, Formatted, Include, MarginNote

#: Where the bibliography entries are (#ref-KEY), relative to the generated pages.
BIBLIOGRAPHY_PAGE = "bibliography.md"
#: How each kind of place is spelled as a fragment id: Python-Markdown's footnotes, the edition's own ids.
FRAGMENTS = {"note": "fn:{}", "page": "page-{}", "line": "L{}", "entry": "ref-{}", "anchor": "{}"}
#: Downloads of the records (Place kind "download") are files under this folder of the site.
DOWNLOADS = "cite"
#: The class each role of a paragraph or a link is given (Material and extra.css style them).
ROLE_CLASSES = {"byline": "apparatus", "apparatus": "apparatus", "subtitle": "subtitle", "kicker": "kicker",
                "entry": "csl-entry", "annotation": "csl-annote", "backlink": "backlink", "download": "download",
                "url": "url", "tei": "tei", "praise": "praise", "index": "index-entry", "": ""}
#: Where the register's entries are (#ID), relative to the generated pages.
INDEX_PAGE = config.INDEX_PAGE


def address(target: Place | str) -> str:
    """A place of the edition as a Markdown link target, relative to the page being written (MkDocs
    turns it into the right URL); an outside address as it is."""
    if isinstance(target, str):
        return target
    if target.kind == "download":
        return posixpath.relpath(f"{DOWNLOADS}/{target.at}", posixpath.dirname(_page) or ".")
    page = posixpath.relpath(target.page, posixpath.dirname(_page) or ".") if target.page and target.page != _page else ""
    fragment = FRAGMENTS[target.kind].format(target.at) if target.kind else ""
    return page + (f"#{fragment}" if fragment else "")


def ref(key: str) -> str:
    return f"{BIBLIOGRAPHY_PAGE}#ref-{key}"


def inline(node) -> str:
    if isinstance(node, Text):
        return escape(node.value)
    if isinstance(node, Title):
        inner = "".join(inline(c) for c in node.children)
        lang = f' lang="{node.lang}"' if node.lang else ""
        cite = f'<cite class="ed-title"{lang}>{inner}</cite>'
        return link(cite, ref(node.key)) if node.key else cite
    if isinstance(node, NoteRef):
        return f"[^{node.number}]"
    if isinstance(node, PageStart):
        title = f"Page {node.number} of the source begins here"
        if not node.source:
            return (f'<a class="page-marker" id="page-{node.number}" href="#page-{node.number}" '
                    f'title="{title}">[p.&nbsp;{node.number}]</a> ')
        target, line = address(node.source), node.source.at
        return f'[\\[p.&nbsp;{node.number}\\]]({target} "{title}: source, line {line}"){{: #page-{node.number} .page-marker }} '
    if isinstance(node, Editorial):
        inner = escape(node.value)
        if node.key:
            inner = link(inner, ref(node.key))
        if not node.explanation:
            return f'<span class="editorial">{inner}</span>'
        # The explanation shows on hover, keyboard focus and tap (focus), by CSS; a linked mark
        # is focused through its link.
        ident, explanation = tip("ed", node.explanation)
        focus = "" if node.key else ' tabindex="0"'
        return f'<span class="editorial explained"{focus} aria-describedby="{ident}">{inner}{explanation}</span>'
    if isinstance(node, MarginNote):
        # <small>, a side comment, and no element of its own tag inside: Material's search parser
        # stops excluding an element at the first closing tag of its name.
        return (f'<small class="sidenote" aria-hidden="true" data-search-exclude><span class="sidenote__number">'
                f'{node.number}</span> {"".join(plain_inline(n) for n in node.inlines)}</small>')
    if isinstance(node, Foreign):
        return f'<span lang="{node.lang}">{escape(node.value)}</span>'
    if isinstance(node, Cite):
        inner = "".join(inline(c) for c in node.children)
        if not node.note:
            return link(inner, ref(node.key))
        # The cited work shows on hover, keyboard focus and tap, by CSS as an editorial
        # explanation does: no script runs for it when the page loads.
        ident, preview = tip("work", node.note)
        return link(inner + preview, ref(node.key), cls="ref previewed", aria_describedby=ident)
    if isinstance(node, Mention):
        # A quiet link to the name's entry, previewed on hover, focus and tap by CSS as a cited work is.
        ident, preview = name_preview(node.entry, "".join(plain_inline(n) for n in node.names),
                                      escape(f"— {node.about}" + (". Printed as" if node.forms else "")),
                                      "".join(plain_inline(n) for n in node.forms))
        return link("".join(inline(c) for c in node.children) + preview,
                    address(Place(INDEX_PAGE, "anchor", node.entry)), cls="mention", aria_describedby=ident)
    if isinstance(node, Sic):   # the source's words as printed, then the editors' mark
        return "".join(inline(c) for c in node.children) + " " + inline(Editorial(node.mark, node.explanation))
    if isinstance(node, Link):
        return link("".join(inline(c) for c in node.children), address(node.target), node.title, cls=ROLE_CLASSES[node.role])
    if isinstance(node, Formatted):
        return formatted(node.html)
    if isinstance(node, CitePlace):
        return (f'<button type="button" class="cite-place" popovertarget="{node.target}" '
                f'aria-label="{attribute(node.label)}" data-search-exclude>{escape(node.text)}</button>')
    if isinstance(node, LineNumber):
        return f'<a class="line-number" id="L{node.number}" href="#L{node.number}">{node.number}</a>'
    if isinstance(node, Verbatim):
        return f'<span class="verbatim">{escape(node.value)}</span>'
    if isinstance(node, Coins):
        return f'<span class="Z3988" title="{attribute(node.context)}"></span>'
    raise TypeError(f"no Markdown for inline {node!r}")


def plain_inline(node) -> str:
    """An inline as text to read, without links or controls (for a copy beside the text)."""
    if isinstance(node, Text):
        return escape(node.value)
    if isinstance(node, Title):
        return f'<cite class="ed-title">{"".join(plain_inline(c) for c in node.children)}</cite>'
    if isinstance(node, Editorial):
        return f'<span class="editorial">{escape(node.value)}</span>'
    if isinstance(node, (Cite, Link, Mention)):
        return "".join(plain_inline(c) for c in node.children)
    if isinstance(node, Sic):
        return "".join(plain_inline(c) for c in node.children) + " " + plain_inline(Editorial(node.mark))
    if isinstance(node, Foreign):
        return f'<span lang="{node.lang}">{escape(node.value)}</span>'
    return ""


def inlines(nodes) -> str:
    return "".join(inline(n) for n in nodes)


def attrs(anchor: str | None, *classes: str) -> str:
    parts = ([f"#{anchor}"] if anchor else []) + [f".{c}" for c in classes]
    if anchor and anchor[1:].isdigit():
        parts.append(f'data-para="{anchor[1:]}"')
    return "{: " + " ".join(parts) + " }" if parts else ""


def block(node) -> str:
    if isinstance(node, Paragraph):
        text = inlines(node.inlines)
        mark = attrs(node.anchor, *(("para",) if node.anchor else ()), *filter(None, [ROLE_CLASSES[node.role]]))
        return f"{text}\n{mark}" if mark else text
    if isinstance(node, Heading):
        mark = attrs(node.anchor, *(["apparatus"] if node.editorial else []))   # the editors', plainly: unmarked
        return f"{'#' * node.level} {inlines(node.inlines)}{' ' + mark if mark else ''}"
    if isinstance(node, BlockQuote):
        inner = "\n\n".join(block(b) for b in node.blocks)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if isinstance(node, EditorialNote):
        return f'!!! note "{attribute(node.title)}"\n\n    {inlines(node.inlines)}'
    if isinstance(node, Quotation):
        anchor = f' id="{node.anchor}"' if node.anchor else ""
        kind = ROLE_CLASSES.get(node.kind) or "quotation"
        return (f'<figure class="{kind}"{anchor} markdown>\n<blockquote markdown>\n{inlines(node.quote)}\n'
                f'</blockquote>\n<figcaption markdown="span"><span class="people">{inlines(node.people)}</span>, '
                f'<span class="role">{inlines(node.role)}</span>{" " + inlines(node.controls) if node.controls else ""}</figcaption>\n'
                f'</figure>')
    if isinstance(node, Table):
        head = "| " + " | ".join(escape(h) for h in node.header) + " |"
        rule = "|" + "|".join(" --- " for _ in node.header) + "|"
        rows = ["| " + " | ".join(inlines(cell) or " " for cell in row) + " |" for row in node.rows]
        return "\n".join([head, rule, *rows])
    if isinstance(node, Include):
        return f'--8<-- "{node.path}"'
    if isinstance(node, BulletList):
        return "\n".join(f"- {inlines(item)}" for item in node.items)
    raise TypeError(f"no Markdown for block {node!r}")


def note(node: Note) -> str:
    return f"[^{node.number}]: {inlines(node.inlines)}"


_page = ""       # the page being written, that links are relative to


def write(doc: Document) -> str:
    """The page's Markdown: front matter (none for a fragment without meta), header, blocks, then notes."""
    global _page
    start_page(doc)                         # ids unique within the page
    _page = doc.base or doc.page            # links are written relative to it
    parts = [config.GENERATED_HEADER.format(source=doc.source)]
    if doc.meta:
        parts.insert(0, f"---\n{front_matter(doc.meta)}\n---")
    parts += [block(b) for b in doc.blocks]
    parts += [note(n) for n in doc.notes]
    if doc.appendix:
        if doc.notes:
            parts.append(FOOTNOTES_HERE)     # the notes follow the text, before what is appended
        parts += [block(b) for b in doc.appendix]
    return "\n\n".join(parts) + "\n"
