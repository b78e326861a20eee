"""Publishing a build whole or not at all: one build at a time, and a build killed anywhere leaves
docs/, site/ and the anchor registry as before or (finished from its journal) as after, never half."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import sys
from pathlib import Path

from .files import changed, write_atomically

#: Held by the build that runs (an advisory lock: the system drops it when the build ends, however it ends).
LOCK = ".build.lock"
#: The moves that publish a finished build; written (atomically) once everything is staged.
JOURNAL = ".publish-journal.json"
#: The build's scratch folders (tempfile.mkdtemp's prefix) and write_atomically's half-written files.
SCRATCH_PREFIX = ".build-"
STAGING_PREFIX = ".converting-"
#: Signals that stop a build from the keyboard, a `kill`, or a closed terminal or laptop lid.
STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def one_build_at_a_time(root: Path):
    """Hold the project's build lock; a second build waits for the first, saying so in one line.
    Then finish a publishing a killed build left in its journal, and remove what killed builds left."""
    with open(root / LOCK, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            print(f"waiting for the build already running in {root} (pid {holder}) to finish", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        recover(root)
        yield


def recover(root: Path) -> None:
    """Finish the publishing of a build killed while it published; remove killed builds' scratch."""
    journal = root / JOURNAL
    if journal.exists():
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:     # killed while writing it: nothing was moved yet
            moves = []
        apply(root, moves)
        journal.unlink()
    for leftover in root.glob(SCRATCH_PREFIX + "*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
    halves = [*root.glob(STAGING_PREFIX + "*"),
              *(half for folder in (root / "docs", root / ".cache", root / "sources") if folder.is_dir()
                for half in folder.rglob(STAGING_PREFIX + "*"))]
    for half in halves:
        half.unlink(missing_ok=True)


def swap_in(new: Path, target: Path, old: Path) -> None:
    """Put the folder ``new`` at ``target``, the one there (if any) moved to ``old``; each step can be repeated."""
    if not new.exists():
        return                       # done already
    if target.exists() and not old.exists():
        target.rename(old)
    new.rename(target)


def apply(root: Path, moves: list) -> None:
    """Each move [from, to] (a file replaced, or a folder swapped in with [from, to, old]); done moves are skipped."""
    for move in moves:
        source, target = root / move[0], root / move[1]
        if len(move) == 3:
            swap_in(source, target, root / move[2])
        elif source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)


@contextlib.contextmanager
def signals_held():
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done (SIGKILL cannot: the journal covers it)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def writable(folders) -> None:
    """Raise OSError now, before anything is published, for a folder that cannot be written to."""
    import tempfile
    for folder in sorted(folders):
        while not folder.exists():
            folder = folder.parent
        try:
            handle, probe = tempfile.mkstemp(dir=folder, prefix=STAGING_PREFIX)
        except OSError as err:
            raise OSError(err.errno, err.strerror, str(folder)) from None
        os.close(handle)
        os.unlink(probe)


#: Whether the last publish() of this process finished (what a build stopped by a signal reports).
published = False


def publish(root: Path, scratch: Path, docs: dict, registry: Path | None, site: Path, site_name: str) -> list[Path]:
    """Stage the changed pages in ``scratch`` beside the new registry (if it changed) and the built
    site, journal the moves, then make them. Returns the pages of docs/ that changed."""
    global published
    staged = scratch / "publish"
    pages = changed(docs, root / "docs")
    write_atomically(pages, staged / "docs")
    moves = [[str((staged / "docs" / name).relative_to(root)), f"docs/{name}"] for name in pages]
    if registry is not None:
        moves.append([str(registry.relative_to(root)), "sources/anchors.json"])
    moves.append([str(site.relative_to(root)), site_name, str((scratch / "old-site").relative_to(root))])
    writable({(root / move[1]).parent for move in moves})
    with signals_held():
        write_atomically({JOURNAL: json.dumps(moves)}, root)      # the commit: from here on, the build is published
        apply(root, moves)
        (root / JOURNAL).unlink()
        published = True
    return [root / "docs" / name for name in pages]


class Stopped(KeyboardInterrupt):
    """A build stopped by SIGTERM or SIGHUP, handled as Ctrl-C is: scratch removed, nothing half published."""


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP stop the build as Ctrl-C does (their default would end it without cleaning up)."""
    def stop(number, frame):
        raise Stopped(signal.Signals(number).name)
    for number in STOPPING[1:]:
        signal.signal(number, stop)
