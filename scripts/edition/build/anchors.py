"""The registry of every fragment id the site has published, so that no citation made with one breaks."""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import SourceError
from ..source_text import line_of, read_lines

#: Ids of the site's own machinery inside a page, not places to cite: the citation popovers and forms.
NOT_CITABLE = './/*[contains(@class, "cite-popovers") or contains(@class, "cite-forms")]//*[@id]'
#: Ids that name a place by its number in order (paragraph 12, note 3, page 4): renumbering moves
#: them to other words. Other ids (a heading's, an entry's #ref-KEY) name what they name.
NUMBERED = re.compile(r"(p|q|fn:|fnref:|page-)\d+")
#: Not the words of a place: the paragraph number that opens its citation, an editorial mark's
#: explanation, the preview of a cited work, the copy of a note in the margin.
CONTROLS = ('.//*[contains(@class, "cite-place") or contains(@class, "ed-explanation")'
            ' or contains(concat(" ", normalize-space(@class), " "), " preview ") or contains(@class, "sidenote")]')
#: Words of an id's element kept in the registry (letters and digits only, so that a change of
#: quotation marks is not a change of words), to tell a renumbered id from the one published.
WORDS = 6
HEADER = ("Every fragment id the edition has published, by page, with the first words of what a numbered "
          "one (paragraph, quotation, note, page) names. "
          "./scripts/build adds new ones. A build that drops an id, or gives it to other words, fails "
          "unless `retired` maps \"page/#id\" to where it went.")


def published_ids(site: Path | dict[str, str]) -> dict[str, dict[str, str]]:
    """Page path ("review/") -> {id: first words} for every id in every page's article; ``site`` is
    the built site's folder, or its pages already read (path under it -> HTML), each parsed once."""
    from lxml import html as lxml_html
    if isinstance(site, Path):
        site = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}
    pages = {}
    for name in sorted(n for n in site if n == "index.html" or n.endswith("/index.html")):
        page = name[:-len("index.html")]
        tree = lxml_html.fromstring(site[name])
        article = tree.xpath('//article[contains(@class, "md-content__inner")]')
        if not article:
            continue
        skip = set(article[0].xpath(NOT_CITABLE))
        for control in article[0].xpath(CONTROLS):
            control.drop_tree()
        pages[page] = {el.get("id"): first_words(el.text_content()) if NUMBERED.fullmatch(el.get("id")) else ""
                       for el in article[0].xpath(".//*[@id]") if el not in skip}
    return pages


def first_words(text: str) -> str:
    words = ("".join(c for c in word if c.isalnum()) for word in text.split())
    return " ".join([w for w in words if w][:WORDS])


def text_of(registry: Path) -> str:
    """The registry's text, read as a source is (UTF-8 with the line of a bad byte, any line ends, a BOM allowed)."""
    return "\n".join(line.text for line in read_lines(registry))


def load(registry: Path) -> dict:
    if not registry.exists():
        return {"about": HEADER, "published": {}, "retired": {}}
    text = text_of(registry)
    try:
        data = json.loads(text)
    except ValueError as err:
        raise SourceError(registry, getattr(err, "lineno", None) or len(text.rstrip().split("\n")),
                          f"not valid JSON: {err}") from None
    problem = shape_problem(data)
    if problem:
        where, what = problem
        raise SourceError(registry, line_of(text, where) or 1, what)
    return data


def shape_problem(data) -> tuple[str, str] | None:
    """(a needle for its line, what is wrong) when the registry is not {"published": {page: {id: words}}, "retired": {…}}."""
    if not isinstance(data, dict):
        return "", "the registry is not a JSON object"
    for part in ("published", "retired"):
        if not isinstance(data.get(part, {}), dict):
            return f'"{part}"', f'"{part}" is not an object'
    for page, ids in data.get("published", {}).items():
        if not isinstance(ids, dict):
            return f'"{page}"', f'"{page}" under "published" is not an object of ids'
        for ident, words in ids.items():
            if not isinstance(words, str):
                return f'"{ident}"', f'{page}#{ident}: its words are {words!r}, not text'
    for where, to in data.get("retired", {}).items():
        if not isinstance(to, str):
            return f'"{where}"', f'the retired {where} names {to!r}, not where it went'
    return None


def registry_line(registry: Path, needle: str) -> int | None:
    return line_of(text_of(registry), needle) if registry.exists() else None


def check_anchors(site: Path | dict[str, str], registry: Path) -> dict[str, dict[str, str]]:
    """Every id the registry records is still published with its words, or retired; returns the ids published."""
    data, now = load(registry), published_ids(site)
    retired = data.get("retired", {})
    for page, ids in data.get("published", {}).items():
        for ident, words in ids.items():
            where = f"{page}#{ident}"
            if where in retired:
                continue
            if ident not in now.get(page, {}):
                raise SourceError(registry, registry_line(registry, f'"{ident}"'),
                                  f"/{where} was published and the new build drops it: retire it under "
                                  f"\"retired\" saying where it went, or keep it")
            if now[page][ident] != words:
                raise SourceError(registry, registry_line(registry, f'"{ident}"'),
                                  f"/{where} now names “{now[page][ident]}”, not “{words}”: renumbered? "
                                  f"retire it saying where it went, or record its new words")
    return now


def update_registry(site: Path | dict[str, str], registry: Path, published_now: dict | None = None,
                    out: Path | None = None) -> bool:
    """Add the ids the site publishes for the first time (``published_now``, when check_anchors has read them
    already), writing the registry, or ``out`` if given, when it changed; True when it changed."""
    data = load(registry)
    published = data.setdefault("published", {})
    for page, ids in (published_ids(site) if published_now is None else published_now).items():
        known = published.setdefault(page, {})
        for ident, words in ids.items():
            known.setdefault(ident, words)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if registry.exists() and registry.read_text(encoding="utf-8") == text:
        return False
    (out or registry).write_text(text, encoding="utf-8")
    return True
