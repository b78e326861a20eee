"""How the fuzzer judges a case: converted whole and carried through every output, or refused with FILE:LINE.

A case runs in the folder of a copy of the project (the working folder, so that paths are the
editor's: ``sources/editorial.toml``). A conversion is judged by the words its pages keep; an
edition that converts is then made as the build makes it, but for the engine: the pages, the
records and the register's pages, every download (read back by the libraries that read them) and
the TEI (valid against tei_all); a heavy case also makes the PDFs, the EPUBs (EPUBCheck), the data
package and the DTS API, and reads them back.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
import traceback
import zipfile
from pathlib import Path

from fuzz_words import kept_every_word

MESSAGE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<what>\S.*)$")


def crashed() -> tuple[str, str]:
    return "traceback", "".join(traceback.format_exc().strip().splitlines()[-3:])[-500:]


def check_message(stderr: str, cwd: Path) -> str:
    """'' when stderr is one line FILE:LINE: message, naming a file of the project as the editor knows it
    (relative to the project, not a scratch folder's or an absolute path) and a line that file has."""
    lines = stderr.strip().splitlines()
    if len(lines) != 1 or not (m := MESSAGE.match(lines[0])):
        return f"not one FILE:LINE: line: {stderr.strip()[-300:]!r}"
    if Path(m["file"]).is_absolute() or ".build-" in m["file"] or ".." in Path(m["file"]).parts:
        return f"names a path the editor does not know: {lines[0]!r}"
    path = cwd / m["file"]
    if not path.is_file():
        return f"names no file that exists: {lines[0]!r}"
    count = len(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"))
    if not 1 <= int(m["line"]) <= count:
        return f"line {m['line']} of a file of {count} lines: {lines[0]!r}"
    return ""


def refusal(message: str) -> tuple[str, str]:
    problem = check_message(message, Path.cwd())
    return ("bad message", problem) if problem else ("refused", message.strip())


def convert(section_or_kind: str, source: Path, out: Path, md, to: str = "markdown") -> tuple[str, str]:
    """One run of ``edition convert`` from the case's folder, judged: (outcome, detail)."""
    from edition import __main__ as cli
    from edition.pages import load_decisions, read
    editorial = Path("sources/editorial.toml")
    stderr, stdout = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
            status = cli.main(["convert", section_or_kind, str(source), "--out", str(out), "--editorial", str(editorial),
                               "--to", to])
    except BaseException:   # noqa: BLE001 - anything but a clean refusal is what is looked for
        return crashed()
    written = sorted(out.rglob("*.md" if to == "markdown" else "*.xml"))
    if status == 2:
        if any(out.rglob("*")):
            return "wrote on refusal", str(list(out.rglob("*"))[:3])
        return refusal(stderr.getvalue())
    if status != 0:
        return "exit status", f"{status}: {stderr.getvalue().strip()[-300:]}"
    if to != "markdown":
        return ("converted", f"{len(written)} TEI documents") if written else ("invalid output", "no TEI written")
    decisions = load_decisions(editorial)
    reader = decisions[section_or_kind].reader if section_or_kind in decisions else section_or_kind
    dropped = {item.line for doc in read(source, decisions.section_for(reader, source))
               for item in doc.data.get("dropped", [])}
    lost = kept_every_word(source.read_bytes().decode("utf-8-sig"), dropped,
                           [p.read_text(encoding="utf-8") for p in written], md)
    return ("lost words", lost) if lost else ("converted", f"{len(written)} pages")


def registry(path: Path, site: Path) -> tuple[str, str]:
    """The anchor registry checked against a built site and extended, as a build does."""
    from edition.build.anchors import check_anchors, update_registry
    from edition.errors import SourceError
    updated = path.with_name("anchors-updated.json")
    try:
        check_anchors(site, path)
        shutil.copyfile(path, updated)
        update_registry(site, updated)
    except SourceError as err:
        return refusal(str(err))
    except BaseException:   # noqa: BLE001
        return crashed()
    before, after = (json.loads(p.read_bytes().decode("utf-8-sig")) for p in (path, updated))
    for page, ids in before.get("published", {}).items():
        for ident, words in ids.items():
            if after["published"].get(page, {}).get(ident) != words:
                return "lost words", f"{page}#{ident} not kept by the update"
    return "converted", "registry checked and extended"


def record_checksum(case: Path, name: str) -> None:
    """A mutated text taken in as the edition's own: its checksum recorded, as ./scripts/add does."""
    data = (case / "sources" / name).read_bytes()
    sums = case / "sources" / "SHA256SUMS"
    lines = [line for line in sums.read_text(encoding="utf-8").splitlines() if not line.endswith("  " + name)]
    sums.write_text("\n".join(lines + [f"{hashlib.sha256(data).hexdigest()}  {name}"]) + "\n", encoding="utf-8")


def whole_edition(case: Path, heavy: bool) -> tuple[str, str]:
    """The edition made from the case's project as the build makes it, the engine left out."""
    from edition.build.site_build import BuildFailed, site_files
    from edition.errors import SourceError
    from edition.writers.tei_schema import InvalidTEI
    try:
        pages, built, _ = site_files(case, printed=heavy)
    except (InvalidTEI, BuildFailed) as err:
        return "invalid output", str(err)[:500]
    except SourceError as err:
        # EPUBCheck's refusal names the text the EPUB is made of: a fault of the writer, not of the input
        return ("invalid output", str(err)[:500]) if err.message.startswith("EPUBCheck") else refusal(str(err))
    except BaseException:   # noqa: BLE001
        return crashed()
    problem = read_back(built)
    return ("invalid output", problem) if problem else ("converted", f"{len(pages)} pages and {len(built)} files")


def read_back(files: dict) -> str:
    """'' when each file the build adds reads back with the library that reads its kind; else what is wrong."""
    import pikepdf
    import rispy
    from lxml import etree
    from pybtex.database.input.bibtex import Parser as BibTeXParser
    for name, content in sorted(files.items()):
        suffix = Path(name).suffix
        try:
            if suffix == ".bib":
                assert BibTeXParser().parse_string(content).entries, "no entry"
            elif suffix == ".ris":
                assert rispy.loads(content), "no record"
            elif suffix in (".json", ".jsonld"):
                json.loads(content)
            elif suffix == ".xml":
                etree.fromstring(content.encode("utf-8") if isinstance(content, str) else content)
            elif suffix == ".pdf":
                with pikepdf.open(io.BytesIO(content)) as pdf:
                    assert len(pdf.pages), "no page"
            elif suffix in (".epub", ".zip"):
                with zipfile.ZipFile(io.BytesIO(content)) as archive:
                    assert archive.testzip() is None, "a damaged member"
        except Exception as err:   # noqa: BLE001 - a download its reader cannot read is what is looked for
            return f"{name} does not read back: {type(err).__name__}: {str(err)[:200]}"
    return ""
