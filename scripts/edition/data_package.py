"""The edition as one data package: a BagIt bag (the bagit library) of its sources, data, TEI, CSL-JSON and PDFs, zipped reproducibly."""
from __future__ import annotations

import hashlib
import io
import logging
import shutil
import tempfile
import zipfile
from pathlib import Path

import bagit

from .build import checksums
from .errors import SourceError

#: Where the build publishes it (beside the PDFs), and the folder the zip holds.
PACKAGE = "data/edition-data.zip"
BAG = "edition-data"
#: Every entry's time stamp (the zip format's earliest), so that one commit gives the same bytes.
STAMP = (1980, 1, 1, 0, 0, 0)

#: What the package holds, by folder of its payload (data/), for its README.
CONTENTS = [
    ("sources/", "the sources as received, byte for byte, with SHA256SUMS (`sha256sum -c SHA256SUMS` checks them)"),
    ("editorial.toml", "every editorial decision: attribution, titles, [sic], restored labels, dropped furniture"),
    ("references.bib", "the works the texts name or cite (BibTeX)"),
    ("names.toml", "the register of names: persons, places and organisations, with the editors' identifications"),
    ("names.json", "the register as JSON, with every place that names each entry (made by the build)"),
    ("tei/", "the TEI P5 document of every source (valid against tei_all), with its citation trees (refsDecl)"),
    ("csl/", "the CSL-JSON record of every citable thing: each page, each work, the edition"),
    ("pdf/", "the PDF of every text and of the whole edition"),
]


def readme(edition, rights, citation: str) -> str:
    lines = [f"{edition.name}: the edition as data", "",
             f"This is a BagIt bag (RFC 8493) of {edition.name}, {edition.status}"
             + (f", made {edition.date}" if edition.date else "") + (f" ({edition.url})" if edition.url else "") + ".",
             "bag-info.txt describes it; the manifests give the SHA-256 of every file.", "", "What each file is (under data/):", ""]
    lines += [f"- {path}: {what}" for path, what in CONTENTS]
    lines += ["", "How to cite it:", "", citation or f"{edition.name}, {edition.status}.", "",
              "Rights:", "", rights.texts, rights.editors, ""]
    return "\n".join(lines)


def payload(root: Path, built: dict, names: list[str]) -> dict[str, bytes]:
    """The package's files, by path under data/: ``names`` are the sources, ``built`` the build's files."""
    sources = root / "sources"
    files = {f"sources/{name}": (sources / name).read_bytes() for name in [*names, "SHA256SUMS"]}
    for name in ("editorial.toml", "references.bib", "names.toml"):
        if (sources / name).exists():
            files[name] = (sources / name).read_bytes()
    for path, content in built.items():
        folder = {"tei/": "tei/", "pdf/": "pdf/", "cite/": "csl/"}.get(path.split("/", 1)[0] + "/")
        if path == "names.json" or (folder and (folder != "csl/" or path.endswith(".json"))):
            files[(folder or "") + path.split("/", 1)[-1]] = content.encode("utf-8") if isinstance(content, str) else content
    return files


def zipped(folder: Path) -> bytes:
    """The bag as a zip: entries in order of their names, each with one time stamp and mode."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{BAG}/{path.relative_to(folder).as_posix()}", STAMP)
            entry.external_attr, entry.compress_type = 0o644 << 16, zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    return out.getvalue()


def check(bag_dir: Path, names: list[str]) -> None:
    """bagit validates the bag (every file against its manifest), and each source in it is checked
    against the SHA256SUMS it carries: a file that differs stops with the manifest's line."""
    bag = bagit.Bag(str(bag_dir))
    try:
        bag.validate()
    except bagit.BagValidationError as err:      # which file: bagit's details, else the first whose digest differs
        manifest = bag_dir / "manifest-sha256.txt"
        failed = [d.path for d in err.details if hasattr(d, "path")] or [
            path for path, digests in sorted(bag.entries.items()) if path.startswith("data/")
            and hashlib.sha256((bag_dir / path).read_bytes()).hexdigest() != digests.get("sha256")] or [""]
        lines = manifest.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if failed[0] and text.endswith(" " + failed[0])), None)
        raise SourceError(manifest, line, f"the data package's {failed[0] or 'bag'} differs from its checksum ({err})") from None
    checksums.verify(names, bag_dir / "data" / "sources", bag_dir / "data" / "sources" / "SHA256SUMS")


def package(root: Path, built: dict, names: list[str], edition, rights, citation: str = "") -> dict[str, bytes]:
    """The data package, by its path in the site: made in a scratch folder, validated, zipped."""
    scratch = Path(tempfile.mkdtemp(prefix="bag-"))
    try:
        folder = scratch / BAG
        files = {**payload(root, built, names), "README.txt": readme(edition, rights, citation).encode("utf-8")}
        for path, content in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(content)
        info = {"Source-Organization": f"The editors of {edition.name}", "External-Description":
                f"{edition.name}, {edition.status}: sources, editorial data, register, TEI, CSL-JSON and PDFs.",
                "Bagging-Date": edition.date or "1980-01-01", "Bag-Software-Agent": f"bagit.py v{bagit.VERSION}",
                "External-Identifier": edition.url or edition.name, "Version": edition.release or edition.version or "",
                "Rights": f"{rights.texts} {rights.editors}", **({"License": rights.url} if rights.url else {})}
        logging.getLogger("bagit").setLevel(logging.WARNING)
        bagit.make_bag(str(folder), {k: v for k, v in info.items() if v}, checksums=["sha256"])
        check(folder, names)
        return {PACKAGE: zipped(folder)}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
