"""The PDFs, read back: notes at the foot of the page that calls them, every word in order, the
printed pages in the margin, outline, links, metadata, fonts, and the same bytes from the same text."""
from __future__ import annotations

import re
import subprocess
import tomllib
from collections import Counter

import pikepdf
import pytest

from conftest import PUBLISHED, REVIEW, ROOT, run_edition, snapshot
from pagetext import PAGE_START, is_subsequence, source_count, words_of_page, words_of_source
from edition import config
from edition.errors import SourceError
from edition.settings import site_settings
from edition.writers import pdf_render
from edition.writers.print_html import Book

VARIETY = ROOT / "tests" / "corpus" / "review-variety.txt"


def destinations(path) -> dict[str, tuple[int, float]]:
    """Every named destination of the PDF (WeasyPrint names one per id): its page (from 1) and height."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        return {str(name): (pages[dest[0].objgen], float(dest[3])) for name, dest in tree.items()}


def page_texts(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def words(text: str) -> list[str]:
    """Words, with a note number glued to a word's end, and a line broken after a hyphen or dash (the authors own: the PDF adds none), made alike."""
    out = []
    for word in text.split():
        out += [w for w in re.split(r"(?<=[^\d\s])(?=\d+$)|(?<=[—–-])(?=.)", word) if w]
    return out


def notes_at_their_calls(path, prefix: str) -> list[int]:
    """The notes of the text whose ids start with ``prefix``, each checked to stand on the page of its
    call, below it."""
    dests = destinations(path)
    numbers = sorted(int(m.group(1)) for name in dests if (m := re.fullmatch(rf"{prefix}-fn(\d+)", name)))
    for n in numbers:
        (note_page, note_y), (call_page, call_y) = dests[f"{prefix}-fn{n}"], dests[f"{prefix}-fn{n}-call"]
        assert note_page == call_page, f"note {n} is on page {note_page}, its call on page {call_page}"
        assert note_y < call_y, f"note {n} stands above its call"
    return numbers


@pytest.fixture(scope="module")
def review_pdf(built_site):
    return built_site / "pdf" / "review.pdf"


def test_every_note_of_the_review_stands_at_the_foot_of_the_page_that_calls_it(review_pdf):
    notes = notes_at_their_calls(review_pdf, "review")
    assert notes == list(range(1, len(notes) + 1)) and notes


def test_notes_stand_below_the_running_text_of_their_page(review_pdf):
    texts = page_texts(review_pdf)
    dests = destinations(review_pdf)
    for name, (page, _) in dests.items():
        match = re.fullmatch(r"review-fn(\d+)", name)
        if match:   # the note's words close its page's text (only the page's foot follows)
            start = re.search(rf"^{match.group(1)} (.{{0,30}})", texts[page - 1], re.M)
            assert start, f"note {match.group(1)} does not begin a line of page {page}"


def test_every_word_of_the_review_is_in_the_pdf_in_order(built_site, review_pdf):
    page = built_site / "review" / "index.html"
    printed = words(" ".join(page_texts(review_pdf)))
    body, notes = words(" ".join(words_of_page(page, "body"))), words(" ".join(words_of_page(page, "notes")))
    assert is_subsequence(body, printed) and is_subsequence(notes, printed)
    assert not Counter(words(" ".join(words_of_source(REVIEW.read_text(encoding="utf-8"))))) - Counter(printed)


@pytest.mark.parametrize("page", ["book", "author"])
def test_every_word_of_the_listing_is_in_its_pdf_and_in_the_edition_in_order(built_site, page):
    site_words = words(" ".join(words_of_page(built_site / page / "index.html")))
    assert is_subsequence(site_words, words(" ".join(page_texts(built_site / "pdf" / f"{page}.pdf"))))
    assert is_subsequence(site_words, words(" ".join(page_texts(built_site / "pdf" / "edition.pdf"))))


def test_each_printed_page_number_stands_once_on_the_page_of_its_first_words(review_pdf):
    texts = page_texts(review_pdf)
    dests = destinations(review_pdf)
    pages = source_count(REVIEW.read_text(encoding="utf-8"), PAGE_START)
    everything = "\n".join(texts)
    for n in range(1, pages + 1):
        assert everything.count(f"[p.\xa0{n}]") + everything.count(f"[p. {n}]") == 1, n
        page, _ = dests[f"review-page-{n}"]
        assert f"[p.\xa0{n}]" in texts[page - 1] or f"[p. {n}]" in texts[page - 1]
    assert f"review-page-{pages + 1}" not in dests


