"""The language of each tagged element of a PDF (PDF/UA 7.2): WeasyPrint 70 writes only the document's."""
from __future__ import annotations

import functools


@functools.cache
def install() -> None:
    """Wrap WeasyPrint's builder of the structure tree so that an element with its own ``lang``
    (the author's name in Japanese, a Russian title) gives its struct element a /Lang. A seam over
    one function of the pinned WeasyPrint: tests/test_pdf_writer.py reads the languages back, so a
    WeasyPrint that renames it fails there rather than dropping the languages silently."""
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def build_with_lang(box, parent, *args):
        element = getattr(getattr(box, "_box", box), "element", None)
        lang = element.get("lang") if element is not None else None
        for struct in build(box, parent, *args):
            if lang and "Lang" not in struct and struct.get("S") not in ("/Document",):
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = build_with_lang
