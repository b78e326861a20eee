"""Releases the edition: records and tags the release, builds it at its own address from the tagged
commit, and adds it to the published tree with mike (one folder per release, versions.json, "latest")."""
from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .. import config
from . import releases
from .release_checks import TAG, ReleaseError, arguments, git, published

@contextmanager
def worktree(root: Path, commit: str):
    """A checkout of ``commit`` of its own (the main working tree is left alone), sharing the caches."""
    folder = Path(tempfile.mkdtemp(prefix="edition-release-"))
    git(root, "worktree", "add", "--detach", "--quiet", str(folder / "tree"), commit)
    tree = folder / "tree"
    (root / ".cache").mkdir(exist_ok=True)
    (tree / ".cache").symlink_to(root / ".cache")     # keyed by content: a release reuses the PDFs made
    if (root / "node_modules").exists():                # the offline copy's search shim
        (tree / "node_modules").symlink_to(root / "node_modules")
    try:
        yield tree
    finally:
        git(root, "worktree", "remove", "--force", str(tree), check=False)
        shutil.rmtree(folder, ignore_errors=True)


def edition(tree: Path, *args: str, date: str = "") -> None:
    """The edition's own command line in ``tree``, with that commit's code (a release's dates from its record)."""
    env = {**os.environ, "PYTHONPATH": str(tree / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    if date:
        env["SOURCE_DATE_EPOCH"] = str(int(datetime.fromisoformat(date).replace(tzinfo=timezone.utc).timestamp()))
    done = subprocess.run([sys.executable, "-m", "edition", *args], cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode:
        message = (done.stderr.strip() or done.stdout.strip()).splitlines() or ["failed"]
        raise ReleaseError(tree / args[0], None, f"{' '.join(args)} failed: {message[-1]}")


def tree_id(root: Path, site: Path) -> str:
    """The git tree id of a built site, as its folder on the published branch will have it."""
    index = site.parent / ".release-index"
    env = {**os.environ, "GIT_INDEX_FILE": str(index)}
    subprocess.run(["git", "-C", str(root), f"--work-tree={site}", "add", "-A", "."], env=env, check=True, capture_output=True)
    out = subprocess.run(["git", "-C", str(root), "write-tree"], env=env, check=True, capture_output=True, text=True)
    index.unlink()
    return out.stdout.strip()


def deploy(root: Path, site: Path, version: str, message: str) -> None:
    """Add the built ``site`` to the published branch as ``version`` with mike; "latest" and the root
    move to it; the folders of earlier releases are not touched."""
    from mike import commands
    here = os.getcwd()
    os.chdir(root)                    # mike works on the repository it is run in
    try:
        cfg = {"site_dir": str(site), "use_directory_urls": True}
        with commands.deploy(cfg, version, version, [releases.LATEST], update_aliases=True,
                             alias_type=commands.AliasType.redirect, branch=config.PUBLISHED_BRANCH, message=message):
            pass                      # the edition's own build made the site already
        commands.set_default(version, branch=config.PUBLISHED_BRANCH, message=f"Root to {version}")
    finally:
        os.chdir(here)


def release(version: str, summary: str = "", site_url: str | None = None, root: Path = config.ROOT) -> str:
    """Record, tag, build and publish ``version``; returns its address."""
    records, address = arguments(root, version, summary, site_url)
    head = git(root, "rev-parse", "HEAD")
    date = datetime.now(timezone.utc).date().isoformat()
    with worktree(root, head) as tree:
        edition(tree, "record", version, "--date", date, "--address", address, "--summary", summary)
        git(tree, "add", "--", "releases", "docs", "sources")
        git(tree, "commit", "--quiet", "-m", f"Release {version}" + (f": {summary}" if summary else ""))
        edition(tree, "build", "--release", version, date=date)
        record_path = releases.record_file(tree, version)
        record = json.loads(record_path.read_text(encoding="utf-8"))
        record["tree"] = tree_id(root, tree / "site")
        record_path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        git(tree, "add", "--", "releases", "sources")    # and the anchors the build published first
        git(tree, "commit", "--quiet", "--amend", "--no-edit")
        commit = git(tree, "rev-parse", "HEAD")
        if git(root, "rev-parse", "HEAD") != head:
            raise ReleaseError(root, None, "the branch moved while the release was built; nothing was published")
        git(root, "merge", "--ff-only", "--quiet", commit)
        git(root, "tag", "-a", TAG.format(version), "-m", f"Release {version}" + (f": {summary}" if summary else ""), commit)
        deploy(root, tree / "site", version, f"Release {version} from {commit[:12]}")
    return address + version + "/"


def rebuild(root: Path = config.ROOT) -> list[str]:
    """Make the published tree anew from the release tags (a fresh clone has no published branch):
    each release built from its own tagged commit, checked to be the tree it published."""
    records = releases.recorded(root)
    if not records:
        raise ReleaseError(root / config.RELEASES_DIR.name, None, "no release is recorded: nothing to rebuild")
    if published(root) is not None:
        raise ReleaseError(f"{config.PUBLISHED_BRANCH} (the published tree)", None,
                           "exists already: a rebuild makes it anew (delete the branch first)")
    with tempfile.TemporaryDirectory(prefix="edition-rebuild-") as keep:
        for record in records:
            version = record["version"]
            commit = git(root, "rev-parse", "-q", "--verify", f"refs/tags/{TAG.format(version)}^{{commit}}", check=False)
            if not commit:
                raise ReleaseError(releases.record_file(root, version), None,
                                   f"tag {TAG.format(version)} is missing (git fetch --tags)")
            with worktree(root, commit) as tree:
                edition(tree, "build", "--release", version, date=record["date"])
                made = tree_id(root, tree / "site")
                if made != record.get("tree"):
                    raise ReleaseError(releases.record_file(root, version), None,
                                       f"release {version} rebuilt is not what it published (tree {made[:12]}, "
                                       f"recorded {record.get('tree', '')[:12]}); it was made with {record.get('tools')}")
                shutil.move(str(tree / "site"), Path(keep) / version)
        for record in records:      # all verified: publish them, oldest first, "latest" moving on
            deploy(root, Path(keep) / record["version"], record["version"], f"Rebuilt release {record['version']}")
    return [r["address"] + r["version"] + "/" for r in records]


def offline(version: str, root: Path = config.ROOT) -> Path:
    """The copy of one release that works from disk (site-offline/), built from its tag."""
    record = next((r for r in releases.recorded(root) if r["version"] == version), None)
    if not record:
        raise ReleaseError(releases.record_file(root, version), None, f"release {version} is not recorded")
    with worktree(root, TAG.format(version)) as tree:
        edition(tree, "build", "--offline", "--release", version, date=record["date"])
        shutil.rmtree(root / config.OFFLINE_SITE_DIR.name, ignore_errors=True)
        shutil.move(str(tree / config.OFFLINE_SITE_DIR.name), root / config.OFFLINE_SITE_DIR.name)
    return root / config.OFFLINE_SITE_DIR.name


def tools() -> dict[str, str]:
    """The versions of what makes a release's bytes, recorded with it."""
    from importlib.metadata import version
    return {name: version(name) for name in ("mkdocs", "mkdocs-material", "weasyprint", "pypandoc-binary", "pagefind-bin", "mike")}
