"""Configuration of the converter, declared in one place with its defaults."""
from __future__ import annotations

from pathlib import Path

#: The project's top folder (scripts/edition/config.py -> ../..).
ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT / "sources"
DOCS_DIR = ROOT / "docs"
SITE_DIR = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"

#: The file of editorial decisions and the checksum record, both under sources/.
EDITORIAL_FILE = SOURCES_DIR / "editorial.toml"
CHECKSUM_FILE = SOURCES_DIR / "SHA256SUMS"

#: Review reader: a whitespace-only line at least this long is the rule that opens a page's notes.
NOTE_RULE_MIN_WIDTH = 20
#: Review reader: blank lines that set a block off as a quotation (one more than a paragraph break).
SET_OFF_BLANK_LINES = 2

#: Review reader: a line in the notes that starts with a number this far past the last note's is text.
NOTE_NUMBER_JUMP = 5

#: Listing reader: a first line longer than this is a paragraph, not a title.
TITLE_MAX_LENGTH = 200

#: Marks that end a sentence, and the closing marks that may follow them.
SENTENCE_END = ".!?"
CLOSERS = "\"'”’)]"

#: The header every generated page carries after its front matter.
GENERATED_HEADER = "<!-- generated from {source} by scripts/convert; do not edit: change the source or sources/editorial.toml -->"
