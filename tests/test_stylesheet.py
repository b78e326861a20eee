"""The edition's stylesheet has no rule of ours that styles nothing: each selector matches on some page."""
from __future__ import annotations

import re

import tinycss2

from conftest import ROOT
from edition.site_steps.inline_styles import split_selectors
from test_browser import PAGES

# States a reader brings about (hover, focus, a followed link) and pseudo-elements match no element at rest: the
# element they apply to must exist.
STATE = re.compile(r"::?(?:hover|focus-visible|focus-within|focus|active|target|before|after|first-line|backdrop)\b")
EMPTY_IS = re.compile(r":is\(\s*(?:,\s*)*\)")


def selectors(rules) -> list[str]:
    found = []
    for rule in rules:
        if rule.type == "qualified-rule":
            found += split_selectors(rule.prelude)
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
            found += selectors(tinycss2.parse_blocks_contents(rule.content))
    return found


def at_rest(selector: str) -> str:
    return EMPTY_IS.sub("", STATE.sub("", selector)).strip()


def test_at_rest_strips_states_but_keeps_what_they_apply_to():
    assert at_rest(".a :is(.b, .c):is(:hover, :focus, :focus-within) > .d") == ".a :is(.b, .c) > .d"
    assert at_rest(".page-marker:hover") == ".page-marker"


def test_every_selector_of_ours_matches_on_some_page(chromium, site_url):
    css = tinycss2.parse_stylesheet((ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8"),
                                    skip_comments=True, skip_whitespace=True)
    wanted = sorted({at_rest(s) for s in selectors(css) if at_rest(s) not in ("", ":root")})
    assert wanted
    unmatched = set(wanted)
    tab = chromium.new_page()
    for path in PAGES:
        tab.goto(site_url + path)
        unmatched -= set(tab.evaluate("sels => sels.filter(s => document.querySelector(s))", sorted(unmatched)))
    tab.close()
    assert not unmatched, sorted(unmatched)
