"""Loads sources/editorial.toml, the editors' decisions, and applies its phrase marks to text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .editorial_schema import (OTHER_SECTIONS, SETTINGS, check_entries, check_page_sections, check_print, check_typed,
                               settings_of)
from .errors import SourceError
from .source_text import line_of, read_toml
from .languages import mark_script
from .model import Cite, Editorial, Sic, Text, Title


@dataclass
class PageEditorial:
    """What the editors decided for one generated page."""
    file: Path                     # the editorial file, for error messages
    raw: str                       # its text, to find the line of a setting
    source: str                    # file name under sources/
    page: str                      # path under docs/
    title: str
    reader: str = ""               # the kind of source (a reader's name); the section's name by default
    description: str = ""
    titles: list = field(default_factory=list)   # {phrase, key?, lang?}
    sic: list = field(default_factory=list)      # {phrase, explanation}
    settings: dict = field(default_factory=dict) # the rest of the section, by name

    @property
    def source_label(self) -> str:
        return f"sources/{self.source}"

    def line_of(self, needle: str) -> int | None:
        return line_of(self.raw, needle)

    def check_phrases(self, source: Path, text: str) -> None:
        """Every phrase the editors mark must stand in the source (whitespace folded)."""
        folded = " ".join(text.split())
        for mark in self.titles + self.sic:
            if " ".join(mark["phrase"].split()) not in folded:
                raise SourceError(self.file, self.line_of(mark["phrase"]),
                                  f"phrase {mark['phrase']!r} is not in {source}")

    def front_matter(self, **extra) -> dict:
        meta = {"title": self.title, "description": self.description or self.own_description()}
        meta.update(extra)
        return meta

    def own_description(self) -> str:
        """A text's description made from its own section when the editors give none (never the site's,
        which describes another text): its title and, for a review, its reviewer or that none is known."""
        if self.reader != "review":
            return f"{self.title}: a text of this edition."
        reviewer = self.settings.get("reviewer")
        return f"{self.title}; {'reviewer: ' + reviewer if reviewer else 'its reviewer is not known'}: the review with its notes."

    # Review pages ------------------------------------------------------------------
    def byline(self) -> list:
        """"Reviewer: [name]" as the editors attribute it, or the data's words for a reviewer not known."""
        settings = self.settings
        if not settings["reviewer"]:
            return [Text(settings["byline_label"]), Editorial(settings["reviewer_unknown"],
                                                              "Neither the review nor the editors name the reviewer.")]
        return [Text(settings["byline_label"]), Editorial(f"[{settings['reviewer']}]",
                                                          settings["byline_explanation"] or settings["attribution"])]

    def expand_note(self, number: int, inlines: list) -> list:
        """A note's inlines with the editors' expansions (after "ibid.") and additions (at the end)."""
        for expansion in self.settings.get("note_expansions", []):
            if number in expansion["notes"]:
                inlines = insert_after(inlines, expansion["after"],
                                       Editorial(expansion["text"], expansion.get("explanation", ""), expansion.get("key")))
        for addition in self.settings.get("note_additions", []):
            if addition["note"] == number:
                inlines = [*inlines, Text(" "),
                           Editorial(addition["text"], addition.get("explanation", ""), addition.get("key"))]
        return inlines


def insert_after(inlines: list, phrase: str, addition) -> list:
    """Put ``addition`` after the first ``phrase`` (any case) in the inlines' text."""
    for index, node in enumerate(inlines):
        if isinstance(node, Text):
            at = node.value.lower().find(phrase.lower())
            if at >= 0:
                cut = at + len(phrase)
                return [*inlines[:index], Text(node.value[:cut]), Text(" "), addition,
                        *([Text(node.value[cut:])] if node.value[cut:] else []), *inlines[index + 1:]]
    return inlines


class Decisions(dict):
    """The page decisions by kind, with the file's other sections (bibliography, cite) in ``sections``."""

    def __init__(self, pages: dict, sections: dict, file: Path, raw: str):
        super().__init__(pages)
        self.sections, self.file, self.raw = sections, file, raw

    def section_for(self, reader: str, source: Path, name: str | None = None) -> PageEditorial:
        """The decisions for ``source``: the section ``name``, else the one whose source is the file's
        name, else none at all (a page named after the file, its title and reviewer not known)."""
        if name:
            if name not in self:
                raise SourceError(self.file, None, f"no section [{name}] (sections: {', '.join(self) or 'none'})")
            if self[name].reader != reader:
                raise SourceError(self.file, self.line_of(f"[{name}]"), f"[{name}] is for the {self[name].reader} reader, not {reader}")
            return self[name]
        found = [page for page in self.values() if page.source == source.name and page.reader == reader]
        return found[0] if found else PageEditorial(
            file=self.file, raw="", source=source.name, page=f"{source.stem}.md", reader=reader,
            settings=settings_of(reader, {}, None),
            title=f"[Untitled: {source.name}]",
            description=f"{source.name}, converted without editorial decisions.")

    def line_of(self, needle: str) -> int | None:
        return line_of(self.raw, needle)


