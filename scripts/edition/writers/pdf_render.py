"""Renders print HTML to PDF with WeasyPrint: from a cache when nothing changed, side by side in forked workers otherwise."""
from __future__ import annotations

import functools
import hashlib
import html as html_lib
import multiprocessing
import os
import re
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version as metadata_version
from pathlib import Path

from .. import config
from ..errors import SourceError
from ..build.files import write_atomically
from . import pdf_notes, pdf_tags, print_fonts


def text_of(markup: str) -> str:
    """The text a reader sees of print HTML (for the glyph check)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|title)>.*?</\1>", "", markup, flags=re.S)))


@functools.cache
def code_digest() -> str:
    """What the layout code is (this writer and its notes and tags seams), for the cache key: a
    change to how a PDF is laid out remakes it."""
    here = Path(__file__).parent
    names = ("pdf.py", "pdf_render.py", "pdf_notes.py", "pdf_tags.py")
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in names)).hexdigest()


def cache_file(markup: str) -> Path:
    """Where the PDF of ``markup`` is kept: keyed by it, WeasyPrint's version, the faces and the layout code."""
    key = hashlib.sha256("\0".join([markup, metadata_version("weasyprint"), print_fonts.digest(), code_digest()])
                         .encode()).hexdigest()
    return config.CACHE_DIR / "pdf" / f"{key}.pdf"


def render(make, name: str, source: Path, first: tuple | None = None) -> bytes:
    """The PDF of the print HTML ``make(plan)`` gives (with its Book; ``first``: what it gave for no
    plan, if known), from the cache when nothing it is made from changed; notes too long for their
    page's foot are continued on the next (pdf_notes)."""
    markup, book = first or make({})
    cached = cache_file(markup)
    if cached.exists():
        return cached.read_bytes()
    import weasyprint       # only when a PDF is to be made: importing it costs about a second
    pdf_tags.install()
    print_fonts.check_glyphs(text_of(markup), name, source)
    options = {"pdf_variant": "pdf/ua-1", "presentational_hints": False, "custom_metadata": True}   # /rights
    try:
        laid_out = pdf_notes.lay_out(lambda plan: make(plan)[0], lambda html: weasyprint.HTML(
            string=html, base_url=str(config.ROOT)).render(**options), book.note_words)
        pdf = laid_out.write_pdf(pdf_identifier=cached.stem[:32].encode(), **options)
    except Exception as err:      # WeasyPrint's own failures have no common class
        raise SourceError(source, None, f"{name}: WeasyPrint failed: {type(err).__name__}: {err}") from None
    write_atomically({cached.name: pdf}, cached.parent)
    return pdf


#: The PDFs a build still has to make, for the worker processes it forks (they inherit this list).
_jobs: list = []


def _render_job(index: int):
    """One of ``_jobs`` in a worker: its PDF, or the bad input it stopped at (a SourceError does not
    travel between processes as itself)."""
    try:
        return render(*_jobs[index])
    except SourceError as err:
        return SourceError, (err.path, err.line, err.message)


def _die_with(build: int) -> None:
    """A worker's start: it dies when its build does. A build killed outright (SIGKILL, no clean-up)
    would leave its workers waiting for work for ever, holding the build lock the next build waits
    on and the killed build's output pipes, and deaf to Ctrl-C (they inherit the build's mask)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)     # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):        # elsewhere: the worker watches for its build's end
        threading.Thread(target=_exit_when_orphaned, args=(build,), daemon=True).start()
    if os.getppid() != build:                # the build was killed before the worker got here
        os._exit(1)


def _exit_when_orphaned(build: int) -> None:
    while os.getppid() == build:
        time.sleep(0.5)
    os._exit(1)


def render_all(jobs: list) -> list[bytes]:
    """The PDF of each (make, name, source) job: from the cache, or made by WeasyPrint, the jobs not
    cached side by side in up to config.PRINT_WORKERS forked processes (WeasyPrint's layout is
    pure Python: one process uses one core)."""
    jobs = [(make, name, source, make({})) for make, name, source in jobs]     # each print HTML made once
    todo = [i for i, job in enumerate(jobs) if not cache_file(job[3][0]).exists()]
    if len(todo) < 2 or config.PRINT_WORKERS < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [render(*job) for job in jobs]
    import weasyprint  # noqa: F401  (imported once, before the workers are forked)
    _jobs[:] = jobs
    try:
        with ProcessPoolExecutor(min(config.PRINT_WORKERS, len(todo)), mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with, initargs=(os.getpid(),)) as pool:
            made = dict(zip(todo, pool.map(_render_job, todo)))
    finally:
        _jobs.clear()
    for result in made.values():
        if isinstance(result, tuple):
            raise result[0](*result[1])
    return [made[i] if i in made else render(*job) for i, job in enumerate(jobs)]
