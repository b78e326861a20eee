"""What Pagefind indexed of a built site, read as the browser reads it: each page's fragment (gzip, a signature, JSON)."""
from __future__ import annotations

import gzip
import json
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
