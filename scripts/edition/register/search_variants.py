"""The names a passage is found by that it does not print, with the editors' reason: read from the register's names.json."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

# A mention's preview (its entry's heading, forms and the names the editors add) is hidden text:
# searched, it stood in the passage's excerpt as if the author had printed it ("Shtemenko Shtemenko,
# S.M. S.M. Shtemenko"). So the previews are never searched, and what they gave a search, the
# entry's other names, comes from the register instead: kept apart from the passage's words, found
# with a low weight, and shown by the search box with the editors' reason, never as the text.

#: The words of a name, as Pagefind splits and trims them: at white space, without the punctuation around.
WORD = re.compile(r"[^\s,;:()\[\]“”\"‘’]+")

#: The id of each variant's element in the page Pagefind reads (search.js knows it by this prefix).
ANCHOR = "search-variant-"

#: How much a variant counts against the words a page prints (Pagefind's data-pagefind-weight, 0-10).
WEIGHT = 0.1


@dataclass(frozen=True)
class Variant:
    """Passage ``passage`` of the page at ``page`` ("review/") prints ``printed``, a form of an entry whose
    other names hold ``words``; ``reason`` says so, in the editors' words."""
    page: str
    passage: str
    printed: str
    words: str
    reason: str


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def reason(entry: dict, printed: str) -> str:
    """Why a passage that prints ``printed`` is found by the entry's other names:
    "“Matsamura”: identified by the editors as Matsumura Tomokatsu"."""
    form = next((f for f in entry["forms"] if f["form"] == printed), {})
    clauses = ([f"identified by the editors as {entry['heading']}"] if form.get("identified_by_editors")
               else [f"indexed as “{entry['heading']}”"] if printed != entry["heading"] else [])
    others = [f["form"] + (" [identified by the editors]" if f.get("identified_by_editors") else "")
              for f in entry["forms"] if f["form"] not in (printed, entry["heading"])]
    if others:
        clauses.append("printed elsewhere as " + ", ".join(others))
    if entry["known_as"]:
        clauses.append("the editors add " + ", ".join(k["name"] for k in entry["known_as"]))
    return f"“{printed}”: " + "; ".join(clauses)


def name_word(word: str) -> bool:
    """A word that names (capitalised, or of a script without capitals), not "the" or "of" in a
    heading ("Emperor, the"; "Operations Directorate (of the General Staff)"), which would make
    every passage naming the entry a result for a common word."""
    return word[:1].isupper() or not word[:1].isascii()


def page_and_passage(url: str) -> tuple[str, str]:
    """A mention's address in names.json ("review/#p13", or absolute) as its page's path and its passage."""
    parts = urlsplit(url)
    return parts.path, parts.fragment


def variants(register_json: str) -> list[Variant]:
    """Every passage that names an entry whose names hold a word the form printed there does not."""
    found = []
    for entry in json.loads(register_json)["entries"]:
        names = [entry["heading"], *(f["form"] for f in entry["forms"]), *(k["name"] for k in entry["known_as"])]
        for mention in entry["mentions"]:
            page, passage = page_and_passage(mention["url"])
            printed = {w.casefold() for w in words_of(mention["form"])}
            missing = dict.fromkeys(w for name in names for w in words_of(name) if name_word(w) and w.casefold() not in printed)
            if passage and missing:
                found.append(Variant(page, passage, mention["form"], " ".join(missing), reason(entry, mention["form"])))
    return found


def of_page(found: list[Variant], page: str) -> list[Variant]:
    """The variants of the page at site path ``page`` ("review/"; "" the home page): names.json's
    addresses end with it (they are absolute when the edition has an address)."""
    if not page:
        return [v for v in found if v.page in ("", "/")]
    return [v for v in found if v.page == page or v.page.endswith("/" + page)]


def pagefind_block(found: list[Variant]) -> str:
    """The variants as Pagefind reads them, apart from the text: each an element of its own (its id
    an anchor the search box knows), all at a low weight, with their passages, forms and reasons as
    the page's metadata (quoted: Pagefind splits a meta attribute at commas)."""
    if not found:
        return ""
    meta = quote(json.dumps([[v.passage, v.printed, v.reason] for v in found], ensure_ascii=False), safe="")
    items = "".join(f'<p id="{ANCHOR}{n}">{escape(v.words)}</p>' for n, v in enumerate(found))
    return f'<div data-pagefind-weight="{WEIGHT}" data-pagefind-meta="variants:{meta}">{items}</div>'


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
