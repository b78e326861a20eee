"""Reads a review extracted from a PDF (hard-wrapped lines, page starts, notes) into the model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..editorial import PageEditorial, mark_phrases
from ..errors import SourceError
from .addresses import URL, continues_url, link_addresses
from ..model import BlockQuote, Document, EditorialNote, Heading, Note, NoteRef, PageStart, Paragraph, Text
from .note_numbers import NOTE_START, Candidate, ends_sentence, marker_candidates, markers, note_starts
from ..source_text import Line, ranges, read_lines

DASHES = "-‐–—"


@dataclass
class Chunk:
    """A body block or a note as it is read: joined text, where its lines and pages start."""
    kind: str                      # "paragraph", "quote" or "note"
    text: str = ""
    lines: list = field(default_factory=list)   # (offset, line number)
    pages: list = field(default_factory=list)   # (offset, page number)
    number: int = 0                # a note's number
    page: int = 0                  # the page it starts on

    def add(self, line: Line, content: str) -> None:
        content = " ".join(content.split())
        if self.text:
            dash = self.text[-1] in DASHES and len(self.text) > 1 and not self.text[-2].isspace()
            self.text += "" if dash or continues_url(self.text, content) else " "
        self.lines.append((len(self.text), line.number))
        self.text += content

    def line_at(self, offset: int) -> int:
        return max((n for o, n in self.lines if o <= offset), default=self.lines[0][1])

    def page_at(self, offset: int) -> int:
        return max((n for o, n in self.pages if o <= offset), default=self.page)

    @property
    def span(self) -> tuple:
        return ranges(n for _, n in self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0][1]

    @property
    def last_line(self) -> int:
        return self.lines[-1][1]


@dataclass
class NoteLine:
    """A line below a notes rule: which note it belongs to is decided once all are read."""
    line: Line
    page: int


def body_ends_sentence(text: str) -> bool:
    """Whether a body block's text, less a note marker, ends a sentence."""
    return ends_sentence(re.sub(r"\d+$", "", text.rstrip()))


def is_blank(line: Line) -> bool:
    return not line.text.strip() and len(line.text) < config.NOTE_RULE_MIN_WIDTH


def is_rule(line: Line) -> bool:
    return not line.text.strip() and len(line.text) >= config.NOTE_RULE_MIN_WIDTH


def is_page_start(line: Line) -> bool:
    return line.text.startswith(" ") and not line.text.startswith("  ") and bool(line.text.strip())


def scan(path: Path, lines: list[Line], layout: dict) -> tuple[list[Chunk], list[NoteLine], int]:
    """Split the lines into body chunks and the lines of the note areas; return them and the page
    count. ``layout`` receives the line each page starts on and the lines of the note rules."""
    body: list[Chunk] = []
    notes: list[NoteLine] = []
    open_block: Chunk | None = None   # the body block a next line would continue
    in_notes = False
    blanks = 0
    page = 0
    for line in lines:
        if is_blank(line):
            blanks += 1
            continue
        if is_rule(line):
            layout["rules"].append(line.number)
            # The gap above the rule takes one blank line; more close the paragraph.
            if blanks >= config.SET_OFF_BLANK_LINES:
                open_block = None
            in_notes, blanks = True, 0  # a note may run on below the next page's rule
            continue
        if is_page_start(line) or page == 0:
            page += 1
            layout["pages"][page] = line.number
            content = line.text.strip()
            continues = (open_block is not None and not (blanks and not in_notes)
                         and not (body_ends_sentence(open_block.text) and not content[0].islower()))
            if not continues:
                open_block = Chunk("paragraph", page=page)
                body.append(open_block)
            open_block.pages.append((len(open_block.text) + (1 if open_block.text else 0), page))
            open_block.add(line, content)
            in_notes, blanks = False, 0
            continue
        if in_notes:
            notes.append(NoteLine(line, page))
            blanks = 0
            continue
        if open_block is None or blanks:
            kind = "quote" if blanks >= config.SET_OFF_BLANK_LINES and body else "paragraph"
            open_block = Chunk(kind, page=page)
            body.append(open_block)
        open_block.add(line, line.text)
        blanks = 0
    return body, notes, page


