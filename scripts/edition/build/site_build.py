"""Builds the site: checks and converts the sources, builds with MkDocs --strict, then publishes docs/ and site/."""
from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from . import checksums
from .. import config
from ..versions import releases
from ..versions.versioned import edition_at, version_note
from .anchors import check_anchors, update_registry
from .search_index import built_pages, index_site
from ..errors import SourceError
from ..pages import all_pages, citation_pages, contexts, edit, epub_files, load_decisions, pdf_files, tei_files
from .files import write_atomically
from .publish import JOURNAL, SCRATCH_PREFIX, one_build_at_a_time, publish, signals_held
from ..writers.tei_schema import InvalidTEI
from ..citations.records import Edition, tei_path
from ..rights import rights
from ..settings import read_settings
from ..data_package import package
from ..dts import dts_files
from ..site_steps import finish_site
from ..site_steps.inline_styles import MissingStylesheet
from ..writers.tei import write_tei
from ..writers.tei_schema import validate

#: Said once by a build that has no published address.
NO_ADDRESS = ("note: no published address (site_url in mkdocs.yml, or --site-url URL): "
              "citations, metadata and printed pages leave the absolute address out")


def site_files(root: Path = config.ROOT, site_url: str | None = None, release: str = "",
               printed: bool = True) -> tuple[dict[str, str], dict[str, str], Edition]:
    """The generated pages (committed under docs/) and the files the build adds (citations, TEI,
    PDFs, EPUBs, the data package and the API: not committed, as they carry the address and the version),
    made from the recorded sources; ``release`` makes them as that recorded release, at its address.
    Without ``printed``, the pages, citations and TEI only (the quick check the fuzzer makes of most cases)."""
    sources = root / "sources"
    read_settings(root / "mkdocs.yml")      # every setting the edition reads, checked before any is used
    decisions = load_decisions(sources / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], sources, sources / "SHA256SUMS")
    stated = rights(root / "mkdocs.yml")
    edited = edit(decisions, sources)
    edition = edition_at(root, site_url, decisions, edited, release)
    try:
        built = {**citation_pages(decisions, edited, edition), **tei_files(decisions, sources, edited, edition)}
        if printed:
            built.update({**pdf_files(decisions, sources, edited, edition), **epub_files(decisions, sources, edited, edition)})
    except InvalidTEI as err:
        raise BuildFailed(str(err)) from None
    if not printed:
        return all_pages(decisions, sources, edited, edition.history), built, edition
    built.update(package(root, built, [d.source for d in decisions.values()], edition, stated))
    built.update(dts_files(edition, stated, api_texts(decisions, sources, edited, edition)))
    return all_pages(decisions, sources, edited, edition.history), built, edition


def api_texts(decisions, sources: Path, edited, edition) -> list:
    """Each text of the DTS API: (id, title, its TEI document alone, its page's anchors, the TEI's name)."""
    context_of, texts = contexts(decisions, sources, edited, edition), []
    for doc in edited.documents:
        if doc.source in {e.source_label for e in decisions.values()} and not doc.base:
            ident, context = Path(doc.page).stem, context_of(doc.source)
            tei = write_tei([doc], context)
            validate(tei, f"dts/document/{ident}.xml", (edition.version, edition.date))
            anchors = {b.anchor for b in blocks_of(doc.blocks) if getattr(b, "anchor", None)}
            texts.append((ident, doc.title, tei, anchors | {f"fn:{n.number}" for n in doc.notes}, tei_path(context.editorial.source)))
    return texts


def blocks_of(blocks):
    for block in blocks:
        yield block
        yield from blocks_of(getattr(block, "blocks", ()))


def generated_pages(root: Path = config.ROOT) -> dict[str, str]:
    """Every committed generated page, by path under docs/ (without the files a build adds)."""
    sources = root / "sources"
    decisions = load_decisions(sources / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], sources, sources / "SHA256SUMS")
    edited = edit(decisions, sources)
    return all_pages(decisions, sources, edited, releases.history(root, edited.documents))


#: The ids the built site publishes, as build_in read them, for build_site to add to the registry.
PUBLISHED_IDS = "published-ids.json"


class BuildFailed(Exception):
    pass


#: What builds the site from docs/: MkDocs 1.6, or ProperDocs, its maintained fork, with the same
#: mkdocs.yml and plugins (its alias module hands them properdocs for every mkdocs import).
ENGINES = ("mkdocs", "properdocs")


