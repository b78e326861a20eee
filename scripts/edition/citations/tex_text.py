"""A .bib field's TeX as CSL-JSON text, parsed by pybtex: what its braces protect marked nocase."""
from __future__ import annotations

import re


def parsed_tex(value: str):
    """A .bib field's TeX parsed by pybtex: -- and --- as dashes, quotes and apostrophes curly,
    escapes and accents decoded, braced groups kept as Protected parts."""
    import codecs

    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    from pybtex.markup import LaTeXParser
    for tex, text in (("``", "“"), ("''", "”"), ("`", "‘"), ("'", "’")):
        value = re.sub(r"(?<!\\)" + tex, text, value)     # \' and \` are accents
    return LaTeXParser(codecs.decode(value, "ulatex")).parse()


#: CSL-JSON's mark for text whose case a style must not change (CSL 1.0.2, "Rich text markup").
NOCASE = '<span class="nocase">{}</span>'


def tex_to_csl(value: str) -> str:
    """A .bib title's TeX as CSL-JSON text, as TeX would print it, with what its braces protect (proper
    nouns, acronyms) marked nocase, so that styles and the BibTeX download keep its case."""
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Protected
    backend = Backend()
    return "".join(NOCASE.format(part.render(backend)) if isinstance(part, Protected) else part.render(backend)
                   for part in parsed_tex(value).parts)


def before_colon(text: str) -> str:
    """A title's main title: what comes before its first colon outside nocase marks."""
    depth = 0
    for mark in re.finditer(r"<span[^>]*>|</span>|:", text):
        if mark.group() == ":" and not depth:
            return text[:mark.start()]
        depth += {"</span>": -1, ":": 0}.get(mark.group(), 1)
    return text
