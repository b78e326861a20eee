"""The palette's and the edition's stylesheets are written into every page; only Material's main stylesheet is linked."""
from __future__ import annotations

import re

import pytest
from rcssmin import cssmin

from conftest import ROOT
from edition.site_steps import inline_styles

LINKED = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def pages(site):
    return sorted(site.rglob("*.html"))


def test_every_page_links_only_materials_main_stylesheet(built_site):
    for page in pages(built_site):
        linked = LINKED.findall(page.read_text(encoding="utf-8"))
        assert len(linked) == 1 and re.search(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", linked[0]), (page, linked)


def test_every_page_carries_the_editions_stylesheet_and_the_palette(built_site):
    ours = cssmin((ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8"))
    for page in pages(built_site):
        styles = re.findall(r"<style>(.*?)</style>", page.read_text(encoding="utf-8"), re.S)
        assert ours in styles, page
        assert any("[data-md-color-scheme=slate]" in css for css in styles), page


def test_minifying_keeps_what_each_selector_means(built_site):
    # A descendant combinator before a pseudo-class (".md-typeset :is(...)") is a space that a
    # minifier must keep: csscompressor dropped it inside @media, which made a rule match nothing.
    source = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    wanted = set(re.findall(r"[\w\])] :[\w-]+\(", source))
    assert wanted
    styles = "".join(re.findall(r"<style>(.*?)</style>", (built_site / "review" / "index.html").read_text(encoding="utf-8"), re.S))
    minified = re.sub(r"\s+", " ", styles)
    for spaced in wanted:
        assert minified.count(spaced) >= source.count(spaced), spaced


def test_the_palette_loses_only_its_source_map_comment():
    rule = "[data-md-color-switching] *{transition-duration:0s!important}"
    css = inline_styles.palette_css(f"a{{color:red}}{rule}b{{color:blue}}/*# sourceMappingURL=x.map */", set())
    assert css == "a{color:red}" + rule + "b{color:blue}"


def test_the_palette_keeps_only_the_colours_a_page_can_show():
    css = ("[data-md-color-primary=red]{a:1}[data-md-color-primary=indigo]{a:2}"
           "@media screen{[data-md-color-accent=pink] x,:is(p,q)[data-md-color-accent=indigo]{b:1}"
           "[data-md-color-primary=red] y{c:1}}z{d:1}")
    kept = inline_styles.palette_css(css, {("primary", "indigo"), ("accent", "indigo")})
    assert kept == "[data-md-color-primary=indigo]{a:2}@media screen{:is(p,q)[data-md-color-accent=indigo]{b:1}}z{d:1}"
    # Parsed once per stylesheet and set of colours: another set gets its own rules, not the first's.
    assert inline_styles.palette_css(css, {("primary", "red")}).startswith("[data-md-color-primary=red]{a:1}")


def test_each_page_styles_the_colours_its_palette_toggle_offers(built_site):
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        offered = set(inline_styles.COLOUR.findall(html.split("<style>")[0] + html.split("</style>")[-1]))
        styled = set(inline_styles.COLOUR.findall("".join(re.findall(r"<style>(.*?)</style>", html, re.S))))
        assert offered and styled == offered, (page, offered, styled)


def test_other_links_are_left_alone(tmp_path):
    extra = ["stylesheets/extra.css"]
    assert inline_styles.stylesheet("../assets/stylesheets/main.123abc.min.css", tmp_path, extra, set()) is None
    assert inline_styles.stylesheet("https://example.org/a.css", tmp_path, extra, set()) is None
    with pytest.raises(inline_styles.MissingStylesheet, match="palette"):
        inline_styles.stylesheet("../assets/stylesheets/palette.123abc.min.css", tmp_path, extra, set())


def test_colours_switch_without_transitions_and_a_load_never_marks_the_page_as_switching(chromium, site_url):
    # Material's palette component marked <body> as switching at every load, and its rule on every
    # element restyled the whole page twice; the edition's switch marks it only when a reader switches.
    context = chromium.new_context()
    tab = context.new_page()
    tab.add_init_script("""window.switching = 0; new MutationObserver(records => { window.switching +=
        records.filter(r => r.attributeName === 'data-md-color-switching').length })
        .observe(document, {attributes: true, subtree: true})""")
    tab.goto(site_url + "review/", wait_until="load")
    tab.wait_for_function("document.documentElement.classList.contains('js')")
    assert tab.evaluate("window.switching") == 0
    tab.evaluate("""() => { window.during = null; const form = document.querySelector('[data-edition-palette]');
        form.addEventListener('change', () => { window.during =
            getComputedStyle(document.querySelector('article a')).transitionDuration }) }""")
    tab.locator("[data-edition-palette] label:not([hidden])").click()
    tab.wait_for_function("window.during !== null && !document.body.hasAttribute('data-md-color-switching')")
    assert tab.evaluate("window.during") == "0s"
    assert tab.evaluate("getComputedStyle(document.querySelector('article a')).transitionDuration") != "0s"
    context.close()
