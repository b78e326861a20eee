"""Benchmark: build time against plain Material, converter time, page weight, build memory, Lighthouse."""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import bench_search
from bench_search import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}


BUILD_RUNS = 9
#: Builds with the PDFs made afresh, each a few seconds, and the command of one (the PDF cache emptied first).
PDF_RUNS = 3
COLD_BUILD = ["sh", "-c", f"rm -rf {ROOT / '.cache' / 'pdf'} && {PY} -m edition build"]
#: A build with the EPUBs made and checked by EPUBCheck afresh (their cache emptied first).
COLD_EPUB_BUILD = ["sh", "-c", f"rm -rf {ROOT / '.cache' / 'epub'} && {PY} -m edition build"]


def timed(*commands: list[str], runs: int = BUILD_RUNS) -> list[float]:
    """Median wall time of each command; runs alternate between them, so drift in the machine's
    speed falls on all alike."""
    times = [[] for _ in commands]
    for _ in range(runs):
        for command, samples in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


def deferred_template() -> str:
    """The one change the deferred baseline makes to Material: the edition's own scripts block."""
    block = re.search(r"{% block scripts %}.*?{% endblock %}", (ROOT / "overrides" / "main.html").read_text(encoding="utf-8"), re.S)
    return '{% extends "base.html" %}\n' + block[0] + "\n"


def plain_material_config(scratch: Path, docs: Path, deferred: bool = False) -> Path:
    """The same pages with out-of-the-box Material: the Markdown extensions that read them, and
    nothing of the edition's (no features, overrides, stylesheet or hooks). System fonts, as the
    edition's, since this machine reaches no other host and Google Fonts would only time out.
    ``deferred`` loads Material's bundle as the edition does, to tell what the edition's features
    cost from what painting before the bundle runs moves into Total Blocking Time."""
    overrides = ""
    if deferred:
        (scratch / "deferred").mkdir(exist_ok=True)
        (scratch / "deferred" / "main.html").write_text(deferred_template(), encoding="utf-8")
        overrides = f"  custom_dir: {scratch / 'deferred'}\n"
    config = scratch / ("deferred.yml" if deferred else "plain.yml")
    config.write_text(
        f"site_name: plain\ndocs_dir: {docs}\ntheme:\n  name: material\n  font: false\n{overrides}"
        "exclude_docs: |\n  /snippets/\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - admonition\n  - tables\n  - footnotes\n"
        f"  - toc:\n      permalink: true\n  - pymdownx.superfences\n  - pymdownx.details\n"
        f"  - pymdownx.snippets:\n      base_path: {docs}\n", encoding="utf-8")
    return config


def converter_ms() -> tuple[float, float]:
    """Readers + writer on both sources; and the whole convert step with citation formatting."""
    from edition import config, editorial
    from edition.writers.markdown import write
    from edition.pages import all_pages, read
    decisions = editorial.load()
    samples = []
    for _ in range(20):
        start = time.perf_counter()
        for section in decisions.values():
            for doc in read(config.SOURCES_DIR / section.source, section):
                write(doc)
        samples.append(time.perf_counter() - start)
    start = time.perf_counter()
    all_pages(decisions, config.SOURCES_DIR)
    return statistics.median(samples) * 1000, (time.perf_counter() - start) * 1000


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses what it sends, as a real host would."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def transfer_kb(url: str) -> tuple[dict[str, float], list[str]]:
    """KB on the wire (gzip) of a page and of everything it loads, by path, and any request to another host."""
    from playwright.sync_api import sync_playwright
    sizes, outside = {}, []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()

        def finished(request):
            if not request.url.startswith(url.split("/review")[0]):
                return
            response = request.response()
            if response:
                sizes[request.url] = int(response.headers.get("content-length")
                                         or len(gzip.compress(response.body()))) / 1024
        page.on("requestfinished", finished)
        page.on("request", lambda r: None if r.url.startswith(url.split("/review")[0]) else outside.append(r.url))
        page.goto(url, wait_until="networkidle")
        browser.close()
    return sizes, outside


#: How the review page's bytes divide, to show which part is the theme's floor and which is ours.
TRANSFER_PARTS = {"Material's JavaScript bundle and stylesheets": r"/assets/(javascripts/bundle|stylesheets/)",
                  "Material's search worker and the search index": r"/(assets/javascripts/workers|search)/",
                  "what opens the search box (its module and Pagefind's files load when a reader searches)": r"/assets/javascripts/search(-open)?\.js$",
                  "Pagefind's files": r"/pagefind/",
                  "the page itself (HTML, with the palette's and the edition's styles in it)": r"/review/$",
                  "the edition's icon": r"^/assets/favicon"}