def split_notes(path: Path, note_lines: list[NoteLine]) -> tuple[list[Chunk], list[Candidate]]:
    """The notes, each from the line that starts it (as the whole sequence decides) to the next."""
    candidates = []
    for index, note_line in enumerate(note_lines):
        if start := NOTE_START.match(note_line.line.text):
            likely = index == 0 or ends_sentence(note_lines[index - 1].line.text)
            candidates.append(Candidate(int(start.group(1)), len(candidates), note_line.line.number,
                                        note_line.page, likely, (index, start.end())))
    starts = note_starts(path, candidates)
    if note_lines and (not starts or starts[0].where[0] != 0):
        raise SourceError(path, note_lines[0].line.number, "text below the notes rule does not start with a note number")
    notes = []
    for number, start in enumerate(starts, start=1):
        first, cut = start.where
        end = starts[number].where[0] if number < len(starts) else len(note_lines)
        note = Chunk("note", number=number, page=start.page)
        note.add(note_lines[first].line, note_lines[first].line.text[cut:])
        for note_line in note_lines[first + 1:end]:
            note.add(note_line.line, note_line.line.text)
        notes.append(note)
    return notes, starts


def find_markers(path: Path, body: list[Chunk], starts: list[Candidate]) -> dict[int, list]:
    """The note markers of each body chunk (by index): (start, end, note number)."""
    candidates: list[Candidate] = []
    for index, chunk in enumerate(body):
        candidates += marker_candidates(chunk.text, len(candidates), chunk.line_at, chunk.page_at, index)
    found: dict[int, list] = {}
    for number, marker in enumerate(markers(path, candidates, starts), start=1):
        index, start, end = marker.where
        found.setdefault(index, []).append((start, end, number))
    return found


def inlines_of(chunk: Chunk, editorial: PageEditorial, note_markers: list = ()) -> list:
    """Cut a chunk's text at its page starts and note markers, and mark the editorial phrases and addresses."""
    scope = "notes" if chunk.kind == "note" else "body"
    cuts: list[tuple[int, int, object]] = [(o, o, PageStart(n)) for o, n in chunk.pages]
    cuts += [(start, end, NoteRef(number)) for start, end, number in note_markers]
    cuts.sort(key=lambda c: (c[0], c[1]))
    inlines: list = []
    position = 0
    for start, end, node in cuts:
        inlines += mark_phrases(chunk.text[position:start], editorial, scope)
        inlines.append(node)
        position = end
    inlines += mark_phrases(chunk.text[position:], editorial, scope)
    return [piece for node in inlines for piece in (link_addresses(node) if isinstance(node, Text) else [node])]


def read_review(path: Path | str, editorial: PageEditorial) -> Document:
    path = Path(path)
    lines = read_lines(path)
    layout: dict = {"pages": {}, "rules": []}
    body, note_lines, pages = scan(path, lines, layout)
    if not body:
        raise SourceError(path, 1, "no text before the notes")
    last = body[-1]
    if not body_ends_sentence(last.text):
        raise SourceError(path, last.last_line, "the text stops mid-sentence: is the file truncated?")
    note_chunks, starts = split_notes(path, note_lines)
    if note_chunks and not ends_sentence(note_chunks[-1].text) and not URL.search(note_chunks[-1].text.rsplit(" ", 1)[-1]):
        raise SourceError(path, note_chunks[-1].last_line, "the last note stops mid-sentence: is the file truncated?")
    found = find_markers(path, body, starts)
    editorial.check_phrases(path, " ".join([editorial.title] + [c.text for c in body + note_chunks]))

    doc = Document(source=editorial.source_label, title=editorial.title)
    doc.meta = editorial.front_matter(pages=pages)
    doc.data["layout"] = layout
    doc.blocks.append(Heading(1, mark_phrases(editorial.title, editorial), editorial=True))
    doc.blocks.append(Paragraph(editorial.byline(), role="byline"))
    if editorial.settings.get("attribution"):
        doc.blocks.append(EditorialNote("Attribution (editorial)", [Text(editorial.settings["attribution"])]))
    for number, chunk in enumerate(body, start=1):
        span = chunk.span
        paragraph = Paragraph(inlines_of(chunk, editorial, found.get(number - 1, [])), anchor=f"p{number}", lines=span)
        doc.blocks.append(BlockQuote([paragraph], lines=span) if chunk.kind == "quote" else paragraph)
    doc.notes = [Note(c.number, editorial.expand_note(c.number, inlines_of(c, editorial)), c.span) for c in note_chunks]
    return doc
