"""The TEI header of a source's document: the edition, the source as received, the editors' decisions."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..citations.citations import date_parts, text_of
from ..citations.exports import catalogued
from ..versions.releases import decision_text

TEI = "{http://www.tei-c.org/ns/1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"


@dataclass
class Context:
    """What a writer needs beyond the documents: the editors' section for the source, the edition,
    the works cited (CSL-JSON records by key), the source's SHA-256, and the work the source is."""
    editorial: object
    edition: object
    works: dict = field(default_factory=dict)
    sha256: str = ""
    work: str | None = None          # the key of the source's own work (the review), if it has one
    conventions: list = field(default_factory=list)   # the transcription conventions, in words
    path: object = None              # the source file itself
    bibliography: object = None      # the citation processor's seam (citations.Bibliography)
    records: dict = field(default_factory=dict)       # page -> its citation record; "" the edition's
    print_settings: dict = field(default_factory=dict)   # [print] of the editorial file (paper)
    register: object = None          # the register of names (names.Register): the TEI's standOff
    rights: object = None            # the edition's rights (rights.Rights): the licence of the editors' work


def sub(parent, tag: str, text: str = "", **attrs):
    attrs = {(XML + k[4:] if k.startswith("xml_") else k): v for k, v in attrs.items() if v}
    node = etree.SubElement(parent, TEI + tag, attrs)
    node.text = text or None
    return node


def name_of(person: dict) -> str:
    return " ".join(filter(None, [person.get("given"), person.get("family")])) or person.get("literal", "")


def bibl(parent, record: dict, **attrs):
    """A work as a structured <bibl>: authors or editors, title (an untitled review's catalogue
    title; a titled review's reviewed work in a <relatedItem>), container, publisher, date."""
    record = catalogued(record)
    out = sub(parent, "bibl", **attrs)
    for person in record.get("author", []):
        sub(out, "author", name_of(person))
    for person in record.get("editor", []):
        sub(out, "editor", name_of(person))
    sub(out, "title", text_of(record.get("title", "")), level="a" if record.get("container-title") else "m")
    if record.get("container-title"):
        sub(out, "title", text_of(record["container-title"]), level="j" if record.get("type") == "article-journal" else "m")
    if record.get("publisher"):
        sub(out, "publisher", record["publisher"])
    if date_parts(record):
        year = str(date_parts(record)[0])
        sub(out, "date", year, when=year)
    if record.get("reviewed-title"):
        reviewed = sub(sub(out, "relatedItem", type="reviewed"), "bibl")
        for person in record.get("reviewed-author", []):
            sub(reviewed, "author", name_of(person))
        sub(reviewed, "title", text_of(record["reviewed-title"]), level="m")
    return out


def list_bibl(back, keys: list[str], context: Context) -> None:
    """The works the text cites, each with the xml:id its references point to."""
    works = sub(back, "listBibl")
    sub(works, "head", "Works cited (from the edition's references.bib)")
    for key in keys:
        bibl(works, context.works[key], xml_id=key)


def decisions(parent, editorial) -> None:
    """Each decision of the source's section of editorial.toml, as an item."""
    items = sub(sub(parent, "p", "The editors' decisions for this source (sources/editorial.toml):"), "list", type="decisions")
    settings = editorial.settings
    if settings.get("reviewer"):
        sub(items, "item", f"Attribution: the reviewer is named {settings['reviewer']}. {settings.get('attribution', '')}")
    for title in editorial.titles:
        sub(items, "item", f"Title set in italics: {title['phrase']}")
    for mark in editorial.sic:
        sub(items, "item", f"Kept as printed and marked {mark.get('mark', '[sic]')}: “{mark['phrase']}”. {mark.get('explanation', '')}".strip())
    for expansion in settings.get("note_expansions", []):
        sub(items, "item", f"Supplied after “{expansion['after']}” in notes {', '.join(map(str, expansion['notes']))}: "
                           f"{expansion['text']}. {expansion.get('explanation', '')}".strip())
    for addition in settings.get("note_additions", []):
        sub(items, "item", f"Added to note {addition['note']}: {addition['text']} {addition.get('explanation', '')}".strip())
    for detail in settings.get("details", []):
        if not detail["printed"]:
            sub(items, "item", f"Restored label: {detail['label']} (the scrape lost it).")
        if detail.get("addition"):
            sub(items, "item", f"Added to {detail['label']}: {detail['addition']}")
    if not len(items):
        sub(items, "item", "None: the text is transcribed without editorial decisions.")


def availability(publication, rights) -> None:
    """Whose the texts are, and the editors' work's licence (``licence``), or that none is chosen."""
    available = sub(publication, "availability", status="free" if rights.licence else "restricted")
    if rights.licence:
        sub(available, "licence", rights.editors, target=rights.url, n=rights.licence)
    else:
        sub(available, "p", rights.editors)
    sub(available, "p", rights.texts)


#: The citation trees (refsDecl/citeStructure, read by DTS tools): the site's citable units, with the
#: site's anchors as references (a note's xml:id "note7" is cited "fn:7", as on the page), in
#: document order; and, where the source printed pages, its pages. The DTS API serves the same trees.
UNITS = ("units", "/TEI/text/body//*[self::p or self::cit or self::note[@place='foot']][@xml:id]",
         "(if (self::note) then replace(@xml:id, 'note', 'fn:') else string(@xml:id))", "passage")
