"""The series page: every review of the edition, one entry each, so that no page's navigation has to list them."""
from __future__ import annotations

from ..model import Document, Heading, Link, Paragraph, Place, Text


def entry_id(page: str) -> str:
    """A review's entry on the series page, by its page: "review-gordin.md" -> "text-review-gordin"."""
    return "text-" + page.rsplit("/", 1)[-1].removesuffix(".md")


def series_document(decisions, documents: list) -> Document | None:
    """The page [series] in the editorial file names, listing the reviews in the file's order, each
    with its reviewer as the editors attribute it (or as not known); none without that section."""
    settings = decisions.sections.get("series")
    if not settings:
        return None
    doc = Document(source="sources/editorial.toml", title=settings["title"], page=settings["page"], printed=False)
    doc.meta = {"title": settings["title"], "description": settings.get("description", "")}
    doc.blocks.append(Heading(1, [Text(settings["title"])]))
    if settings.get("introduction"):
        doc.blocks.append(Paragraph([Text(settings["introduction"])], role="apparatus"))
    made = {d.page for d in documents}
    for editorial in decisions.values():
        if editorial.reader != "review" or editorial.page not in made:
            continue
        reviewer = editorial.settings.get("reviewer") or editorial.settings.get("reviewer_unknown", "")
        doc.blocks.append(Paragraph([Link((Text(editorial.title),), Place(page=editorial.page)),
                                     Text(f". {editorial.settings.get('byline_label', '')}{reviewer}")],
                                    anchor=entry_id(editorial.page)))
    return doc
