"""Writing pages whole or not at all, and leaving alone those already as given."""
from __future__ import annotations

import os

import pytest

from edition.build.files import write_atomically


def test_new_and_changed_pages_are_written_and_unchanged_ones_left_alone(tmp_path):
    (tmp_path / "same.md").write_text("kept\n", encoding="utf-8")
    (tmp_path / "old.md").write_text("before\n", encoding="utf-8")
    os.utime(tmp_path / "same.md", (1_000_000, 1_000_000))
    written = write_atomically({"same.md": "kept\n", "old.md": "after\n", "sub/new.md": "new\n"}, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == ["old.md", "sub/new.md"]
    assert (tmp_path / "old.md").read_text(encoding="utf-8") == "after\n"
    assert (tmp_path / "sub" / "new.md").read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "same.md").stat().st_mtime == 1_000_000
    assert not list(tmp_path.rglob(".converting-*"))


def test_a_failure_part_way_writes_nothing(tmp_path):
    (tmp_path / "a.md").write_text("before\n", encoding="utf-8")
    (tmp_path / "blocked").write_text("a file where a folder should be\n", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomically({"a.md": "after\n", "blocked/b.md": "x\n"}, tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "before\n"
    assert not list(tmp_path.rglob(".converting-*"))