def engine_api(engine: str):
    """The engine's build, load_config and its exception base."""
    if engine == "properdocs":
        if "mkdocs" in sys.modules and not sys.modules["mkdocs"].__name__ == "properdocs":
            raise BuildFailed("ProperDocs must be the first to load MkDocs' modules: build with it in a process of its own")
        import properdocs.replacement  # noqa: F401  (mkdocs.* imports, in plugins, get properdocs.*)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    return build, load_config, MkDocsException


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, offline: bool = False, site_url: str = "",
                 engine: str = "mkdocs", edition: Edition | None = None) -> list[str]:
    """``mkdocs build --strict`` (or ``properdocs build --strict``) of ``docs_dir`` into ``site_dir``;
    ``offline`` for the file:// copy; ``edition`` says which version (or draft) each page is.
    Returns the stylesheets mkdocs.yml adds (extra_css), for the steps over the built site."""
    build, load_config, MkDocsException = engine_api(engine)

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        overrides = {"site_url": site_url} if site_url else {}
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, **overrides)
        # Material's offline plugin is decided here, not by the environment, so that no stray
        # setting turns the site itself into the copy.
        cfg.plugins["material/offline"].config.enabled = offline
        # Pagefind searches the site; the copy, which Pagefind cannot search from file://, keeps Material's search.
        cfg.plugins["material/search"].config.enabled = offline
        if offline:     # the shim from the copy itself, not from unpkg.com
            cfg.extra["polyfills"] = [config.WORKER_SHIM_URL]
        if edition:
            cfg.extra["edition"] = version_note(edition)
        cfg.extra["rights"] = rights(config_file).extra()
        # Material's version selector reads mike's versions.json beside the release folders: only
        # a release's site on the web has one (not a draft, nor the copy opened from disk).
        if offline or not (edition and edition.release):
            cfg.extra.pop("version", None)
        build(cfg)
        return [str(css) for css in cfg.extra_css]
    except (MkDocsException, SystemExit) as err:
        raise BuildFailed(f"{config_file.name}: {engine} build --strict failed: {err}") from None


def build_in(scratch: Path, files: dict[str, str], root: Path = config.ROOT, offline: bool = False,
             site_url: str = "", engine: str = "mkdocs", edition: Edition | None = None) -> Path:
    """Build the site from a working copy of docs/ with ``files`` in ``scratch``; returns scratch/site.
    A fragment id the anchor registry records that the new site lacks stops it."""
    if offline and not config.WORKER_SHIM.exists():
        raise BuildFailed(f"{config.WORKER_SHIM}: missing; ./scripts/build --offline installs it with npm ci")
    docs = scratch / "docs"
    shutil.copytree(root / "docs", docs)
    write_atomically(files, docs)
    if offline:
        (docs / config.WORKER_SHIM_URL).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(config.WORKER_SHIM, docs / config.WORKER_SHIM_URL)
    extra_css = mkdocs_build(root / "mkdocs.yml", docs, scratch / "site", offline, site_url, engine, edition)
    try:        # the theme's work, done over the built site so that any engine gives the same site
        finish_site(scratch / "site", extra_css, site_url, offline)
    except MissingStylesheet as err:
        raise BuildFailed(str(err)) from None
    if not offline:     # the built pages read once, for the anchor registry and for the search index
        built = built_pages(scratch / "site")
        ids = check_anchors(built, root / config.ANCHORS_FILE.relative_to(config.ROOT))
        (scratch / PUBLISHED_IDS).write_text(json.dumps(ids), encoding="utf-8")
        index_site(scratch / "site", built)
    return scratch / "site"


def build_site(root: Path = config.ROOT, offline: bool = False, site_url: str | None = None,
               engine: str = "mkdocs", release: str = "") -> list[Path]:
    """Convert and build in a scratch folder; touch docs/ and site/ only when everything succeeded,
    and then whole (publish.py); one build at a time.

    ``offline`` builds the copy that works from file:// into site-offline/ instead of site/;
    ``release`` builds that recorded release, at its own address (./scripts/release does)."""
    with one_build_at_a_time(root):
        pages, citations, edition = site_files(root, site_url, release)
        if not edition.url:
            print(NO_ADDRESS, file=sys.stderr)
        scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=root))
        try:
            built = build_in(scratch, {**pages, **citations}, root, offline, edition.url, engine, edition)
            registry = scratch / "anchors.json"       # the registry with the new ids, if any
            ids = None if offline else json.loads((scratch / PUBLISHED_IDS).read_text(encoding="utf-8"))
            if offline or not update_registry(built, root / config.ANCHORS_FILE.relative_to(config.ROOT),
                                              ids, registry):
                registry = None
            site = config.OFFLINE_SITE_DIR.name if offline else "site"
            # The citations go to docs/ too, for ./scripts/serve (git ignores them).
            written = publish(root, scratch, {**pages, **citations}, registry, built, site)
            return [path for path in written if path.relative_to(root / "docs").as_posix() in pages]
        finally:
            if not (root / JOURNAL).exists():   # else publishing failed half-way: the next build finishes it
                with signals_held():            # a Ctrl-C now waits for the scratch to be gone
                    shutil.rmtree(scratch, ignore_errors=True)


__all__ = ["build_in", "build_site", "generated_pages", "site_files", "BuildFailed", "SourceError"]
