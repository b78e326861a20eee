"""Committed generated pages match what the converter makes now, and carry the do-not-edit header."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, run_edition
from edition.build.site_build import generated_pages


def test_committed_pages_do_not_drift():
    for name, text in generated_pages().items():
        committed = ROOT / "docs" / name
        assert committed.exists(), f"docs/{name} is missing: run ./scripts/build"
        assert committed.read_text(encoding="utf-8") == text, f"docs/{name} drifted: run ./scripts/build"


def test_generated_pages_say_where_they_come_from():
    for name, text in generated_pages().items():
        body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
        header = body.lstrip().splitlines()[0]
        assert "generated from sources/" in header and "do not edit" in header


def test_check_command_reports_drift(tmp_path):
    assert run_edition("check").returncode == 0
    # Make drift for real in a copy of the project: one committed page edited by hand.
    for part in ["mkdocs.yml", "docs", "sources", "scripts", "overrides"]:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    page = tmp_path / "docs" / "review.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Hasegawa", "Hasegava", 1), encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "edition", "check"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "docs/review.md: differs" in result.stderr, result.stderr
