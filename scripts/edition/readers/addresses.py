"""Addresses (URLs) in a source's text: one broken at a line's end is joined whole; each bare one is a link."""
from __future__ import annotations

import re

from ..model import Link, Text

#: An address in the text: a bare URL becomes a link; one broken at a line's end is joined whole.
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
URL_PIECE = re.compile(r"[\w\-./~%?=&#:+@!$*,;]+")
URL_TAIL = ".,;:!?\"'”’)]"


def continues_url(text: str, content: str) -> bool:
    """Whether a line's first word is the rest of an address the last line ended with: it has
    an address's characters and a path or query character of its own (or the address ended on one)."""
    last, first = text.rsplit(" ", 1)[-1], content.split(" ", 1)[0]
    if not URL.match(last) or not URL_PIECE.fullmatch(first):
        return False
    if last[-1] in ".,;:" and not first[:1].islower():
        return False      # the address ended a sentence
    return any(c in first.rstrip(URL_TAIL) for c in "/.=?&#_~%") or last.endswith(("/", "=", "?", "&", "#", "_", "~", "%"))


#: What makes an address not one URI, as XML Schema's anyURI (the TEI's) reads it: a second '#', a '%' not
#: followed by two hexadecimal digits. Such an address stays text: its characters kept, no link made of them.
NOT_ONE_URI = re.compile(r"#.*#|%(?![0-9A-Fa-f]{2})")


def link_addresses(node: Text) -> list:
    """A Text with each bare address in it made a link to itself (less the punctuation after it)."""
    out, position = [], 0
    for match in URL.finditer(node.value):
        address = match.group().rstrip(URL_TAIL)
        if NOT_ONE_URI.search(address):
            continue
        if match.start() > position:
            out.append(Text(node.value[position:match.start()]))
        target = address if "://" in address else "https://" + address
        out.append(Link((Text(address),), target, role="url"))
        position = match.start() + len(address)
    if position < len(node.value):
        out.append(Text(node.value[position:]))
    return out if out else [node]
