"""A .bib field's TeX as CSL-JSON text, parsed by pybtex: what its braces protect marked nocase."""
from __future__ import annotations

import re


#: TeX's escapes of characters it would read as its own (a backslash, a brace, a dollar...), which
#: latexcodec leaves as they are and pybtex would read as commands and groups; pandoc reads them as
#: those characters, and so does a title: each is kept out of their way as a private-use character.
ESCAPED = re.compile(r"\\(?:(text(?:backslash|quotedbl|asciitilde|asciicircum|less|greater))(?:\{\}|(?![A-Za-z]) ?)|([{}$]))")
NAMED = {"textbackslash": "\\", "textquotedbl": '"', "textasciitilde": "~", "textasciicircum": "^",
         "textless": "<", "textgreater": ">"}
PRIVATE = 0xE000


def unescaped(text: str) -> str:
    """Text with the escaped characters kept aside by parsed_tex given back."""
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - PRIVATE), text)


def parsed_tex(value: str):
    """A .bib field's TeX parsed by pybtex: -- and --- as dashes, quotes and apostrophes curly,
    escapes and accents decoded, braced groups kept as Protected parts (escaped characters as
    private-use ones: unescaped() gives them back)."""
    import codecs

    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    from pybtex.markup import LaTeXParser
    for tex, text in (("``", "“"), ("''", "”"), ("`", "‘"), ("'", "’")):
        value = re.sub(r"(?<!\\)" + tex, text, value)     # \' and \` are accents
    value = ESCAPED.sub(lambda m: chr(PRIVATE + ord(NAMED.get(m[1]) or m[2])), value)
    return LaTeXParser(codecs.decode(value, "ulatex")).parse()


#: CSL-JSON's mark for text whose case a style must not change (CSL 1.0.2, "Rich text markup").
NOCASE = '<span class="nocase">{}</span>'


def tex_to_csl(value: str) -> str:
    """A .bib title's TeX as CSL-JSON text, as TeX would print it, with what its braces protect (proper
    nouns, acronyms) marked nocase, so that styles and the BibTeX download keep its case."""
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Protected
    backend = Backend()
    return unescaped("".join(NOCASE.format(part.render(backend)) if isinstance(part, Protected) else part.render(backend)
                             for part in parsed_tex(value).parts))


def before_colon(text: str) -> str:
    """A title's main title: what comes before its first colon outside nocase marks."""
    depth = 0
    for mark in re.finditer(r"<span[^>]*>|</span>|:", text):
        if mark.group() == ":" and not depth:
            return text[:mark.start()]
        depth += {"</span>": -1, ":": 0}.get(mark.group(), 1)
    return text
