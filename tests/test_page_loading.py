"""What a page asks for before its text is painted: Material's bundle is deferred, fetched at low priority, and still starts."""
from __future__ import annotations

import re

import pytest

from test_browser import PAGES


@pytest.mark.parametrize("path", PAGES)
def test_materials_bundle_is_deferred_and_nothing_else_is(built_site, path):
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"[^\"]*bundle\.[0-9a-f]+\.min\.js\"[^>]*>", html)
    assert len(scripts) == 1, scripts
    assert re.search(r"\bdefer\b", scripts[0]) and not re.search(r"\basync\b", scripts[0])
    assert html.index(scripts[0]) > html.index('<script id="__config"')
    # Every other script is inline (the colour switch, Material's own) and runs where it stands,
    # but what opens the search box, which runs after the bundle (a module is deferred too).
    others = [tag for tag in re.findall(r"<script\b[^>]*>", html) if tag not in scripts]
    modules = [tag for tag in others if "src=" in tag]
    assert len(modules) == 1 and re.fullmatch(r'<script type="module" src="[./]*assets/javascripts/search-open\.js">', modules[0])
    assert html.index(modules[0]) > html.index(scripts[0])


def test_chromium_fetches_the_bundle_after_the_stylesheet_and_material_starts(chromium, site_url):
    context = chromium.new_context()
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    priorities = {}
    cdp.on("Network.requestWillBeSent", lambda e: priorities.update({e["request"]["url"]: e["request"]["initialPriority"]}))
    tab.goto(site_url + "review/", wait_until="load")
    bundle = next(p for url, p in priorities.items() if "/javascripts/bundle." in url)
    stylesheet = next(p for url, p in priorities.items() if "/stylesheets/main." in url)
    assert (bundle, stylesheet) == ("Low", "VeryHigh")
    # Material's bundle ran: it marks the page as scripted and mounts its components (the search).
    tab.wait_for_function("document.documentElement.classList.contains('js')")
    tab.keyboard.press("/")
    tab.keyboard.type("Stalin")
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    context.close()
