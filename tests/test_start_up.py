"""What a page does as it starts in the browser: the marks Material's script sets on <html> (Chromium)."""
from __future__ import annotations

import pytest

#: Every change of <html>'s class attribute, as the page makes it: the value before, and whether
#: the body had been parsed yet. It runs before any of the page's own, before <html> exists.
WATCH_HTML_CLASS = """
window.__classChanges = [];
new MutationObserver(records => {
  for (const record of records.filter(record => record.target === document.documentElement)) {
    window.__classChanges.push({old: record.oldValue, parsedBody: !!document.body});
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"], attributeOldValue: true});
"""

#: Material's palette component appends this as it mounts, the last of its start-up work.
MOUNTED = "document.querySelector('meta[name=color-scheme]') !== null"


def tokens(value) -> frozenset:
    return frozenset((value or "").split())


@pytest.mark.parametrize("path", ["", "review/", "book/"])
def test_html_is_marked_for_javascript_once_before_the_text_is_parsed(chromium, site_url, path):
    """Each change of <html>'s classes restyles every element in Chromium; Material's bundle marks
    it "js" after the first paint, so the page marks it first and the bundle's marks change nothing."""
    context = chromium.new_context()
    tab = context.new_page()
    tab.add_init_script(WATCH_HTML_CLASS)
    tab.goto(site_url + path)
    tab.wait_for_function(MOUNTED)
    changes = tab.evaluate("window.__classChanges")
    final = tab.evaluate("document.documentElement.className")
    context.close()
    values = [change["old"] for change in changes] + [final]
    real = [(changes[i], values[i + 1]) for i in range(len(changes)) if tokens(values[i]) != tokens(values[i + 1])]
    assert len(real) == 1, real
    (first, after), = real
    assert tokens(first["old"]) == {"no-js"} and {"js", "js-focus-visible"} <= tokens(after)
    assert not first["parsedBody"]


def test_without_javascript_the_page_keeps_its_no_js_styles(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "review/")
    assert tokens(tab.get_attribute("html", "class")) == {"no-js"}
    assert not tab.is_visible(".md-search")
    context.close()
