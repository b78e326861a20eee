"""An editor adds a second review of the roundtable: a text the test writes itself builds and links."""
from __future__ import annotations

import hashlib
import shutil
import tomllib
from collections import Counter

import pytest
from lxml import html as lxml_html

from conftest import ROOT
from pagetext import is_subsequence, words_of_page, words_of_source
from edition.build.site_build import build_site

VARIETY = ROOT / "tests" / "corpus" / "review-variety.txt"
#: A quotation of the source's own markup, added to the tests' review at the end of a paragraph.
MARKUP = "<script>alert('x')</script> **not bold** [x](y) & {: #evil }"


#: A name with its accents, as another review of a series may spell it (the first writes none).
ACCENTED = "as Foreign Minister Tōgō Shigenori put it"


def second_review() -> str:
    """The tests' review of many cases, with markup in its text that must stay text, and an accented name."""
    text = VARIETY.read_text(encoding="utf-8")
    return text.replace("and it will last.", f"and it will last: {MARKUP} is text, {ACCENTED}.", 1)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("second")
    for part in ["mkdocs.yml", "docs", "sources", "overrides", "scripts"]:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part,
                                                                     **({"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / part).is_dir() else {}))
    text = second_review()
    (root / "sources" / "review-second.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    with open(root / "sources" / "SHA256SUMS", "a") as sums:
        sums.write(f"{digest}  review-second.txt\n")
    with open(root / "sources" / "editorial.toml", "a", encoding="utf-8") as editorial:
        editorial.write('\n[review-second]\nreader = "review"\nsource = "review-second.txt"\n'
                        'page = "review-second.md"\ntitle = "[Review of] Racing the Enemy (a second review)"\n'
                        'reviewer = "A. Reviewer"\nattribution = "Named in the roundtable header."\n'
                        '[[review-second.links]]\npattern = \'pp?\\. \\d+(?:[-–]\\d+)?\'\nkey = "hasegawa2005racing"\n'
                        'scope = "body"\n')
    # Nothing to add to nav: the series page lists the review (README, "Adding another review").
    with open(root / "sources" / "names.toml", "a", encoding="utf-8") as names:     # the review's own names
        names.write("\n" + VARIETY.with_suffix(".names.toml").read_text(encoding="utf-8"))
    build_site(root)
    return root


def test_second_review_builds_with_its_notes_pages_and_paragraphs(project):
    tree = lxml_html.fromstring((project / "site" / "review-second" / "index.html").read_bytes())
    want = tomllib.loads(VARIETY.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    assert [a.get("id") for a in tree.xpath('//a[@class="page-marker"]')] == [f"page-{n}" for n in range(1, want["pages"] + 1)]
    assert len(tree.xpath('//li[starts-with(@id,"fn:")]')) == len(want["notes"])
    assert [p.get("id") for p in tree.xpath('//p[@class="para"]')] == [f"p{n}" for n in range(1, want["paragraphs"] + 1)]
    links = tree.xpath('//div[contains(@class,"footnote")]//a[starts-with(@href,"http")]')
    assert [a.text_content() for a in links] == want["links"]


def test_every_word_reaches_the_page_in_order_and_each_note_follows_its_words(project):
    page = project / "site" / "review-second" / "index.html"
    body, notes = words_of_page(page, "body"), words_of_page(page, "notes")
    source = words_of_source(second_review(), joins=set(body + notes))
    assert Counter(body + notes) == Counter(source)
    assert is_subsequence(body, source) and is_subsequence(notes, source)
    tree = lxml_html.fromstring(page.read_bytes())
    want = tomllib.loads(VARIETY.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    for number, words in enumerate(want["markers"], start=1):
        sup = tree.xpath(f'//sup[@id="fnref:{number}"]')[0]
        texts = sup.xpath("preceding::text()[not(ancestor::small[contains(@class,'sidenote')])"
                          " and not(ancestor::*[@class='preview'])]")
        assert "".join(texts[-3:]).rstrip().endswith(words), (number, "".join(texts[-3:])[-40:])


def test_a_page_range_is_cited_whole(project):
    tree = lxml_html.fromstring((project / "site" / "review-second" / "index.html").read_bytes())
    refs = tree.xpath('//p[@class="para"]//a[contains(concat(" ", @class, " "), " ref ")]')
    assert [a.text for a in refs] == ["pp. 210–214", "pp. 45-47"]
    previews = [tree.xpath(f'//*[@id="{a.get("aria-describedby")}"]')[0].text_content() for a in refs]
    assert "210–14" in previews[0] and "45–47" in previews[1]


def test_markup_in_a_source_is_shown_as_text(project):
    tree = lxml_html.fromstring((project / "site" / "review-second" / "index.html").read_bytes())
    p3 = tree.xpath('//p[@id="p3"]')[0]
    assert MARKUP in p3.text_content()
    assert not p3.xpath(".//script | .//strong | .//a[@href='y']") and not tree.xpath('//*[@id="evil"]')


def test_second_review_is_listed_on_the_series_page_and_in_the_about_register_and_no_navigation_grows(project):
    series = lxml_html.fromstring((project / "site" / "reviews" / "index.html").read_bytes())
    entries = series.xpath('//article//p[starts-with(@id, "text-")]')
    assert [p.get("id") for p in entries] == ["text-review", "text-review-second"]
    assert entries[1].xpath(".//a/@href") == ["../review-second/"] and "A. Reviewer" in entries[1].text_content()
    # The navigation names the series page, not the reviews: each page's is as it was with one review.
    for page in ["index.html", "review/index.html", "review-second/index.html"]:
        tree = lxml_html.fromstring((project / "site" / page).read_bytes())
        assert not [h for h in tree.xpath("//nav//a/@href") if "review-second" in h or h.endswith("review/")]
    about = (project / "site" / "about" / "index.html").read_text()
    assert "review-second.txt" in about and "A. Reviewer" in about


def test_an_unaccented_query_finds_the_accented_name_at_its_paragraph_and_marks_it(project, chromium):
    from browser import serve
    from urllib.parse import urlparse
    from test_browser import search
    with serve(project / "site") as url:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        hits = search(tab, url, "Togo")
        target = next(h for h in hits if urlparse(h).path == "/review-second/" and urlparse(h).fragment == "p3")
        tab.click(f'.md-search-result__item a[href="{target}"]')
        tab.wait_for_selector("#p3 mark")
        marks = {m.inner_text() for m in tab.query_selector_all("article mark")}
        context.close()
    assert marks == {"Tōgō"}


def test_the_second_reviews_names_link_to_the_editions_entries_and_its_own(project):
    import tomllib
    tree = lxml_html.fromstring((project / "site" / "review-second" / "index.html").read_bytes())
    linked = {a.get("href").split("#")[1] for a in tree.xpath('//article//a[contains(@class, "mention")]')}
    own = set(tomllib.loads(VARIETY.with_suffix(".names.toml").read_text(encoding="utf-8")))
    edition = set(tomllib.loads((ROOT / "sources" / "names.toml").read_text(encoding="utf-8")))
    assert own <= linked and linked & edition              # its own entries, and the edition's where it names them
    index = lxml_html.fromstring((project / "site" / "names" / "index.html").read_bytes())
    for entry in linked:
        places = index.xpath(f'//h3[@id="{entry}"]/following-sibling::p[1]//a[contains(@class, "backlink")]/@href')
        assert any("review-second/" in href for href in places), entry
