"""A readable dump of the document model (as pandoc's "native" format), for tests of the readers."""
from __future__ import annotations

import dataclasses
import json


def is_node(value) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def nested(value) -> bool:
    """Whether a field holds nodes (or lists of them) to show below its owner, indented."""
    if isinstance(value, (list, tuple)) and value:
        return all(is_node(v) or nested(v) for v in value)
    return False


def scalar(value) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr)
    return repr(value)


def dump(node, indent: int = 0) -> list[str]:
    """A node as lines: its name and plain fields (those not at their defaults), then its nodes."""
    pad = "  " * indent
    if not is_node(node):
        return [pad + "[", *[line for item in node for line in dump(item, indent + 1)], pad + "]"]
    plain, inner = [], []
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else dataclasses.MISSING)
        if nested(value):
            inner.append((f.name, value))
        elif value != default:
            plain.append(f"{f.name}={scalar(value)}")
    lines = [pad + " ".join([type(node).__name__, *plain])]
    for name, value in inner:
        lines.append(f"{pad}  {name}:")
        lines += [line for item in value for line in dump(item, indent + 2)]
    return lines


def native(documents: list) -> str:
    """The documents a reader made, one after another."""
    return "\n".join(line for doc in documents for line in dump(doc)) + "\n"
