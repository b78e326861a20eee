"""Builds that cannot be half done: a real build killed (SIGKILL, Ctrl-C, SIGTERM, SIGHUP) at points
of its run leaves docs/, site/ and the anchor registry as before or as after, and the next build
succeeds and leaves nothing behind; publishing killed at each of its steps is finished from its
journal; a second build waits for the first; a full disk or a read-only folder is one line, exit 2."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, snapshot
from edition.build import publish

PARTS = ["mkdocs.yml", "docs", "sources", "overrides", "scripts", ".cache"]
URLS = ("https://a.example.net/edition/", "https://b.example.net/edition/")


def env(root: Path) -> dict:
    return {"PYTHONPATH": str(root / "scripts"), "PATH": os.environ["PATH"], "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": "1700000000", "HOME": os.environ.get("HOME", "/root")}


def start(root: Path, url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "edition", "build", "--site-url", url], cwd=root, env=env(root),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build(root: Path, url: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "edition", "build", "--site-url", url], cwd=root, env=env(root),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def state(root: Path) -> tuple:
    """What a build publishes: docs/, site/ and the registry, byte for byte."""
    return snapshot(root / "docs"), snapshot(root / "site"), (root / "sources" / "anchors.json").read_bytes()


def differing(now: tuple, wanted: tuple) -> list[str]:
    """The files (under docs/, site/, and the registry) whose bytes differ from those wanted, by name."""
    names = []
    for part, have, want in zip(("docs", "site"), now[:2], wanted[:2]):
        names += [f"{part}/{path}" for path in sorted(set(have) | set(want)) if have.get(path) != want.get(path)]
    return names + (["sources/anchors.json"] if now[2] != wanted[2] else [])


def leftovers(root: Path) -> list:
    return [p.name for p in root.iterdir() if p.name.startswith((publish.SCRATCH_PREFIX, publish.STAGING_PREFIX))
            or p.name == publish.JOURNAL]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project built at both addresses, with what each build publishes; left at the second."""
    root = tmp_path_factory.mktemp("killed") / "project"
    root.mkdir()
    for part in PARTS:
        if (ROOT / part).exists():
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part)
    after = {}
    for url in URLS:
        build(root, url)
        after[url] = state(root)
    assert after[URLS[0]] != after[URLS[1]]
    return {"root": root, "after": after, "at": URLS[1]}


def scratch_has(root: Path, path: str):
    return lambda: any((scratch / path).exists() for scratch in root.glob(publish.SCRATCH_PREFIX + "*"))


def cache_has(root: Path, pattern: str):
    return lambda: any((root / ".cache").glob(pattern))


#: Where a build is stopped: the condition that says it got there, what to empty first so that the
#: step does its work (made afresh), and the signal.
POINTS = [
    ("converting", lambda r, p: (r / publish.LOCK).read_text().strip() == str(p.pid), None, signal.SIGKILL),
    ("validating the TEI", lambda r, p: cache_has(r, "tei-valid-*")(), "tei-valid-*", signal.SIGKILL),
    ("making the PDFs", lambda r, p: cache_has(r, "pdf/*.pdf")(), "pdf", signal.SIGKILL),
    ("making the PDFs", lambda r, p: cache_has(r, "pdf/*.pdf")(), "pdf", signal.SIGINT),
    ("copying docs/ to scratch", lambda r, p: scratch_has(r, "docs")(), None, signal.SIGTERM),
    ("MkDocs writing site/", lambda r, p: scratch_has(r, "site/review/index.html")(), None, signal.SIGKILL),
    ("MkDocs writing site/", lambda r, p: scratch_has(r, "site/review/index.html")(), None, signal.SIGHUP),
    ("checking the anchors", lambda r, p: scratch_has(r, "site/sitemap.xml")(), None, signal.SIGKILL),
    ("checking the anchors", lambda r, p: scratch_has(r, "site/sitemap.xml")(), None, signal.SIGINT),
]