def test_first_page_has_title_reviewer_attribution_and_citation(review_pdf):
    first = re.sub(r"(?<=[-/])\s+", "", " ".join(page_texts(review_pdf)[0].split()))    # an address may wrap
    for phrase in ["[Review of] Tsuyoshi Hasegawa", "Reviewer: [David Holloway]", "Attribution (editorial)",
                   "Cite this text", "David Holloway", "H-Diplo Roundtable", f"{PUBLISHED}review/"]:
        assert phrase in first, phrase
    assert re.search(r"version \w+ of \d{4}-\d{2}-\d{2}", first)
    assert re.search(r"page 1 of \d+", first)


def test_outline_links_metadata_and_language_read_back(built_site, review_pdf):
    info = subprocess.run(["pdfinfo", str(review_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Title:\s+\[Review of\] Tsuyoshi Hasegawa", info) and re.search(r"Author:\s+David Holloway", info)
    assert re.search(r"Subject:\s+\S", info) and re.search(r"Keywords:\s+.*H-Diplo", info)
    assert re.search(r"Tagged:\s+yes", info) and re.search(r"Page size:.*\(A4\)", info)
    with pikepdf.open(review_pdf) as pdf:
        assert str(pdf.Root.Lang) == "en"
        links = {str(a.Dest) for page in pdf.pages for a in page.get("/Annots", []) if "/Dest" in a}
        uris = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A}
    for n in notes_at_their_calls(review_pdf, "review"):     # each call to its note, and back
        assert f"review-fn{n}" in links and f"review-fn{n}-call" in links
    assert any(link.startswith("review-ref-") for link in links)          # a cited work to its entry
    assert f"{PUBLISHED}review/" in uris
    with pikepdf.open(built_site / "pdf" / "edition.pdf") as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        assert titles[0] == site_settings()["site_name"] and "Contents" in titles and titles[-1] == "Bibliography"
        assert any(t.startswith("[Review of]") for t in titles) and any("長谷川毅" in t for t in titles)
        assert [c.title for c in outline.root[-1].children]        # the bibliography by its groups


def test_every_font_is_embedded_and_japanese_has_a_face(built_site):
    for name in ["review", "book", "author", "edition"]:
        fonts = subprocess.run(["pdffonts", str(built_site / "pdf" / f"{name}.pdf")], capture_output=True,
                               text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts), name
    author = " ".join(page_texts(built_site / "pdf" / "author.pdf"))
    assert "長谷川毅" in author
    with pikepdf.open(built_site / "pdf" / "author.pdf") as pdf:    # the Japanese name tagged as Japanese
        assert "ja" in struct_languages(pdf.Root.StructTreeRoot) and str(pdf.Root.Lang) == "en"


def struct_languages(node) -> set[str]:
    """Every /Lang of the structure tree under ``node``."""
    if isinstance(node, pikepdf.Array):
        return set().union(*(struct_languages(child) for child in node))
    if isinstance(node, pikepdf.Dictionary):
        own = {str(node.Lang)} if "/Lang" in node else set()
        return own | (struct_languages(node.K) if "/K" in node else set())
    return set()


def test_corpus_review_converts_with_every_note_at_its_call(tmp_path):
    result = run_edition("convert", "review", str(VARIETY), "--out", str(tmp_path), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "pdf" / "review-variety.pdf"
    expect = tomllib.loads(VARIETY.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    notes = notes_at_their_calls(pdf, "review-variety")
    assert notes == list(range(1, len(expect["notes"]) + 1))
    printed = Counter(words(" ".join(page_texts(pdf))))
    source = Counter(words(" ".join(words_of_source(VARIETY.read_text(encoding="utf-8")))))
    lost = {w: n for w, n in (source - printed).items() if not any(w.rstrip(",.;:)") in link for link in expect["links"])}
    assert not lost     # every word but the addresses (a PDF wraps them where the source did not)


def wrapped(words: list[str], width: int = 78) -> list[str]:
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def long_note_review() -> str:
    """A review in the source's layout whose second note is longer than the foot of its page holds."""
    prose = "The planners argued once more over the terms of the surrender and over what the Soviet entry meant".split()
    body = (prose * 30)[:330] + ["end.1"] + (prose * 2)[:30] + ["last.2"] + (prose * 9)[:150] + ["close.3"]
    note = "On the planners see the memoranda, which argue over every word of the terms".split()
    lines = wrapped(body)
    return "\n".join([" " + lines[0], *lines[1:], "", " " * 48, "1 A short note.",
                      *wrapped(["2"] + (note * 40)[:420] + ["so."]), "3 Another short note.", ""])


def test_a_note_too_long_for_its_page_continues_on_the_next_pages_foot(tmp_path):
    text = long_note_review()
    source = tmp_path / "review-long-note.txt"
    source.write_text(text, encoding="utf-8")
    result = run_edition("convert", "review", str(source), "--out", str(tmp_path), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "pdf" / "review-long-note.pdf"
    dests = destinations(pdf)
    (page, _), (rest, top) = dests["review-long-note-fn2"], dests["review-long-note-fn2-cont"]
    assert rest == page + 1 and dests["review-long-note-fn2-call"][0] == page   # the rest opens the next page's notes
    for n in (1, 3):
        assert dests[f"review-long-note-fn{n}"][0] == dests[f"review-long-note-fn{n}-call"][0], n
    notes = " ".join(text.split(" " * 48)[1].split())
    assert is_subsequence(words(notes), words(" ".join(page_texts(pdf))))


def test_same_text_gives_the_same_bytes(tmp_path, monkeypatch, decisions):
    from edition.pages import convert
    first, second = tmp_path / "a", tmp_path / "b"
    monkeypatch.setattr(config, "CACHE_DIR", first)
    one = convert("review", REVIEW, decisions, to="pdf")
    monkeypatch.setattr(config, "CACHE_DIR", second)
    two = convert("review", REVIEW, decisions, to="pdf")
    assert list((second / "pdf").iterdir()) and one == two


def test_a_pdf_already_made_is_not_made_again(tmp_path, monkeypatch):
    import weasyprint
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    markup = "<!DOCTYPE html><html lang='en'><title>t</title><p>A line of text.</p></html>"
    made = pdf_render.render(lambda plan: (markup, Book(set())), "pdf/t.pdf", REVIEW)
    monkeypatch.setattr(weasyprint, "HTML", lambda **_: pytest.fail("rendered again"))
    assert pdf_render.render(lambda plan: (markup, Book(set())), "pdf/t.pdf", REVIEW) == made


def test_weasyprint_failure_names_the_text(tmp_path, monkeypatch):
    import weasyprint

    class Broken:
        def __init__(self, **_):
            pass

        def render(self, **_):
            raise ValueError("no layout")
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(weasyprint, "HTML", Broken)
    with pytest.raises(SourceError, match=r"pdf/t\.pdf: WeasyPrint failed: ValueError: no layout"):
        pdf_render.render(lambda plan: ("<p>text</p>", Book(set())), "pdf/t.pdf", REVIEW)


def test_a_character_no_face_has_stops_the_conversion_and_writes_nothing(tmp_path):
    text = VARIETY.read_text(encoding="utf-8").replace("and it will last.", "and it will last (தமிழ்).", 1)
    source = tmp_path / "review-tamil.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_edition("convert", "review", str(source), "--out", str(out), "--to", "pdf")
    assert result.returncode == 2
    line = next(n for n, l in enumerate(text.splitlines(), start=1) if "தமிழ்" in l)
    assert re.search(rf"review-tamil\.txt:{line}: pdf/review-tamil\.pdf: no print face has a glyph for த \(U\+0BA4", result.stderr)
    assert "IPAMincho" in result.stderr and snapshot(out) == {}


def test_us_letter_by_a_setting_and_a_paper_not_known_refused(tmp_path):
    import shutil
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    editorial = tmp_path / "sources" / "editorial.toml"
    text = config.EDITORIAL_FILE.read_text(encoding="utf-8")
    editorial.write_text(text + '\n[print]\npaper = "letter"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_edition("convert", "listing", str(ROOT / "sources" / "listing-racing-the-enemy.txt"), "--out", str(out),
                         "--to", "pdf", "--editorial", str(editorial))
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out / "pdf" / "author.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(letter\)", info)
    editorial.write_text(text + '\n[print]\npaper = "A5"\n', encoding="utf-8")
    result = run_edition("convert", "listing", str(ROOT / "sources" / "listing-racing-the-enemy.txt"), "--out",
                         str(tmp_path / "none"), "--to", "pdf", "--editorial", str(editorial))
    line = len(text.splitlines()) + 3
    assert result.returncode == 2 and f"editorial.toml:{line}: [print]: paper = 'A5': expected one of A4, letter" in result.stderr
    assert not (tmp_path / "none").exists()


def test_names_are_printed_as_the_texts_print_them_not_as_links(built_site):
    """A name linked to its entry on the site is words on paper: no link to the Index, which (its links
    the site's) is not printed."""
    linked = set()
    for name in ["review", "book", "author", "edition"]:
        with pikepdf.open(built_site / "pdf" / f"{name}.pdf") as pdf:
            for page in pdf.pages:
                for annotation in page.get("/Annots", []):
                    if "/A" in annotation and "/URI" in annotation.A:
                        linked.add(str(annotation.A.URI))
                    if "/Dest" in annotation:
                        linked.add(str(annotation.Dest))
            if name == "edition":
                with pdf.open_outline() as outline:
                    assert "Index" not in [item.title for item in outline.root]
    assert linked and not [link for link in linked if "names" in link]
    assert (built_site / "names" / "index.html").exists()
