"""Reading in a real browser: search, footnotes, keyboard, accessibility, privacy (Debian's Chromium)."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import PUBLISHED, ROOT
from searched import fragments

PAGES = ["", "reviews/", "review/", "book/", "author/", "bibliography/", "names/", "about/", "sources/review/", "sources/listing/"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def search(tab, site_url, query: str) -> list[str]:
    tab.goto(site_url)
    tab.keyboard.press("/")            # Material's shortcut to the search box
    # The search index loads in a worker; a query typed before it is ready is typed again.
    for attempt in range(4):
        tab.fill(".md-search__input", "")
        tab.keyboard.type(query)
        # Material reads the query on keyup; Playwright enters non-ASCII text as one insertText
        # with no key events (an IME commit ends with a keyup), so release a harmless key.
        tab.keyboard.press("End")
        try:
            tab.wait_for_selector(".md-search-result__item a", timeout=5_000)
            # The first results show one by one as their fragments load: wait for all of them.
            tab.wait_for_selector('.md-search-result__list[aria-busy="false"]', state="attached", timeout=5_000)
            break
        except Exception:
            if attempt == 3:
                raise
    return [a.get_attribute("href") for a in tab.query_selector_all(".md-search-result__item a")]


@pytest.mark.parametrize("query,page", [("Vasilevskii", "review/"), ("Shtemenko", "review/"), ("Kwantung", "review/"),
                                        ("Belknap", "book/"), ("Butow", "review/"), ("Matsamura", "review/"),
                                        ("Monumenta", "book/"), ("長谷川毅", "author/"),
                                        # words that follow an opening quotation mark, a dash or a bracket
                                        ("Jockeying", "review/"), ("recalls", "review/"), ("tenacity", "review/")])
def test_search_finds_names_on_the_right_page(tab, site_url, query, page):
    hits = search(tab, site_url, query)
    assert f"/{page}" in {urlparse(h).path for h in hits}, hits


@pytest.mark.parametrize("query,page,marked", [("Shtemenko", "review/", "shtemenko"),
                                               ("長谷川毅", "author/", "長谷川毅"), ("長谷川", "author/", "長谷川")])
def test_search_terms_are_highlighted_on_the_target_page(tab, site_url, query, page, marked):
    hits = search(tab, site_url, query)
    target = next(h for h in hits if urlparse(h).path == "/" + page and parse_qs(urlparse(h).query).get("h"))
    tab.click(f'.md-search-result__item a[href="{target}"]')
    tab.wait_for_selector("article mark")
    marks = tab.query_selector_all("article mark")
    assert marks and {m.inner_text().lower() for m in marks} == {marked}


@pytest.mark.parametrize("query,anchor", [("Shtemenko", "p16"), ("Simidzu", "p12"), ("Jockeying", "fn:7")])
def test_a_hit_in_the_review_lands_at_its_passage(tab, site_url, query, anchor):
    hits = search(tab, site_url, query)
    target = next(h for h in hits if urlparse(h).path == "/review/" and urlparse(h).fragment == anchor)
    tab.click(f'.md-search-result__item a[href="{target}"]')
    tab.wait_for_url(f"**/review/**#{anchor}")
    tab.wait_for_selector("article mark")
    box = tab.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().toJSON()")
    assert 0 <= box["top"] < 900, box          # the passage is on screen, not the top of the page
    assert tab.evaluate(f"document.getElementById('{anchor}').querySelector('mark') !== null")


@pytest.mark.parametrize("width", [1024, 390])
def test_footnote_previews_on_hover_and_focus(chromium, site_url, width):
    """Below the margin's width a note's copy previews it, inside the screen, while its marker is hovered or focused."""
    context = chromium.new_context(viewport={"width": width, "height": 844})
    tab = context.new_page()
    tab.goto(site_url + "review/")
    marker, preview = tab.locator('sup[id="fnref:2"] a'), tab.locator('sup[id="fnref:2"] + .sidenote')
    shows_on_hover_and_focus(tab, marker, preview, "[Zolotarev, Sovetsko-iaponskaia voina] p. 302")
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= 844
    tab.focus('sup[id="fnref:7"] a')
    assert "Jockeying" in tab.locator('sup[id="fnref:7"] + .sidenote').inner_text()
    assert tab.locator(".md-tooltip2").count() == 0         # no script component per marker
    context.close()


def rgba(css: str) -> tuple[float, ...]:
    """An rgb()/rgba() colour as computed by the browser, with its alpha."""
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def over(top: tuple[float, ...], bottom: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(t * top[3] + b * (1 - top[3]) for t, b in zip(top[:3], bottom[:3])) + (1.0,)


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG 2.1 contrast ratio of two opaque colours (axe leaves text on a gradient background
    "incomplete", so the preview's colours are read and compared here)."""
    def luminance(c):
        lin = [(v / 255 / 12.92) if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_note_preview_is_opaque_and_its_editorial_marks_legible(chromium, site_url, scheme):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site_url + "review/")
    tab.focus('sup[id="fnref:2"] a')
    style = tab.evaluate("""() => { const sheet = document.querySelector('sup[id="fnref:2"] + .sidenote');
        const css = getComputedStyle(sheet);
        return {opacity: css.opacity, image: css.backgroundImage, base: css.backgroundColor, text: css.color,
                mark: getComputedStyle(sheet.querySelector('.editorial')).color} }""")
    context.close()
    assert style["opacity"] == "1" and rgba(style["base"])[3] == 1      # nothing of the page shows through
    sheet = over(rgba(re.search(r"rgba?\([^)]*\)", style["image"]).group(0)), rgba(style["base"]))
    assert contrast(over(rgba(style["text"]), sheet), sheet) >= 4.5
    assert contrast(over(rgba(style["mark"]), sheet), sheet) >= 4.5


