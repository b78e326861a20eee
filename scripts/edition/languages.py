"""Marks runs of text in another script (Chinese characters, kana) with their language."""
from __future__ import annotations

import re

from .model import Foreign, Text

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def mark_script(node, lang: str) -> list:
    """Runs of Chinese characters and kana in a Text, marked with their language."""
    if not isinstance(node, Text) or not CJK.search(node.value):
        return [node]
    out, position = [], 0
    for match in CJK.finditer(node.value):
        if match.start() > position:
            out.append(Text(node.value[position:match.start()]))
        out.append(Foreign(match.group(), lang))
        position = match.end()
    if position < len(node.value):
        out.append(Text(node.value[position:]))
    return out
