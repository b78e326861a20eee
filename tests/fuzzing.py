"""Runs generated cases (tests/mutations.py) through the converter's command line and judges each.

Each case runs in a worker process, so that a hang is caught by a time limit (a regular
expression that backtracks for ever cannot be interrupted in the process that runs it). The
property, for every case: either the conversion succeeds and its pages keep every letter and digit
of the source, in order, but for the lines the editors declare furniture; or it stops with one line
``FILE:LINE: what is wrong`` (a file the conversion read, a line that file has), exit status 2, and
nothing written. A traceback, a hang, a lost word or a bad message fails the case.

``python tests/fuzzing.py N`` (./scripts/fuzz N) runs N cases across the kinds and prints how many
of each kind were tried, with what outcome.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

#: Seconds a case may take before it counts as a hang (a case takes well under one).
TIME_LIMIT = 30
#: The readers' kinds: each case converts its one file; the data files' kinds convert every source with them.
SECTIONS = {"review": "sources/review-holloway-racing-the-enemy.txt", "listing": "sources/listing-racing-the-enemy.txt"}
DATA_FILES = {"editorial": "editorial.toml", "references": "references.bib", "anchors": "anchors.json"}
MESSAGE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<what>\S.*)$")
FAILURES = ("traceback", "hang", "lost words", "bad message", "wrote on refusal", "exit status", "flaky")


# The worker's side --------------------------------------------------------------------------------

def letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def is_char_subsequence(small: str, big: str) -> bool:
    at = 0
    for char in small:
        at = big.find(char, at)
        if at < 0:
            return False
        at += 1
    return True


def renderer(empty: Path):
    """Python-Markdown with mkdocs.yml's extensions, as MkDocs renders the pages (includes find nothing)."""
    import markdown
    import yaml
    from edition import config
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as stream:
        settings = yaml.load(stream, Loader=config._MkDocsLoader)
    names, configs = [], {}
    for entry in settings["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pymdownx.snippets":
            options = {"base_path": [str(empty)], "check_paths": False}
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


#: The elements that hold a block of text: each keeps its source's words in their order.
BLOCKS = ".//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::td or (self::li and not(p))]"


def page_words(md, page_text: str) -> tuple[list[str], list[str], list[str]]:
    """The words of a page as a reader reads them, its text and its notes apart, editorial marks left
    out; and the text of each of its blocks."""
    from lxml import html as lxml_html
    from mkdocs.utils.meta import get_data
    from pagetext import article_of, words_of_article
    body, _ = get_data(page_text)
    md.reset()
    page = f'<html><body><article class="md-content__inner">{md.convert(body)}</article></body></html>'
    blocks = [block.text_content() for block in article_of(lxml_html.fromstring(page)).xpath(BLOCKS)]
    return (*(words_of_article(lxml_html.fromstring(page), part) for part in ("body", "notes")), blocks)


def kept_every_word(source: str, dropped: set, pages: list[str], md) -> str:
    """'' when the pages hold every letter and digit of the source but its dropped lines, each block
    in its source's order (and a page with notes, its text and its notes in order); else what is wrong."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = "\n".join(line for n, line in enumerate(lines, 1) if n not in dropped)
    want, got, problems = letters(kept), Counter(), []
    for page in pages:
        body, notes, blocks = page_words(md, page)
        got += Counter(letters(" ".join(body + notes)))
        problems += [f"out of order: {b.strip()[:80]!r}" for b in blocks if not is_char_subsequence(letters(b), want)]
        if notes and not all(is_char_subsequence(letters(" ".join(part)), want) for part in (body, notes)):
            problems.append("the text or the notes out of their source's order")
    lost, gained = Counter(want) - got, got - Counter(want)
    if lost or gained:
        stream = letters(" ".join(" ".join(w for part in page_words(md, page)[:2] for w in part) for page in pages))
        missing = [w for w in map(letters, kept.split()) if w and w not in stream]
        problems.insert(0, f"lost {sum(lost.values())} letters ({''.join(sorted(lost.elements()))[:40]!r}; "
                           f"words {missing[:6]}), gained {sum(gained.values())} ({''.join(sorted(gained.elements()))[:40]!r})")
    return "; ".join(problems[:3])


def check_message(stderr: str, cwd: Path) -> str:
    """'' when stderr is one line FILE:LINE: message, naming a file that exists and a line it has."""
    lines = stderr.strip().splitlines()
    if len(lines) != 1 or not (m := MESSAGE.match(lines[0])):
        return f"not one FILE:LINE: line: {stderr.strip()[-300:]!r}"
    path = cwd / m["file"]
    if not path.is_file():
        return f"names no file that exists: {lines[0]!r}"
    count = len(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"))
    if not 1 <= int(m["line"]) <= count:
        return f"line {m['line']} of a file of {count} lines: {lines[0]!r}"
    return ""


def convert(section_or_kind: str, source: Path, editorial: Path, out: Path, md) -> tuple[str, str]:
    """One run of ``edition convert``, judged: (outcome, detail)."""
    from edition import __main__ as cli
    from edition.pages import load_decisions, read
    stderr, stdout = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
            status = cli.main(["convert", section_or_kind, str(source), "--out", str(out), "--editorial", str(editorial)])
    except BaseException:   # noqa: BLE001 - anything but a clean refusal is what is looked for
        return "traceback", "".join(traceback.format_exc().strip().splitlines()[-3:])[-500:]
    written = sorted(out.rglob("*.md"))
    if status == 2:
        if any(out.rglob("*")):
            return "wrote on refusal", str(list(out.rglob("*"))[:3])
        problem = check_message(stderr.getvalue(), Path.cwd())
        return ("bad message", problem) if problem else ("refused", stderr.getvalue().strip())
    if status != 0:
        return "exit status", f"{status}: {stderr.getvalue().strip()[-300:]}"
    decisions = load_decisions(editorial)
    reader = decisions[section_or_kind].reader if section_or_kind in decisions else section_or_kind
    dropped = {item.line for doc in read(source, decisions.section_for(reader, source))
               for item in doc.data.get("dropped", [])}
    lost = kept_every_word(source.read_bytes().decode("utf-8-sig"), dropped,
                           [p.read_text(encoding="utf-8") for p in written], md)
    return ("lost words", lost) if lost else ("converted", f"{len(written)} pages")


def registry(path: Path, site: Path) -> tuple[str, str]:
    """The anchor registry checked against a built site and extended, as a build does."""
    from edition.build.anchors import check_anchors, update_registry
    from edition.errors import SourceError
    updated = path.with_name("anchors-updated.json")
    try:
        check_anchors(site, path)
        shutil.copyfile(path, updated)
        update_registry(site, updated)
    except SourceError as err:
        problem = check_message(str(err), Path.cwd())
        return ("bad message", problem) if problem else ("refused", str(err))
    except BaseException:   # noqa: BLE001
        return "traceback", "".join(traceback.format_exc().strip().splitlines()[-3:])[-500:]
    before, after = (json.loads(p.read_bytes().decode("utf-8-sig")) for p in (path, updated))
    for page, ids in before.get("published", {}).items():
        for ident, words in ids.items():
            if after["published"].get(page, {}).get(ident) != words:
                return "lost words", f"{page}#{ident} not kept by the update"
    return "converted", "registry checked and extended"


def run_case(request: dict, md, site: Path | None) -> tuple[str, str]:
    """A case laid out by the parent in request["dir"]: sources/ with the mutated file in it."""
    case = Path(request["dir"])
    os.chdir(case)
    sources = case / "sources"
    kind, name = request["kind"], request["name"]
    if kind == "anchors":
        return registry(sources / name, site)
    outcomes = []
    for section, source in SECTIONS.items():
        if kind in SECTIONS and kind != section:
            continue
        path = sources / (name if kind == section else Path(source).name)
        out = case / f"out-{section}"
        outcomes.append(convert(section, path, sources / "editorial.toml", out, md))
        if outcomes[-1][0] != "converted":
            return outcomes[-1]
    return "converted", "; ".join(detail for _, detail in outcomes)


def worker(cache: str, site: str) -> None:
    """Reads one request (JSON) a line, answers one outcome (JSON) a line, on the process's own stdout."""
    import functools

    from edition.build import anchors
    from edition import config
    config.CACHE_DIR = Path(cache)
    anchors.published_ids = functools.cache(anchors.published_ids)
    answer = os.fdopen(os.dup(1), "w")
    empty = Path(tempfile.mkdtemp(prefix="fuzz-snippets-"))
    md = renderer(empty)
    for line in sys.stdin:
        outcome, detail = run_case(json.loads(line), md, Path(site) if site else None)
        answer.write(json.dumps([outcome, detail]) + "\n")
        answer.flush()


# The parent's side -------------------------------------------------------------------------------

class Worker:
    """A worker process, restarted after a hang."""

    def __init__(self, cache: Path, site: Path | None, time_limit: float = TIME_LIMIT):
        self.cache, self.site, self.time_limit, self.process = cache, site, time_limit, None

    def start(self):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
        self.process = subprocess.Popen([sys.executable, __file__, "--worker", str(self.cache), str(self.site or "")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)

    def ask(self, request: dict) -> tuple[str, str]:
        if self.process is None or self.process.poll() is not None:
            self.start()
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], self.time_limit)
        if not ready:
            self.stop()
            return "hang", f"no answer within {self.time_limit} s"
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


