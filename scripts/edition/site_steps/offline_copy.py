"""The offline copy (file://) gives the hosted site's addresses in canonical links, citations and print."""
from __future__ import annotations

import re


def hosted_path(url: str) -> str:
    """A page's path on the hosted site from its file in the copy: "review.html" -> "review/", "index.html" -> ""."""
    stem = url[:-len(".html")]
    return "" if stem == "index" else stem[:-len("index")] if stem.endswith("/index") else stem + "/"


def hosted_addresses(html: str, url: str, site_url: str) -> str:
    """The page's own address in the copy (``site_url`` + review.html) made the hosted one (review/)."""
    # The offline plugin turns directory URLs off so that pages open from disk (review.html), but
    # the address a reader cites, prints or is sent to by rel=canonical is the hosted one (review/).
    own = re.compile(re.escape(site_url + url) + r'(?=[#"<\s])')
    return own.sub(lambda _: site_url + hosted_path(url), html)
