"""Reads a review extracted from a PDF (hard-wrapped lines, page starts, notes) into the model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .editorial import PageEditorial, mark_phrases
from .errors import SourceError
from .model import BlockQuote, Document, EditorialNote, Heading, Note, NoteRef, PageStart, Paragraph, Text
from .source_text import Line, read_lines

# A note marker: digits glued to punctuation that follows a word ("war.1", "right.”2"),
# never to a number ("350,000", "18.00").
NOTE_MARKER = re.compile(r"(?<=[^\d\s][.,;:!?\"'”’)\]])(\d{1,3})(?=\s|$)")
NOTE_START = re.compile(r"(\d{1,3}) (?=\S)")
DASHES = "-‐–—"


@dataclass
class Chunk:
    """A body block or a note as it is read: joined text, where its lines and pages start."""
    kind: str                      # "paragraph", "quote" or "note"
    text: str = ""
    lines: list = field(default_factory=list)   # (offset, line number)
    pages: list = field(default_factory=list)   # (offset, page number)
    number: int = 0                # a note's number

    def add(self, line: Line, content: str) -> None:
        content = " ".join(content.split())
        if self.text:
            glue = "" if self.text[-1] in DASHES and len(self.text) > 1 and not self.text[-2].isspace() else " "
            self.text += glue
        self.lines.append((len(self.text), line.number))
        self.text += content

    def line_at(self, offset: int) -> int:
        return max((n for o, n in self.lines if o <= offset), default=self.lines[0][1])

    @property
    def first_line(self) -> int:
        return self.lines[0][1]

    @property
    def last_line(self) -> int:
        return self.lines[-1][1]


def ends_sentence(text: str) -> bool:
    text = re.sub(r"\d+$", "", text.rstrip()).rstrip(config.CLOSERS)
    return bool(text) and text[-1] in config.SENTENCE_END


def is_blank(line: Line) -> bool:
    return not line.text.strip() and len(line.text) < config.NOTE_RULE_MIN_WIDTH


def is_rule(line: Line) -> bool:
    return not line.text.strip() and len(line.text) >= config.NOTE_RULE_MIN_WIDTH


def is_page_start(line: Line) -> bool:
    return line.text.startswith(" ") and not line.text.startswith("  ") and bool(line.text.strip())


def scan(path: Path, lines: list[Line]) -> tuple[list[Chunk], list[Chunk], int]:
    """Split the lines into body chunks and note chunks; return them and the page count."""
    body: list[Chunk] = []
    notes: list[Chunk] = []
    open_block: Chunk | None = None   # the body block a next line would continue
    in_notes = False
    note: Chunk | None = None        # the note a next line in the notes area would continue
    blanks = 0
    page = 0
    for line in lines:
        if is_blank(line):
            blanks += 1
            continue
        if is_rule(line):
            # The gap above the rule takes one blank line; more close the paragraph.
            if blanks >= config.SET_OFF_BLANK_LINES:
                open_block = None
            in_notes, blanks = True, 0  # a note may run on below the next page's rule
            continue
        if is_page_start(line) or page == 0:
            page += 1
            content = line.text.strip()
            continues = (open_block is not None and not (blanks and not in_notes)
                         and not (ends_sentence(open_block.text) and not content[0].islower()))
            if not continues:
                open_block = Chunk("paragraph")
                body.append(open_block)
            open_block.pages.append((len(open_block.text) + (1 if open_block.text else 0), page))
            open_block.add(line, content)
            in_notes, blanks = False, 0
            continue
        if in_notes:
            start = NOTE_START.match(line.text)
            # "1945 goda" at a line's start is text; a note number is at most a few past the last one.
            if start and int(start.group(1)) <= (note.number if note else 0) + config.NOTE_NUMBER_JUMP:
                note = Chunk("note", number=int(start.group(1)))
                notes.append(note)
                note.add(line, line.text[start.end():])
            elif note is None:
                raise SourceError(path, line.number, "text below the notes rule does not start with a note number")
            else:
                note.add(line, line.text)
            blanks = 0
            continue
        if open_block is None or blanks:
            kind = "quote" if blanks >= config.SET_OFF_BLANK_LINES and body else "paragraph"
            open_block = Chunk(kind)
            body.append(open_block)
        open_block.add(line, line.text)
        blanks = 0
    return body, notes, page


def check_notes(path: Path, body: list[Chunk], notes: list[Chunk]) -> None:
    """Every marker has its note and every note its marker, both numbered 1, 2, 3 ... in order."""
    markers = [(int(m.group(1)), chunk.line_at(m.start()))
               for chunk in body for m in NOTE_MARKER.finditer(chunk.text)]
    for position, note in enumerate(notes, start=1):
        if note.number in [n.number for n in notes[:position - 1]]:
            raise SourceError(path, note.first_line, f"note {note.number} is given twice")
        if note.number != position:
            raise SourceError(path, note.first_line, f"note {note.number} is out of order (expected {position})")
    marked = {number for number, _ in markers}
    for number, line in markers:
        if number > len(notes):
            raise SourceError(path, line, f"note marker {number} has no note")
    for note in notes:
        if note.number not in marked:
            raise SourceError(path, note.first_line, f"note {note.number} has no marker in the text")
    for position, (number, line) in enumerate(markers, start=1):
        if number != position:
            problem = "appears twice" if number < position else f"is out of order (expected {position})"
            raise SourceError(path, line, f"note marker {number} {problem}")


def inlines_of(chunk: Chunk, editorial: PageEditorial) -> list:
    scope = "notes" if chunk.kind == "note" else "body"
    """Cut a chunk's text at its page starts and note markers, and mark the editorial phrases."""
    cuts: list[tuple[int, int, object]] = [(o, o, PageStart(n)) for o, n in chunk.pages]
    if chunk.kind != "note":
        cuts += [(m.start(), m.end(), NoteRef(int(m.group(1)))) for m in NOTE_MARKER.finditer(chunk.text)]
    cuts.sort(key=lambda c: (c[0], c[1]))
    inlines: list = []
    position = 0
    for start, end, node in cuts:
        inlines += mark_phrases(chunk.text[position:start], editorial, scope)
        inlines.append(node)
        position = end
    inlines += mark_phrases(chunk.text[position:], editorial, scope)
    return inlines


