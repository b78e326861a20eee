"""What Pagefind indexed of a built site, read as the browser reads it: each page's fragment (gzip, a signature, JSON)."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict]:
    """Each searched page's fragment by its address ("/review/"): its text (content), title (meta) and anchors."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE):])
        found[fragment["url"]] = fragment
    return found


def passage_words(fragment: dict, passages) -> dict[str, set[str]]:
    """The words of each passage of a page's fragment, bounded as the search box bounds a result's
    passages (overrides/assets/javascripts/search.js): from an anchored passage (its id matched by one
    of ``passages``) or a heading to the next, a passage no further than its own letters; "" the page's."""
    words = fragment["content"].split()
    bounds = sorted((a for a in fragment["anchors"] if any(p.fullmatch(a["id"]) for p in passages)
                     or (re.fullmatch(r"h[2-6]", a["element"], re.I) and a["text"])), key=lambda a: a["location"])
    found = {"": set(re.findall(r"\w+", fragment["content"]))}
    for i, at in enumerate(bounds):
        end = bounds[i + 1]["location"] if i + 1 < len(bounds) else len(words)
        if any(p.fullmatch(at["id"]) for p in passages) and at["text"]:
            left, stop, end = len(re.sub(r"\s+", "", at["text"])), end, at["location"]
            while end < stop and left > 0:
                left, end = left - len(words[end]), end + 1
        found[at["id"]] = set(re.findall(r"\w+", " ".join(words[at["location"]:end])))
    return found
