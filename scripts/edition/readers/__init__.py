"""The readers, by kind of source: each turns a source file into model documents; a new kind of source adds one here."""
from __future__ import annotations

from .listing import read_listing
from .review import read_review

READERS = {"review": read_review, "listing": read_listing}
