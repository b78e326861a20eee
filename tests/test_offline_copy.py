"""Tests of the offline copy (./scripts/build --offline): opened from disk, it reads, searches and cites like the site."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from conftest import PUBLISHED
from edition import config


def test_the_copy_opens_from_disk_navigates_and_searches_without_network(chromium, offline_site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto((offline_site / "index.html").as_uri())
    tab.click('.md-tabs a:text-is("Reviews")')
    tab.wait_for_url("**/reviews.html")
    tab.click('article a[href="review.html"]')
    tab.wait_for_url("**/review.html")
    tab.wait_for_load_state("networkidle")
    tab.keyboard.press("/")
    tab.keyboard.type("Shtemenko")
    tab.wait_for_selector(".md-search-result__item a", timeout=10_000)
    hits = [a.get_attribute("href") for a in tab.query_selector_all(".md-search-result__item a")]
    target = next(h for h in hits if urlparse(h).fragment == "p16")
    tab.click(f'.md-search-result__item a[href="{target}"]')
    tab.wait_for_selector("#p16 mark")
    context.close()
    assert urlparse(target).scheme == "file" and urlparse(target).path.endswith("/review.html")
    assert [u for u in requests if not u.startswith("file:")] == [] and errors == []


def test_the_copy_cites_the_hosted_addresses(offline_site):
    site_url = PUBLISHED
    review = (offline_site / "review.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{site_url}review/">' in review
    assert f'<meta name="citation_public_url" content="{site_url}review/">' in review
    assert f"This page: {site_url}review/" in review
    # Links between pages are to files, as a browser opening the copy from disk needs.
    assert 'href="bibliography.html#ref-' in review and not re.search(r'href="(\.\./)?bibliography/', review)


def test_the_copy_loads_nothing_from_other_hosts(offline_site):
    pages = [p.read_text(encoding="utf-8") for p in offline_site.glob("*.html")]
    assert pages and not any("unpkg.com" in page for page in pages)
    assert (offline_site / config.WORKER_SHIM_URL).read_bytes() == config.WORKER_SHIM.read_bytes()
    assert (offline_site / "search" / "search_index.js").exists()


def test_the_site_itself_keeps_directory_urls_and_no_shim(built_site):
    review = (built_site / "review" / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in review and not (built_site / "review.html").exists()
