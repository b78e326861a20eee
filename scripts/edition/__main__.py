"""Command line: ``convert KIND FILE --out DIR``, ``build``, ``check`` (generated pages match), and
``names [KIND FILE]`` (the capitalised names no entry of the register covers)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import config
from .errors import BAD_INPUT_EXIT, SourceError, system_failure
from .pages import READERS, convert, load_decisions, unlisted
from .build.files import write_atomically
from .writers.tei_schema import InvalidTEI
from .writers import WRITERS
from .build.site_build import ENGINES, BuildFailed, build_site, generated_pages
from .build import publish
from . import add
from .versions import release


def draft_status(site_url: str | None, root: Path = config.ROOT) -> dict:
    """What each page of the unreleased text says of its version (for ./scripts/serve)."""
    from .pages import edit
    from .versions.versioned import edition_at, version_note
    decisions = load_decisions(root / "sources" / "editorial.toml")
    return version_note(edition_at(root, site_url, decisions, edit(decisions, root / "sources")))


def record_release(version: str, date: str, address: str, summary: str, root: Path = config.ROOT) -> None:
    """releases/VERSION.json: what the edition holds now, and the pages made again with it (the Changes page)."""
    from .build import checksums
    from .versions import releases
    from .pages import edit
    decisions = load_decisions(root / "sources" / "editorial.toml")
    checksums.verify([d.source for d in decisions.values()], root / "sources", root / "sources" / "SHA256SUMS")
    held = releases.held(root, edit(decisions, root / "sources").documents)
    record = {"version": version, "date": date, "address": address, "summary": summary, "held": held,
              "tools": release.tools()}
    path = releases.record_file(root, version)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_atomically(generated_pages(root), root / "docs")


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
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="what builds the site: MkDocs (the default) or ProperDocs, its maintained fork")
    build.add_argument("--offline", action="store_true",
                       help="build instead the copy that works when opened from disk into site-offline/")
    build.add_argument("--release", metavar="VERSION", default="",
                       help="build the recorded release VERSION at its own address (./scripts/release does)")
    releasing = commands.add_parser("release", help="record, tag, build and publish a release (./scripts/release)")
    releasing.add_argument("version", nargs="?", help="the new release, greater than the latest (1.0, 1.1)")
    releasing.add_argument("--summary", default="", help="one line said of the release on the Changes page")
    releasing.add_argument("--site-url", metavar="URL", default=None, help="the address releases are published under")
    releasing.add_argument("--rebuild", action="store_true", help="make the published tree anew from the release tags")
    releasing.add_argument("--offline", action="store_true", help="build release VERSION's copy to open from disk (site-offline/)")
    status = commands.add_parser("status", help="print, as JSON, which version the working tree is (a draft after …)")
    status.add_argument("--site-url", metavar="URL", default=None)
    record = commands.add_parser("record", help="write releases/VERSION.json and the pages (./scripts/release does)")
    record.add_argument("version")
    for option in ("--date", "--address", "--summary"):
        record.add_argument(option, default="")
    commands.add_parser("check", help="fail when a committed generated page differs from the converter's")
    names = commands.add_parser("names", help="list the capitalised names of the texts that no entry of "
                                "sources/names.toml covers (FILE:LINE: name, how often and where)")
    names.add_argument("kind", nargs="?", help="a reader or a section of the editorial file (with FILE: that "
                       "text alone; without: every text of the edition)")
    names.add_argument("file", nargs="?", type=Path)
    add.options(commands)
    serving = commands.add_parser("serve", help="serve the preview; a change to sources/ is converted again (./scripts/serve)")
    serving.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            pages = convert(args.kind, args.file, load_decisions(args.editorial), args.editorial.parent, args.section, args.to)
            for path in write_atomically(pages, args.out):
                print(path)
        elif args.command == "build":
            publish.stop_on_signals()
            for path in build_site(offline=args.offline, site_url=args.site_url, engine=args.engine, release=args.release):
                print(f"generated {path.relative_to(config.ROOT)}")
        elif args.command == "add":
            print("\n".join(add.add(args.kind, args.file, config.ROOT, args.reviewer, args.title, args.label, args.dry_run)))
        elif args.command == "serve":
            from .serve import serve
            return serve(config.ROOT, args.port)
        elif args.command == "names":
            if bool(args.kind) != bool(args.file):
                parser.error("names takes KIND and FILE together, or neither")
            found = unlisted(load_decisions(), config.SOURCES_DIR, args.kind, args.file)
            for name in found:
                print(name)
            print(f"{len(found)} names no entry of {config.NAMES_FILE.name} covers", file=sys.stderr)
        elif args.command == "release":
            if args.rebuild:
                print("\n".join(f"rebuilt {address}" for address in release.rebuild()))
            elif args.offline and args.version:
                print(f"offline copy of {args.version}: {release.offline(args.version)}")
            elif not args.version:
                parser.error("release: give the VERSION, or --rebuild")
            else:
                print(f"released {release.release(args.version, args.summary, args.site_url)}")
        elif args.command == "status":
            print(json.dumps(draft_status(args.site_url), ensure_ascii=False))
        elif args.command == "record":
            record_release(args.version, args.date, args.address, args.summary)
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
    except OSError as err:         # a full disk, a folder that cannot be written
        print(system_failure(err, args.command), file=sys.stderr)
        return BAD_INPUT_EXIT
    except KeyboardInterrupt as err:
        state = ("" if args.command != "build" else ": published whole" if publish.published
                 else ": not published, docs/ and site/ are as they were")
        print(f"{args.command} stopped ({err or 'SIGINT'}){state}", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
