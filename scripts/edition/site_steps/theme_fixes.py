"""Mends the theme's HTML where no template block reaches it, so that pages validate."""
from __future__ import annotations

import re

# Material's base.html writes autocomplete="off" on its drawer and search checkboxes, outside any
# block; HTML allows autocomplete only on text-like inputs (the Nu HTML Checker reports an error).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


# Material's table of contents labels a "__toc" toggle that its navigation writes beside the page's
# own item; a page not in the navigation (a review: the series page lists them) has no such toggle,
# and a label for no control is an error too. The label stays, without its "for".
TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def mend(output: str) -> str:
    """A built page (or 404.html) without the two mistakes."""
    output = CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    return output if 'id="__toc"' in output else TOC_LABEL.sub(r"\1", output)
