"""Makes the About page's register: the sources with checksums, every editorial decision, dropped furniture."""
from __future__ import annotations

from pathlib import Path

from ..build import checksums
from ..model import BulletList, Document, Editorial, Heading, Link, Paragraph, Place, Table, Text, Title
from ..citations.records import tei_path
from .previews import IDENTIFIED
from .source_view import view_page


def titles(page) -> list:
    return [[Title((Text(t["phrase"]),), lang=t.get("lang"))] for t in page.titles]


def marks(page) -> list:
    return [[Text(f"“{m['phrase']}” — "), Editorial(m.get("mark", "[sic]")), Text(f" {m.get('explanation', '')}")]
            for m in page.sic]


def identifications(names) -> list:
    """The register of names' editorial decisions: each form the editors identify with an entry, and
    each name they add, with their reasons."""
    items = []
    for entry in names.entries if names else []:
        for form in (f for f in entry.forms if f.reason):
            items.append([Text(f"“{form.form}” identified with {entry.heading}: "), Editorial(IDENTIFIED),
                          Text(f" {form.reason}")])
        for name in entry.known_as:
            items.append([Text(f"{entry.heading}: "), Editorial(f"[{name.name}]"), Text(f" {name.reason}")])
    return items


def register(decisions: dict, sources_dir: Path, documents: list[Document], names=None) -> Document:
    """The register, with the furniture lines the readers dropped from each source (``doc.data["dropped"]``),
    and the editors' identifications in the register of names (``names``)."""
    dropped = {doc.source: doc.data["dropped"] for doc in documents if "dropped" in doc.data}
    record = checksums.record(sources_dir / "SHA256SUMS")
    doc = Document(source="sources/editorial.toml and sources/SHA256SUMS", title="Register", page="snippets/register.md",
                   base="about.md")     # included in About: its links are About's
    doc.blocks.append(Heading(2, [Text("The sources")], anchor="sources"))
    doc.blocks.append(Table(["Page", "Source file (as received, never edited)", "SHA-256", "Line by line", "Encoded"],
                            [[[Text(", ".join(filter(None, [p.page, p.settings.get("author_page")])))], [Text(f"sources/{p.source}")],
                              [Text(record.get(p.source, ("not recorded", 0))[0])],
                              [Link((Text("source view"),), Place(view_page(kind)))],
                              [Link((Text("TEI XML"),), Place(tei_path(p.source)), role="tei")]] for kind, p in decisions.items()]))
    doc.blocks.append(Heading(2, [Text("Editorial interventions")], anchor="editorial-interventions"))
    for kind, page in decisions.items():
        doc.blocks.append(Heading(3, [Text(f"{page.page} (from sources/{page.source})")]))
        items = []
        if page.settings.get("reviewer"):
            items.append([Text("Attribution: the reviewer is named "), Editorial(page.settings["reviewer"]),
                          Text(". " + page.settings.get("attribution", ""))])
        items += [[Text("Title set in italics: "), *t] for t in titles(page)]
        items += [[Text("Marked quirk: "), *m] for m in marks(page)]
        for field in page.settings.get("details", []):
            if not field["printed"]:
                items.append([Text("Restored label: "), Editorial(f"[{field['label']}]"),
                              Text(" (the scrape lost it)")])
            if field.get("addition"):
                items.append([Text(f"Addition to “{field['label']}”: "), Editorial(field["addition"])])
        doc.blocks.append(BulletList(items))
        if page.source_label in dropped:
            doc.blocks.append(Heading(3, [Text(f"Site furniture dropped from sources/{page.source}")],
                                      anchor="dropped"))
            doc.blocks.append(BulletList([[Text(f"line {i.line}: “{i.text}”")] for i in dropped[page.source_label]]))
    if identifications(names):
        doc.blocks.append(Heading(3, [Text(f"Names the editors identify or add (from sources/{names.file.name})")],
                                  anchor="identifications"))
        doc.blocks.append(BulletList(identifications(names)))
    return doc


#: Numbers as About's first sentence says them.
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def contents(decisions: dict) -> Document:
    """About's first sentence, counting the source texts the editorial file names (not a number written by hand)."""
    n = len({p.source for p in decisions.values()})
    doc = Document(source="sources/editorial.toml", title="Contents", page="snippets/contents.md", base="about.md")
    said = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"
    doc.blocks.append(Paragraph([Text(f"This edition turns {said} source text{'s' if n != 1 else ''} into a site "
                                      "that can be read, searched, printed and cited.")]))
    return doc
