"""The same site from ProperDocs, MkDocs' maintained fork: the same mkdocs.yml and plugins
build the same files, byte for byte but for the generator each page names."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import PUBLISHED, ROOT, snapshot

BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, {scripts!r})
from edition.build.site_build import build_in, site_files
pages, citations, edition = site_files(site_url={url!r})
print(build_in(Path(sys.argv[1]), {{**pages, **citations}}, site_url={url!r}, engine="properdocs", edition=edition))
"""
#: The one difference, and why it is harmless: each page's <meta name="generator"> names the engine
#: ("mkdocs-1.6.1, mkdocs-material-9.8.1" against "mkdocs-ProperDocs 1.6.7, ...": Material
#: prefixes the version ProperDocs gives with "mkdocs-").
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_file_by_file(built_site, tmp_path):
    done = subprocess.run([sys.executable, "-c", BUILD.format(scripts=str(ROOT / "scripts"), url=PUBLISHED), str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    ours, theirs = snapshot(built_site), snapshot(tmp_path / "site")
    assert sorted(theirs) == sorted(ours)
    generators = {GENERATOR.search(theirs[name]).group() for name in theirs if name.endswith(".html")}
    assert generators == {b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'}
    differ = [name for name in ours if GENERATOR.sub(b"", ours[name]) != GENERATOR.sub(b"", theirs[name])]
    assert differ == [], f"ProperDocs' build differs in {differ[:10]}"
