"""Command line: ``convert KIND FILE --out DIR``, ``build``, ``check`` (generated pages match), and
``names [KIND FILE]`` (the capitalised names no entry of the register covers)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config
from .errors import BAD_INPUT_EXIT, SourceError
from .pages import READERS, convert, load_decisions, unlisted
from .files import write_atomically
from .writers.tei_schema import InvalidTEI
from .writers import WRITERS
from .site_build import BuildFailed, build_site, generated_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("convert", help="convert one source file into its page(s)")
    one.add_argument("kind", help=f"a reader ({', '.join(READERS)}) or a section of the editorial file")
    one.add_argument("file", type=Path)
    one.add_argument("--out", type=Path, required=True, help="folder to write the page(s) into")
    one.add_argument("--editorial", type=Path, default=config.EDITORIAL_FILE, help="the editorial file")
    one.add_argument("--to", default="markdown", choices=sorted(WRITERS), help="the output format (default: markdown)")
    one.add_argument("--section", default=None, help="its section of decisions for FILE (default: the section "
                     "whose source is FILE's name, else none)")
    build = commands.add_parser("build", help="verify, convert and build the site (docs/ and site/)")
    build.add_argument("--site-url", metavar="URL", default=None,
                       help="the address the site is published at (instead of site_url in mkdocs.yml)")
    build.add_argument("--offline", action="store_true",
                       help="build instead the copy that works when opened from disk into site-offline/")
    commands.add_parser("check", help="fail when a committed generated page differs from the converter's")
    names = commands.add_parser("names", help="list the capitalised names of the texts that no entry of "
                                "sources/names.toml covers (FILE:LINE: name, how often and where)")
    names.add_argument("kind", nargs="?", help="a reader or a section of the editorial file (with FILE: that "
                       "text alone; without: every text of the edition)")
    names.add_argument("file", nargs="?", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            pages = convert(args.kind, args.file, load_decisions(args.editorial), args.editorial.parent, args.section, args.to)
            for path in write_atomically(pages, args.out):
                print(path)
        elif args.command == "build":
            for path in build_site(offline=args.offline, site_url=args.site_url):
                print(f"generated {path.relative_to(config.ROOT)}")
        elif args.command == "names":
            if bool(args.kind) != bool(args.file):
                parser.error("names takes KIND and FILE together, or neither")
            found = unlisted(load_decisions(), config.SOURCES_DIR, args.kind, args.file)
            for name in found:
                print(name)
            print(f"{len(found)} names no entry of {config.NAMES_FILE.name} covers", file=sys.stderr)
        elif args.command == "check":
            stale = [name for name, text in generated_pages().items()
                     if not (config.DOCS_DIR / name).exists()
                     or (config.DOCS_DIR / name).read_text(encoding="utf-8") != text]
            for name in stale:
                print(f"docs/{name}: differs from what the converter makes now; run ./scripts/build", file=sys.stderr)
            return 1 if stale else 0
    except SourceError as err:
        print(err, file=sys.stderr)
        return BAD_INPUT_EXIT
    except (BuildFailed, InvalidTEI) as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
