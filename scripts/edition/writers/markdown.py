"""Writes a model Document as Markdown for MkDocs (Python-Markdown with attr_list, footnotes, admonition)."""
from __future__ import annotations

import html
import itertools
import re

import yaml

from .. import config
from ..model import (BlockQuote, BulletList, CitePlace, Coins, CodeBlock, Formatted, Include, Link, Cite, Document, Editorial,
                    EditorialNote, Foreign, Heading, MarginNote, Note, NoteRef, PageStart, Paragraph, Quotation, Table,
                    LineNumber, Sic, Text, Title, Verbatim)

# Characters Markdown (with attr_list, footnotes and tables) reads as markup anywhere in a line,
# and the ones it reads so only at a line's start; each is escaped with a backslash.
MARKUP = re.compile(r"([\\`*_{}\[\]|])")
#: Where the bibliography entries are (#ref-KEY), relative to the generated pages.
BIBLIOGRAPHY_PAGE = "bibliography.md"
#: Python-Markdown's footnotes extension puts the notes where this stands (its PLACE_MARKER).
FOOTNOTES_HERE = "///Footnotes Go Here///"
LINE_START = re.compile(r"^(\s*)([#>+-]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Text shown as text: no Markdown, HTML or entity in it is interpreted."""
    text = html.escape(text, quote=False)
    text = MARKUP.sub(r"\\\1", text)
    return LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"), text)


def attribute(text: str) -> str:
    return html.escape(text, quote=True)


def link(inner: str, target: str, title: str = "", cls: str = "ref") -> str:
    """A Markdown link, so that MkDocs checks its target and writes the right URL for any URL style."""
    title = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""
    classes = " ".join("." + name for name in cls.split())
    return f"[{inner}]({target}{title})" + (f"{{: {classes} }}" if classes else "")


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
        if not node.view:
            return (f'<a class="page-marker" id="page-{node.number}" href="#page-{node.number}" '
                    f'title="{title}">[p.&nbsp;{node.number}]</a> ')
        target = f"{node.view}#L{node.line}"
        return f'[\\[p.&nbsp;{node.number}\\]]({target} "{title}: source, line {node.line}"){{: #page-{node.number} .page-marker }} '
    if isinstance(node, Editorial):
        inner = escape(node.value)
        if node.key:
            inner = link(inner, ref(node.key))
        if not node.explanation:
            return f'<span class="editorial">{inner}</span>'
        # The explanation shows on hover, keyboard focus and tap (focus), by CSS; a linked mark
        # is focused through its link.
        ident = f"ed-{next(_explanations)}"
        focus = "" if node.key else ' tabindex="0"'
        return (f'<span class="editorial explained"{focus} aria-describedby="{ident}">{inner}'
                f'<span class="ed-explanation" role="tooltip" id="{ident}" data-search-exclude>'
                f'{escape(node.explanation)}</span></span>')
    if isinstance(node, MarginNote):
        # <small>, a side comment, and no element of its own tag inside: Material's search parser
        # stops excluding an element at the first closing tag of its name.
        return (f'<small class="sidenote" aria-hidden="true" data-search-exclude><span class="sidenote__number">'
                f'{node.number}</span> {"".join(plain_inline(n) for n in node.inlines)}</small>')
    if isinstance(node, Foreign):
        return f'<span lang="{node.lang}">{escape(node.value)}</span>'
    if isinstance(node, Cite):
        inner = "".join(inline(c) for c in node.children)
        return link(inner, ref(node.key), node.note)
    if isinstance(node, Sic):   # the source's words as printed, then the editors' mark
        return "".join(inline(c) for c in node.children) + " " + inline(Editorial(node.mark, node.explanation))
    if isinstance(node, Link):
        return link("".join(inline(c) for c in node.children), node.target, node.title, cls=node.cls)
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
    if isinstance(node, (Cite, Link)):
        return "".join(plain_inline(c) for c in node.children)
    if isinstance(node, Sic):
        return "".join(plain_inline(c) for c in node.children) + " " + plain_inline(Editorial(node.mark))
    if isinstance(node, Foreign):
        return f'<span lang="{node.lang}">{escape(node.value)}</span>'
    return ""


def formatted(fragment: str) -> str:
    """HTML from the citation processor, its text escaped so that Markdown leaves it as it is."""
    from lxml import html as lxml_html
    root = lxml_html.fromstring(f"<span>{fragment}</span>")

    def walk(element) -> str:
        attrs = "".join(f' {k}="{attribute(v)}"' for k, v in element.attrib.items())
        inner = escape(element.text or "") + "".join(walk(child) + escape(child.tail or "") for child in element)
        return f"<{element.tag}{attrs}>{inner}</{element.tag}>"

    return escape(root.text or "") + "".join(walk(c) + escape(c.tail or "") for c in root)


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
        mark = attrs(node.anchor, *(("para",) if node.anchor else ()), *node.classes)
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
        return (f'<figure class="praise"{anchor} markdown>\n<blockquote markdown>\n{inlines(node.quote)}\n'
                f'</blockquote>\n<figcaption markdown="span"><span class="people">{inlines(node.people)}</span>, '
                f'<span class="role">{inlines(node.role)}</span>{" " + inlines(node.controls) if node.controls else ""}</figcaption>\n'
                f'</figure>')
    if isinstance(node, Table):
        head = "| " + " | ".join(escape(h) for h in node.header) + " |"
        rule = "|" + "|".join(" --- " for _ in node.header) + "|"
        rows = ["| " + " | ".join(inlines(cell) or " " for cell in row) + " |" for row in node.rows]
        return "\n".join([head, rule, *rows])
    if isinstance(node, CodeBlock):
        fence = "```"
        while fence in node.text:
            fence += "`"
        title = f' title="{node.title}"' if node.title else ""
        return f"{fence}{node.language}{title}\n{node.text}\n{fence}"
    if isinstance(node, Include):
        return f'--8<-- "{node.path}"'
    if isinstance(node, BulletList):
        return "\n".join(f"- {inlines(item)}" for item in node.items)
    raise TypeError(f"no Markdown for block {node!r}")


def note(node: Note) -> str:
    return f"[^{node.number}]: {inlines(node.inlines)}"


_explanations = itertools.count(1)


def write(doc: Document) -> str:
    """The page's Markdown: front matter (none for a fragment without meta), header, blocks, then notes."""
    global _explanations
    _explanations = itertools.count(1)      # explanation ids, unique within the page
    parts = [config.GENERATED_HEADER.format(source=doc.source)]
    if doc.meta:
        front = yaml.safe_dump(doc.meta, allow_unicode=True, sort_keys=False, width=1000).strip()
        parts.insert(0, f"---\n{front}\n---")
    parts += [block(b) for b in doc.blocks]
    parts += [note(n) for n in doc.notes]
    if doc.appendix:
        if doc.notes:
            parts.append(FOOTNOTES_HERE)     # the notes follow the text, before what is appended
        parts += [block(b) for b in doc.appendix]
    return "\n\n".join(parts) + "\n"
