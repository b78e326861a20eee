"""Lists the capitalised names of the texts that no entry of the register covers, for the editors who complete it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import config
from ..model import Foreign, Mention, Sic, Text
from .mentions import passages, words

#: A word as the list reads it (split at hyphens, which may join the words of one name: "Winston-Salem").
WORD = re.compile(r"[^\W\d_][\w’']*\.?")
POSSESSIVE = re.compile(r"[’']s$")


@dataclass
class Unlisted:
    """A run of capitalised words no entry covers: where it first stands, and every place it stands."""
    name: str
    file: str
    line: int | None
    places: list = field(default_factory=list)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.name} ({len(self.places)}×: {', '.join(dict.fromkeys(self.places))})"


def flattened(inlines) -> tuple[str, list[bool]]:
    """The authors' words of a run of inlines as one text, and for each character whether it is
    covered: inside a mention, a title, a citation or a link (the editors' additions are left out)."""
    text, covered = [], []
    for node in inlines:
        if isinstance(node, (Text, Foreign)):
            text.append(node.value)
            covered += [False] * len(node.value)
        elif isinstance(node, Sic):
            inner, marks = flattened(node.children)
            text.append(inner)
            covered += marks
        elif hasattr(node, "children") and not hasattr(node, "explanation"):   # Mention, Title, Cite, Link
            inner = words(node.children) if not isinstance(node, Mention) else "".join(
                getattr(c, "value", "") for c in node.children)
            text.append(inner)
            covered += [True] * len(inner)
    return "".join(text), covered


def capitalised(token: str) -> bool:
    return token[0].isupper() and (len(token.rstrip(".")) > 1 or token.endswith("."))


def runs(text: str, covered: list[bool]):
    """(start, end, at a sentence's start) of every stretch of capitalised words no entry covers: words
    joined by a space, a hyphen, or a joiner of config.NAME_JOINERS between them ("University of ...")."""
    tokens = []
    for match in WORD.finditer(text):
        token = POSSESSIVE.sub("", match.group())
        end = match.start() + len(token)
        if token.endswith(".") and not (len(token) == 2 or "." in token[:-1]):     # a sentence's full stop
            end -= 1
        tokens.append((match.start(), end))
    current: list = []
    for start, end in tokens:
        token = text[start:end]
        if current and text[current[-1][1]:start] in (" ", "-") and (capitalised(token) or token in config.NAME_JOINERS):
            current.append((start, end))
            continue
        yield from uncovered(text, covered, current)
        current = [(start, end)] if capitalised(token) else []
    yield from uncovered(text, covered, current)


def uncovered(text: str, covered: list[bool], run: list):
    """The stretches of a run that no entry covers, without joiners at their ends."""
    stretches, stretch = [], []
    for start, end in run:
        if not all(covered[start:end]):
            stretch.append((start, end))
        elif stretch:
            stretches.append(stretch)
            stretch = []
    for stretch in stretches + [stretch]:
        while stretch and text[slice(*stretch[-1])] in config.NAME_JOINERS:
            stretch.pop()
        while stretch and text[slice(*stretch[0])] in config.NAME_JOINERS:
            stretch.pop(0)
        if stretch:
            before = text[:stretch[0][0]].rstrip(" “‘\"'([" + config.CLOSERS + "0123456789")
            yield stretch[0][0], stretch[-1][1], not before or before[-1] in config.SENTENCE_END


def unlisted_names(documents: list, labels: dict[str, str], sources: dict) -> list[Unlisted]:
    """Every capitalised name of the texts no entry covers, in the order the texts give it. A name
    that opens a sentence loses its first word unless the name also stands inside a sentence.
    ``sources``: a document's source label -> (the file as shown, its lines), to say where each is."""
    seen: list = []           # (name, at a sentence's start, passage, file, lines)
    inside: set[str] = set()  # the names that stand inside a sentence somewhere
    for doc in documents:
        file, lines = sources.get(doc.source, (doc.source, []))
        for passage in passages(doc, labels):
            text, covered = flattened(passage.inlines)
            for start, end, first in runs(text, covered):
                seen.append((text[start:end], first, passage, file, lines))
                if not first:
                    inside.add(text[start:end])
    found: dict[str, Unlisted] = {}
    for name, first, passage, file, lines in seen:
        if first and name not in inside:      # its first word may be any sentence's first word
            name = re.sub(r"^\S+?(?:[ -]|$)", "", name)
            name = re.sub(rf"^(?:(?:{'|'.join(config.NAME_JOINERS)}) )+", "", name)
            if not name:
                continue
        if name not in found:
            begin = passage.lines[0][0] if passage.lines else 1
            line = next((n for n, text in enumerate(lines, 1) if n >= begin and re.split(r"[ -]", name)[0] in text), None)
            found[name] = Unlisted(name, file, line)
        found[name].places.append(passage.label)
    files = list(dict.fromkeys(u.file for u in found.values()))
    return sorted(found.values(), key=lambda u: (files.index(u.file), u.line or 0))
