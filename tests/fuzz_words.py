"""Whether a converted case's pages keep every letter and digit of its source, each block in order."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from fuzz_paths import ROOT


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def is_char_subsequence(small: str, big: str) -> bool:
    at = 0
    for char in small:
        at = big.find(char, at)
        if at < 0:
            return False
        at += 1
    return True


def renderer(empty: Path):
    """Python-Markdown with mkdocs.yml's extensions, as MkDocs renders the pages (includes find nothing)."""
    import markdown
    import yaml
    from edition.settings import MkDocsLoader
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as stream:
        settings = yaml.load(stream, Loader=MkDocsLoader)
    names, configs = [], {}
    for entry in settings["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pymdownx.snippets":
            options = {"base_path": [str(empty)], "check_paths": False}
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


#: The elements that hold a block of text: each keeps its source's words in their order.
BLOCKS = ".//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::td or (self::li and not(p))]"


def page_words(md, page_text: str) -> tuple[list[str], list[str], list[str]]:
    """The words of a page as a reader reads them, its text and its notes apart, editorial marks left
    out; and the text of each of its blocks."""
    from lxml import html as lxml_html
    from mkdocs.utils.meta import get_data
    from pagetext import article_of, words_of_article
    body, _ = get_data(page_text)
    md.reset()
    page = f'<html><body><article class="md-content__inner">{md.convert(body)}</article></body></html>'
    blocks = [block.text_content() for block in article_of(lxml_html.fromstring(page)).xpath(BLOCKS)]
    return (*(words_of_article(lxml_html.fromstring(page), part) for part in ("body", "notes")), blocks)


def kept_every_word(source: str, dropped: set, pages: list[str], md) -> str:
    """'' when the pages hold every letter and digit of the source but its dropped lines, each block
    in its source's order (and a page with notes, its text and its notes in order); else what is wrong."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = "\n".join(line for n, line in enumerate(lines, 1) if n not in dropped)
    want, got, problems = letters(kept), Counter(), []
    for page in pages:
        body, notes, blocks = page_words(md, page)
        got += Counter(letters(" ".join(body + notes)))
        problems += [f"out of order: {b.strip()[:80]!r}" for b in blocks if not is_char_subsequence(letters(b), want)]
        if notes and not all(is_char_subsequence(letters(" ".join(part)), want) for part in (body, notes)):
            problems.append("the text or the notes out of their source's order")
    lost, gained = Counter(want) - got, got - Counter(want)
    if lost or gained:
        stream = letters(" ".join(" ".join(w for part in page_words(md, page)[:2] for w in part) for page in pages))
        missing = [w for w in map(letters, kept.split()) if w and w not in stream]
        problems.insert(0, f"lost {sum(lost.values())} letters ({''.join(sorted(lost.elements()))[:40]!r}; "
                           f"words {missing[:6]}), gained {sum(gained.values())} ({''.join(sorted(gained.elements()))[:40]!r})")
    return "; ".join(problems[:3])
