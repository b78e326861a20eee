"""The CSL-JSON record of every citable thing: the works of references.bib, each page, the edition."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..errors import SourceError
from ..settings import site_settings
from .exports import CATALOGUE_TITLE
from .record_checks import check, protected
from .tex_text import NOCASE

@dataclass
class Edition:
    """The edition as published: its name, address (empty when none is configured), version and date."""
    name: str
    url: str = ""                          # site_url, ending in "/", or "" when not configured
    version: str = ""                      # the commit the build is made from
    date: str = ""                         # that commit's date, YYYY-MM-DD
    editors: list = field(default_factory=list)   # CSL names; none unless configured
    modified: dict = field(default_factory=dict)  # page -> date of the last commit that changed it
    release: str = ""                      # the release this build is ("1.1"), or "" for the unreleased text
    latest: str = ""                       # the newest release recorded: a draft is "draft after" it
    root: str = ""                         # the address every release is published under (…/1.1/ is one)
    history: object = None                 # releases.History: the releases and what changed in each

    @property
    def title(self) -> str:
        """The edition's name as a CSL title: as written, which no style may recase."""
        return NOCASE.format(self.name)

    @property
    def status(self) -> str:
        """What the reader is looking at: "version 1.1", or "draft after 1.1" (a draft before any release)."""
        if self.release:
            return f"version {self.release}"
        return f"draft after {self.latest}" if self.latest else "draft, not yet released"

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


def git(root: Path, *args: str) -> list[str]:
    """The words git prints for ``args`` in ``root``; [] outside git or when git fails."""
    if not (root / ".git").exists():
        return []
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                              timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return []


def pdf_path(page: str) -> str:
    """Where a page's PDF goes under docs/ (and so on the site): review.md -> pdf/review.pdf."""
    return f"pdf/{page_id(page)}.pdf"


def epub_path(page: str) -> str:
    """Where a page's EPUB goes under docs/ (and so on the site): review.md -> epub/review.epub."""
    return f"epub/{page_id(page)}.epub"


def from_git(root: Path) -> dict:
    """The version (short commit) and date of the commit the build is made from; {} outside git."""
    out = git(root, "log", "-1", "--format=%h %cs")
    return {"version": out[0], "date": out[1]} if len(out) == 2 else {}


def last_changed(root: Path, pages) -> dict[str, str]:
    """The date of the last commit that changed each page under docs/ (pages never committed left out)."""
    dates = {page: git(root, "log", "-1", "--format=%cs", "--", f"docs/{page}") for page in pages}
    return {page: out[0] for page, out in dates.items() if out}


def csl_date(iso: str) -> dict:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def works(bibliography, settings: dict, file: Path, line_of) -> dict[str, dict]:
    """references.bib's entries as records, with the fields the editors add (``[records.KEY]``):
    ``reviewed = KEY`` makes a review name the reviewed work's title and author; with ``untitled =
    true`` the review has no title of its own, so it is cited by the work it reviews ("review of
    *Title*, by Author") and its .bib title is its catalogue title."""
    out = {}
    for key, record in bibliography.records.items():
        record = dict(record)
        extra = dict(settings.get(key, {}))
        reviewed, untitled = extra.pop("reviewed", None), extra.pop("untitled", False)
        if reviewed:
            if reviewed not in bibliography.records:
                raise SourceError(file, line_of(f'"{reviewed}"'), f"reviews {reviewed!r}, which {bibliography.file.name} does not have")
            target = bibliography.records[reviewed]
            record["reviewed-author"] = target.get("author", [])
            if untitled:
                if "title" not in record:
                    raise SourceError(bibliography.file, bibliography.line_of(f'"{key}"'), f"record {key!r} is untitled "
                                      "(untitled = true) but has no catalogue title ('[Review of] Author, Title') to file it by")
                record[CATALOGUE_TITLE] = record.pop("title")
                record.pop("title-short", None)
                record.update({k: target[k] for k in ("title", "title-short") if k in target})
            else:
                record["reviewed-title"] = target["title"]
        elif untitled:
            raise SourceError(file, line_of(f"[records.{key}]"), f"{key!r} is untitled but reviews nothing (reviewed = KEY)")
        record.update(extra)
        where = (file, line_of(f"[records.{key}]")) if "type" in extra else (bibliography.file, bibliography.line_of(f'"{key}"'))
        out[key] = check(record, *where)
    return out


def page_record(page: str, settings: dict, works_by_key: dict, edition: Edition, file: Path, line: int | None) -> dict:
    """The record of a page: the work it presents (``work = KEY``), at the page's address, or a web
    page of the edition (``title``), with the edition's version and the date the page last changed."""
    url = edition.page_url(page)
    if settings.get("work"):
        if settings["work"] not in works_by_key:
            raise SourceError(file, line, f"cites {settings['work']!r}, which references.bib does not have")
        record = {**works_by_key[settings["work"]], "id": page_id(page)}
        if edition.release:      # the work as this release presents it (Chicago names it as a database)
            record["archive"] = f"{edition.name}, version {edition.release}"
    else:
        record = {"id": page_id(page), "type": "webpage", "title": protected(settings.get("title", "")),
                  "container-title": edition.title, "language": "en"}
        versioned(record, edition, edition.modified.get(page, edition.date))
    if url:
        record["URL"] = url
    return check(record, file, line)


def versioned(record: dict, edition: Edition, modified: str) -> None:
    """A web page of the edition: its editors (if configured), the version it is cited at, and when
    it was last modified (Chicago 14.104), not a date of publication."""
    if edition.editors:
        record["editor"] = edition.editors
    if edition.version:
        record["version"] = edition.version
    if modified:
        record.update({"issued": csl_date(modified), "status": "last modified"})


def edition_record(edition: Edition, file: Path = config.EDITORIAL_FILE, line: int | None = None) -> dict:
    """The edition itself: its name as written, editors (if configured), version, date and address."""
    record = {"id": "edition", "type": "webpage", "title": edition.title, "language": "en"}
    versioned(record, edition, edition.date)
    if edition.url:
        record["URL"] = edition.url
    return check(record, file, line)


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


def edition_of(root: Path, site_url: str | None, decisions, release: dict | None = None, latest: dict | None = None) -> Edition:
    """The edition as mkdocs.yml, the editorial file and git describe it (``site_url`` overrides);
    as ``release`` records it (releases/VERSION.json: version, date, address) for a release's own
    build, at that version's address; a draft knows the ``latest`` release."""
    settings = site_settings(root / "mkdocs.yml")
    url = settings["site_url"] if site_url is None else site_url
    url = url if not url or url.endswith("/") else url + "/"
    editors = decisions.sections.get("citations", {}).get("editors", [])
    pages = decisions.sections.get("cite", {})
    edition = Edition(settings["site_name"], url, editors=editors, modified=last_changed(root, pages), **from_git(root))
    if release:
        edition.release = edition.latest = edition.version = release["version"]
        edition.date, edition.root = release["date"], release["address"]
        edition.url = edition.root + release["version"] + "/"
    elif latest:
        edition.latest, edition.root = latest["version"], latest["address"]
    return edition
