"""Splitting a note's words for the foot of two pages, and which notes count as moved off their calls."""
from __future__ import annotations

from edition.model import Text, Title
from edition.writers.pdf_notes import moved, split_words, words_in


def test_a_note_splits_after_a_word_and_keeps_every_word_in_order():
    note = [Text("See the memoranda of "), Title((Text("The End of the War"),)), Text(" and the tables that follow.")]
    assert words_in(note) == 4 + 5 + 5
    head, rest = split_words(note, 10)
    assert head[0] == note[0] and head[1] == note[1]           # a title stays whole
    assert [n.value for n in head[2:]] == [" and"] and rest[0].value == "the tables that follow."
    whole = " ".join("".join(getattr(n, "value", "") or "".join(c.value for c in n.children) for n in part)
                     for part in (head, rest))
    assert whole.split() == "See the memoranda of The End of the War and the tables that follow.".split()
    assert split_words(note, 99) == (note, [])


class Layout:
    """Pages, each with the ids on it, as WeasyPrint's Document has them."""
    def __init__(self, *pages):
        self.pages = [type("Page", (), {"anchors": dict.fromkeys(ids)}) for ids in pages]


def test_notes_after_a_continued_note_may_follow_it_but_others_are_moved():
    layout = Layout(["n1-call", "n1", "n2-call", "n3-call"], ["n2", "n2-cont", "n3"])
    assert moved(layout, ["n1", "n2", "n3"]) == ["n2"]           # n2 away from its call
    layout = Layout(["n1-call", "n1", "n2-call", "n2", "n3-call"], ["n2-cont", "n3"])
    assert moved(layout, ["n1", "n2", "n3"]) == []               # n3 follows n2's continuation
