"""A copy of the project with hostile text in every kind of input: a paragraph and a note of the review,
a paragraph of the listing, editorial explanations, the register and references.bib; placed where the model says, not by line numbers."""
from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path

from pybtex.database import parse_string

from conftest import ROOT
from edition import editorial
from edition.model import Paragraph
from edition.pages import read

#: Markup, script, attribute lists, addresses, templates, TeX and entities, as text (lower case, as a
#: title's sentence case would lower a capital; one line, as a register description is).
HOSTILE = ('<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">a</a> '
           '[b](javascript:alert(4)) {: .evil onclick="alert(5)" } {{ 7*7 }} {% if true %}run{% endif %} '
           r'\textbf{x} \input{/etc/passwd} $x$ &amp; &lt;i&gt;')
#: The register's form of a name, found in the hostile text: a Jinja expression.
FORM = "{{ 7*7 }}"
#: What references.bib's fields say, as TeX that means HOSTILE's characters.
TEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "%": r"\%", "&": r"\&", "#": r"\#",
                "_": r"\_", '"': r"\textquotedbl{}"}
#: The .bib entry given hostile fields: a work the review cites.
BIB_KEY = "butow1954"
BIB_FIELDS = ("title", "publisher", "annote")


def tex(text: str) -> str:
    return "".join(TEX_SPECIALS.get(c, c) for c in text)


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def copy_project(root: Path) -> None:
    for part in ["mkdocs.yml", "docs", "sources", "overrides", "scripts"]:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / part, root / part)


def hostile_text(root: Path, section: str) -> dict:
    """HOSTILE at the end of the text's second paragraph and of its first note, if it has notes; its
    checksum recorded anew. Returns where (anchor, note number, paragraph number)."""
    sources = root / "sources"
    decisions = editorial.load(sources / "editorial.toml")[section]
    doc = read(sources / decisions.source, decisions)[0]
    paragraph = [b for b in doc.blocks if isinstance(b, Paragraph) and not b.role and b.lines][1]
    note = doc.notes[0] if doc.notes else None
    path = sources / decisions.source
    lines = path.read_text(encoding="utf-8").split("\n")
    for number in [paragraph.lines[-1][1]] + ([note.lines[-1][1]] if note else []):
        lines[number - 1] = lines[number - 1].rstrip() + " " + HOSTILE + " "
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    sums = (sources / "SHA256SUMS").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    (sources / "SHA256SUMS").write_text(re.sub(rf"^\w+(?=  {re.escape(decisions.source)}$)", digest, sums, flags=re.M),
                                        encoding="utf-8")
    return {"anchor": paragraph.anchor, "note": note.number if note else None,
            "paragraph": int(paragraph.anchor.lstrip("p"))}


def hostile_editorial(root: Path) -> None:
    """HOSTILE after the review's description, its attribution and its [sic]'s explanation."""
    path = root / "sources" / "editorial.toml"
    raw = path.read_text(encoding="utf-8")
    review = tomllib.loads(raw)["review"]
    for value in (review["description"], review["sic"][0]["explanation"]):
        raw = raw.replace(toml_string(value), toml_string(value + " " + HOSTILE), 1)
    start = raw.index("attribution = \"\"\"", raw.index("[review]"))
    end = raw.index('"""', start + len('attribution = """'))
    raw = raw[:end] + " " + toml_string(HOSTILE)[1:-1] + raw[end:]
    path.write_text(raw, encoding="utf-8")
    assert tomllib.loads(raw)["review"]["attribution"].endswith(HOSTILE)


def hostile_register(root: Path, paragraph: int) -> None:
    """An entry whose heading, form and description are hostile, said in the hostile paragraph."""
    with open(root / "sources" / "names.toml", "a", encoding="utf-8") as names:
        names.write(f'\n[hostile]\nkind = "person"\nheading = {toml_string("Hostile, " + HOSTILE)}\n'
                    f'forms = [{toml_string(FORM)}]\ndescription = {toml_string(HOSTILE)}\n'
                    f'at = "review ¶ {paragraph}"\n')


def hostile_bib(root: Path) -> None:
    """HOSTILE, as TeX in braces, after the title, publisher and annote of BIB_KEY."""
    path = root / "sources" / "references.bib"
    raw = path.read_text(encoding="utf-8")
    fields = parse_string(raw, "bibtex").entries[BIB_KEY].fields
    start = raw.index("{" + BIB_KEY + ",")
    for field in BIB_FIELDS:
        at = re.compile(rf"^\s*{field}\s*=\s*\{{", re.M).search(raw, start)
        value = "{" + fields[field] + "}"
        assert raw.startswith(value, at.end() - 1), field
        end = at.end() - 1 + len(value) - 1
        raw = raw[:end] + " {" + tex(HOSTILE) + "}" + raw[end:]     # braced: a style keeps its case
    path.write_text(raw, encoding="utf-8")


def hostile_project(root: Path) -> dict:
    copy_project(root)
    where = hostile_text(root, "review")
    where["listing"] = hostile_text(root, "listing")
    hostile_editorial(root)
    hostile_register(root, where["paragraph"])
    hostile_bib(root)
    return where
