"""For the editors: the capitalised names of a text that no entry of the register covers."""
from __future__ import annotations

import re
import shutil

from conftest import ROOT, run_edition
from edition import config
from edition.model import Document, Editorial, Paragraph, Text, Title
from edition.register.names import load
from edition.pages import load_decisions, unlisted
from edition.passes.mentions import find_mentions
from edition.passes.unlisted import unlisted_names

VARIETY = ROOT / "tests" / "corpus" / "review-variety.txt"
#: The tests' review's own entries, added to the edition's register where a test reads that review.
VARIETY_NAMES = ROOT / "tests" / "corpus" / "review-variety.names.toml"


def names_in(text: str, register_text: str, tmp_path, *more) -> list[str]:
    path = tmp_path / "names.toml"
    path.write_text(register_text, encoding="utf-8")
    doc = Document(source="sources/t.txt", title="T", page="t.md",
                   blocks=[Paragraph([Text(text), *more], anchor="p1")])
    find_mentions([doc], load(path), {}, whole=False)
    return [u.name for u in unlisted_names([doc], {}, {})]


def test_names_no_entry_covers_are_listed_whole_and_covered_ones_are_not(tmp_path):
    register = '[kita]\nkind = "person"\nheading = "Kita"\nforms = ["Kita"]\n'
    text = ("The general Kita met Lieutenant General Uemura Mikio at the University of Washington on August 3. "
            "Whereas Kita spoke, Uemura did not; the Winston-Salem Journal said so.")
    assert names_in(text, register, tmp_path) == ["Lieutenant General Uemura Mikio", "University of Washington",
                                                  "August", "Uemura", "Winston-Salem Journal"]


def test_a_word_opening_a_sentence_counts_only_if_it_stands_inside_one_too(tmp_path):
    text = "Despite all, he came. Soviet entry mattered, and the Soviet role too. The Army came."
    assert names_in(text, "", tmp_path) == ["Soviet", "Army"]


def test_editorial_additions_and_titles_are_not_names_to_list(tmp_path):
    names = names_in("He read ", "", tmp_path, Title((Text("Japan’s Decision to Surrender"),)), Text(" in "),
                     Editorial("[Moscow]", "The editors'."), Text(" with Butow."))
    assert names == ["Butow"]


def test_the_command_lists_file_and_line_for_the_tests_review_and_the_edition():
    result = run_edition("names", "review", str(VARIETY))
    assert result.returncode == 0, result.stderr
    lines = VARIETY.read_text(encoding="utf-8").splitlines()
    listed = result.stdout.splitlines()
    assert listed and re.search(rf"^{len(listed)} names no entry", result.stderr)
    for entry in listed:
        match = re.fullmatch(r"(.+?):(\d+): (.+) \((\d+)×: (.+)\)", entry)
        assert match and match.group(1).endswith("review-variety.txt"), entry
        assert match.group(3).split()[0].split("-")[0] in lines[int(match.group(2)) - 1], entry
    whole = run_edition("names")
    assert whole.returncode == 0 and whole.stdout and "names.toml covers" in whole.stderr
    assert run_edition("names", "review").returncode == 2         # a kind without its file


def test_the_tests_review_is_covered_by_its_own_entries(tmp_path):
    """The tests' review's persons, places and organisations the edition's register lacks are its own
    entries: with them, none of those is listed (what is left are not names of any of those kinds)."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    decisions = load_decisions(sources / "editorial.toml")
    before = {u.name for u in unlisted(decisions, sources, "review", VARIETY)}
    with open(sources / config.NAMES_FILE.name, "a", encoding="utf-8") as names:
        names.write("\n" + VARIETY_NAMES.read_text(encoding="utf-8"))
    after = {u.name for u in unlisted(decisions, sources, "review", VARIETY)}
    own = load(VARIETY_NAMES)
    assert own.entries and after < before
    assert not {f.form for e in own.entries for f in e.forms} & after
    assert {f.form for e in own.entries for f in e.forms} <= before
