"""The CSL-JSON record of every citable thing: the works of references.bib, each page, the edition."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .errors import SourceError

#: What a record must have to be cited: a title, and someone responsible for it, except a web page
#: of the edition (the edition names no editors, and none are invented).
REQUIRED_CREATORS = ("author", "editor")


@dataclass
class Edition:
    """The edition as published: its name, address (empty when none is configured), version and date."""
    name: str
    url: str = ""                          # site_url, ending in "/", or "" when not configured
    version: str = ""                      # the commit the build is made from
    date: str = ""                         # that commit's date, YYYY-MM-DD
    editors: list = field(default_factory=list)   # CSL names; none unless configured

    def page_url(self, page: str) -> str:
        """The published address of a page under docs/ ("review.md"), or "" without site_url."""
        return self.url + page_path(page) if self.url else ""


def page_path(page: str) -> str:
    """A page's path under the site's root, with directory addresses: review.md -> review/."""
    path = page[:-3] if page.endswith(".md") else page
    return "" if path == "index" else path.removesuffix("/index") + "/"


def tei_path(source: str) -> str:
    """Where a source's TEI document goes under docs/ (and so on the site): sources/x.txt -> tei/x.xml."""
    return f"tei/{Path(source).stem}.xml"


def from_git(root: Path) -> dict:
    """The version (short commit) and date of the commit the build is made from; {} outside git."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %cs"], capture_output=True,
                             text=True, check=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return {}
    if len(out) != 2 or not (root / ".git").exists():
        return {}
    return {"version": out[0], "date": out[1]}


def csl_date(iso: str) -> dict:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def check(record: dict, where: Path, line: int | None) -> dict:
    """Refuse a record that cannot be cited: no title, or nobody responsible for a work."""
    if not record.get("title"):
        raise SourceError(where, line, f"record {record.get('id')!r} has no title")
    if record.get("type") != "webpage" and not any(record.get(k) for k in REQUIRED_CREATORS):
        raise SourceError(where, line, f"record {record.get('id')!r} has no author or editor")
    return record


def works(bibliography, settings: dict, file: Path, line_of) -> dict[str, dict]:
    """references.bib's entries as records, with the fields the editors add (``[records.KEY]``):
    ``reviewed = KEY`` makes a review name the reviewed work's title and author."""
    out = {}
    for key, record in bibliography.records.items():
        record = dict(record)
        extra = dict(settings.get(key, {}))
        reviewed = extra.pop("reviewed", None)
        if reviewed:
            if reviewed not in bibliography.records:
                raise SourceError(file, line_of(f'"{reviewed}"'), f"reviews {reviewed!r}, which {bibliography.file.name} does not have")
            target = bibliography.records[reviewed]
            record["reviewed-title"] = target["title"]
            record["reviewed-author"] = target.get("author", [])
        record.update(extra)
        out[key] = check(record, bibliography.file, bibliography.line_of(f'"{key}"'))
    return out


def page_record(page: str, settings: dict, works_by_key: dict, edition: Edition, file: Path, line: int | None) -> dict:
    """The record of a page: the work it presents (``work = KEY``), at the page's address, or a web
    page of the edition (``title``), dated by the edition's version."""
    url = edition.page_url(page)
    if settings.get("work"):
        if settings["work"] not in works_by_key:
            raise SourceError(file, line, f"cites {settings['work']!r}, which references.bib does not have")
        record = {**works_by_key[settings["work"]], "id": page_id(page)}
    else:
        record = {"id": page_id(page), "type": "webpage", "title": settings.get("title", ""),
                  "container-title": edition.name, "language": "en"}
        if edition.editors:
            record["editor"] = edition.editors
        if edition.date:
            record["issued"] = csl_date(edition.date)
    if url:
        record["URL"] = url
    return check(record, file, line)


def edition_record(edition: Edition) -> dict:
    """The edition itself: its title, editors (if configured), version, date and address."""
    record = {"id": "edition", "type": "webpage", "title": edition.name, "language": "en"}
    if edition.editors:
        record["editor"] = edition.editors
    if edition.version:
        record["version"] = edition.version
    if edition.date:
        record["issued"] = csl_date(edition.date)
    if edition.url:
        record["URL"] = edition.url
    return record


def page_id(page: str) -> str:
    """A page's record id, also its download's file name: review.md -> review."""
    return page_path(page).strip("/") or "edition"


def at(record: dict, anchor: str, n: int) -> dict:
    """The record of one place of a page (its address with the anchor), under its own id, so that
    citeproc gives each place a full citation rather than a shortened subsequent one."""
    placed = {**record, "id": f"{record['id']}-at-{n}"}
    if record.get("URL"):
        placed["URL"] = f"{record['URL']}#{anchor}"
    return placed


def edition_of(root: Path, site_url: str | None, decisions) -> Edition:
    """The edition as mkdocs.yml, the editorial file and git describe it (``site_url`` overrides)."""
    settings = config.site_settings(root / "mkdocs.yml")
    url = settings["site_url"] if site_url is None else site_url
    url = url if not url or url.endswith("/") else url + "/"
    editors = decisions.sections.get("citations", {}).get("editors", [])
    return Edition(settings["site_name"], url, editors=editors, **from_git(root))
