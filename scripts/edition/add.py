"""./scripts/add KIND FILE: a new text into the edition, with its checksum, decisions, record and .bib entry, or nothing."""
from __future__ import annotations

import difflib
import hashlib
import shutil
import tempfile
from pathlib import Path

from .build import checksums
from . import config
from .add_entries import bib_entry, layout_of, plan, section, with_key_in_group
from .errors import SourceError, in_project_terms, shown, standing_for
from .build.files import write_atomically
from .pages import READERS, bibliography_of, cited_pages, edit, load_decisions, unlisted
from .passes.uncited import uncited
from .citations.records import Edition
from .source_text import decode, line_of, read_lines

#: The files of sources/ that adding a text changes, besides the text itself.
CHANGED = ("SHA256SUMS", "editorial.toml", "references.bib")


def received(file: Path) -> bytes:
    """FILE's bytes, refused unless it is a file of UTF-8 text (not empty, no NUL byte)."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise SourceError(file, None, f"cannot read the file ({err.strerror})") from None
    if b"\0" in data:
        raise SourceError(file, data[:data.index(b"\0")].count(b"\n") + 1, "not text: it holds a NUL byte (a binary file?)")
    decode(file, data)          # not UTF-8, or empty: FILE:LINE
    return data


def refuse_taken(p, file: Path, data: bytes, sources: Path, decisions, bibliography) -> None:
    """A text already in the edition, or a name or label another text has, changes nothing."""
    editorial = decisions.file
    digest = hashlib.sha256(data).hexdigest()
    for name, (recorded, line) in checksums.record(sources / "SHA256SUMS").items():
        if recorded == digest:
            raise SourceError(file, None, f"already in the edition as sources/{name} (SHA256SUMS:{line}): nothing written")
    if (sources / p.source).exists():
        raise SourceError(sources / p.source, None, "a source of that name is already in the edition: give --reviewer, --title or --label")
    cite = decisions.sections.get("cite", {})
    for what, taken in (("section", p.name in decisions or p.name in decisions.sections),
                        ("page", p.page in cite or any(e.page == p.page for e in decisions.values()))):
        if taken:
            raise SourceError(editorial, decisions.line_of(f"[{p.name}]") or decisions.line_of(p.page),
                              f"the {what} {p.name if what == 'section' else p.page!r} is already taken: give --label or --reviewer")
    for page, settings in cite.items():
        if settings.get("label", "").casefold() == p.label.casefold():
            raise SourceError(editorial, decisions.line_of(f'[cite."{page}"]'),
                              f"the label {p.label!r} is already taken by {page}: give another with --label")
    if p.key in bibliography.keys:
        raise SourceError(bibliography.file, bibliography.line_of(f'"{p.key}"'), f"the key {p.key!r} is already taken")


def additions(kind: str, file: Path, root: Path, reviewer: str = "", title: str = "", label: str = ""):
    """(plan, {file under sources/: its new content}) for FILE, every refusal raised before anything is written."""
    if kind not in READERS:
        raise SourceError(file, None, f"unknown kind {kind!r}: expected one of {', '.join(READERS)}")
    data = received(file)
    sources = root / "sources"
    decisions = load_decisions(sources / "editorial.toml")
    bibliography = bibliography_of(decisions, sources)
    p = plan(kind, reviewer.strip(), title.strip(), label.strip(), bibliography, decisions.sections.get("records", {}))
    if kind == "listing":
        p.reading = layout_of(decisions, kind, data.decode("utf-8"))
        p.unknown.append(("its layout", "read as the edition's other listing reads its scrape (section labels, details, "
                                        "furniture): check them"))
    refuse_taken(p, file, data, sources, decisions, bibliography)
    text = decisions.raw + ("\n" if not decisions.raw.endswith("\n") else "")
    if kind == "review":
        siblings = {k for k, r in decisions.sections.get("records", {}).items() if r.get("reviewed") == p.reviewed}
        groups = decisions.sections.get("bibliography", {}).get("groups", [])
        text = with_key_in_group(text, groups, siblings, p.key)
    sums = (sources / "SHA256SUMS").read_text(encoding="utf-8")
    files = {p.source: data, "SHA256SUMS": sums + f"{hashlib.sha256(data).hexdigest()}  {p.source}\n",
             "editorial.toml": text + section(p)}
    if kind == "review":
        bib = (sources / "references.bib").read_text(encoding="utf-8")
        files["references.bib"] = bib.rstrip("\n") + "\n" + bib_entry(p, file.name)
    return p, files


def tried(files: dict, file: Path, p, root: Path) -> tuple[list[str], list]:
    """The edition read whole with the new files in a scratch copy of sources/ (the text converted, every
    record checked); a refusal names FILE or the file of sources/ it is about. Returns the names no entry
    covers, and the places of the text that cite a work no entry is linked to."""
    sources = root / "sources"
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "sources"
        shutil.copytree(sources, trial)
        write_atomically(files, trial)
        with standing_for(trial, sources), standing_for(trial / p.source, file):
            decisions = load_decisions(trial / "editorial.toml")
            checksums.verify([d.source for d in decisions.values()], trial, trial / "SHA256SUMS")
            edited = edit(decisions, trial)
            cited_pages(decisions, edited, Edition("edition"))
            names = unlisted(decisions, trial, p.name, trial / p.source)
            labels = {page: s.get("label", page) for page, s in decisions.sections.get("cite", {}).items()}
            text = [doc for doc in edited.documents if doc.source == f"sources/{p.source}"]
            lines = {f"sources/{p.source}": [line.text for line in read_lines(trial / p.source)]}
            cited = uncited(text, labels, decisions, edited.bibliography, lines)
            return [in_project_terms(str(name)) for name in names], cited


def add(kind: str, file: Path, root: Path = config.ROOT, reviewer: str = "", title: str = "", label: str = "",
        dry_run: bool = False) -> list[str]:
    """Add FILE as a text of ``kind``: the lines to print (what was written, or would be, and what is left
    for the editor, each with FILE:LINE)."""
    file = Path(file)
    p, files = additions(kind, file, root, reviewer, title, label)
    names, cited = tried(files, file, p, root)
    sources = root / "sources"
    out = []
    if dry_run:
        out.append(f"would write {shown(sources / p.source)} (the text as received) and add to {', '.join(CHANGED)}:")
        old = {name: (sources / name).read_text(encoding="utf-8") for name in CHANGED}
        for name in CHANGED:
            if name in files:
                out += [f"--- {shown(sources / name)}", *new_lines(old[name], files[name])]
    else:
        for path in write_atomically(files, sources):
            out.append(f"wrote {shown(path)}")
    toml = files["editorial.toml"]
    at = line_of(toml, f"[{p.name}]")
    out.append("left for the editor:")
    for what, why in p.unknown:
        out.append(f"{shown(sources / 'editorial.toml')}:{at}: {what}: {why}")
    out.append(f"{shown(sources / 'editorial.toml')}:{at}: titles to italicise, [sic], page references (links), "
               "note expansions: the editors' judgement")
    if kind != "review":        # mkdocs.yml's not_in_nav takes its pages: the series page lists only reviews
        nav = line_of((root / "mkdocs.yml").read_text(encoding="utf-8"), "nav:")
        out.append(f"{shown(root / 'mkdocs.yml')}:{nav}: its pages ({p.page}, and the others it makes) are in no menu: "
                   "link them where the editors want them")
    out += [f"{name} (no entry of names.toml covers it)" for name in names]
    out += to_link(cited, shown(file), sources, files, at, p.name)
    out.append("then: ./scripts/build, and commit sources/ and docs/ (with sources/anchors.json)")
    return out


def to_link(cited: list, text: str, sources: Path, files: dict, at: int | None, section: str) -> list[str]:
    """What is left of the text's citations, each at the text's FILE:LINE with where to act: a work
    with no entry (add it at the end of references.bib, its key in the text's section), a catalogued
    work not linked, a page reference linked to no entry."""
    bib, toml = shown(sources / "references.bib"), f"{shown(sources / 'editorial.toml')}:{at}"
    end = len(files.get("references.bib", (sources / "references.bib").read_text(encoding="utf-8")).splitlines()) + 1
    out = []
    for c in cited:
        where = f"{text}:{c.line}: {c.label} “{c.evidence}”" + (f" (again: {', '.join(c.again)})" if c.again else "")
        if c.key:
            out.append(f"{where}: cites {c.key}, which references.bib has, with no link: give its key in {toml} "
                       f"([[{section}.titles]], links or note_expansions)")
        elif " n. " in f" {c.label} ":
            out.append(f"{where}: cites a work no entry stands for: add its entry at {bib}:{end}, and its key in "
                       f"{toml} ([[{section}.titles]], links or note_expansions)")
        else:
            out.append(f"{where}: a page reference linked to no entry: link it to its work's key in {toml} "
                       f"([[{section}.links]] pattern and key)")
    return out


def new_lines(old: str, new: str) -> list[str]:
    """What changes from ``old`` to ``new``, line by line: '-' a line taken out, '+' one put in."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def options(commands) -> None:
    """The add subcommand's arguments."""
    one = commands.add_parser("add", help="add a text to the edition (its checksum, decisions, record, .bib entry)")
    one.add_argument("kind", help=f"its reader ({', '.join(READERS)})")
    one.add_argument("file", type=Path)
    one.add_argument("--reviewer", default="", help="who wrote it, as the editors know (else: not known)")
    one.add_argument("--title", default="", help="its own title (else: none; a review is named by the work it reviews)")
    one.add_argument("--label", default="", help="how the Bibliography and the Index name its page")
    one.add_argument("--dry-run", action="store_true", help="print what it would write, and write nothing")