def empty_cache(root: Path, what: str | None) -> None:
    if what == "pdf":
        shutil.rmtree(root / ".cache" / "pdf", ignore_errors=True)
    elif what:
        for mark in (root / ".cache").glob(what):
            mark.unlink()


def wait_for(condition, process: subprocess.Popen, what: str, timeout: float = 300) -> None:
    """Until ``condition()`` holds (the build got there), polling; fails if the build ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the build ended before {what}: {process.stderr.read()[-500:]}"
        assert time.monotonic() < deadline, f"no sign of {what} in {timeout} s"
        time.sleep(0.002)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that still run (its PDF workers, a pandoc), from /proc."""
    def parent(stat: Path):
        try:
            return int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return None
    return [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/stat") if parent(p) == pid]


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


@pytest.mark.parametrize("point,reached,cache,signum", POINTS,
                         ids=[f"{p[0]}-{signal.Signals(p[3]).name}" for p in POINTS])
def test_a_build_stopped_anywhere_publishes_all_or_nothing_and_the_next_succeeds(project, point, reached, cache, signum):
    root = project["root"]
    before = state(root)
    url = URLS[0] if project["at"] == URLS[1] else URLS[1]
    empty_cache(root, cache)
    process = start(root, url)
    wait_for(lambda: reached(root, process), process, point)
    started = children(process.pid)
    process.send_signal(signum)
    # what the build started ends with it: a worker left behind would hold the build lock (the next
    # build would wait for ever) and the build's output pipes
    until(lambda: not any(map(running, started)), f"killed while {point}: its processes {started} live on")
    _, stderr = process.communicate(timeout=300)
    now = state(root)
    assert now in (before, project["after"][url]), f"killed while {point}: docs/ or site/ half published"
    if signum != signal.SIGKILL:
        assert process.returncode == 130 and "build stopped" in stderr.strip().splitlines()[-1], stderr
        assert ("published whole" in stderr) == (now != before), stderr
        assert leftovers(root) == [], "a stopped build cleans up after itself"
    assert build(root, url).stderr == ""
    project["at"] = url
    assert differing(state(root), project["after"][url]) == [] and leftovers(root) == []


def test_a_second_build_waits_for_the_first_in_one_line_and_never_interleaves(project):
    root = project["root"]
    first_url, second_url = (URLS[0], URLS[1]) if project["at"] == URLS[1] else (URLS[1], URLS[0])
    empty_cache(root, "pdf")        # so that the first build runs for seconds
    first = start(root, first_url)
    wait_for(lambda: (root / publish.LOCK).read_text().strip() == str(first.pid), first, "the lock taken")
    second = start(root, second_url)
    line = second.stderr.readline()
    assert line.startswith(f"waiting for the build already running in {root} (pid {first.pid})"), line
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert second.stderr.read() == ""
    project["at"] = second_url
    assert state(root) == project["after"][second_url] and leftovers(root) == []


PUBLISHER = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {scripts!r})
from edition.build import publish
calls, limit = [0], int(sys.argv[1])
def dies(real):
    def call(*args, **kwargs):
        if calls[0] == limit:
            os.kill(os.getpid(), signal.SIGKILL)
        calls[0] += 1
        return real(*args, **kwargs)
    return call
os.replace, os.rename = dies(os.replace), dies(os.rename)
Path.rename = dies(Path.rename)
root = Path(sys.argv[2])
scratch = root / ".build-test"
if sys.argv[3] == "publish":
    publish.publish(root, scratch, {{"a.md": "new a", "sub/b.md": "new b", "c.md": "new c"}},
                    scratch / "anchors.json", scratch / "site", "site")
else:
    publish.recover(root)
