"""Benchmark at scale (./scripts/bench --texts N[,N...]): the edition with N synthetic reviews
(scripts/series.py) against out-of-the-box Material serving the same pages: build time and memory,
whole-site steps, search index, page weight, and the first search result after a page load."""
from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench
import series
from bench_search import QUERY, first_result

WRAP = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def runs(n: int) -> int:
    return 3 if n <= 32 else 1


def timed_build(command: list[str], cwd: Path, env: dict, n: int) -> tuple[float, float]:
    """Median wall time of warm runs of ``command``, and the peak memory (MiB) of the largest run."""
    times, peak = [], 0
    for _ in range(runs(n)):
        start = time.perf_counter()
        done = subprocess.run([bench.PY, "-c", WRAP, *command], cwd=cwd, env=env, check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        peak = max(peak, int(done.stdout.split()[-1]))
    return statistics.median(times), peak / 1024


def kb(paths) -> float:
    return sum(p.stat().st_size for p in paths) / 1024


def index_sizes(site: Path) -> tuple[float, float]:
    """Pagefind's index and fragments (stored gzipped) or Material's index: KB raw, KB gzip."""
    bundle = site / "pagefind"
    if bundle.exists():
        files = [*bundle.glob("index/*"), *bundle.glob("fragment/*"), *bundle.glob("*.pf_meta")]
        return sum(len(gzip.decompress(p.read_bytes())) for p in files) / 1024, kb(files)
    index = (site / "search" / "search_index.json").read_bytes()
    return len(index) / 1024, len(gzip.compress(index)) / 1024


def page_weight(html_file: Path) -> tuple[float, float, float]:
    """A text's page: KB of HTML, of it gzip, and of its navigation (tabs and the primary sidebar)."""
    from lxml import html as lxml_html
    raw = html_file.read_bytes()
    tree = lxml_html.fromstring(raw)
    nav = tree.xpath('//nav[contains(@class,"md-tabs")] | //nav[contains(@class,"md-nav--primary")]')
    return len(raw) / 1024, len(gzip.compress(raw)) / 1024, sum(len(lxml_html.tostring(n)) for n in nav) / 1024


def whole_site_steps(site: Path, root: Path) -> tuple[float, float]:
    """Seconds of the anchor registry's reading and of Pagefind's indexing, once each over the built site."""
    from edition.build.anchors import published_ids
    from edition.build.search_index import built_pages, index_site
    start = time.perf_counter()
    pages = built_pages(site)
    published_ids(pages)
    registry = time.perf_counter() - start
    copy = site.parent / "index-copy"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    start = time.perf_counter()
    index_site(copy)
    indexing = time.perf_counter() - start
    shutil.rmtree(copy)
    return registry, indexing


def row(n: int, scratch: Path) -> dict:
    root = series.make(n, scratch / f"texts-{n}")
    env = {**bench.ENV, "PYTHONPATH": str(root / "scripts")}
    build = [bench.PY, "-m", "edition", "build"]
    subprocess.run(build, cwd=root, env=env, check=True, capture_output=True)      # cold: citeproc's cache
    out = {"texts": n}
    out["build"], out["peak"] = timed_build(build, root, env, n)
    plain = bench.plain_material_config(root, root / "docs")
    out["plain"], out["plain_peak"] = timed_build([bench.PY, "-m", "mkdocs", "build", "-q", "-f", str(plain),
                                                   "-d", str(root / "plain-site")], root, env, n)
    site, plain_site = root / "site", root / "plain-site"
    out["registry"], out["indexing"] = whole_site_steps(site, root)
    out["index"], out["plain_index"] = index_sizes(site), index_sizes(plain_site)
    text = "review-synth0001/index.html"
    out["page"], out["plain_page"] = page_weight(site / text), page_weight(plain_site / text)
    for name, folder in (("", site), ("plain_", plain_site)):
        server, url = bench.serve(folder)
        sizes, _ = bench.transfer_kb(url + "review/")
        out[name + "load"] = sum(sizes.values())
        out[name + "first"] = first_result(url)
        server.shutdown()
    shutil.rmtree(root)
    return out


def table(rows: list[dict]) -> str:
    head = ("| texts | build s | plain Material s | ratio | build s per text | peak memory MiB (plain) "
            "| anchor registry s | search indexing s |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
    first = "".join(f"| {r['texts']} | {r['build']:.1f} | {r['plain']:.1f} | {r['build'] / r['plain']:.2f}× "
                    f"| {r['build'] / r['texts']:.3f} | {r['peak']:.0f} ({r['plain_peak']:.0f}) "
                    f"| {r['registry']:.2f} | {r['indexing']:.2f} |\n" for r in rows)
    head2 = ("\n| texts | search index raw / gzip KB (plain) | /review/ on load, gzip KB (plain) "
             "| a text's page HTML KB, gzip KB, of it navigation KB (plain) "
             f"| first result of “{QUERY}” after a page load, ms (plain) | KB the search loaded by then (plain) |\n"
             "| --- | --- | --- | --- | --- | --- |\n")
    second = "".join(
        f"| {r['texts']} | {r['index'][0]:,.0f} / {r['index'][1]:,.0f} ({r['plain_index'][0]:,.0f} / {r['plain_index'][1]:,.0f}) "
        f"| {r['load']:.1f} ({r['plain_load']:.1f}) "
        f"| {r['page'][0]:.1f}, {r['page'][1]:.1f}, {r['page'][2]:.1f} ({r['plain_page'][0]:.1f}, {r['plain_page'][1]:.1f}, {r['plain_page'][2]:.1f}) "
        f"| {r['first'][0]:.0f} ({r['plain_first'][0]:.0f}) | {r['first'][1]:.1f} ({r['plain_first'][1]:.1f}) |\n" for r in rows)
    return head + first + head2 + second


def main(counts: list[int]) -> None:
    import tempfile
    scratch = Path(tempfile.mkdtemp(prefix="bench-texts-"))
    rows = []
    try:
        for n in counts:
            rows.append(row(n, scratch))
            print(table(rows[-1:]), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = table(rows)
    out = bench.ROOT / ".bench"
    out.mkdir(exist_ok=True)
    (out / "texts.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":      # ./scripts/bench --texts N[,N...]
    main([int(n) for n in sys.argv[sys.argv.index("--texts") + 1].split(",")])
