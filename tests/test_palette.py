"""The colour switch (overrides/partials/palette.html): Material's behaviour, without its palette component."""
from __future__ import annotations

import re

import pytest

SCHEME = "document.body.dataset.mdColorScheme"
SHOWN = "[...document.querySelectorAll('[data-edition-palette] label')].filter(l => !l.hidden).map(l => l.title)"
META = "name => document.querySelector(`meta[name=${name}]`)?.content"


@pytest.mark.parametrize("system, scheme, toggle, colour_scheme", [
    ("light", "default", "Switch to dark mode", "light"),
    ("dark", "slate", "Switch to light mode", "dark"),
])
def test_a_first_visit_takes_the_systems_colours_before_the_text_is_parsed(chromium, site_url, system, scheme,
                                                                            toggle, colour_scheme):
    context = chromium.new_context(color_scheme=system)
    tab = context.new_page()
    # What the page shows when the parser reaches the text, before any script after the header ran.
    tab.add_init_script("""new MutationObserver((_, observer) => { const main = document.querySelector('main');
            if (main) { window.atText = document.body.dataset.mdColorScheme; observer.disconnect() } })
        .observe(document, {childList: true, subtree: true})""")
    tab.goto(site_url + "review/")
    assert tab.evaluate("window.atText") == scheme
    assert tab.evaluate(SCHEME) == scheme
    assert tab.evaluate(SHOWN) == [toggle]
    assert tab.evaluate(META, "color-scheme") == colour_scheme
    # The metas say what Material's stylesheets make of the scheme: its colour scheme, its header's colour.
    header = tab.evaluate("(() => { const s = getComputedStyle(document.querySelector('.md-header'));"
                          " return [s.colorScheme, s.backgroundColor] })()")
    assert header[0] == colour_scheme
    rgb = "#" + "".join(f"{int(v):02x}" for v in re.findall(r"\d+", header[1])[:3])
    tab.wait_for_function(f"document.querySelector('meta[name=theme-color]').content === '{rgb}'")
    # Material's palette component is not mounted: nothing marks the form as one.
    assert tab.locator("[data-md-component=palette]").count() == 0
    context.close()


def test_a_click_switches_the_colours_and_they_stay_chosen_on_the_next_page(chromium, site_url):
    context = chromium.new_context(color_scheme="light")
    tab = context.new_page()
    tab.goto(site_url + "book/")
    tab.locator("[data-edition-palette] label:not([hidden])").click()
    tab.wait_for_function(f"{SCHEME} === 'slate'")
    assert tab.evaluate(SHOWN) == ["Switch to light mode"]
    assert tab.evaluate(META, "color-scheme") == "dark"
    tab.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    tab.goto(site_url + "review/")                        # the system still prefers light
    assert tab.evaluate(SCHEME) == "slate"
    tab.locator("[data-edition-palette] label:not([hidden])").click()
    tab.wait_for_function(f"{SCHEME} === 'default'")
    assert tab.evaluate(META, "color-scheme") == "light"
    context.close()


def test_enter_on_the_switch_moves_to_the_next_colours(chromium, site_url):
    context = chromium.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(site_url + "about/")
    tab.focus("[data-edition-palette] input:checked")
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"{SCHEME} === 'default'")
    assert tab.evaluate("document.activeElement.id") == "__palette_0"
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"{SCHEME} === 'slate'")
    context.close()


def test_without_javascript_no_switch_is_offered(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "review/")
    assert tab.locator("[data-edition-palette] label:not([hidden])").count() == 0
    context.close()
