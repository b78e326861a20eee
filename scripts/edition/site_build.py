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


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """``mkdocs build --strict`` of ``docs_dir`` into ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        build(cfg)
    except (MkDocsException, SystemExit) as err:
        raise BuildFailed(f"{config_file.name}: mkdocs build --strict failed: {err}") from None


def build_site(root: Path = config.ROOT) -> list[Path]:
    """Convert and build in a scratch folder; touch docs/ and site/ only when everything succeeded."""
    pages = generated_pages(root)
    scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
    try:
        docs = scratch / "docs"
        shutil.copytree(root / "docs", docs)
        write_atomically(pages, docs)
        mkdocs_build(root / "mkdocs.yml", docs, scratch / "site")
        written = write_atomically(pages, root / "docs")
        site, old = root / "site", scratch / "old-site"
        if site.exists():
            site.rename(old)
        (scratch / "site").rename(site)
        return written
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


__all__ = ["build_site", "generated_pages", "BuildFailed", "SourceError"]
