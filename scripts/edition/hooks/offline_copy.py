"""MkDocs hook: the offline copy (file://) gives the hosted site's addresses in canonical links, citations and print."""
from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.structure.files import File


def offline(config) -> bool:
    """Whether Material's offline plugin is on (``./scripts/build --offline``)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_page_context(context, page, config, nav):
    # The offline plugin turns directory URLs off so that pages open from disk (review.html), but
    # the address a reader cites, prints or is sent to by rel=canonical is the hosted one (review/).
    if offline(config) and config.site_url:
        hosted = File(page.file.src_uri, config.docs_dir, config.site_dir, use_directory_urls=True)
        page.canonical_url = urljoin(config.site_url, hosted.url)
    return context
