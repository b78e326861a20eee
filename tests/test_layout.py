"""The converter's shape: readers, passes, writers and the site steps in their folders over the ground (the model and
the packages by concern), imports running one way, no import cycle under scripts/, and no module much over 200 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
PACKAGE = SCRIPTS / "edition"
STAGES = ("readers", "passes", "writers", "site_steps")
#: The ground's rooms by concern, each a package, with a module the room must hold.
ROOMS = {"citations": "records", "build": "publish", "versions": "releases", "register": "names"}
#: Each part imports only itself and the ground, never the entry modules that run the whole pipeline.
ENTRY = {"__main__", "pages", "build.site_build", "add", "serve", "serve_books"}
MOST_LINES = 220       # "about 200"


def dotted(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 and relative.parts[0] in STAGES else "ground"


def imported(path: Path) -> set[str]:
    """The parts of the package a module imports (relative imports resolved from its folder)."""
    return imports_in(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).parts[:-1])


def targets(source: str, here: tuple) -> list[list[str]]:
    """Every module path (within the package) that ``source`` imports from, as a list of names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[:len(here) - node.level + 1]) if node.level <= len(here) + 1 else []
                target = base + (node.module.split(".") if node.module else [])
                found += [target + [alias.name] for alias in node.names]
            elif node.module and node.module.split(".")[0] == "edition":
                found += [node.module.split(".")[1:] + [alias.name] for alias in node.names]
    return found


def imports_in(source: str, here: tuple) -> set[str]:
    found = set()
    for name in targets(source, here):
        if any(".".join(name[:n]) in ENTRY for n in range(1, len(name) + 1)):
            found.add("entry")
        elif name and name[0] in STAGES:
            found.add(name[0])
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if dotted(p) not in ENTRY)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    part = part_of(path)
    wrong = imported(path) - {part}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}) imports {sorted(wrong)}"


def test_the_check_sees_a_wrong_way_import():
    source = "from ..writers.markdown import write\nfrom edition.passes import cite_this\nfrom .. import pages\n"
    assert imports_in(source, ("readers",)) == {"writers", "passes", "entry"}
    assert imports_in("from .note_numbers import markers\nfrom ..model import Text\n", ("readers",)) == {"readers"}
    assert imports_in("from ..build.site_build import build_in\nfrom ..build import publish\n", ("citations",)) == {"entry"}
    assert imports_in("from ..build import site_build\n", ("versions",)) == {"entry"}


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_the_ground_is_in_rooms_by_concern(room):
    assert (PACKAGE / room / f"{ROOMS[room]}.py").is_file() and not (PACKAGE / f"{ROOMS[room]}.py").exists()


@pytest.mark.parametrize("init", sorted(PACKAGE.rglob("__init__.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_package_says_what_it_is_in_one_line(init):
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and "\n" not in doc.strip()


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module under ``root`` (scripts/: the package and the scripts beside it) and the modules it imports."""
    paths = {dotted(p, root): p for p in root.rglob("*.py") if ".egg-info" not in str(p)}
    graph = {}
    for name, path in paths.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = here[:len(here) - node.level + 1] if node.level else []
                module = base + (node.module.split(".") if node.module else [])
                edges |= {".".join(module + [a.name]) if ".".join(module + [a.name]) in paths else ".".join(module)
                          for a in node.names}
        graph[name] = {edge for edge in edges if edge in paths and edge != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The groups of modules that import each other, directly or round a ring (Tarjan's strongly connected components)."""
    index, low, stack, found = {}, {}, [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while not group or module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                found.append(group)
    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_under_scripts():
    assert cycles(import_graph(SCRIPTS)) == []


def test_the_check_sees_an_import_cycle(tmp_path):
    (tmp_path / "a.py").write_text("import b\n")
    (tmp_path / "b.py").write_text("def f():\n    from c import x\n")
    (tmp_path / "c.py").write_text("import a\n")
    (tmp_path / "d.py").write_text("import a\n")
    assert cycles(import_graph(tmp_path)) == [{"a", "b", "c"}]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_much_over_200_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MOST_LINES