@dataclass
class Harness:
    """Lays out each case in a scratch folder, has the worker judge it, and counts the outcomes."""
    worker: Worker
    scratch: Path
    tried: Counter = field(default_factory=Counter)        # (kind, outcome)
    ops: Counter = field(default_factory=Counter)          # mutation names
    messages: Counter = field(default_factory=Counter)     # refusals, numbers and quotations left out
    failures: list = field(default_factory=list)

    def judge(self, case, count: bool = True) -> tuple[str, str]:
        folder = self.scratch / "case"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "sources", folder / "sources")
        # A listing is read with the listing section's decisions (its furniture and section labels);
        # a review of the corpus with none, as a new review is.
        name = DATA_FILES.get(case.kind) or Path(SECTIONS[case.kind] if case.kind == "listing" else case.base).name
        (folder / "sources" / name).write_bytes(case.data())
        outcome, detail = self.worker.ask({"dir": str(folder), "kind": case.kind, "name": name})
        if not count:
            return outcome, detail
        self.tried[case.kind, outcome] += 1
        self.ops.update(op[0] for op in case.ops)
        if outcome == "refused":
            self.messages[re.sub(r"'[^']*'|“[^”]*”|\d+", "…", detail.split(": ", 1)[-1])[:90]] += 1
        return outcome, detail


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
            outcome, detail = harness.judge(case, count)
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


