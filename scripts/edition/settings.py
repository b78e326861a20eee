"""The edition's own settings in mkdocs.yml, read and checked, each refusal with the line of the setting."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

from . import config
from .errors import SourceError

#: The settings the edition reads (beside MkDocs, which reads the rest), with what each must be.
SETTINGS = {
    ("site_name",): "text",
    ("site_url",): "an address, or nothing",
    ("extra", "rights", "licence"): "text, or nothing",
    ("extra", "search_passages"): "a table of patterns and labels",
    ("extra", "search_exclude"): "a list of CSS selectors",
}


#: A published address: http(s), a host of letters, digits, dots and hyphens, a port, a path without spaces.
ADDRESS = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?(?:/[^\s\x00-\x1f\x7f]*)?")


def line_of(root, keys: tuple) -> int | None:
    """The line of the setting ``keys`` (or of the nearest table holding it) in a composed YAML tree."""
    node, line = root, 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def _get(data, keys: tuple):
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _wrong(keys: tuple, value) -> str:
    """'' when the setting's value is what it must be; else what is wrong with it."""
    name = keys[-1]
    if name == "site_name":
        if isinstance(value, str) and value.strip() and "\n" not in value and value.count("{") == value.count("}"):
            return ""
        return "site_name: expected the edition's name, on one line, its braces paired"
    if name in ("site_url", "licence"):
        if value is None or (isinstance(value, str) and "\n" not in value and (name != "site_url" or not value
                                                                             or ADDRESS.fullmatch(value))):
            return ""
        return f"{name}: expected {SETTINGS[keys]}, not {value!r}"[:200]
    if name == "search_passages":
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return f"extra.search_passages: expected {SETTINGS[keys]} ('p(\\d+)': Paragraph {{}})"
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as err:
                return f"extra.search_passages: {pattern!r} is not a pattern ({err})"
        return ""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return f"extra.search_exclude: expected {SETTINGS[keys]}"
    return ""


class MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain settings; MkDocs' own tags (!ENV, !relative) are read as their default."""


MkDocsLoader.add_constructor("!ENV", lambda loader, node: (
    os.environ.get(loader.construct_sequence(node)[0]) or loader.construct_sequence(node)[-1])
    if isinstance(node, yaml.SequenceNode) else os.environ.get(loader.construct_scalar(node)))
MkDocsLoader.add_constructor("!relative", lambda loader, node: None)
MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


@lru_cache(maxsize=8)
def _read(path: Path, stamp: tuple) -> dict:
    try:
        text = path.read_bytes().decode("utf-8")
        tree = yaml.compose(text, Loader=MkDocsLoader)
        data = yaml.load(text, Loader=MkDocsLoader)
    except UnicodeDecodeError as err:
        raise SourceError(path, path.read_bytes()[:err.start].count(b"\n") + 1, "not UTF-8 text") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SourceError(path, mark.line + 1 if mark else 1, f"not valid YAML: {problem}") from None
    except OSError as err:
        raise SourceError(path, None, f"cannot read the settings ({err.strerror})") from None
    if not isinstance(data, dict):
        raise SourceError(path, 1, "expected the settings, as names and values")
    for keys in SETTINGS:
        problem = _wrong(keys, _get(data, keys))
        if problem:
            raise SourceError(path, line_of(tree, keys), problem)
    return data


def read_settings(path: Path = config.MKDOCS_YML) -> dict:
    """mkdocs.yml's settings, once each version of the file; a setting the edition reads that is not what it
    must be stops with its line."""
    stat = path.stat() if path.exists() else None
    return _read(Path(path), (stat.st_mtime_ns, stat.st_size) if stat else ())


def site_settings(path: Path = config.MKDOCS_YML) -> dict:
    """site_name and site_url (ending with a slash, or empty), the one place they are set."""
    data = read_settings(path)
    url = data.get("site_url") or ""
    return {"site_name": data["site_name"], "site_url": url if not url or url.endswith("/") else url + "/"}


def extra(path: Path = config.MKDOCS_YML) -> dict:
    """mkdocs.yml's extra: the rights, the search's passages and what it leaves out, the versions."""
    return read_settings(path)["extra"]


def search_passages(path: Path = config.MKDOCS_YML) -> dict:
    """The passages searched as results of their own (a pattern of their ids), with their results' titles."""
    return {re.compile(pattern): label for pattern, label in extra(path)["search_passages"].items()}


def search_exclude(path: Path = config.MKDOCS_YML) -> tuple[str, ...]:
    """The selectors of what search leaves out of a page's text."""
    return tuple(extra(path)["search_exclude"])