def transfer_parts(sizes: dict[str, float]) -> list[tuple[str, float]]:
    return [(part, sum(kb for url, kb in sizes.items() if re.search(pattern, urlparse(url).path)))
            for part, pattern in TRANSFER_PARTS.items()]


#: Lighthouse's measures compared side by side (its audit ids), with their units.
METRICS = {"first-contentful-paint": "FCP (ms)", "total-blocking-time": "TBT (ms)", "largest-contentful-paint": "LCP (ms)",
           "speed-index": "Speed Index (ms)", "mainthread-work-breakdown": "main-thread work (ms)",
           "total-byte-weight": "transfer (KB)"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# TBT moves by whole tasks between runs of the same page (see SPREAD): seven runs a side.
LIGHTHOUSE_RUNS = 7
#: The sites side by side: the edition, out-of-the-box Material, and Material loading its bundle as the edition does.
SITES = ("edition", "material", "deferred")


def lighthouse(url: str) -> dict:
    """Scores (0-100) and metrics of one Lighthouse run (mobile preset, simulated throttling)."""
    result = subprocess.run(["npx", "--no-install", "lighthouse", url, "--output=json", "--quiet",
                             "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=" + " ".join(FLAGS)],
                            cwd=ROOT, env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "lighthouse failed")
    report = json.loads(result.stdout)
    out = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    for audit in METRICS:
        value = report["audits"][audit]["numericValue"]
        out[audit] = value / 1024 if audit == "total-byte-weight" else value
    out["version"] = report["lighthouseVersion"]
    return out


def side_by_side(sites: dict[str, str], paths: list[str], runs: int = LIGHTHOUSE_RUNS) -> dict:
    """Every run's value of each measure, by page and site; the runs alternate between the sites, so
    that drift in the machine's speed falls on both alike."""
    samples: dict = {}
    for _ in range(runs):
        for path in paths:
            for site, url in sites.items():
                for name, value in lighthouse(url + path).items():
                    samples.setdefault((path, site, name), []).append(value)
    return samples


#: Measures shown with their range: TBT counts a task only past 50 ms and after the first paint, so
#: one task more or less on either side of the paint moves it by a hundred milliseconds.
SPREAD = {"total-blocking-time"}


def cell(values: list, name: str) -> str:
    """The median of a measure's runs, with the lowest and highest run for a measure in SPREAD."""
    median = f"{statistics.median(values):.0f}"
    return f"{median} ({min(values):.0f}–{max(values):.0f})" if name in SPREAD else median


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "–"


def lighthouse_rows(samples: dict, paths: list[str]) -> list[tuple[str, ...]]:
    medians = {key: statistics.median(values) for key, values in samples.items() if not isinstance(values[0], str)}
    rows = []
    for path in paths:
        for name, label in [("performance", "performance score"), *METRICS.items()]:
            ours, base, deferred = (medians[(path, site, name)] for site in SITES)
            rows.append((f"/{path}", label, *(cell(samples[(path, site, name)], name) for site in SITES),
                         ratio(ours, base), ratio(ours, deferred)))
        rows.append((f"/{path}", "accessibility / best practices / SEO",
                     *(" / ".join(f"{medians[(path, site, c)]:.0f}" for c in CATEGORIES[1:]) for site in SITES), "", ""))
    return rows


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    rows = []
    try:
        full, plain = timed([PY, "-m", "edition", "build"],
                            [PY, "-m", "mkdocs", "build", "-q", "-f", str(plain_material_config(scratch, ROOT / "docs")),
                             "-d", str(scratch / "plain-site")])
        subprocess.run([PY, "-m", "mkdocs", "build", "-q", "-f", str(plain_material_config(scratch, ROOT / "docs", True)),
                        "-d", str(scratch / "deferred-site")], cwd=ROOT, env=ENV, check=True, capture_output=True)
        rows.append((f"full build (convert + mkdocs build --strict), median of {BUILD_RUNS}", f"{full:.2f} s"))
        rows.append(("plain `mkdocs build`, same docs, out-of-the-box Material", f"{plain:.2f} s"))
        rows.append(("ratio (target ≤ 1.3×)", f"{full / plain:.2f}×"))
        # The PDFs are remade only when what they are made from changes: the builds above found them
        # all in .cache/pdf/. A first build makes them all; the PDF step is what it costs over a build.
        cold, warm = timed(COLD_BUILD,
                           [PY, "-m", "edition", "build"], runs=PDF_RUNS)
        rows.append((f"first build, every PDF made (median of {PDF_RUNS})", f"{cold:.2f} s"))
        rows.append(("of which the PDF step (WeasyPrint)", f"{cold - warm:.2f} s"))
        rows.append(("PDF step against the rest of the build (target ≤ 1×)", f"{(cold - warm) / warm:.2f}×"))
        cold, warm = timed(COLD_EPUB_BUILD, [PY, "-m", "edition", "build"], runs=PDF_RUNS)
        rows.append((f"first build, every EPUB made and checked (median of {PDF_RUNS})", f"{cold:.2f} s"))
        rows.append(("of which the EPUB step (ebooklib, EPUBCheck)", f"{cold - warm:.2f} s"))
        readers, whole = converter_ms()
        rows.append(("converter alone: both readers + writer (target < 100 ms)", f"{readers:.1f} ms"))
        rows.append(("converter with citation formatting (pandoc citeproc) and bibliography", f"{whole:.0f} ms"))
        subprocess.run(COLD_BUILD, cwd=ROOT, env=ENV,
                       check=True, capture_output=True)
        rows.append(("peak memory of the build, PDFs made afresh (max RSS)",
                     f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB"))
        server, url = serve(ROOT / "site")
        plain_server, plain_url = serve(scratch / "plain-site")
        sizes, outside = transfer_kb(url + "review/")
        plain_sizes, plain_outside = transfer_kb(plain_url + "review/")
        rows.append(("/review/ transfer size with everything it loads, gzip (budget ≤ 105 KB)",
                     f"{sum(sizes.values()):.1f} KB"))
        rows.extend((f"&nbsp;&nbsp;of which {part}", f"{kb:.1f} KB") for part, kb in transfer_parts(sizes))
        rows.append(("same page, out-of-the-box Material",
                     f"{sum(plain_sizes.values()):.1f} KB + {len(plain_outside)} external requests"))
        rows.append(("requests to other hosts from /review/", str(len(outside))))
        (ms, searched), (plain_ms, plain_searched) = bench_search.first_result(url), bench_search.first_result(plain_url)
        rows.append((f"first result of “{bench_search.QUERY}” typed on /review/ just loaded, ms (out-of-the-box Material)",
                     f"{ms:.0f} ({plain_ms:.0f})"))
        rows.append(("KB the search loaded by then, gzip (Material: its worker and index, fetched with the page)",
                     f"{searched:.1f} ({plain_searched:.1f})"))
        typed, fastest, slowest = bench_search.first_result_typed(url)
        rows.append((f"first result from the first key (“/”), “{bench_search.QUERY}” typed at 100 ms a key on /review/ just "
                     f"loaded, ms: median of {bench_search.TYPED_RUNS} (fastest–slowest)", f"{typed:.0f} ({fastest:.0f}–{slowest:.0f})"))
        subprocess.run([PY, "-m", "edition", "build", "--offline"], cwd=ROOT, env=ENV, check=True, capture_output=True)
        offline_ms, offline_kb = bench_search.first_result((ROOT / "site-offline").as_uri() + "/", "review.html")
        rows.append(("the offline copy (Material's search, from file://): first result ms, and its index and worker KB (not gzip)",
                     f"{offline_ms:.0f}, {offline_kb:.1f}"))
        if QUICK:
            table = "| measure | value |\n| --- | --- |\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
            print(table)
            return
        paths = ["", "review/", "book/"]
        deferred_server, deferred_url = serve(scratch / "deferred-site")
        samples = side_by_side(dict(zip(SITES, (url, plain_url, deferred_url))), paths)
        version = samples[("", "edition", "version")][0]
        for running in (server, plain_server, deferred_server):
            running.shutdown()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    table = "| measure | value |\n| --- | --- |\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    table += (f"\n\nLighthouse {version}, mobile preset, simulated throttling; median of {LIGHTHOUSE_RUNS} runs "
              "alternating between the edition, out-of-the-box Material serving the same pages, and the same "
              "Material with its bundle deferred as the edition's is (TBT: median, then lowest–highest run):\n\n"
              "| page | measure | edition | Material | Material, bundle deferred | ratio | ratio to deferred |\n"
              "| --- | --- | --- | --- | --- | --- | --- |\n"
              + "\n".join("| " + " | ".join(row) + " |" for row in lighthouse_rows(samples, paths)))
    out = ROOT / ".bench"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(table + "\n", encoding="utf-8")
    print(table)


#: --quick: builds, transfer and the first search result, without Lighthouse's runs.
QUICK = "--quick" in sys.argv


if __name__ == "__main__":
    main()      # --texts N[,N...] runs bench_scale.py instead (scripts/bench)
