"""Makes the Changes page: for each release, what changed in its sources, decisions, passages and anchors."""
from __future__ import annotations

from ..model import BulletList, Document, Heading, Link, Paragraph, Place, Text
from ..citations.records import page_path
from ..versions.releases import Changes, History, decision_text

PAGE = "changes.md"
#: What the page says before the releases; it is generated, so it says where from.
INTRO = ("Each release of the edition stays at its own address, unchanged, beside the others; "
         "the latest is also at “latest”. This page lists what each release changed: the sources "
         "(with their SHA-256 checksums), the editorial decisions (from sources/editorial.toml), the "
         "passages whose words changed (linked in both releases) and the anchors retired. It is made "
         "from the records in releases/; nothing here is written by hand but a release's one-line summary.")


def heading_id(version: str) -> str:
    return "v" + version.replace(".", "-")


def address(record: dict | None, place: str) -> str:
    """A place ("review/#p12") in a release, at that release's own address."""
    return f"{record['address']}{record['version']}/{place}" if record else ""


def place_link(label: str, record: dict | None, place: str, pages: dict) -> Link:
    """A link to a place in a release, or in this very build (``record`` None: the unreleased text)."""
    if record:
        return Link((Text(label),), address(record, place))
    page, _, anchor = place.partition("#")
    return Link((Text(label),), Place(pages.get(page, ""), "anchor", anchor))


def short(sha: str | None) -> str:
    return sha or "none"


def items(change: Changes, before: dict | None, after: dict | None, pages: dict) -> list:
    """The blocks that say one release's changes (``after`` None: the unreleased text)."""
    blocks = []

    def section(title: str, entries: list) -> None:
        if entries:
            blocks.extend([Paragraph([Text(title)], role="kicker"), BulletList(entries)])

    section("Sources", [[Text(f"sources/{name}: " + ("added" if not old else "removed" if not new else "changed")
                              + f", SHA-256 {short(new or old)}" + (f" (was {old})" if old and new else ""))]
                        for name, old, new in change.sources])
    section("Editorial decisions",
            [[Text(f"Added {name}: {decision_text(value)}")] for name, value in change.added]
            + [[Text(f"Changed {name}: {decision_text(new)} (was {decision_text(old)})")] for name, old, new in change.changed]
            + [[Text(f"Removed {name}: {decision_text(old)}")] for name, old in change.removed])
    label = change.after or "this draft"
    section("Passages whose words changed",
            [[Text(f"/{place}: "), place_link(change.before, before, place, pages), Text(" and "),
              place_link(label, after, place, pages)] for place in change.passages])
    section("New passages", [[Text(f"/{place}: "), place_link(label, after, place, pages)] for place in change.new_passages])
    section("Anchors retired", [[Text(f"/{old} went to /{new}" if new else f"/{old}, retired")] for old, new in change.retired])
    if not blocks:
        blocks.append(Paragraph([Text("No change to the sources, the editorial decisions or the passages.")]))
    return blocks


def changes_document(history: History, documents: list) -> Document:
    """The page, newest release first; before them, in a draft, what the unreleased text changes."""
    pages = {page_path(doc.page): doc.page for doc in documents if doc.page and not doc.base}
    doc = Document(source="sources/SHA256SUMS, sources/editorial.toml, sources/anchors.json and the release records (releases/)",
                   title="Changes", page=PAGE, meta={"title": "Changes", "description": "What each release of the edition changed."})
    doc.blocks.append(Heading(1, [Text("Changes")]))
    doc.blocks.append(Paragraph([Text(INTRO)]))
    records = {record["version"]: record for record, _ in history.releases}
    if history.draft:
        doc.blocks.append(Paragraph([Text(f"Not yet released (draft after {history.latest})")], role="kicker"))
        doc.blocks.extend(items(history.draft, records[history.latest], None, pages))
    if not history.releases:
        doc.blocks.append(Paragraph([Text("No release yet: the text here is a draft. ./scripts/release VERSION "
                                          "publishes the first.")]))
    for record, change in reversed(history.releases):
        doc.blocks.append(Heading(2, [Text(f"Version {record['version']}, {record['date']}")], anchor=heading_id(record["version"])))
        if record.get("summary"):
            doc.blocks.append(Paragraph([Text(record["summary"])]))
        if change.before is None:
            doc.blocks.append(Paragraph([Text(f"The first release: {len(record['held']['sources'])} sources, "
                                              f"{len(record['held']['decisions'])} editorial decisions, "
                                              f"{len(record['held']['passages'])} numbered passages.")]))
            doc.blocks.extend(items(change, None, record, pages)[:2])     # its sources, with their checksums
        else:
            doc.blocks.extend(items(change, records[change.before], record, pages))
    return doc
