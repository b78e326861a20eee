"""What a release is checked for before anything is written: its arguments, the working tree, the published tree."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .. import config
from . import releases
from ..errors import SourceError
from ..settings import ADDRESS, site_settings

#: What must be committed before a release: the sources, the editorial data, the pages, the records.
TRACKED = ("sources", "docs", "releases", "mkdocs.yml")
TAG = "v{}"


#: What an argument's refusal names: the command it was given to.
COMMAND = "scripts/release"


class ReleaseError(SourceError):
    """A release refused (bad input): ``FILE: reason``, exit 2, nothing published or changed."""


#: What a one-line summary may not hold: a line break of any kind, or a control character.
ONE_LINE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")

def git(root: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if check and done.returncode:
        raise ReleaseError(root, None, f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip() if done.returncode == 0 else ""


def published(root: Path) -> dict[str, str] | None:
    """Version -> its folder's tree id on the published branch; None when there is no such branch."""
    if not git(root, "rev-parse", "--verify", "-q", f"refs/heads/{config.PUBLISHED_BRANCH}", check=False):
        return None
    listed = git(root, "show", f"{config.PUBLISHED_BRANCH}:versions.json", check=False)
    if not listed:
        raise ReleaseError(f"{config.PUBLISHED_BRANCH} (the published tree)", None,
                           "dirty: it has no versions.json, so it is not a tree of releases (mkdocs gh-deploy?)")
    versions = [v["version"] for v in json.loads(listed)]
    return {v: git(root, "rev-parse", f"{config.PUBLISHED_BRANCH}:{v}", check=False) for v in versions}


def check(root: Path, version: str, records: list[dict], summary: str = "") -> None:
    """Refuse a version that is malformed, exists or is not the newest, a working tree with uncommitted
    sources, pages or records, and a published tree that is missing or not as the releases left it."""
    if not releases.VERSION.fullmatch(version):     # checked first: the record's file is named by it
        raise ReleaseError(COMMAND, None, f"version {version!r} is not numbers joined by dots (1.0, 1.1)")
    if ONE_LINE.search(summary):
        raise ReleaseError(COMMAND, None, "--summary is one line of text (no line break or control character)")
    where = releases.record_file(root, version)
    if where.exists() or git(root, "rev-parse", "-q", "--verify", f"refs/tags/{TAG.format(version)}", check=False):
        raise ReleaseError(where, None, f"release {version} exists already (tag {TAG.format(version)}); it never changes")
    if records and releases.version_key(version) <= releases.version_key(records[-1]["version"]):
        raise ReleaseError(where, None, f"version {version} is not greater than the latest release, {records[-1]['version']}")
    dirty = git(root, "status", "--porcelain", "--", *TRACKED)
    if dirty:
        raise ReleaseError(root / dirty.splitlines()[0].split(maxsplit=1)[-1], None,
                           "uncommitted change: a release is made from committed sources, pages and records only")
    check_published(root, records)


def check_published(root: Path, records: list[dict]) -> None:
    """The published tree holds exactly the recorded releases, each folder as its release made it."""
    tree = published(root)
    branch = f"{config.PUBLISHED_BRANCH} (the published tree)"
    if tree is None:
        if records:
            raise ReleaseError(branch, None, f"missing, though releases/ records {records[-1]['version']}: "
                                             "./scripts/release --rebuild makes it from the release tags")
        return
    recorded = {r["version"]: r.get("tree", "") for r in records}
    if set(tree) != set(recorded):
        raise ReleaseError(branch, None, f"dirty: its versions.json lists {sorted(tree) or 'none'}, "
                                         f"releases/ records {sorted(recorded) or 'none'}")
    for version, tree_id in tree.items():
        if tree_id != recorded[version]:
            raise ReleaseError(branch, None, f"dirty: folder {version}/ is not what release {version} published "
                                             f"(tree {tree_id[:12]}, recorded {recorded[version][:12]})")


def arguments(root: Path, version: str, summary: str = "", site_url: str | None = None) -> tuple[list, str]:
    """The recorded releases and the address ``version`` is published under, once every argument and the
    working tree are found fit for it; else a refusal, before anything is written."""
    records = releases.recorded(root)
    check(root, version, records, summary)
    if site_url is not None and not ADDRESS.fullmatch(site_url):
        raise ReleaseError(COMMAND, None, f"--site-url {site_url!r} is not a web address (https://host/path/)")
    address = site_url or (records[-1]["address"] if records else site_settings(root / "mkdocs.yml")["site_url"])
    address = address if not address or address.endswith("/") else address + "/"
    if not address:
        raise ReleaseError(root / "mkdocs.yml", None, "no published address: give --site-url URL (or site_url), "
                                                     "which every release is published under")
    if records and address != records[-1]["address"]:
        raise ReleaseError(releases.record_file(root, records[-1]["version"]), None,
                           f"releases are published under {records[-1]['address']}, not {address}")
    return records, address
