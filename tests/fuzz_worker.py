"""The fuzzer's worker: a process that judges one case at a time from its folder, restarted after a hang.

The parent (tests/fuzzing.py) lays each case out and asks; a hang is caught by the parent's time limit
(a regular expression that backtracks for ever cannot be interrupted in the process that runs it).
"""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
from pathlib import Path

from fuzz_paths import ROOT, SECTIONS
import fuzz_judges as judges

#: Seconds a case may take before it counts as a hang (most take well under one; a heavy one, a minute).
TIME_LIMIT = 30
HEAVY_TIME_LIMIT = 240
#: Seconds the worker may take to start: it makes the edition once as it is (tests/fuzz_worker.py).
WARM_UP_LIMIT = 600


def run_case(request: dict, md, site: Path | None) -> tuple[str, str]:
    """A case laid out by the parent in request["dir"] (a copy of the project with the mutated file in it),
    judged from that folder, so that the paths are the editor's."""
    case = Path(request["dir"])
    os.chdir(case)
    kind, name = request["kind"], request["name"]
    if kind == "anchors":
        return judges.registry(Path(name), site)
    if kind in SECTIONS:
        outcome = judges.convert(kind, Path(name), case / "out", md)
        if outcome[0] != "converted" or name != SECTIONS[kind]:
            # a review of the corpus is read alone, as a new one is: its page, then its TEI
            return outcome if outcome[0] != "converted" else judges.convert(kind, Path(name), case / "tei", md, "tei")
        judges.record_checksum(case, Path(name).name)
    elif kind in ("editorial", "references", "names"):
        for section, source in SECTIONS.items():
            outcome = judges.convert(section, Path(source), case / f"out-{section}", md)
            if outcome[0] != "converted":
                return outcome
    return judges.whole_edition(case, request.get("heavy", False))


def warm_up(scratch: Path) -> None:
    """The edition made once from the sources as they are, so that the first case's time limit is not
    spent loading the schema and filling the caches of what no case changes."""
    import shutil
    shutil.copytree(ROOT / "sources", scratch / "warm" / "sources")
    shutil.copyfile(ROOT / "mkdocs.yml", scratch / "warm" / "mkdocs.yml")
    outcome, detail = judges.whole_edition(scratch / "warm", heavy=False)
    if outcome != "converted":
        raise SystemExit(f"the edition as it is does not build: {detail}")
    os.chdir(ROOT)


def worker(cache: str, site: str) -> None:
    """Reads one request (JSON) a line, answers one outcome (JSON) a line, on the process's own stdout."""
    import functools

    from edition.build import anchors
    from edition import config
    from fuzz_words import renderer
    config.CACHE_DIR = Path(cache)
    anchors.published_ids = functools.cache(anchors.published_ids)
    answer = os.fdopen(os.dup(1), "w")
    # what the tools a case runs print (pandoc, Java, WeasyPrint) must not mix with the answers
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    empty = Path(tempfile.mkdtemp(prefix="fuzz-snippets-"))
    md = renderer(empty)
    warm_up(empty)
    answer.write(json.dumps(["ready", ""]) + "\n")
    answer.flush()
    for line in sys.stdin:
        outcome, detail = run_case(json.loads(line), md, Path(site) if site else None)
        answer.write(json.dumps([outcome, detail]) + "\n")
        answer.flush()


class Worker:
    """A worker process, restarted after a hang."""

    def __init__(self, cache: Path, site: Path | None, time_limit: float = TIME_LIMIT):
        self.cache, self.site, self.time_limit, self.process = cache, site, time_limit, None

    def start(self):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
        self.process = subprocess.Popen([sys.executable, __file__, "--worker", str(self.cache), str(self.site or "")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log(), text=True,
                                        env=env, cwd=ROOT)
        ready, _, _ = select.select([self.process.stdout], [], [], WARM_UP_LIMIT)
        if not ready or json.loads(self.process.stdout.readline() or "[]") != ["ready", ""]:
            self.stop()
            raise RuntimeError(f"the fuzzer's worker did not start within {WARM_UP_LIMIT} s")

    def log(self):
        """The worker's own messages (warnings of the tools it runs), kept out of the fuzzer's table."""
        (ROOT / ".fuzz").mkdir(exist_ok=True)
        return open(ROOT / ".fuzz" / f"worker-{os.getpid()}.log", "a", encoding="utf-8")

    def ask(self, request: dict) -> tuple[str, str]:
        if self.process is None or self.process.poll() is not None:
            self.start()
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        limit = HEAVY_TIME_LIMIT if request.get("heavy") else self.time_limit
        ready, _, _ = select.select([self.process.stdout], [], [], limit)
        if not ready:
            self.stop()
            return "hang", f"no answer within {limit} s"
        line = self.process.stdout.readline()
        if not line:
            self.stop()
            return "traceback", "the worker died"
        return tuple(json.loads(line))

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


if __name__ == "__main__":
    worker(*sys.argv[2:4])