def report(harness: Harness, seconds: float) -> str:
    kinds = sorted({k for k, _ in harness.tried})
    outcomes = sorted({o for _, o in harness.tried}, key=lambda o: (o in FAILURES, o))
    rows = ["| kind | cases | " + " | ".join(outcomes) + " |", "| --- | --- |" + " --- |" * len(outcomes)]
    for kind in kinds:
        rows.append(f"| {kind} | {sum(n for (k, _), n in harness.tried.items() if k == kind)} | "
                    + " | ".join(str(harness.tried[kind, o]) for o in outcomes) + " |")
    total = sum(harness.tried.values())
    rows.append(f"| all | {total} | " + " | ".join(str(sum(n for (_, o), n in harness.tried.items() if o == o2))
                                              for o2 in outcomes) + " |")
    text = "\n".join(rows) + f"\n\n{total} cases in {seconds:.0f} s; mutations applied: " + ", ".join(
        f"{name} {n}" for name, n in harness.ops.most_common()) + "\n\nMost frequent refusals:\n\n" + "\n".join(
        f"- {n} × {message}" for message, n in harness.messages.most_common(12))
    for case, outcome, detail in harness.failures:
        text += f"\n\nFAILURE {outcome}: {case}\n  {detail}"
    return text + "\n"


def built_site(scratch: Path) -> Path:
    """The site as the build makes it, for the anchor registry's cases."""
    from edition.build.site_build import build_in, site_files
    pages, citations, _ = site_files()
    return build_in(scratch / "build", {**pages, **citations})


def main(argv: list[str]) -> int:
    import argparse
    import mutations
    parser = argparse.ArgumentParser(description="Generated broken inputs through the converter.")
    parser.add_argument("cases", nargs="?", type=int, default=1000, help="how many cases, spread over the kinds")
    parser.add_argument("--kind", action="append", choices=sorted(mutations.kinds()), help="only these kinds")
    parser.add_argument("--derandomize", action="store_true", help="the same cases every run (as CI runs them)")
    args = parser.parse_args(argv)
    kinds = args.kind or sorted(mutations.kinds())
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        scratch = Path(scratch)
        site = built_site(scratch) if "anchors" in kinds else None
        harness = Harness(Worker(scratch / "cache", site), scratch)
        start = time.perf_counter()
        try:
            for n, kind in enumerate(kinds):
                explore(harness, kind, args.cases // len(kinds) + (n < args.cases % len(kinds)), args.derandomize)
        finally:
            harness.worker.stop()
        text = report(harness, time.perf_counter() - start)
        failures = ROOT / ".fuzz"
        failures.mkdir(exist_ok=True)
        for n, (case, outcome, _) in enumerate(harness.failures, 1):
            if case is not None:
                (failures / f"failure-{n}-{case.kind}{Path(case.base).suffix}").write_bytes(case.data())
    (ROOT / ".fuzz" / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 1 if harness.failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(*sys.argv[2:4])
    else:
        sys.exit(main(sys.argv[1:]))