def read_review(path: Path | str, editorial: PageEditorial) -> Document:
    path = Path(path)
    lines = read_lines(path)
    body, note_chunks, pages = scan(path, lines)
    if not body:
        raise SourceError(path, 1, "no text before the notes")
    last = body[-1]
    if not ends_sentence(last.text):
        raise SourceError(path, last.last_line, "the text stops mid-sentence: is the file truncated?")
    if note_chunks and not ends_sentence(note_chunks[-1].text):
        raise SourceError(path, note_chunks[-1].last_line, "the last note stops mid-sentence: is the file truncated?")
    check_notes(path, body, note_chunks)
    editorial.check_phrases(path, " ".join([editorial.title] + [c.text for c in body + note_chunks]))

    doc = Document(source=editorial.source_label, title=editorial.title)
    doc.meta = editorial.front_matter(pages=pages)
    doc.blocks.append(Heading(1, mark_phrases(editorial.title, editorial), editorial=True))
    doc.blocks.append(Paragraph(editorial.byline(), classes=("apparatus",)))
    doc.blocks.append(EditorialNote("Attribution (editorial)", [Text(editorial.attribution)]))
    for number, chunk in enumerate(body, start=1):
        paragraph = Paragraph(inlines_of(chunk, editorial), anchor=f"p{number}")
        doc.blocks.append(BlockQuote([paragraph]) if chunk.kind == "quote" else paragraph)
    doc.notes = [Note(c.number, editorial.expand_note(c.number, inlines_of(c, editorial))) for c in note_chunks]
    return doc
