"""The hidden texts that describe their hosts in a page (editorial explanations, cited works, names), with ids unique on it."""
from __future__ import annotations

import itertools
from pathlib import Path

from .markdown_text import escape

#: The hidden text that describes its host (an editorial mark, a page reference), by id prefix:
#: its class, which extra.css shows on the host's hover and focus.
TIPS = {"ed": "ed-explanation", "work": "preview"}
_tips = {kind: itertools.count(1) for kind in TIPS}
_described: dict[tuple, str] = {}    # the ids of the names' previews written on the page, by their words
_fragment = ""   # after a name's id, on a fragment included in another page: "-" and its name


def start_page(doc) -> None:
    """Ids start again with each page (a fragment's are told apart from its host page's)."""
    global _tips, _described, _fragment
    _tips = {kind: itertools.count(1) for kind in TIPS}
    _described, _fragment = {}, "-" + Path(doc.page).stem if doc.base else ""


def tip(kind: str, text: str) -> tuple[str, str]:
    """A new id and the hidden text it names, for a host to be described by (aria-describedby)."""
    ident = f"{kind}-{next(_tips[kind])}"
    return ident, f'<span class="{TIPS[kind]}" role="tooltip" id="{ident}" data-search-exclude>{escape(text)}</span>'


def name_preview(entry: str, names: str, about: str, forms: str) -> tuple[str, str]:
    """The id a mention is described by and its preview: the entry's names, what the entry says of
    itself (``about``) and its forms. Never searched: hidden, it would stand in a passage's excerpt as
    the author's words (the names it holds find the passage through search_variants.py instead).
    A ``small``, not a span: Material's search parser, which knows elements by their tag alone, ends
    an excluded span at the first span closed inside it (the editors' marks in the forms).

    The mentions whose previews say the same are described by the first of them: an id per
    wording, not per mention, as a text names some entries dozens of times (1.2 KB gzip of the
    Review's page)."""
    first = (names, about, forms) not in _described
    ident = _described.setdefault((names, about, forms), f"name-{entry}{_fragment}-{len(_described) + 1}")
    marks = f' role="tooltip" id="{ident}"' if first else ""
    return ident, (f'<small class="preview"{marks} data-search-exclude>{names} {about}'
                   f'{" " + forms if forms else ""}.</small>')
