"""Makes a page's "Cite this page" section (Chicago and BibTeX, copyable) from the editorial templates."""
from __future__ import annotations

from .model import CodeBlock, Document, Heading, Link, Note, Paragraph, Text


def page_url(site_url: str, page: str) -> str:
    path = page[:-3] if page.endswith(".md") else page
    return site_url + ("" if path == "index" else f"{path}/")


def fill(template: str, values: dict) -> str:
    """{url}, {site} (and {n}) filled in; other braces (BibTeX's) stay as they are."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def bibtex(fields: dict, url: str, site: str) -> str:
    entry = {k: fill(v, {"site": site, "url": url}) for k, v in fields.items() if k != "key"}
    entry["url"] = url
    width = max(len(k) for k in entry)
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in entry.items())
    return f"@misc{{{fields['key']},\n{body}\n}}"


def cite_section(doc: Document, template: dict, site: dict) -> list:
    """The blocks of the section, or none where the editors gave no template for the page."""
    if not template:
        return []
    url = page_url(site["site_url"], doc.page)
    values = {"url": url, "site": site["site_name"]}
    blocks = [Heading(2, [Text("Cite this page")], anchor="cite-this-page", editorial=True),
              Paragraph([Text("Chicago (notes and bibliography):")], classes=("cite-this",)),
              CodeBlock(fill(template["chicago"], values), "text"),
              Paragraph([Text("BibTeX:")], classes=("cite-this",)),
              CodeBlock(bibtex(template["bibtex"], url, site["site_name"]), "bibtex")]
    if template.get("passage"):
        blocks.append(Paragraph([Text(fill(template["passage"], values))], classes=("cite-this",)))
    return blocks


def cite_links(doc: Document, template: dict, site: dict) -> None:
    """End each note with an editorial "cite" link to the note's own anchor, the citation of the note
    (the editors' template ``note``) shown on hover; none where the page has no such template."""
    if not template.get("note"):
        return
    url = page_url(site["site_url"], doc.page)

    def with_link(note: Note) -> Note:
        citation = fill(template["note"], {"url": url, "site": site["site_name"], "n": str(note.number)})
        link = Link((Text("cite"),), f"#fn:{note.number}", cls="note-cite editorial", title=citation)
        return Note(note.number, [*note.inlines, Text(" "), link])

    doc.notes = [with_link(note) for note in doc.notes]
