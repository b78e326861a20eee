"""The editorial file: phrases it marks, and how they are set apart."""
from __future__ import annotations

import pytest

from edition.editorial import load, mark_phrases
from edition.errors import SourceError
from edition.model import Editorial, Sic, Text, Title


def test_titles_and_sic_are_marked(decisions):
    review = decisions["review"]
    marked = mark_phrases("Racing the Enemy, says Matsamura.", review)
    assert isinstance(marked[0], Title) and marked[0].children == (Text("Racing the Enemy"),)
    assert Sic((Text("Matsamura"),), "[sic]", review.sic[0]["explanation"]) in marked


def test_a_phrase_not_in_the_source_names_the_editorial_line(decisions, tmp_path):
    with pytest.raises(SourceError) as caught:
        decisions["review"].check_phrases(tmp_path / "src.txt", "text without the titles")
    assert caught.value.path.endswith("editorial.toml") and caught.value.line


def test_bad_toml_names_its_line(tmp_path):
    bad = tmp_path / "editorial.toml"
    bad.write_text('[review]\nsource = "x"\npage = \n')
    with pytest.raises(SourceError) as caught:
        load(bad)
    assert caught.value.line == 3
