"""Lists the places of a text that cite a work no entry of references.bib is linked to, for the editors who complete it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..citations.citations import plain
from ..editorial import phrase_pattern
from ..model import Cite, Editorial, Foreign, Text, Title
from .mentions import passages


@dataclass
class Uncited:
    """A place that cites a work (a page reference, "ibid.", a catalogued work's title) with no key:
    where it stands, what shows it cites, the notes that cite it again ("ibid."), the key whose title it
    gives (a work references.bib has, not linked), else none (a work with no entry)."""
    label: str
    line: int | None
    evidence: str
    again: list = field(default_factory=list)
    key: str = ""


def grammar(decisions) -> tuple[list[str], list[str]]:
    """How the edition's texts cite, as the editors' decisions say: the page references their links
    match (each ``links`` entry's ``pattern``), and the words their note expansions follow ("ibid.")."""
    patterns, ibids = [], []
    for editorial in decisions.values():
        patterns += [link["pattern"] for link in editorial.settings.get("links", []) if "pattern" in link]
        ibids += [e["after"] for e in editorial.settings.get("note_expansions", []) if e.get("after")]
    return list(dict.fromkeys(patterns)), list(dict.fromkeys(ibids))


def catalogued(bibliography) -> dict[str, str]:
    """Each work's title as a text would give it, with its key: the whole title and the title before
    its subtitle (references.bib's title-short, or what stands before a colon)."""
    titles = {}
    for key, record in bibliography.records.items():
        whole = plain(record.get("title", ""))
        for title in (whole, plain(record.get("title-short", "")), whole.split(":")[0]):
            if len(title.split()) > 1:          # a one-word title would be found in any sentence
                titles.setdefault(title, key)
    return titles


def flattened(inlines, keyed: bool = False) -> tuple[str, list[bool], list[str]]:
    """The authors' words as one text, whether each character is inside a link to an entry (a citation,
    a title with a key), and the keys the run's nodes cite (the editors' expansions' among them)."""
    text, inside, keys = [], [], []
    for node in inlines:
        key = getattr(node, "key", None)
        if key:
            keys.append(key)
        if isinstance(node, (Text, Foreign)):
            text.append(node.value)
            inside += [keyed] * len(node.value)
        elif hasattr(node, "children") and not isinstance(node, Editorial):
            inner, marks, more = flattened(node.children, keyed or (isinstance(node, (Cite, Title)) and bool(key)))
            text.append(inner)
            inside += marks
            keys += more
    return "".join(text), inside, keys


def uncited(documents: list, labels: dict, decisions, bibliography, lines: dict) -> list[Uncited]:
    """Every place of ``documents`` that cites a work and links it to no entry: a page reference
    outside any link; a note that cites by page, by "ibid." or by a catalogued title, with no key. A
    note that says "ibid." with no key names the work of the note before it, which is listed once
    with every note that cites it again. ``lines``: a document's source label -> its lines."""
    patterns, ibids = grammar(decisions)
    page_ref = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    ibid = re.compile("|".join(rf"(?<!\w){re.escape(w)}" for w in ibids), re.I) if ibids else None
    titles = catalogued(bibliography)
    title = re.compile("|".join(rf"(?<!\w){phrase_pattern(t)}(?!\w)" for t in sorted(titles, key=len, reverse=True))) \
        if titles else None
    found: list[Uncited] = []
    for doc in documents:
        source = lines.get(doc.source, [])
        prior = None                            # the note before: (passage, its item or None, its keys)
        for passage in passages(doc, labels):
            text, inside, keys = flattened(passage.inlines)
            refs = [m for m in page_ref.finditer(text) if not all(inside[m.start():m.end()])] if page_ref else []
            if not passage.locator.startswith("n."):
                found += [Uncited(passage.label, line_in(source, passage.lines, m.group()), m.group()) for m in refs]
                continue
            again = ibid.match(text.strip()) if ibid else None
            named = title.search(text) if title else None
            item = None
            if keys:                            # the note cites an entry: its locators are that entry's
                pass
            elif again and prior and prior[1]:
                prior[1].again.append(passage.locator)
                item = prior[1]
            elif again and prior:               # "ibid.": the work of the note before, linked or not
                before, _, cited = prior
                item = Uncited(before.label, line_in(source, before.lines, words_of(before)), words_of(before),
                               [passage.locator], cited[0] if cited else "")
            elif again or refs or named:
                evidence = (again or named or refs[0]).group()
                item = Uncited(passage.label, line_in(source, passage.lines, evidence), evidence,
                               key=titles[" ".join(named.group().split())] if named and not again else "")
            if item is not None and item not in found:
                found.append(item)
            prior = (passage, item, keys)
    return found


def words_of(passage, count: int = 4) -> str:
    """A passage's first words, to say which it is."""
    text, _, _ = flattened(passage.inlines)
    return " ".join(text.split()[:count])


def line_in(source: list[str], span, words: str) -> int | None:
    """The source line, within the passage's span, that holds ``words`` (else their first word; else the
    span's first line)."""
    numbers = [n for begin, end in span or () for n in range(begin, end + 1) if n <= len(source)]
    for needle in (words, (words.split() or [""])[0]):
        found = next((n for n in numbers if needle and needle in source[n - 1]), None)
        if found:
            return found
    return numbers[0] if numbers else None
