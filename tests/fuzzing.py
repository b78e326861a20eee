"""Runs generated cases (tests/mutations.py) through the edition and judges each (tests/fuzz_judges.py).

Each case runs in a worker process, so that a hang is caught by a time limit (a regular
expression that backtracks for ever cannot be interrupted in the process that runs it). The
property, for every case: either the conversion succeeds, its pages keep every letter and digit
of the source, in order, but for the lines the editors declare furniture, and the edition made with
it yields every output, each valid and read back; or it stops with one line ``FILE:LINE: what is
wrong`` (a file of the project as the editor knows it, a line that file has), exit status 2, and
nothing written. A traceback, a hang, a lost word, an output that does not validate or read back,
or a bad message fails the case.

``python tests/fuzzing.py N`` (./scripts/fuzz N) runs N cases across the kinds and prints how many
of each kind were tried, with what outcome; ``--jobs 2`` runs the kinds in two processes.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fuzz_paths import DATA_FILES, RELEASE_BASE, ROOT, SECTIONS
from fuzz_worker import Worker

#: One accepted case in this many also makes the PDFs, the EPUBs, the data package and the API.
HEAVY_EVERY = 20
FAILURES = ("traceback", "hang", "lost words", "bad message", "wrote on refusal", "exit status", "flaky",
            "invalid output", "fuzzer error")


@dataclass
class Harness:
    """Lays out each case in a scratch folder, has the worker judge it, and counts the outcomes."""
    worker: Worker
    scratch: Path
    tried: Counter = field(default_factory=Counter)        # (kind, outcome)
    ops: Counter = field(default_factory=Counter)          # mutation names
    messages: Counter = field(default_factory=Counter)     # refusals, numbers and quotations left out
    failures: list = field(default_factory=list)
    heavy_every: int = HEAVY_EVERY                         # 0: no case makes the PDFs and EPUBs
    heavy: Counter = field(default_factory=Counter)        # kind -> converted cases that made them

    def judge(self, case, count: bool = True, heavy: bool | None = None) -> tuple[str, str]:
        """The case's outcome; ``heavy`` (else one case in ``heavy_every``) makes the PDFs and EPUBs too."""
        folder = self.scratch / "case"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "sources", folder / "sources")
        shutil.copyfile(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        name = target(case)
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(case.data())
        if heavy is None:
            heavy = bool(self.heavy_every) and zlib.crc32(str(case).encode()) % self.heavy_every == 0
        outcome, detail = self.worker.ask({"dir": str(folder), "kind": case.kind, "name": name, "heavy": heavy})
        if heavy and outcome == "converted" and count:
            self.heavy[case.kind] += 1
        if not count:
            return outcome, detail
        self.tried[case.kind, outcome] += 1
        self.ops.update(op[0] for op in case.ops)
        if outcome == "refused":
            self.messages[re.sub(r"'[^']*'|“[^”]*”|\d+", "…", detail.split(": ", 1)[-1])[:90]] += 1
        return outcome, detail


def target(case) -> str:
    """Where in the project a case's file goes. A listing is read with the listing section's decisions
    (its furniture and section labels); a review of the corpus with none, as a new review is."""
    if case.place:
        return case.place
    if case.kind in DATA_FILES:
        return DATA_FILES[case.kind]
    return SECTIONS["listing"] if case.kind == "listing" else f"sources/{Path(case.base).name}"


def explore(harness: Harness, kind: str, cases: int, derandomize: bool, seed: int | None = None) -> list:
    """``cases`` generated cases of one kind through Hypothesis, counted; on a failure, the same run
    again (not counted) to shrink it to a smallest case. Returns the failures found."""
    import random

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    import mutations
    seed = random.randrange(1 << 32) if seed is None else seed
    found = []

    def run(phases, count: bool):
        @settings(max_examples=cases, derandomize=derandomize, database=None, deadline=None, print_blob=False,
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False, phases=phases)
        @given(mutations.cases(mutations.kinds()[kind]))
        def each(case):
            try:
                outcome, detail = harness.judge(case, count)
            except Exception as err:    # noqa: BLE001 - a mutation's or the harness's own fault: a failure
                outcome, detail = "fuzzer error", f"{type(err).__name__}: {err}"    # shown, not a kind cut short
                if count:
                    harness.tried[case.kind, outcome] += 1
            if outcome in FAILURES:
                found[:] = [(case, outcome, detail)]
                raise AssertionError(f"{case}: {outcome}: {detail}")
        try:
            (each if derandomize else with_seed(seed)(each))()
        except Exception:   # noqa: BLE001 - the failure, or Hypothesis's report that it did not repeat
            return True
        return False

    if run([Phase.generate], True):
        first = list(found)
        run([Phase.generate, Phase.shrink], False)
        found = found or first
    harness.failures += found
    return found


def built_site(scratch: Path) -> Path:
    """The site as the build makes it, for the anchor registry's cases."""
    from edition.build.site_build import build_in, site_files
    pages, citations, _ = site_files()
    return build_in(scratch / "build", {**pages, **citations})


def release_base() -> None:
    """The releases' base: the record ./scripts/release would write of the sources as they are."""
    from edition.pages import edit, load_decisions
    from edition.versions import release, releases
    decisions = load_decisions(ROOT / "sources" / "editorial.toml")
    held = releases.held(ROOT, edit(decisions, ROOT / "sources").documents)
    record = {"version": "1.0", "date": "2026-01-01", "address": "https://edition.example.org/", "summary": "",
              "held": held, "tools": release.tools()}
    path = ROOT / RELEASE_BASE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def run(plan: dict, derandomize: bool, heavy_every: int = HEAVY_EVERY, site: Path | None = None) -> dict:
    """The cases of each kind in ``plan`` (kind -> how many), counted; each failure's file kept in .fuzz/.
    ``site``: a site built from the sources as they are, for the anchor registry's cases (else one is built)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        scratch = Path(scratch)
        site = site or (built_site(scratch) if "anchors" in plan else None)
        if "releases" in plan:
            release_base()
        harness = Harness(Worker(scratch / "cache", site), scratch, heavy_every=heavy_every)
        try:
            for kind, cases in plan.items():
                explore(harness, kind, cases, derandomize)
        finally:
            harness.worker.stop()
    failures = ROOT / ".fuzz"
    failures.mkdir(exist_ok=True)
    for case, _, _ in harness.failures:
        (failures / f"failure-{case.kind}-{zlib.crc32(str(case).encode()):08x}{Path(case.base).suffix}").write_bytes(case.data())
    return {"tried": [[k, o, n] for (k, o), n in harness.tried.items()], "heavy": dict(harness.heavy),
            "ops": dict(harness.ops), "messages": dict(harness.messages),
            "failures": [[str(case), outcome, detail] for case, outcome, detail in harness.failures]}


def run_in_jobs(plan: dict, derandomize: bool, jobs: int, heavy_every: int = HEAVY_EVERY, site: Path | None = None) -> dict:
    """``run`` with the kinds shared among ``jobs`` processes (a worker each), the counts added up."""
    if jobs <= 1:
        return run(plan, derandomize, heavy_every, site)
    groups = [dict(list(plan.items())[n::jobs]) for n in range(jobs)]
    with tempfile.TemporaryDirectory(prefix="fuzz-jobs-") as folder:
        outs = [Path(folder) / f"{n}.json" for n in range(jobs)]
        extra = ["--derandomize"] * derandomize + ["--heavy-every", str(heavy_every)] + (["--site", str(site)] if site else [])
        children = [subprocess.Popen([sys.executable, __file__, "--plan", json.dumps(group), "--json-out", str(out), *extra],
                                     cwd=ROOT) for group, out in zip(groups, outs)]
        for child in children:
            child.wait()
        results = [json.loads(out.read_text(encoding="utf-8")) for out in outs]
    merged = {"tried": [], "heavy": Counter(), "ops": Counter(), "messages": Counter(), "failures": []}
    for result in results:
        merged["tried"] += result["tried"]
        merged["failures"] += result["failures"]
        for key in ("heavy", "ops", "messages"):
            merged[key].update(result[key])
    return merged


def main(argv: list[str]) -> int:
    import argparse
    import fuzz_report
    import mutations
    parser = argparse.ArgumentParser(description="Generated broken inputs through the edition.")
    parser.add_argument("cases", nargs="?", type=int, default=1000, help="how many cases, spread over the kinds")
    parser.add_argument("--kind", action="append", choices=sorted(mutations.kinds()), help="only these kinds")
    parser.add_argument("--derandomize", action="store_true", help="the same cases every run (as CI runs them)")
    parser.add_argument("--jobs", type=int, default=1, help="processes to share the kinds among (one per core)")
    parser.add_argument("--record", action="store_true", help="write the table into guides/fuzz-run.md and the README")
    parser.add_argument("--heavy-every", type=int, default=HEAVY_EVERY,
                        help=f"one accepted case in this many makes the PDFs and EPUBs too (default {HEAVY_EVERY}; 0: none)")
    parser.add_argument("--site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--json-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plan:       # one of --jobs' processes
        result = run(json.loads(args.plan), args.derandomize, args.heavy_every, args.site)
        Path(args.json_out).write_text(json.dumps(result), encoding="utf-8")
        return 0
    kinds = args.kind or sorted(mutations.kinds())
    plan = {kind: args.cases // len(kinds) + (n < args.cases % len(kinds)) for n, kind in enumerate(kinds)}
    start = time.perf_counter()
    result = run_in_jobs(plan, args.derandomize, args.jobs, args.heavy_every)
    text = fuzz_report.table(result, time.perf_counter() - start, args.jobs)
    (ROOT / ".fuzz" / "latest.md").write_text(text, encoding="utf-8")
    if args.record:
        fuzz_report.record(text, argv)
    print(text)
    return 1 if result["failures"] else 0
if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