def shows_on_hover_and_focus(tab, host, tip, words: str) -> None:
    """The tip is hidden, shown while the pointer rests on its host, hidden again, shown on keyboard focus."""
    assert not tip.is_visible()
    host.hover()
    assert tip.is_visible() and words in tip.inner_text()
    tab.mouse.move(0, 0)
    assert not tip.is_visible()
    host.focus()                                           # from the keyboard
    assert tip.is_visible()
    assert host.get_attribute("title") is None              # not a title attribute for a script to mount


def test_a_cited_work_previews_on_hover_and_focus_without_a_script(tab, site_url):
    tab.goto(site_url + "review/")
    ref = tab.locator("article a.previewed").first
    preview = ref.locator(".preview")
    shows_on_hover_and_focus(tab, ref, preview, "Racing the Enemy")
    # Described to screen readers, not part of the link's name.
    assert ref.get_attribute("aria-describedby") == preview.get_attribute("id")
    assert tab.locator(".md-tooltip2").count() == 0         # Material's inline tooltips are off


@pytest.mark.parametrize("tip", [".previewed .preview", ".explained .ed-explanation", ".mention .preview"])
def test_small_screens_show_a_preview_or_explanation_inside_the_screen(chromium, site_url, tip):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "review/")
    host = tab.locator(f"article {tip.split()[0]}").first
    host.focus()
    box = host.locator(tip.split()[1]).bounding_box()
    context.close()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844


