"""The checksum record of the sources."""
from __future__ import annotations

import pytest

from conftest import ROOT
from edition.build import checksums
from edition.errors import SourceError


def test_committed_sources_match_their_record(decisions):
    checksums.verify([d.source for d in decisions.values()])


def test_sources_are_the_shared_originals_byte_for_byte():
    shared = ROOT.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("the shared originals are not beside this checkout")
    originals = {checksums.digest(p) for p in shared.glob("*.txt")}
    recorded = {digest for digest, _ in checksums.record().values()}
    assert recorded == originals


def test_a_malformed_record_names_its_line(tmp_path):
    sums = tmp_path / "SHA256SUMS"
    sums.write_text("abc file.txt\n")
    with pytest.raises(SourceError) as caught:
        checksums.record(sums)
    assert caught.value.line == 1
