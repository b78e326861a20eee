"""The built site is reproducible, valid HTML, link-clean, and built without warnings."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from lxml import html as lxml_html

from conftest import PUBLISHED, ROOT, snapshot
from edition.build.files import write_atomically
from edition.build.site_build import build_in, site_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages, citations, _ = site_files(site_url=PUBLISHED)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = snapshot(build_in(tmp_path / "one", {**pages, **citations}, site_url=PUBLISHED))
    two = snapshot(build_in(tmp_path / "two", {**pages, **citations}, site_url=PUBLISHED))
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert "<lastmod>2023-11-14</lastmod>" in one["sitemap.xml"].decode()   # from SOURCE_DATE_EPOCH, not the clock


@pytest.fixture(params=["built_site", "offline_site"])
def site(request) -> Path:
    """The site, and the offline copy made from the same pages."""
    return request.getfixturevalue(request.param)


def test_nu_html_checker_finds_no_errors(site):
    if not VNU.exists():
        pytest.fail("vnu.jar is missing: ./scripts/test installs it with npm")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [(Path(unquote(m.get("url", ""))).name, m.get("lastLine"), m["message"]) for m in messages] == []
    assert len(pages) >= 7


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in site.rglob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        ids[page] = set(tree.xpath("//@id")) | set(tree.xpath("//a/@name"))
        links += [(page, ref) for ref in tree.xpath("//a/@href | //link/@href | //script/@src | //img/@src")]
    broken = []
    for page, ref in links:
        parsed = urlparse(ref)
        if parsed.scheme or ref.startswith("//") or page.name == "404.html":
            continue   # other sites, and the 404 page whose links are absolute to the host
        target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append((str(page.relative_to(site)), ref))
        elif parsed.fragment and target.suffix == ".html" and unquote(parsed.fragment) not in ids.get(target, set()):
            broken.append((str(page.relative_to(site)), ref))
    assert broken == [] and len(links) > 100


def test_strict_build_prints_no_warning_or_link_notice(tmp_path):
    """MkDocs' own command line on a copy of the project with the files a build adds."""
    for part in ("mkdocs.yml", "docs", "overrides", "scripts"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    pages, citations, _ = site_files(site_url=PUBLISHED)
    write_atomically({**pages, **citations}, tmp_path / "docs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    noisy = [line for line in output.splitlines() if line.startswith("WARNING") or
             (line.startswith("INFO") and any(w in line for w in ("link", "anchor", "not found", "not included")))]
    assert noisy == []
