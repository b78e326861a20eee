"""Builds the site: checks and converts the sources, builds with MkDocs --strict, then publishes docs/ and site/."""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from . import checksums, config
from .errors import SourceError
from .pages import all_pages, load_decisions, write_atomically


def generated_pages(root: Path = config.ROOT) -> dict[str, str]:
    """Every generated page, by path under docs/, made from the recorded sources."""
    sources = root / "sources"
    decisions = load_decisions(sources / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], sources, sources / "SHA256SUMS")
    return all_pages(decisions, sources, config.site_settings(root / "mkdocs.yml"))


class BuildFailed(Exception):
    pass


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, offline: bool = False) -> None:
    """``mkdocs build --strict`` of ``docs_dir`` into ``site_dir``; ``offline`` for the file:// copy."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        # Material's offline plugin is decided here, not by the environment, so that no stray
        # setting turns the site itself into the copy.
        cfg.plugins["material/offline"].config.enabled = offline
        if offline:     # the shim from the copy itself, not from unpkg.com
            cfg.extra["polyfills"] = [config.WORKER_SHIM_URL]
        build(cfg)
    except (MkDocsException, SystemExit) as err:
        raise BuildFailed(f"{config_file.name}: mkdocs build --strict failed: {err}") from None


def build_in(scratch: Path, pages: dict[str, str], root: Path = config.ROOT, offline: bool = False) -> Path:
    """Build the site from a working copy of docs/ with ``pages`` in ``scratch``; returns scratch/site."""
    if offline and not config.WORKER_SHIM.exists():
        raise BuildFailed(f"{config.WORKER_SHIM}: missing; ./scripts/build --offline installs it with npm ci")
    docs = scratch / "docs"
    shutil.copytree(root / "docs", docs)
    write_atomically(pages, docs)
    if offline:
        (docs / config.WORKER_SHIM_URL).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(config.WORKER_SHIM, docs / config.WORKER_SHIM_URL)
    mkdocs_build(root / "mkdocs.yml", docs, scratch / "site", offline)
    return scratch / "site"


def build_site(root: Path = config.ROOT, offline: bool = False) -> list[Path]:
    """Convert and build in a scratch folder; touch docs/ and site/ only when everything succeeded.

    ``offline`` builds the copy that works from file:// into site-offline/ instead of site/."""
    pages = generated_pages(root)
    scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
    try:
        built = build_in(scratch, pages, root, offline)
        written = write_atomically(pages, root / "docs")
        site = root / (config.OFFLINE_SITE_DIR.name if offline else "site")
        old = scratch / "old-site"
        if site.exists():
            site.rename(old)
        built.rename(site)
        return written
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


__all__ = ["build_in", "build_site", "generated_pages", "BuildFailed", "SourceError"]
