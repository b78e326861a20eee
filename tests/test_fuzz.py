"""Generated broken inputs (tests/mutations.py) through the converter, judged by tests/fuzzing.py;
and the corpus's named cases, each a failure such a run found, with what a reader finds in it."""
from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

import pytest

import fuzzing
from fuzz_paths import DATA_FILES, RELEASE_BASE, SECTIONS
import mutations
from conftest import ROOT

#: Cases CI runs of each kind: derandomised, so the same cases every run (1,000 in all).
CI_CASES = {"review": 200, "listing": 140, "editorial": 120, "references": 100, "anchors": 100, "names": 140,
            "checksums": 60, "settings": 70, "releases": 70}
NAMED = sorted(p for p in (ROOT / "tests" / "corpus").glob("*.expect.toml")
               if "kind" in tomllib.loads(p.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def harness(tmp_path_factory, built_site):
    scratch = tmp_path_factory.mktemp("fuzz")
    fuzzing.release_base()
    # CI makes no PDF or EPUB of a generated case (a minute each, or so); the named cases below do
    harness = fuzzing.Harness(fuzzing.Worker(scratch / "cache", built_site), scratch, heavy_every=0)
    yield harness
    harness.worker.stop()


def case_file(expect: Path) -> Path:
    stem = expect.name[: -len(".expect.toml")]
    return next(p for p in expect.parent.glob(stem + ".*") if p != expect)


@pytest.mark.parametrize("expect", NAMED, ids=lambda p: p.name[: -len(".expect.toml")])
def test_each_named_case_converts_or_is_refused_as_its_expectation_says(harness, expect):
    want = tomllib.loads(expect.read_text(encoding="utf-8"))
    path = case_file(expect)
    # a case that converts is carried through every output, the PDFs and EPUBs too, unless its point is
    # its time (printed = false): then it is judged as a generated case is, within the same time limit
    heavy = want.get("printed", "error" not in want)
    place = SECTIONS[want["kind"]] if want.get("in_place") else ""     # the edition's own text, with its decisions
    outcome, detail = harness.judge(mutations.Case(want["kind"], str(path.relative_to(ROOT)), (), place), heavy=heavy)
    if "error" in want:
        assert outcome == "refused", detail
        where, message = detail.split(": ", 1)
        assert want["error"] in message and where.endswith(f":{want['line']}"), detail
    else:
        assert outcome == "converted", detail


@pytest.mark.parametrize("expect", [p for p in NAMED if not p.name.startswith("review-")],
                         ids=lambda p: p.name[: -len(".expect.toml")])
def test_each_named_case_of_a_real_file_is_that_file_as_it_now_is_but_for_its_mutations(expect):
    """A case of a source or data file is a copy of it, mutated: when the file changes, the copy must be
    rebased (tests/corpus/README.md), or it goes on testing a file the edition no longer has."""
    kind = tomllib.loads(expect.read_text(encoding="utf-8"))["kind"]
    real = ROOT / (SECTIONS.get(kind) or (RELEASE_BASE if kind == "releases" else DATA_FILES[kind]))
    ours, theirs = (re.split(rb"\r\n|\r|\n", p.read_bytes()) for p in (real, case_file(expect)))
    places = [op for op in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes() if op[0] != "equal"]
    # each mutation changes one run of lines, or two (a swap)
    assert len(places) <= 2 * mutations.MOST_OPS, f"{case_file(expect).name} differs from {real.name} in " \
        f"{len(places)} places: rebase it onto the file as it now is"


def test_generated_inputs_convert_whole_or_are_refused_with_file_and_line(built_site):
    """CI's 1,000 derandomised cases, the kinds shared between two processes (one per core)."""
    result = fuzzing.run_in_jobs(CI_CASES, derandomize=True, jobs=2, heavy_every=0, site=built_site)
    assert not result["failures"], "\n".join(f"{case}: {outcome}: {detail}" for case, outcome, detail in result["failures"])
    tried = {kind: sum(n for k, _, n in result["tried"] if k == kind) for kind in CI_CASES}
    assert all(tried[kind] >= 0.9 * CI_CASES[kind] for kind in CI_CASES), f"each kind judged as often as asked: {tried}"
