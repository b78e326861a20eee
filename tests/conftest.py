"""Shared fixtures: paths, the decisions file, and one strict build of the site per test session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from edition import config, editorial  # noqa: E402
from edition.build.site_build import build_in, site_files  # noqa: E402

#: The address the tests' builds are published at (the project's own build has none until one is set).
PUBLISHED = "https://edition.example.net/racing-the-enemy/"

REVIEW = ROOT / "sources" / "review-holloway-racing-the-enemy.txt"
LISTING = ROOT / "sources" / "listing-racing-the-enemy.txt"


@pytest.fixture(scope="session")
def decisions():
    return editorial.load(config.EDITORIAL_FILE)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as ./scripts/build --site-url PUBLISHED makes it, built strictly into a scratch folder."""
    pages, citations, edition = site_files(site_url=PUBLISHED)
    return build_in(tmp_path_factory.mktemp("build"), {**pages, **citations}, site_url=PUBLISHED, edition=edition)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The copy ./scripts/build --offline makes, to open from disk."""
    pages, citations, edition = site_files(site_url=PUBLISHED)
    return build_in(tmp_path_factory.mktemp("offline"), {**pages, **citations}, offline=True, site_url=PUBLISHED,
                    edition=edition)


def run_edition(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The converter's command line, as ./scripts/convert runs it."""
    env = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove that nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def site_url(built_site):
    from browser import serve
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from browser import CHROMIUM, CHROMIUM_ARGS, available
    if not available():
        if os.environ.get("CI"):
            pytest.fail("Chromium or pdftotext is missing: ./scripts/test installs them")
        pytest.skip("Chromium or pdftotext is missing: run ./scripts/test, which installs them")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def pytest_report_header(config):
    """The test log names the browser the browser tests drive (apt-get installs whatever Debian ships that day)."""
    from browser import CHROMIUM
    try:
        return "chromium: " + subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "chromium: not installed"
