"""Where the fuzzer finds the project, and the files each kind of case breaks."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (str(ROOT / "scripts"), str(ROOT / "tests")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

#: The readers' kinds: each case converts its one file (a review of the corpus alone, as a new one is).
SECTIONS = {"review": "sources/review-holloway-racing-the-enemy.txt", "listing": "sources/listing-racing-the-enemy.txt"}
#: The other files the edition reads, by kind: where each case puts its mutated copy in the project.
DATA_FILES = {"editorial": "sources/editorial.toml", "references": "sources/references.bib",
              "anchors": "sources/anchors.json", "names": "sources/names.toml", "checksums": "sources/SHA256SUMS",
              "settings": "mkdocs.yml", "releases": "releases/1.0.json"}
#: A release record made by the edition's own code from the sources as they are (the releases' base).
RELEASE_BASE = ".fuzz/bases/release-1.0.json"