def on_screen(tab, selector: str) -> bool:
    box = tab.locator(selector).bounding_box()
    return bool(box) and box["height"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= tab.viewport_size["height"]


def test_a_tap_on_a_note_marker_or_a_cited_work_shows_its_text_on_a_touch_screen(chromium, site_url):
    """A tap follows the link, as before the previews were styles: to the note, or to the work's entry."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "review/")
    tab.tap('sup[id="fnref:2"] a')
    tab.wait_for_url("**/review/#fn:2")
    assert on_screen(tab, 'li[id="fn:2"]')
    tab.goto(site_url + "review/")
    link = tab.locator("article a.previewed").first
    entry = urlparse(link.get_attribute("href")).fragment
    link.tap()
    tab.wait_for_url(f"**/bibliography/#{entry}")
    assert on_screen(tab, f'[id="{entry}"]')
    context.close()


def open_citation(tab, control: str, popover: str) -> str:
    """The visible citation a cite control opens (by click or tap as the test does it)."""
    tab.wait_for_selector(f"#{popover}:popover-open", timeout=5_000)
    box = tab.locator(f"#{popover}")
    assert box.is_visible()
    return box.locator(".citation").inner_text()


def test_a_note_is_cited_by_click_copied_and_closed_with_escape(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site_url + "review/#fn:3")
    tab.click('li[id="fn:3"] button.cite-place')
    text = open_citation(tab, "fn:3", "cite-fn-3")
    assert "n. 3" in text and text.endswith(f"{PUBLISHED}review/#fn:3.")
    tab.click("#cite-fn-3 .cite-copy")                     # one click copies it, as plain text
    tab.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert tab.evaluate("navigator.clipboard.readText()") == text
    tab.keyboard.press("Escape")
    tab.wait_for_selector("#cite-fn-3", state="hidden")
    context.close()


def test_a_paragraph_is_cited_from_the_keyboard(tab, site_url):
    tab.goto(site_url + "review/")
    tab.focus('#p12 > button.cite-place')
    tab.keyboard.press("Enter")
    text = open_citation(tab, "p12", "cite-p12")
    assert "para. 12" in text and f"{PUBLISHED}review/#p12" in text
    tab.keyboard.press("Tab")                               # focus moves into the citation's controls
    assert tab.evaluate("document.activeElement.closest('#cite-p12') !== null")
    tab.keyboard.press("Escape")
    tab.wait_for_selector("#cite-p12", state="hidden")


def test_a_quotation_is_cited_by_tap_on_a_touch_screen(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "book/#q7")
    tab.tap('#q7 button.cite-place')
    text = open_citation(tab, "q7", "cite-q7")
    assert f"{PUBLISHED}book/#q7" in text
    tab.tap('#cite-q7 button[popovertargetaction="hide"]')
    tab.wait_for_selector("#cite-q7", state="hidden")
    context.close()


def test_notes_stand_in_the_margin_beside_their_markers_on_wide_screens(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "review/")
    geometry = tab.evaluate("""() => {
        const box = el => el.getBoundingClientRect();
        const marker = document.getElementById('fnref:3'), copy = marker.parentElement.querySelector('.sidenote');
        const note = copy; const para = marker.closest('p');
        const notes = [...document.querySelectorAll('.sidenote')].map(box);
        const toc = document.querySelector('.md-sidebar--secondary .md-sidebar__inner');
        return {visible: note.offsetParent !== null, hidden: note.getAttribute('aria-hidden'),
                noteLeft: box(note).left, noteTop: box(note).top, noteRight: box(note).right, markerTop: box(marker).top,
                paraRight: box(para).right, tocLeft: toc ? box(toc).left : Infinity,
                overlaps: notes.some((a, i) => notes.some((b, j) => i < j && a.bottom > b.top && b.bottom > a.top))};
    }""")
    context.close()
    assert geometry["visible"] and geometry["hidden"] == "true"
    assert geometry["noteLeft"] > geometry["paraRight"] and geometry["noteRight"] <= geometry["tocLeft"]
    assert abs(geometry["noteTop"] - geometry["markerTop"]) < 30 and not geometry["overlaps"]


@pytest.mark.parametrize("path", PAGES)
def test_small_screens_show_no_margin_notes_and_never_scroll_sideways(chromium, site_url, path):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site_url + path)
    shown = tab.evaluate("[...document.querySelectorAll('.sidenote')].filter(n => n.offsetParent !== null).length")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert shown == 0 and overflow <= 0


@pytest.mark.parametrize("path", ["review/", "book/", "author/"])
def test_editorial_marks_are_quiet_no_border_no_box(tab, site_url, path):
    tab.goto(site_url + path)
    boxed = tab.evaluate("""[...document.querySelectorAll('.editorial, cite.ed-title')].filter(el => {
        const s = getComputedStyle(el);
        return parseFloat(s.borderTopWidth) || parseFloat(s.borderLeftWidth) || s.boxShadow !== 'none'
            || s.backgroundColor !== 'rgba(0, 0, 0, 0)'; }).length""")
    plain = tab.evaluate("getComputedStyle(document.querySelector('article p.para')).color")
    marked = tab.evaluate("getComputedStyle(document.querySelector('article .editorial')).color")
    assert boxed == 0 and marked != plain


def test_an_editorial_mark_explains_itself_on_hover_focus_and_tap(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "review/#p11")
    sic = tab.locator("#p11 .explained").first
    shows_on_hover_and_focus(tab, sic, sic.locator(".ed-explanation"), "Matsumura")
    context.close()
    touch = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    tab = touch.new_page()
    tab.goto(site_url + "review/#p11")
    tab.locator("#p11 .explained").first.tap()
    assert tab.locator("#p11 .explained .ed-explanation").first.is_visible()
    touch.close()


def test_margin_copies_are_not_in_the_search_index(built_site):
    review = fragments(built_site)["/review/"]["content"]
    assert review.count("For Uemura") == 1


def test_footnote_back_link_returns_to_its_marker(tab, site_url):
    tab.goto(site_url + "review/#fn:3")
    tab.click('li[id="fn:3"] a.footnote-backref')
    assert urlparse(tab.url).fragment == "fnref:3"
    assert tab.evaluate("document.getElementById('fnref:3').getBoundingClientRect().top") < 900


def test_skip_link_moves_keyboard_focus_into_the_text(tab, site_url):
    tab.goto(site_url + "review/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.md-content') !== null")


def test_every_control_is_reachable_by_keyboard(tab, site_url):
    tab.goto(site_url + "book/")
    reached = set()
    for _ in range(200):
        tab.keyboard.press("Tab")
        reached.add(tab.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    wanted = ['class="md-skip', 'class="md-option', 'class="md-tabs__link', 'href="#praise"', 'class="md-footer__link']
    missing = [w for w in wanted if not any(w in r for r in reached)]
    assert not missing, missing
    # The colour-scheme switch works from the keyboard too.
    tab.goto(site_url + "book/")
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.classList.contains('md-option')"):
            break
    before = tab.evaluate("document.body.dataset.mdColorScheme")
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"document.body.dataset.mdColorScheme !== '{before}'")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_21_a_or_aa_or_best_practice_violations(chromium, site_url, path, scheme, width):
    context = chromium.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + path)
    assert tab.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})""")
    context.close()
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


def test_language_attributes(tab, site_url):
    tab.goto(site_url + "author/")
    assert tab.evaluate("document.documentElement.lang") == "en"
    assert tab.evaluate("document.querySelector('h1 [lang=ja]').textContent") == "長谷川毅"


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site_and_no_console_error(chromium, site_url, path):
    context = chromium.new_context()
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(site_url + path, wait_until="networkidle")
    tab.keyboard.press("/")
    tab.keyboard.type("Stalin")
    # a deadline, not a pause: on a loaded machine Pagefind's start (worker, WebAssembly) has taken over 10 s
    tab.wait_for_selector(".md-search-result__item", timeout=30_000)
    context.close()
    outside = [u for u in requests if not (u.startswith(site_url) or u.startswith("data:"))]
    assert outside == [] and errors == []
