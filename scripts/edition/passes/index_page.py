"""Makes the Index page: persons, places and organisations by heading, each with what the texts say of
it and a link to every place that names it; the works the texts name, pointing into the Bibliography."""
from __future__ import annotations

import unicodedata

from ..citations.citations import plain
from ..errors import SourceError
from ..model import Cite, Document, Editorial, Heading, Link, Paragraph, Place, Sic, Text, Title
from ..register.names_schema import AUTHORITIES, KINDS
from ..site_nodes import Formatted
from .mentions import mentions_in, passages
from .previews import heading_inlines, known_as, printed_forms

#: The Index's section of works (after the register's kinds), by anchor and title.
#: An entry's kind as a schema.org type.
SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}
WORKS = ("works", "Works")


def work_keys(inlines) -> list[str]:
    """The works a run of the authors' words names: its titles and citations (not the editors' additions)."""
    keys = []
    for node in inlines:
        if isinstance(node, (Title, Cite)) and node.key:
            keys.append(node.key)
        if isinstance(node, Sic):
            keys += work_keys(node.children)
    return keys


def named_places(documents: list[Document], labels: dict[str, str]) -> tuple[dict, dict]:
    """Entry id -> [(passage, form)] and work key -> [(passage, "")]: where the texts name each, in
    their order, each place once."""
    entries: dict[str, list] = {}
    works: dict[str, list] = {}

    def add(found: dict, key: str, passage, form: str) -> None:
        if all(p.place != passage.place for p, _ in found.setdefault(key, [])):
            found[key].append((passage, form))

    for doc in documents:
        for passage in passages(doc, labels):
            for mention in mentions_in(passage.inlines):
                add(entries, mention.entry, passage, "".join(getattr(c, "value", "") for c in mention.children))
            for key in work_keys(passage.inlines):
                add(works, key, passage, "")
    return entries, works


def located(places: list) -> list:
    """ "Review ¶ 7, ¶ 11, n. 2; Book praise 4, “Publication details”": each place a link, by text."""
    out, text = [], None
    for passage, _ in places:
        if passage.text != text:
            out += ([Text("; ")] if text is not None else []) + [Text(passage.text + " ")]
            text = passage.text
        else:
            out.append(Text(", "))
        # a section by its heading, quoted: its words ("Read more") are the source's, not the link's
        locator = passage.locator if passage.numbered else f"“{passage.locator}”" if passage.locator else "the page"
        out.append(Link((Text(locator),), passage.place, role="backlink"))
    return out


def sort_key(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in letters if c.isalnum() or c == " ").strip()


def entry_blocks(entry, places: list, described, no_authority: str = "") -> list:
    """An entry's heading, then what the texts say of it (with where), its other forms, its authority
    identifiers (each the editors' identification, with its reason and the reference that confirms it;
    ``no_authority`` said where none is confirmed), and where the texts name it."""
    heading = Heading(3, [*heading_inlines(entry), *known_as(entry)], anchor=entry.id, editorial=True)
    about = []
    if entry.description:
        passage = described(entry.at)
        where = Link((Text(passage.label),), passage.place) if passage else Text(entry.at)
        about += [Text(f"“{entry.description}” ("), where, Text("). ")]
    printed = printed_forms(entry)
    if printed:
        about += [Text("Printed as "), *printed, Text(". ")]
    if entry.known_as:
        about += [Text("Also known as"), *known_as(entry, explained=True), Text(". ")]
    for key, authority in entry.authorities.items():
        name, _, address = AUTHORITIES[key]
        why = f"The editors' identification. {authority.reason} Confirmed by: {authority.reference}.".replace("  ", " ")
        about += [Editorial(f"[{name}:", why), Text(" "), Link((Text(authority.id),), address.format(authority.id), role="url"),
                  Editorial("]"), Text(". ")]
    if not entry.authorities and no_authority:
        about += [Editorial(f"[{no_authority}]"), Text(" ")]
    return [heading, Paragraph([*about, Text("Named in: "), *located(places)], role="index")]


def index_document(register, documents: list[Document], labels: dict[str, str], settings: dict,
                   bibliography, works: dict, reserved: set) -> Document:
    """The Index page (``settings``: page, title, description, intro, authorities_intro, no_authority, works_intro,
    json, bibliography: the Bibliography's page; ``reserved``: ids an entry may not take, as they name something else)."""
    for entry in register.entries:
        if entry.id in reserved or entry.id in {title.lower() for title, *_ in KINDS.values()} | {WORKS[0]}:
            raise SourceError(register.file, entry.line, f"[{entry.id}]: the id is taken (by a section of the "
                                                         f"Index or a key of references.bib): choose another")
    entries, named_works = named_places(documents, labels)
    by_label = {p.label.casefold(): p for doc in documents for p in passages(doc, labels)}
    doc = Document(source=f"sources/{register.file.name}", title=settings["title"], page=settings["page"])
    doc.meta = {"title": settings["title"], "description": settings.get("description", "")}
    doc.printed = False      # its links are to the site's names and places
    # JSON-LD (merged with the page's schema.org type by the metadata pass): each identified entry, sameAs its item
    doc.meta["schema"] = {"mentions": [
        {"@type": SCHEMA_TYPES[e.kind], "name": e.heading, "identifier": e.id,
         "sameAs": [AUTHORITIES[key][2].format(a.id) for key, a in e.authorities.items()]}
        for e in register.entries if e.authorities]}
    doc.blocks.append(Heading(1, [Text(settings["title"])]))
    for intro in (settings.get("intro"), settings.get("authorities_intro")):
        if intro:
            doc.blocks.append(Paragraph([Text(intro)], role="apparatus"))
    sections = [(kind, title) for kind, (title, *_) in KINDS.items() if any(e.kind == kind for e in register.entries)]
    contents = []
    for n, (anchor, title) in enumerate([*((t.lower(), t) for _, t in sections), *([WORKS] if named_works else [])]):
        contents += ([Text(" · ")] if n else []) + [Link((Text(title),), Place(kind="anchor", at=anchor))]
    contents += [Text(" · Download: "), Link((Text("the register as JSON"),), Place(settings["json"]), role="download")]
    doc.blocks.append(Paragraph(contents, role="apparatus"))
    for kind, title in sections:
        doc.blocks.append(Heading(2, [Text(title)], anchor=title.lower(), editorial=True))
        for entry in sorted((e for e in register.entries if e.kind == kind), key=lambda e: sort_key(e.heading)):
            doc.blocks += entry_blocks(entry, entries.get(entry.id, []),
                                       lambda at: by_label.get(" ".join(at.split()).casefold()), settings.get("no_authority", ""))
    if named_works:
        doc.blocks.append(Heading(2, [Text(WORKS[1])], anchor=WORKS[0], editorial=True))
        if settings.get("works_intro"):
            doc.blocks.append(Paragraph([Text(settings["works_intro"])], role="apparatus"))
        _, formatted = bibliography.format([works[key] for key in named_works])
        for key in sorted(named_works, key=lambda k: sort_key(plain(formatted[k]))):
            doc.blocks.append(Paragraph([Link((Formatted(formatted[key]),), Place(settings["bibliography"], "entry", key)),
                                         Text(" Named in: "), *located(named_works[key])], role="index"))
    return doc
