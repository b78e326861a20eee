"""The listing reader on the real scraped page and on malformed copies."""
from __future__ import annotations

import re

import pytest

from conftest import LISTING, run_edition, snapshot
from pagetext import PRAISE, source_count
from edition.readers.listing import parse, read_listing, split_praise, Item
from edition.writers.markdown import write
from edition.model import Quotation, Table

SOURCE = LISTING.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(decisions):
    book, author = read_listing(LISTING, decisions["listing"])
    return write(book), write(author), book, author


def test_book_page_opens_with_title_subtitle_and_author(pages):
    book = pages[0].split("-->", 1)[1]
    assert re.search(r"^# Racing the Enemy\n\nStalin, Truman, and the Surrender of Japan\n\{: \.subtitle \}", book.lstrip())
    assert re.search(r"by Tsuyoshi Hasegawa<span class=\"ed-explanation\"", book)


def test_publication_details_restore_the_lost_labels(pages):
    table = next(b for b in pages[2].blocks if isinstance(b, Table))
    text = write_rows(table)
    assert text[0].startswith("[Author] | Hasegawa Tsuyoshi")
    assert text[1].startswith("[Publisher] | Belknap Press: An Imprint of Harvard University Press")
    assert text[2].startswith("Year of publication [publication date] | 30 September 2006")
    assert text[3].startswith("Number of pages | [none given] |") and "432" in text[3] and "catalogue" in text[3]
    assert text[4].startswith("[Price] | JPY 5,011")


def write_rows(table):
    def cell(inl):
        return "".join(getattr(n, "value", "") for n in inl)
    return [" | ".join(cell(c) for c in row) for row in table.rows]


def test_all_praise_is_split_into_quotation_and_attribution(pages):
    quotes = [b for b in pages[2].blocks if isinstance(b, Quotation)]
    assert len(quotes) == source_count(SOURCE, PRAISE) > 0
    people = ["".join(n.value for n in q.people) for q in quotes]
    assert people[0] == "John W. Dower" and "Kai Bird and Martin J. Sherwin" in people and people[-1] == "Gareth Cook"
    role = {p: "".join(getattr(n, "value", "") or "".join(c.value for c in getattr(n, "children", ())) for n in q.role)
            for p, q in zip(people, quotes)}
    assert role["John W. Dower"] == "Pulitzer Prize-winning author of Embracing Defeat: Japan in the Wake of World War II"
    assert role["Kai Bird and Martin J. Sherwin"] == "Los Angeles Times"
    assert role["Anno Tadashi"] == "Monumenta Nipponica"


@pytest.mark.parametrize("text,quote,people,role", [
    ('"the final \'shock\' that led."Kai Bird and Martin J. Sherwin, Los Angeles Times',
     "the final 'shock' that led.", "Kai Bird and Martin J. Sherwin", "Los Angeles Times"),
    ('"[Racing the Enemy] might be called..."Errol MacGregor Clauss, Winston-Salem Journal',
     "[Racing the Enemy] might be called...", "Errol MacGregor Clauss", "Winston-Salem Journal"),
    ('"What ended World War II?... Tsuyoshi Hasegawa--a highly."Gareth Cook, Boston Globe',
     "What ended World War II?... Tsuyoshi Hasegawa--a highly.", "Gareth Cook", "Boston Globe"),
])
def test_split_holds_with_inner_quotes_brackets_and_ellipses(text, quote, people, role):
    assert split_praise("x", Item(1, text)) == (quote, people, role)


def test_quirks_stay_as_printed_and_are_marked(pages):
    book, author = pages[0], pages[1]
    assert "is a tour de force <span class=\"editorial explained\"" in book and "</span></span> a lucid" in book
    assert "(2012).\\[1\\] <span class=\"editorial explained\"" in author


def test_author_page_has_the_name_and_both_paragraphs(pages):
    author = pages[1]
    assert '# Tsuyoshi Hasegawa (<span lang="ja">長谷川毅</span>)' in author
    assert author.count("{: #p") == 2


def test_further_reading_keeps_the_title_without_an_address(pages):
    assert "Can the Atomic Bombings on Japan Be Justified? A Conversation with Dr. Tsuyoshi Hasegawa " \
           '<span class="editorial">\\[the listing gives no address\\]</span>' in pages[0]


def test_furniture_is_dropped_and_recorded(decisions):
    listing = parse(LISTING, decisions["listing"])
    dropped = [i.text for i in listing.dropped]
    assert "What's new" in dropped and "Top Bottom" in dropped
    assert dropped.count("Racing the Enemy: Stalin, Truman, and the Surrender of Japan") == 2


def damaged(edit):
    return edit(SOURCE)


MALFORMED = [
    ("unsplittable praise", lambda t: t.replace('war."John W. Dower, Pulitzer', 'war. John W. Dower Pulitzer'),
     "cannot split"),
    ("unknown details label", lambda t: t.replace("Number of pages\n", "Language\nEnglish\n"), "unknown label"),
    ("no title", lambda t: t.replace("Racing the Enemy: Stalin, Truman, and the Surrender of Japan\n", ""), "no title"),
    ("empty", lambda t: "\n\n", "empty"),
]


@pytest.mark.parametrize("name,damage,message", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_listing_is_refused_and_nothing_written(tmp_path, name, damage, message):
    bad = tmp_path / "listing.txt"
    bad.write_text(damage(SOURCE), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "book.md").write_text("before")
    before = snapshot(out)
    result = run_edition("convert", "listing", str(bad), "--section", "listing", "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert re.match(r"^\S*listing\.txt:\d+: ", result.stderr) and message in result.stderr
    assert snapshot(out) == before


def test_convert_listing_writes_both_pages(tmp_path):
    result = run_edition("convert", "listing", str(LISTING), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "book.md"), str(tmp_path / "author.md")]