print(calls[0])
"""


def small_project(root: Path) -> None:
    for path, text in {"docs/a.md": "old a", "docs/sub/b.md": "old b", "docs/d.md": "kept", "site/index.html": "old",
                       "sources/anchors.json": "old", ".build-test/site/index.html": "new",
                       ".build-test/anchors.json": "new"}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def run_publisher(root: Path, limit: int, what: str) -> subprocess.CompletedProcess:
    script = PUBLISHER.format(scripts=str(ROOT / "scripts"))
    return subprocess.run([sys.executable, "-c", script, str(limit), str(root), what], capture_output=True, text=True)


def test_publishing_killed_at_each_of_its_steps_is_finished_by_the_next_build(tmp_path):
    small_project(tmp_path / "dry")
    steps = int(run_publisher(tmp_path / "dry", -1, "publish").stdout)
    after = {"docs": snapshot(tmp_path / "dry" / "docs"), "site": snapshot(tmp_path / "dry" / "site"),
             "anchors": (tmp_path / "dry" / "sources" / "anchors.json").read_text()}
    assert after["docs"]["c.md"] == b"new c" and after["site"]["index.html"] == b"new" and after["anchors"] == "new"
    journalled = 0
    for step in range(steps):
        root = tmp_path / f"step-{step}"
        small_project(root)
        before = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site"),
                  "anchors": (root / "sources" / "anchors.json").read_text()}
        assert run_publisher(root, step, "publish").returncode == -signal.SIGKILL
        published = (root / publish.JOURNAL).exists()
        if published:
            journalled += 1
            # Recovery killed at its first move, then run again, finishes as well.
            assert run_publisher(root, 0, "recover").returncode in (0, -signal.SIGKILL)
        else:
            assert {"docs": snapshot(root / "docs"), "site": snapshot(root / "site"),
                    "anchors": (root / "sources" / "anchors.json").read_text()} == before
        with publish.one_build_at_a_time(root):      # what the next build does first
            pass
        now = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site"),
               "anchors": (root / "sources" / "anchors.json").read_text()}
        assert now == (after if published else before), f"killed at step {step} of {steps}"
        assert [p.name for p in root.iterdir() if p.name not in ("docs", "site", "sources", publish.LOCK)] == []
    assert journalled >= 6, "the kills fell on the journalled moves"


def namespace_works() -> bool:
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


CONFINED = """set -e
mount -t tmpfs -o size={size}k tmpfs {where}
cp -a {project}/. {where}/
cd {where}
{prepare}
find docs site sources -type f | sort | xargs sha256sum > /tmp/before-$$
set +e
{python} -m edition build --site-url {url} 2> /tmp/err-$$
echo "status $?"
set -e
find docs site sources -type f | sort | xargs sha256sum | cmp - /tmp/before-$$ && echo unchanged
ls -a | grep -c '^\\.build-' || true
cat /tmp/err-$$
"""


@pytest.mark.skipif(not namespace_works(), reason="needs unshare (user and mount namespaces) for a small disk")
@pytest.mark.parametrize("trouble,prepare,slack", [
    ("a full disk", "", 256),
    ("a read-only folder", "mount --bind docs docs && mount -o remount,bind,ro docs", 1 << 20),
])
def test_a_full_disk_or_a_read_only_folder_is_one_line_and_exit_2_with_nothing_changed(project, tmp_path, trouble, prepare, slack):
    root = project["root"]
    url = URLS[0] if project["at"] == URLS[1] else URLS[1]
    used = int(subprocess.run(["du", "-sk", str(root)], capture_output=True, text=True).stdout.split()[0])
    where = tmp_path / "disk"
    where.mkdir()
    script = CONFINED.format(size=used + slack, where=where, project=root, prepare=prepare, python=sys.executable, url=url)
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env(root) | {
        "PYTHONPATH": str(where / "scripts")})
    lines = done.stdout.strip().splitlines()
    assert lines[:3] == ["status 2", "unchanged", "0"], (trouble, done.stdout, done.stderr)
    assert len(lines) == 4 and ("cannot write (No space left on device)" in lines[3] if trouble == "a full disk"
                                else "cannot write (Read-only file system)" in lines[3]), lines
