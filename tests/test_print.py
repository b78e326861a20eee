"""Printing from Chromium to A4 PDF, read back with pdftotext: the text without the site around it."""
from __future__ import annotations

import re
import subprocess

import pytest

from conftest import LISTING, PUBLISHED, REVIEW
from pagetext import PAGE_START, PRAISE, source_count


def printed(chromium, url: str, tmp_path, prepare: str = "") -> tuple[str, int]:
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto(url, wait_until="networkidle")
    if prepare:
        tab.evaluate(prepare)
    pdf = tmp_path / "page.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=False)
    context.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                               text=True, check=True).stdout).group(1))
    return text, pages


def flat(text: str) -> str:
    return " ".join(text.split())


FURNITURE = ["Skip to content", "Search", "Table of contents", "Made with", "Previous", "Next", "The Author About"]


def test_review_prints_whole_and_without_furniture(chromium, site_url, tmp_path):
    text, pages = printed(chromium, site_url + "review/", tmp_path)
    body = flat(text)
    assert pages <= 6
    assert "[Review of] Tsuyoshi Hasegawa" in body and "Reviewer: [David Holloway]" in body
    assert "Attribution (editorial)" in body and "prints no byline" in body
    assert "it is clear that the two atomic bombs" in body and "rendered them incapable of doing so." in body
    printed_pages = source_count(REVIEW.read_text(encoding="utf-8"), PAGE_START)
    assert all(f"[p. {n}]" in body for n in range(1, printed_pages + 1)) and f"[p. {printed_pages + 1}]" not in body
    for number, start in [(1, "These are taken from"), (2, "For Uemura"), (3, "Ibid."), (7, "I discuss this issue")]:
        assert re.search(rf"\b{number}\. {start}", body), number
    assert "explore more thoroughly and in greater detail the origins of the Cold War." in body
    assert "p. 311." in body and not re.search(r"p\. 311\.\s*cite\b", body)   # the notes' "cite" links are for the screen
    for word in FURNITURE:
        assert word not in body, word
    assert body.count(f"{PUBLISHED}review/") == 1   # the address, once
    assert body.count("For Uemura's comments") == 1     # each note printed once: its margin copy is not
    assert "Editorial expansion of" not in body           # nor the explanations of editorial marks


def test_block_quote_is_not_split_across_printed_pages(chromium, site_url, tmp_path):
    text, _ = printed(chromium, site_url + "review/", tmp_path)
    page = next(p for p in text.split("\f") if "it is clear that the two atomic bombs" in flat(p))
    assert "rendered them incapable of doing so." in flat(page)


def test_external_links_print_their_address(chromium, site_url, tmp_path):
    add_link = """document.querySelector('article p.para').insertAdjacentHTML('beforeend',
                  ' <a href="https://example.com/elsewhere">an outside page</a>')"""
    text, _ = printed(chromium, site_url + "review/", tmp_path, add_link)
    assert "an outside page <https://example.com/elsewhere>" in flat(text)


@pytest.mark.parametrize("path,expected", [
    ("book/", ["Racing the Enemy", "Publication details", "JPY 5,011", "Anno Tadashi, Monumenta Nipponica",
               "Gareth Cook, Boston Globe", "Kai Bird and Martin J. Sherwin, Los Angeles Times"]),
    ("author/", ["About the Author:", "Tsuyoshi Hasegawa (長谷川毅)", "born 23 February 1941", "Japanese–Soviet relations"]),
])
def test_book_and_author_print_whole(chromium, site_url, tmp_path, path, expected):
    text, pages = printed(chromium, site_url + path, tmp_path)
    body = flat(text)
    assert pages <= 6
    for phrase in expected:
        assert phrase in body, phrase
    if path == "book/":
        praise = source_count(LISTING.read_text(encoding="utf-8"), PRAISE)
        assert len(re.findall(r"— [A-Z]", body)) == praise   # every quotation with its attribution
    for word in FURNITURE:
        assert word not in body, word
    assert body.count(f"{PUBLISHED}{path}") == 1
