"""Reading source bytes: BOM, line endings, empty and non-UTF-8 files."""
from __future__ import annotations

import pytest

from edition.errors import SourceError
from edition.source_text import decode


def test_bom_and_crlf_give_the_same_lines():
    plain = decode("f", "a\nb\n".encode())
    assert decode("f", b"\xef\xbb\xbfa\r\nb\r\n") == plain
    assert [(l.number, l.text) for l in plain] == [(1, "a"), (2, "b"), (3, "")]


@pytest.mark.parametrize("data,line,message", [(b"", 1, "empty"), (b" \n\n \n", 1, "empty"),
                                                (b"ok\nok\nbad \xe9 byte\n", 3, "UTF-8")])
def test_bad_bytes_name_their_line(data, line, message):
    with pytest.raises(SourceError) as caught:
        decode("src.txt", data)
    assert caught.value.line == line and message in str(caught.value)
    assert str(caught.value).startswith(f"src.txt:{line}: ")


def test_line_of_finds_the_first_line_holding_a_needle_after_a_line():
    from edition.source_text import line_of
    text = "[review]\nsource = \"a.txt\"\n[listing]\nsource = \"b.txt\"\n"
    assert line_of(text, "source =") == 2
    assert line_of(text, "source =", after=3) == 4
    assert line_of(text, "nowhere") is None