PAGES = ("pages", "/TEI/text/body//pb[@n]", "@n", "page")


def citation_trees(root) -> None:
    """The refsDecls of the written document ``root``: its units, and its printed pages if it has any."""
    encoding = root.find(f"{TEI}teiHeader/{TEI}encodingDesc")
    pages = next(root.iter(f"{TEI}pb"), None) is not None
    for n, match, use, unit in (UNITS, PAGES) if pages else (UNITS,):
        refs = sub(encoding, "refsDecl", n=n, default="true" if n == "units" else "")
        sub(refs, "citeStructure", match=match, use=use, unit=unit)


def header(documents: list, context: Context):
    """fileDesc (title, attribution, edition, publication, source) and encodingDesc (conventions, decisions)."""
    editorial, edition = context.editorial, context.edition
    root = etree.Element(TEI + "teiHeader")
    file_desc = sub(root, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", documents[0].title if documents else editorial.title)
    if editorial.settings.get("reviewer"):
        sub(title_stmt, "author", editorial.settings["reviewer"], resp="#editors", cert="high")
    elif editorial.settings.get("byline"):
        sub(title_stmt, "author", editorial.settings["byline"])
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "Transcription, encoding and editorial decisions")
    sub(resp, "orgName", f"The editors of {edition.name}", xml_id="editors")
    edition_stmt = sub(file_desc, "editionStmt")
    sub(edition_stmt, "edition", f"{edition.name}, version {edition.version or 'not known'}", n=edition.version)
    if edition.date:
        sub(edition_stmt[-1], "date", edition.date, when=edition.date)
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", edition.name)
    address = edition.page_url(documents[0].page) if documents and edition.url else ""
    if address:
        sub(publication, "idno", address, type="URL")
    else:
        sub(sub(publication, "availability", status="unknown"), "p",
            "Address not known: the edition has no published address configured.")
    if context.rights is not None:
        availability(publication, context.rights)
    source_desc = sub(file_desc, "sourceDesc")
    if context.work and context.work in context.works:
        bibl(source_desc, context.works[context.work])
    received = sub(source_desc, "bibl", type="file")
    sub(received, "title", f"sources/{editorial.source}")
    sub(received, "idno", context.sha256 or "not recorded", type="SHA-256")
    sub(received, "note", "The file as received, never edited: the text of this document is transcribed from it.")
    dropped = [item for doc in documents for item in doc.data.get("dropped", [])]
    if dropped:
        furniture = sub(source_desc, "list", type="dropped")
        sub(furniture, "head", "Site furniture of the source, dropped from the text")
        for item in dropped:
            sub(furniture, "item", item.text, n=f"line {item.line}")
    encoding = sub(root, "encodingDesc")
    declaration = sub(encoding, "editorialDecl")
    for convention in context.conventions:
        sub(declaration, "p", convention)
    decisions(declaration, editorial)
    if getattr(edition, "history", None) and (edition.history.releases or edition.history.draft):
        revisions(root, edition)
    return root


def change_items(parent, change, record: dict | None) -> None:
    """One release's changes, as the Changes page lists them (a passage by its address in that release)."""
    items = sub(parent, "list")
    for name, old, new in change.sources:
        sub(items, "item", f"Source sources/{name} " + ("added" if not old else "removed" if not new else "changed")
            + f": SHA-256 {new or old}" + (f" (was {old})" if old and new else ""))
    for name, value in change.added:
        sub(items, "item", f"Editorial decision added, {name}: {decision_text(value)}")
    for name, old, new in change.changed:
        sub(items, "item", f"Editorial decision changed, {name}: {decision_text(new)} (was {decision_text(old)})")
    for name, old in change.removed:
        sub(items, "item", f"Editorial decision removed, {name}: {decision_text(old)}")
    for kind, places in (("Words changed", change.passages), ("New passage", change.new_passages)):
        for place in places:
            item = sub(items, "item", f"{kind}: /{place}")
            if record:
                sub(item, "ref", "in this release", target=f"{record['address']}{record['version']}/{place}")
    for old, new in change.retired:
        sub(items, "item", f"Anchor /{old} retired" + (f": it went to /{new}" if new else ""))
    if not len(items):
        parent.remove(items)


def revisions(root, edition) -> None:
    """revisionDesc: each release (newest first) with what changed in it; a draft's unreleased changes."""
    history = edition.history
    desc = sub(root, "revisionDesc")
    if history.draft:
        draft = sub(desc, "change", status="draft", when=edition.date or None)
        sub(draft, "p", f"Not yet released (draft after {history.latest}, commit {edition.version or 'not known'}).")
        change_items(draft, history.draft, None)
    for record, change in reversed(history.releases):
        item = sub(desc, "change", n=record["version"], when=record["date"], status="published")
        sub(item, "p", f"Version {record['version']}" + (f": {record['summary']}" if record.get("summary") else "")
            + (" (the first release)" if change.before is None else ""))
        if change.before is not None:
            change_items(item, change, record)
        else:
            sources = type(change)(None, change.after, sources=change.sources)
            change_items(item, sources, record)
