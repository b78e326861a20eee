"""The names in the texts, in a real browser: quiet links previewing their entries, and search finding a
passage under any form of a name it prints (Debian's Chromium)."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from lxml import html as lxml_html

from edition import config
from edition.register.names import load
from test_browser import search, shows_on_hover_and_focus


def identified():
    """(entry, a form the editors identify with it) of the register, and (entry, a name they add)."""
    register = load(config.NAMES_FILE)
    form = next((e, f.form) for e in register.entries for f in e.forms if f.reason)
    added = next((e, e.known_as[0].name) for e in register.entries if e.known_as)
    return form, added


def test_a_name_links_quietly_and_previews_its_entry_on_hover_and_focus(tab, site_url):
    (entry, form), _ = identified()
    tab.goto(site_url + "review/")
    link = tab.locator(f'article a.mention[href$="#{entry.id}"]', has_text=form).first
    preview = link.locator(".preview")
    shows_on_hover_and_focus(tab, link, preview, entry.heading)
    assert form in preview.inner_text() and link.get_attribute("aria-describedby") == preview.get_attribute("id")
    style = tab.evaluate("""() => { const a = document.querySelector('article p a.mention'), p = a.closest('p');
        const s = getComputedStyle(a);
        return {color: s.color, text: getComputedStyle(p).color, line: s.textDecorationLine, dash: s.textDecorationStyle,
                background: s.backgroundColor} }""")
    assert style["color"] == style["text"]                         # no new colour in the running text
    assert style["line"] == "underline" and style["dash"] == "dotted" and style["background"] == "rgba(0, 0, 0, 0)"
    assert tab.locator(".md-tooltip2").count() == 0                # no script component per name


def test_a_tap_on_a_name_goes_to_its_entry(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "review/")
    link = tab.locator("article a.mention").first
    entry = urlparse(link.get_attribute("href")).fragment
    link.tap()
    tab.wait_for_url(f"**/names/#{entry}")
    box = tab.locator(f'[id="{entry}"]').bounding_box()
    context.close()
    assert box and 0 <= box["y"] < 844


def printing_only(built_site, entry_id: str, word: str) -> set[str]:
    """The review's passages that name the entry without printing ``word`` (as the reader sees them)."""
    tree = lxml_html.fromstring((built_site / "review" / "index.html").read_bytes())
    found = set()
    for link in tree.xpath(f'//article//a[contains(@class, "mention")][contains(@href, "#{entry_id}")]'):
        passage = link.xpath('ancestor::*[@id and (self::p or self::li)][1]')[0]
        copy = lxml_html.fromstring(lxml_html.tostring(passage))
        for node in copy.xpath('.//*[contains(concat(" ", @class, " "), " preview ") or contains(@class, "sidenote")'
                               ' or contains(@class, "ed-explanation")]'):
            node.drop_tree()
        if not re.search(rf"\b{re.escape(word)}\b", copy.text_content()):
            found.add(passage.get("id"))
    return found


@pytest.mark.parametrize("case", ["identified form", "name the editors add"])
def test_a_search_for_a_name_finds_its_entry_and_the_passages_that_print_it_otherwise(tab, site_url, built_site, case):
    (entry, form), (added_entry, added) = identified()
    if case == "identified form":       # a word of the heading the identified form does not print
        query = next(w for w in re.findall(r"\w+", entry.heading) if w not in form)
    else:
        entry, query = added_entry, added.split()[0]
    expected = printing_only(built_site, entry.id, query)
    assert expected, (entry.id, query)
    hits = {(urlparse(h).path, urlparse(h).fragment) for h in search(tab, site_url, query)}
    base = urlparse(site_url).path
    assert (base + "names/", entry.id) in hits, hits
    assert {(base + "review/", anchor) for anchor in expected} & hits, (expected, hits)
