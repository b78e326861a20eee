"""Steps over the built site, after the engine: the theme's mends, inlined styles, the offline copy's addresses and search."""
from __future__ import annotations

from pathlib import Path

from .inline_styles import inline
from .offline_copy import hosted_addresses
from .search_passages import split_search_index
from .theme_fixes import mend


def finish_site(site: Path, extra_css: list[str], site_url: str = "", offline: bool = False) -> None:
    """Every page of the built ``site`` (404.html too) mended and given its styles; the offline copy
    its hosted addresses and a search entry per passage."""
    for page in sorted(site.rglob("*.html")):
        url = page.relative_to(site).as_posix()
        html = inline(mend(page.read_text(encoding="utf-8")), site, extra_css)
        if offline and site_url:
            html = hosted_addresses(html, url, site_url)
        page.write_text(html, encoding="utf-8")
    if offline:
        split_search_index(site)
