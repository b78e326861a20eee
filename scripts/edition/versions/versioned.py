"""The edition as a build sees it: the unreleased text (a draft after the latest release) or one recorded release."""
from __future__ import annotations

from pathlib import Path

from . import releases
from ..errors import SourceError
from ..citations.records import Edition, edition_of


def edition_at(root: Path, site_url: str | None, decisions, edited, release: str = "") -> Edition:
    """The edition as a draft after the latest release, or as the recorded ``release``, with its history."""
    recorded = releases.recorded(root)
    record = next((r for r in recorded if r["version"] == release), None)
    if release and not record:
        raise SourceError(releases.record_file(root, release), None, f"release {release} is not recorded")
    if record and releases.held(root, edited.documents) != record["held"]:
        raise SourceError(releases.record_file(root, release), None, f"this working tree does not hold release {release} "
                          f"(its sources, decisions or passages differ): build it from its tag, v{release}")
    edition = edition_of(root, site_url, decisions, record, recorded[-1] if recorded else None)
    edition.history = releases.history(root, edited.documents, release)
    return edition


def version_note(edition: Edition) -> dict:
    """What each page says of its version (overrides/main.html): which one, of when, where the latest is."""
    return {"status": edition.status, "release": edition.release, "date": edition.date, "commit": edition.version,
            "url": edition.url,
            "latest": edition.root + releases.LATEST + "/" if edition.root else "", "changes": "changes.md"}
