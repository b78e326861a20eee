"""Puts a copy of each note beside its marker, for the margin of wide screens (sidenotes)."""
from __future__ import annotations

from ..model import BlockQuote, Document, NoteRef, Paragraph
from ..site_nodes import MarginNote


def add_margin_notes(doc: Document) -> None:
    """After each note marker of the text, the note's copy; the notes themselves stay as they are."""
    notes = {note.number: tuple(note.inlines) for note in doc.notes}
    if not notes:
        return
    for block in doc.blocks:
        for paragraph in (block.blocks if isinstance(block, BlockQuote) else [block]):
            if isinstance(paragraph, Paragraph):
                paragraph.inlines = [piece for node in paragraph.inlines for piece in (
                    [node, MarginNote(node.number, notes[node.number])] if isinstance(node, NoteRef) else [node])]
