"""The fuzzer's table of outcomes, and its record: guides/fuzz-run.md and the README's table, with where they came from."""
from __future__ import annotations

import os
import platform
import re
import subprocess
from collections import Counter
from datetime import datetime, timezone

from fuzz_paths import ROOT

#: The outcomes of a case that are not failures, in the table's order, with their column names.
OUTCOMES = {"converted": "converted whole", "refused": "refused with FILE:LINE"}
#: The README's table lies between these two lines; ./scripts/fuzz --record rewrites what is between.
README_MARKS = ("<!-- fuzz table: written by ./scripts/fuzz --record, do not edit -->", "<!-- end of the fuzz table -->")
RECORD = ROOT / "guides" / "fuzz-run.md"


def counts(result: dict) -> tuple[list, Counter]:
    tried = Counter()
    for kind, outcome, n in result["tried"]:
        tried[kind, outcome] += n
    return sorted({k for k, _ in tried}), tried


def summary(result: dict, seconds: float) -> str:
    """Cases by kind: converted whole (and how many of those made the PDFs and EPUBs too), refused, failed."""
    kinds, tried = counts(result)
    rows = ["| kind | cases | converted whole | of which printed | refused with FILE:LINE | failed |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    totals = Counter()
    for kind in kinds + ["all"]:
        of = (lambda o: tried[kind, o]) if kind != "all" else (lambda o: sum(n for (_, o2), n in tried.items() if o2 == o))
        row = {"cases": sum(n for (k, _), n in tried.items() if k == kind or kind == "all"),
               "converted": of("converted"), "printed": result["heavy"].get(kind, 0) if kind != "all" else totals["printed"],
               "refused": of("refused")}
        row["failed"] = row["cases"] - row["converted"] - row["refused"]
        totals.update({"printed": row["printed"]} if kind != "all" else {})
        rows.append(f"| {kind} | " + " | ".join(f"{row[c]:,}" for c in ("cases", "converted", "printed", "refused", "failed")) + " |")
    return "\n".join(rows) + f"\n\n{sum(tried.values()):,} cases in {seconds:,.0f} s."


def table(result: dict, seconds: float, jobs: int = 1) -> str:
    """The summary, the mutations applied, the commonest refusals, and each failure."""
    kinds, tried = counts(result)
    others = sorted({o for _, o in tried} - set(OUTCOMES))
    text = summary(result, seconds) + (f" ({jobs} processes side by side.)" if jobs > 1 else "")
    if others:
        text += "\n\nFailures by outcome: " + ", ".join(f"{o} {sum(n for (_, o2), n in tried.items() if o2 == o)}" for o in others)
    text += "\n\nMutations applied: " + ", ".join(f"{name} {n:,}" for name, n in Counter(result["ops"]).most_common())
    text += "\n\nMost frequent refusals:\n\n" + "\n".join(
        f"- {n:,} × {message}" for message, n in Counter(result["messages"]).most_common(12))
    for case, outcome, detail in result["failures"]:
        text += f"\n\nFAILURE {outcome}: {case}\n  {detail}"
    return text + "\n"


def provenance(argv: list) -> str:
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--", "scripts", "tests", "sources") else ""
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    return (f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on commit {git('rev-parse', '--short', 'HEAD')}{dirty}, "
            f"`./scripts/fuzz {' '.join(argv)}`, on {platform.system()} {platform.machine()}, {os.cpu_count()} cores"
            f"{', ' + cpu if cpu else ''}, Python {platform.python_version()}.")


def record(text: str, argv: list) -> None:
    """The run's table into guides/fuzz-run.md whole, and its summary into the README, with its provenance."""
    where = provenance(argv)
    RECORD.write_text("# The last long fuzz run\n\n<!-- written by ./scripts/fuzz --record; do not edit -->\n\n"
                      f"Back to [robustness](robustness.md). {where}\n\n{text}", encoding="utf-8")
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    block = f"{README_MARKS[0]}\n{where}\n\n{text.split(chr(10) + chr(10) + 'Mutations applied')[0]}\n{README_MARKS[1]}"
    pattern = re.escape(README_MARKS[0]) + r".*?" + re.escape(README_MARKS[1])
    if re.search(pattern, content, re.S):
        readme.write_text(re.sub(pattern, lambda _: block, content, flags=re.S), encoding="utf-8")
