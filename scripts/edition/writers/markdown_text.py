"""Python-Markdown text: escaping words so that they stay words, attribute values, links, citeproc's HTML."""
from __future__ import annotations

import html
import re

# Characters Markdown (with attr_list, footnotes and tables) reads as markup anywhere in a line,
# and the ones it reads so only at a line's start; each is escaped with a backslash.
MARKUP = re.compile(r"([\\`*_{}\[\]|])")
LINE_START = re.compile(r"^(\s*)([#>+-]|\d+(?=[.)]))")


#: A line break in text (the editorial file's strings may hold them): inline text is one line of
#: Markdown, as a break would end a note's, a box's or a table's block and put the rest outside it.
#: Tried only where a run of spaces begins: else each of a long run's spaces is tried to its end.
LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*[\r\n][ \t\r\n]*")


#: Python-Markdown's footnotes extension puts the notes where this stands (its PLACE_MARKER): in
#: text, its first slash is written as an entity, so that the notes are put only where the writer says.
FOOTNOTES_HERE = "///Footnotes Go Here///"


def escape(text: str) -> str:
    """Text shown as text, on one line: no Markdown, HTML or entity in it is interpreted."""
    text = html.escape(LINE_BREAK.sub(" ", text), quote=False).replace(FOOTNOTES_HERE, "&#47;" + FOOTNOTES_HERE[1:])
    text = MARKUP.sub(r"\\\1", text)
    return LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"), text)


#: Front matter the engine and theme print into the page's HTML as it stands (MkDocs' page title,
#: Material's <title> and <meta name="description" content="…">, unescaped): written as HTML text.
THEME_HTML = ("title", "description")


def front_matter(meta: dict) -> str:
    """A page's front matter as YAML, what the theme prints as HTML escaped (quotes too: an attribute's value)."""
    import yaml
    shown = {key: html.escape(value, quote=False).replace('"', "&quot;") if key in THEME_HTML and isinstance(value, str)
             else value for key, value in meta.items()}
    return yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=1000).strip()


def attribute(text: str) -> str:
    return html.escape(text, quote=True)


def link(inner: str, target: str, title: str = "", cls: str = "ref", **attrs: str) -> str:
    """A Markdown link, so that MkDocs checks its target and writes the right URL for any URL style."""
    title = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""
    marks = " ".join(["." + name for name in cls.split()] +
                     [f'{name.replace("_", "-")}="{attribute(value)}"' for name, value in attrs.items()])
    return f"[{inner}]({target}{title})" + (f"{{: {marks} }}" if marks else "")


def formatted(fragment: str) -> str:
    """HTML from the citation processor, its text escaped so that Markdown leaves it as it is."""
    from lxml import html as lxml_html
    root = lxml_html.fromstring(f"<span>{fragment}</span>")

    def walk(element) -> str:
        attrs = "".join(f' {k}="{attribute(v)}"' for k, v in element.attrib.items())
        inner = escape(element.text or "") + "".join(walk(child) + escape(child.tail or "") for child in element)
        return f"<{element.tag}{attrs}>{inner}</{element.tag}>"

    return escape(root.text or "") + "".join(walk(c) + escape(c.tail or "") for c in root)