def load(path: Path = config.EDITORIAL_FILE) -> Decisions:
    """The editorial decisions by page kind ("review", "listing", ...)."""
    path = Path(path)
    raw, data = read_toml(path)
    pages = {}
    for kind, section in data.items():
        header = line_of(raw, f"[{kind}]") or line_of(raw, f"[{kind}.") or line_of(raw, f"[[{kind}.")
        if not isinstance(section, dict):
            at = next((n for n, line in enumerate(raw.split("\n"), 1)
                       if re.match(rf"\s*[\"']?{re.escape(kind)}[\"']?\s*=", line)), None)
            raise SourceError(path, at or 1, f"setting {kind!r} is outside any section: is a [section] header missing above it?")
        if "source" not in section:
            if kind not in OTHER_SECTIONS:
                raise SourceError(path, header, f"unknown section [{kind}]: a page's section names its 'source'; "
                                                f"the others are {', '.join(sorted(OTHER_SECTIONS))}")
            continue
        reader = section.get("reader", kind)
        if reader not in SETTINGS:
            raise SourceError(path, line_of(raw, "reader", after=header or 0) or header,
                              f"unknown reader {reader!r} for [{kind}] (readers: {', '.join(SETTINGS)})")
        if "page" not in section:
            raise SourceError(path, header, f"[{kind}] has no 'page'")

        def refuse(key: str, message: str, kind=kind, header=header):
            raise SourceError(path, line_of(raw, f"{key} =", after=header or 0) or header, f"[{kind}]: {message}")

        def refuse_entry(name: str, index: int, message: str, kind=kind, header=header):
            headers = [n for n, line in enumerate(raw.split("\n"), 1)
                       if re.match(rf"\s*\[\[\s*{re.escape(kind)}\.{re.escape(name)}\s*\]\]", line)]
            at = headers[index] if index < len(headers) else line_of(raw, f"{name} =", after=header or 0) or header
            raise SourceError(path, at, f"[{kind}] {name}, entry {index + 1}: {message}")
        check_entries(section, refuse_entry)
        pages[kind] = PageEditorial(
            file=path, raw=raw, source=section["source"], page=section["page"], title=section.get("title", ""),
            reader=reader, description=section.get("description", ""), titles=section.get("titles", []),
            sic=section.get("sic", []), settings=settings_of(reader, section, refuse))
    check_print(data.get("print", {}), path, raw)
    check_page_sections(data, path, raw)
    check_typed(data, path, raw)
    return Decisions(pages, {k: v for k, v in data.items() if k not in pages}, path, raw)


def phrase_pattern(phrase: str) -> str:
    """A phrase of the editorial file as a regular expression: its words, any whitespace between
    (so that it is found in a source's lines as in the re-flowed text)."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def mark_rules(editorial: PageEditorial, scope: str) -> list[tuple[str, object]]:
    """(regular expression, mark) for every phrase the editors mark in text of this scope."""
    rules = [(phrase_pattern(m["phrase"]), ("title", m)) for m in editorial.titles]
    rules += [(phrase_pattern(m["phrase"]), ("sic", m)) for m in editorial.sic]
    for link in editorial.settings.get("links", []):
        if link.get("scope", "all") in ("all", scope):
            rules.append((link["pattern"] if "pattern" in link else phrase_pattern(link["phrase"]), ("link", link)))
    # Longer phrases first, so that a full title wins over its short form.
    return sorted(rules, key=lambda rule: -len(rule[0]))


def mark_phrases(text: str, editorial: PageEditorial, scope: str = "body") -> list:
    """Text cut into the author's words, editorial titles in italics, [sic] after quirks, citation links."""
    if not text:
        return []
    rules = mark_rules(editorial, scope)
    inlines: list = []
    position = 0
    if rules:
        pattern = re.compile("|".join(f"(?<!\\w)(?P<m{n}>{source})(?!\\w)" for n, (source, _) in enumerate(rules)))
        for match in pattern.finditer(text):
            if match.start() > position:
                inlines.append(Text(text[position:match.start()]))
            kind, mark = rules[int(match.lastgroup[1:])][1]
            found = match.group()
            if kind == "title":
                inlines.append(Title((Text(found),), key=mark.get("key"), lang=mark.get("lang")))
            elif kind == "link":
                inlines.append(Cite((Text(found),), key=mark["key"], locator=found if "pattern" in mark else ""))
            else:
                inlines.append(Sic((Text(found),), mark.get("mark", "[sic]"), mark.get("explanation", "")))
            position = match.end()
    if position < len(text):
        inlines.append(Text(text[position:]))
    lang = editorial.settings.get("cjk_lang")
    return [piece for node in inlines for piece in (mark_script(node, lang) if lang else [node])]
