"""Releases made for real in a clone of the repository: 1.0, then a corrected word and a new editorial
decision, then 1.1; each at its own address beside the other, cited there, listed on the Changes page,
offered by the version selector; bad input refused; the published tree rebuilt from a fresh clone."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import io
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lxml import html as lxml_html

from browser import serve
from conftest import ROOT
from edition import editorial
from edition.model import Paragraph
from edition.pages import edit
from edition.versions.releases import words
from searched import fragments
from test_zotero_import import zotero  # noqa: F401  (the translation-server, started once)

BRANCH = "gh-pages"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def edition(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """The edition's command line in ``repo``, with that repository's code, as its scripts run it."""
    env = {"PYTHONPATH": str(repo / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(repo.parent)}
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=repo, env=env, capture_output=True, text=True)


def clone(source: Path, target: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(source), str(target)], check=True)
    git(target, "config", "user.name", "The tests")
    git(target, "config", "user.email", "tests@edition.invalid")
    (target / ".cache").symlink_to(ROOT / ".cache")     # the PDFs and the schema check, keyed by content
    if (ROOT / "node_modules").exists():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def publish_to(repo: Path, folder: Path) -> None:
    """The published branch's tree in ``folder``, as a static host serves it."""
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    archive = subprocess.run(["git", "-C", str(repo), "archive", BRANCH], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="tar")


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def correct_a_word(repo: Path) -> dict:
    """Change a word late in one of the review's paragraphs (one found once in the source, past the
    words the anchor registry keeps), record the new checksum, and mark the new reading [sic]."""
    decisions = editorial.load(repo / "sources" / "editorial.toml")
    review = next(e for e in decisions.values() if e.reader == "review")
    source = repo / "sources" / review.source
    text = source.read_text(encoding="utf-8")
    doc = next(d for d in edit(decisions, repo / "sources").documents if d.page == review.page)
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.anchor and block.anchor[0] == "p":
            found = [w for w in words(block)[8:] if w.isalpha() and len(w) > 5 and len(re.findall(rf"\b{w}\b", text)) == 1]
            if found:
                break
    old = found[0]
    new = old + old[-1]
    source.write_text(text.replace(old, new), encoding="utf-8")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    sums = repo / "sources" / "SHA256SUMS"
    sums.write_text("".join(f"{sha}  {review.source}\n" if line.endswith(review.source) else line + "\n"
                            for line in sums.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    with open(repo / "sources" / "editorial.toml", "a", encoding="utf-8") as toml:
        toml.write(f'\n[[{next(k for k, e in decisions.items() if e is review)}.sic]]\nphrase = "{new}"\n'
                   'explanation = "So in the corrected source."\n')
    git(repo, "commit", "--quiet", "-am", "A corrected reading, marked [sic]")
    return {"anchor": block.anchor, "old": old, "new": new, "sha": sha, "page": review.page.removesuffix(".md") + "/"}


@dataclass
class Made:
    repo: Path
    published: Path
    url: str
    before: dict          # page -> bytes served under /1.0/ before 1.1 was made
    tree: str             # gh-pages:1.0 before 1.1
    change: dict
    release_output: str


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Made:
    tmp = tmp_path_factory.mktemp("release")
    repo = clone(ROOT, tmp / "repo")
    published = tmp / "published"
    published.mkdir()
    with serve(published) as url:
        first = edition(repo, "release", "1.0", "--summary", "The first release", "--site-url", url)
        assert first.returncode == 0, first.stderr
        publish_to(repo, published)
        pages = ["1.0/", "1.0/review/", "1.0/book/", "1.0/changes/", "1.0/pdf/review.pdf", "1.0/cite/review.json"]
        before = {page: get(url + page) for page in pages}
        tree = git(repo, "rev-parse", f"{BRANCH}:1.0")
        change = correct_a_word(repo)
        second = edition(repo, "release", "1.1", "--summary", "A corrected reading")
        assert second.returncode == 0, second.stderr
        publish_to(repo, published)
        yield Made(repo, published, url, before, tree, change, second.stdout)


def page(made: Made, path: str):
    return lxml_html.fromstring((made.published / path / "index.html").read_bytes())


def test_each_release_has_its_own_address_and_an_earlier_one_never_changes(made):
    assert made.release_output.strip() == f"released {made.url}1.1/"
    assert git(made.repo, "rev-parse", f"{BRANCH}:1.0") == made.tree
    for path, body in made.before.items():
        assert get(made.url + path) == body, path
    assert git(made.repo, "tag", "--list") == "v1.0\nv1.1"
    versions = json.loads((made.published / "versions.json").read_text())
    assert [(v["version"], v["aliases"]) for v in versions] == [("1.1", ["latest"]), ("1.0", [])]
    assert 'url=1.1/"' in (made.published / "index.html").read_text()                       # the root
    assert 'url=../../1.1/review/"' in (made.published / "latest/review/index.html").read_text()


def test_each_release_holds_its_own_words_at_the_same_anchor(made):
    anchor, page_path = made.change["anchor"], made.change["page"]
    old = page(made, f"1.0/{page_path}").get_element_by_id(anchor).text_content()
    new = page(made, f"1.1/{page_path}").get_element_by_id(anchor).text_content()
    assert made.change["old"] in old.split() and made.change["new"] not in old
    assert made.change["new"] in new


def test_citations_on_a_release_cite_its_own_addresses_and_name_it(made):
    here, now = made.url + "1.0/", made.url + "1.1/"
    review = page(made, "1.0/review/")
    citations = [c.text_content() for c in review.xpath('//*[contains(@class, "citation")]')]
    assert citations and all(here + "review/" in c and "version 1.0" in c for c in citations)
    assert all(now not in c and "latest" not in c for c in citations)
    assert review.xpath('//meta[@name="citation_public_url"]/@content') == [here + "review/"]
    assert review.xpath('//link[@rel="canonical"]/@href') == [here + "review/"]
    book = page(made, "1.0/book/")
    assert all("Version 1.0" in c.text_content() or "version 1.0" in c.text_content()
               for c in book.xpath('//*[@id="cite-book-note"]'))
    for download in (made.published / "1.0" / "cite").glob("*.json"):
        for record in json.loads(download.read_text()):
            assert now not in record.get("URL", "")
            if record.get("URL", "").startswith(made.url):
                assert record["URL"].startswith(here)
                assert record.get("version") == "1.0" or "version 1.0" in record.get("archive", "")
    tei = (made.published / "1.0" / "tei").glob("*.xml")
    for document in tei:
        text = document.read_text()
        assert 'n="1.0"' in text and here in text and now not in text
    first_page = subprocess.run(["pdftotext", "-l", "1", str(made.published / "1.0/pdf/review.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert "version 1.0" in first_page and here + "review/" in first_page


def test_a_page_says_which_release_it_is_and_links_the_latest(made):
    for version in ("1.0", "1.1"):
        note = page(made, f"{version}/review/").xpath('//p[contains(@class, "edition-version")]')[0]
        assert f"version {version}" in note.text_content()
        assert made.url + "latest/review/" in note.xpath(".//a/@href")
    outdated = page(made, "1.0/review/").xpath('//*[@data-md-component="outdated"]//a/@href')
    assert outdated == [made.url + "latest/review/"]


def test_the_changes_page_lists_the_changed_passage_the_decision_and_the_checksum(made):
    changes = page(made, "1.1/changes/")
    release = changes.get_element_by_id("v1-1").getparent()
    text = release.text_content()
    links = changes.xpath("//a/@href")
    place = f"{made.change['page']}#{made.change['anchor']}"
    assert made.url + "1.0/" + place in links and made.url + "1.1/" + place in links
    assert made.change["sha"] in text and made.change["new"] in text and "A corrected reading" in text
    assert "review.sic[" + made.change["new"] + "]" in text
    assert changes.get_element_by_id("v1-0") is not None
    assert (made.published / "1.0/changes/index.html").read_bytes() == made.before["1.0/changes/"]
    tei = (made.published / "1.1/tei/review-holloway-racing-the-enemy.xml").read_text()
    revision = tei[tei.index("<revisionDesc"):tei.index("</revisionDesc>")]
    assert 'n="1.1"' in revision and made.change["sha"] in revision and f"/{place}" in revision
    assert revision.index('n="1.1"') < revision.index('n="1.0"')


def test_the_version_selector_offers_both_releases_and_warns_on_the_older(made, chromium):
    tab = chromium.new_page()
    try:
        for version, outdated in (("1.0", True), ("1.1", False)):
            with serve(made.published) as url:
                # The tree was made for made.url; served anywhere, its relative links and versions.json work.
                tab.goto(f"{url}{version}/review/")
                tab.wait_for_selector(".md-version__current")
                assert tab.inner_text(".md-version__current").strip() == version
                items = [t.strip() for t in tab.locator(".md-version__item").all_inner_texts()]
                assert items == ["1.1", "1.0"]
                warning = tab.locator('[data-md-component="outdated"]')
                if outdated:
                    warning.wait_for(state="visible")
                assert warning.is_visible() == outdated
    finally:
        tab.close()


def test_each_release_is_searched_in_its_own_words_and_its_own_index(made, chromium):
    """mike puts each release's Pagefind bundle in its folder; the search box finds it from the
    page's base, so a reader on 1.0 searches 1.0's words and lands in 1.0. The version note is not
    the text: it stays out of the index."""
    from test_browser import search
    review = "/" + made.change["page"]
    for version, word, other in (("1.0", made.change["old"], made.change["new"]),
                                 ("1.1", made.change["new"], made.change["old"])):
        indexed = fragments(made.published / version)[review]["content"]
        note = " ".join(page(made, f"{version}/review/").xpath('//p[contains(@class, "edition-version")]')[0]
                        .text_content().split())
        found = lambda w: re.search(rf"\b{w}\b", indexed) is not None      # noqa: E731
        assert found(word) and not found(other) and note not in " ".join(indexed.split())
        with serve(made.published) as url:
            context = chromium.new_context()
            tab = context.new_page()
            bundle = []
            tab.on("request", lambda r: bundle.append(urlparse(r.url).path) if "/pagefind/" in r.url else None)
            hits = search(tab, f"{url}{version}/review/", word)
            context.close()
        paths = [urlparse(h).path for h in hits]
        assert f"/{version}{review}" in paths and all(p.startswith(f"/{version}/") for p in paths), paths
        assert bundle and all(p.startswith(f"/{version}/pagefind/") for p in bundle), bundle


def test_zotero_saves_a_release_page_with_that_release_address(made, zotero):  # noqa: F811
    httpd, base = zotero.serve(str(made.published))
    try:
        (item,) = zotero.save(base + "1.0/review/")["items"]
    finally:
        httpd.shutdown()
    assert item["url"] == made.url + "1.0/review/"


@pytest.mark.parametrize("args, reason", [
    (["1.1"], "exists already"),
    (["1.0.5"], "not greater than the latest release, 1.1"),
    (["1.x"], "not numbers joined by dots"),
    (["1.2", "--summary", "two\nlines"], "--summary is one line"),
])
def test_a_bad_version_is_refused_and_nothing_changes(made, args, reason):
    refs = git(made.repo, "for-each-ref")
    done = edition(made.repo, "release", *args)
    assert done.returncode == 2 and reason in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert git(made.repo, "for-each-ref") == refs and git(made.repo, "status", "--porcelain", "--", "sources", "docs", "releases") == ""


def test_a_release_with_uncommitted_sources_or_a_dirty_published_tree_is_refused(made):
    refs = git(made.repo, "for-each-ref")
    toml = made.repo / "sources" / "editorial.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text + "\n# an uncommitted note\n", encoding="utf-8")
    try:
        done = edition(made.repo, "release", "1.2")
        assert done.returncode == 2 and "sources/editorial.toml" in done.stderr and "uncommitted" in done.stderr
    finally:
        toml.write_text(text, encoding="utf-8")
    # A hand-made commit on the published branch: its 1.0/ is no longer what 1.0 published.
    tree = git(made.repo, "rev-parse", f"{BRANCH}^{{tree}}")
    listing = git(made.repo, "ls-tree", tree)
    blob = subprocess.run(["git", "-C", str(made.repo), "hash-object", "-w", "--stdin"], input="edited by hand\n",
                          capture_output=True, text=True, check=True).stdout.strip()
    inner = git(made.repo, "ls-tree", f"{BRANCH}:1.0") + f"\n100644 blob {blob}\textra.txt"
    new_inner = subprocess.run(["git", "-C", str(made.repo), "mktree"], input=inner + "\n", capture_output=True,
                               text=True, check=True).stdout.strip()
    outer = re.sub(r"tree \w+\t1\.0$", f"tree {new_inner}\t1.0", listing, flags=re.M)
    new_tree = subprocess.run(["git", "-C", str(made.repo), "mktree"], input=outer + "\n", capture_output=True,
                              text=True, check=True).stdout.strip()
    old_tip = git(made.repo, "rev-parse", BRANCH)
    git(made.repo, "update-ref", f"refs/heads/{BRANCH}", git(made.repo, "commit-tree", new_tree, "-p", old_tip, "-m", "by hand"))
    try:
        done = edition(made.repo, "release", "1.2")
        assert done.returncode == 2 and "dirty: folder 1.0/" in done.stderr
    finally:
        git(made.repo, "update-ref", f"refs/heads/{BRANCH}", old_tip)
    assert git(made.repo, "for-each-ref") == refs


def test_a_fresh_clone_rebuilds_the_published_tree_and_drafts_after_the_latest(made, tmp_path):
    fresh = clone(made.repo, tmp_path / "fresh")
    done = edition(fresh, "release", "1.2")
    assert done.returncode == 2 and "missing" in done.stderr and "--rebuild" in done.stderr
    done = edition(fresh, "release", "--rebuild")
    assert done.returncode == 0, done.stderr
    for version in ("1.0", "1.1"):
        assert git(fresh, "rev-parse", f"{BRANCH}:{version}") == git(made.repo, "rev-parse", f"{BRANCH}:{version}")
    assert git(fresh, "show", f"{BRANCH}:versions.json") == git(made.repo, "show", f"{BRANCH}:versions.json")
    assert edition(fresh, "check").returncode == 0          # the committed pages are as the releases made them
    probe = ("from edition import config, editorial; from edition.pages import edit; from edition.versions.versioned import edition_at;"
             "d = editorial.load(config.EDITORIAL_FILE); print(edition_at(config.ROOT, None, d, edit(d, config.SOURCES_DIR)).status)")
    env = {"PYTHONPATH": str(fresh / "scripts"), "PATH": "/usr/bin:/bin"}
    status = subprocess.run([sys.executable, "-c", probe], cwd=fresh, env=env, capture_output=True, text=True)
    assert status.stdout.strip() == "draft after 1.1", status.stderr


def test_the_offline_copy_of_a_release(made):
    done = edition(made.repo, "release", "--offline", "1.0")
    assert done.returncode == 0, done.stderr
    copy = made.repo / "site-offline"
    review = lxml_html.fromstring((copy / "review.html").read_bytes())
    assert "version 1.0" in review.xpath('//p[contains(@class, "edition-version")]')[0].text_content()
    assert review.xpath('//link[@rel="canonical"]/@href') == [made.url + "1.0/review/"]
    assert made.url + "latest/review/" in review.xpath('//p[contains(@class, "edition-version")]//a/@href')
    assert made.change["new"] not in review.get_element_by_id(made.change["anchor"]).text_content()
    assert not review.xpath('//*[@data-md-component="outdated"]')        # no version selector from disk


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_version_notes_have_no_accessibility_violations(made, chromium, scheme):
    """The release's note and the newer-version warning (shown on 1.0), by axe, at both widths."""
    from test_browser import AXE
    with serve(made.published) as url:
        for width in (1280, 390):
            context = chromium.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
            tab = context.new_page()
            tab.goto(f"{url}1.0/review/")
            tab.locator('[data-md-component="outdated"]').wait_for(state="visible")
            tab.add_script_tag(path=str(AXE))
            result = tab.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})""")
            context.close()
            assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == [], width
