"""The edition's releases: each one's record (releases/VERSION.json), what it held, and what changed since the one before."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path

from ..build import checksums
from .release_record import VERSION, read_record
from ..source_text import read_toml
from .. import config
from ..build import anchors
from ..build.anchors import NUMBERED
from ..errors import SourceError
from ..model import BlockQuote, Foreign, Mention, Paragraph, Quotation, Text
from ..citations.records import page_path

#: The alias that always names the newest release (mike's, and Material's "default" version).
LATEST = "latest"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def record_file(root: Path, version: str) -> Path:
    return root / config.RELEASES_DIR.name / f"{version}.json"


def recorded(root: Path = config.ROOT) -> list[dict]:
    """Every release recorded under releases/, oldest first."""
    found = []
    for path in (root / config.RELEASES_DIR.name).glob("*.json"):
        found.append(read_record(path))
    return sorted(found, key=lambda r: version_key(r["version"]))


def decisions_held(editorial_file: Path) -> dict[str, str]:
    """Every editorial decision, by a name that stays the same while it does ("review.sic[Stalin's]":
    an item of a list is named by its first value), with its value as JSON."""
    return flat(read_toml(editorial_file)[1])      # as the decisions are read: a byte order mark, any line ends


def flat(data: dict, path: str = "") -> dict[str, str]:
    out = {}
    for key, value in data.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            out.update(flat(value, here))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                name, n = f"{here}[{next(iter(item.values()), '')}]", 2
                while name in out:                    # two items with the same first value
                    name, n = f"{here}[{next(iter(item.values()), '')}] ({n})", n + 1
                out[name] = json.dumps(item, ensure_ascii=False)
        else:
            out[here] = json.dumps(value, ensure_ascii=False)
    return out


def words(node) -> list[str]:
    """The author's words in a node of the model (text and foreign words; not the editors' marks
    nor the site's controls), in order."""
    if isinstance(node, (Text, Foreign)):
        return node.value.split()
    if isinstance(node, (list, tuple)):
        return [w for child in node for w in words(child)]
    if isinstance(node, Mention):   # the name as printed; what the register says of it is the editors'
        return words(node.children)
    if is_dataclass(node) and not isinstance(node, type) and type(node).__module__.endswith(".model"):
        return [w for f in fields(node) if not isinstance(getattr(node, f.name), str) for w in words(getattr(node, f.name))]
    return []


def passages(documents: list) -> dict[str, str]:
    """Every numbered place of every page ("review/#p12"), with a digest of its words."""
    found = {}
    for doc in documents:
        if doc.base or not doc.page:
            continue
        blocks = [inner for b in doc.blocks for inner in (b.blocks if isinstance(b, BlockQuote) else [b])]
        places = [(b.anchor, b) for b in blocks if isinstance(b, (Paragraph, Quotation)) and b.anchor]
        places += [(f"fn:{n.number}", n) for n in doc.notes]
        for anchor, node in places:
            if NUMBERED.fullmatch(anchor):
                text = " ".join(words(node))
                found[f"{page_path(doc.page)}#{anchor}"] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return found


def held(root: Path, documents: list) -> dict:
    """What the edition holds now: the sources' checksums, the decisions, the passages, the retired anchors."""
    registry = root / config.ANCHORS_FILE.relative_to(config.ROOT)
    retired = anchors.load(registry).get("retired", {})     # a registry that is not JSON is refused at its line
    sums = {name: sha for name, (sha, _) in checksums.record(root / config.CHECKSUM_FILE.relative_to(config.ROOT)).items()}
    return {"sources": sums, "decisions": decisions_held(root / config.EDITORIAL_FILE.relative_to(config.ROOT)),
            "passages": passages(documents), "retired": retired}


@dataclass
class Changes:
    """What changed from one release (``before``; None: the first) to the next (``after``)."""
    before: str | None
    after: str
    sources: list = field(default_factory=list)     # (file, old SHA-256 or None, new or None)
    added: list = field(default_factory=list)       # (decision, value)
    changed: list = field(default_factory=list)     # (decision, old value, new value)
    removed: list = field(default_factory=list)     # (decision, old value)
    passages: list = field(default_factory=list)    # "review/#p12": words changed
    new_passages: list = field(default_factory=list)
    retired: list = field(default_factory=list)     # ("review/#p12", where it went)

    def __bool__(self) -> bool:
        return any((self.sources, self.added, self.changed, self.removed, self.passages, self.new_passages, self.retired))


def changes(before: dict | None, after: dict, old: str | None, new: str) -> Changes:
    """What changed between two holdings (``before`` None: everything is new)."""
    was = before or {"sources": {}, "decisions": {}, "passages": {}, "retired": {}}
    out = Changes(old, new)
    for name in sorted(set(was["sources"]) | set(after["sources"])):
        if was["sources"].get(name) != after["sources"].get(name):
            out.sources.append((name, was["sources"].get(name), after["sources"].get(name)))
    then, now = was["decisions"], after["decisions"]
    out.added = [(k, now[k]) for k in now if k not in then]
    out.changed = [(k, then[k], now[k]) for k in now if k in then and then[k] != now[k]]
    out.removed = [(k, then[k]) for k in then if k not in now]
    if before is not None:
        out.passages = [p for p, digest in after["passages"].items() if p in was["passages"] and was["passages"][p] != digest]
        out.new_passages = [p for p in after["passages"] if p not in was["passages"]]
    out.retired = [(k, v) for k, v in after["retired"].items() if k not in was["retired"]]
    return out


@dataclass
class History:
    """The releases recorded (oldest first), each with what changed in it, and what the unreleased
    text changes since the latest (``draft``: None in a release's own build or when nothing did)."""
    releases: list = field(default_factory=list)    # (record, Changes)
    draft: Changes | None = None

    @property
    def latest(self) -> str:
        return self.releases[-1][0]["version"] if self.releases else ""


def history(root: Path, documents: list, release: str = "") -> History:
    """The releases up to ``release`` (every one for a draft), and a draft's changes since the latest."""
    records = recorded(root)
    if release:
        records = [r for r in records if version_key(r["version"]) <= version_key(release)]
    out, before = History(), None
    for record in records:
        out.releases.append((record, changes(before and before["held"], record["held"],
                                             before and before["version"], record["version"])))
        before = record
    if not release:
        draft = changes(before and before["held"], held(root, documents), before and before["version"], "")
        out.draft = draft if draft and before else None
    return out


def decision_text(value: str) -> str:
    """A decision's value as the editorial file says it: `phrase = "…", explanation = "…"`."""
    data = json.loads(value)
    if isinstance(data, dict):
        return "; ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in data.items())
    return json.dumps(data, ensure_ascii=False)
