"""The converter's shape: readers, passes and writers in their folders over the model at the ground,
imports running one way (readers -> passes -> writers), and no module much over 200 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "edition"
STAGES = ("readers", "passes", "writers", "site_steps")
#: Each part imports only itself and the ground (edition/*.py), never the entry modules that run
#: the whole pipeline.
ENTRY = {"__main__", "pages", "site_build", "add", "serve"}
MOST_LINES = 220       # "about 200"


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else "ground"


def imported(path: Path) -> set[str]:
    """The parts of the package a module imports (relative imports resolved from its folder)."""
    return imports_in(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).parts[:-1])


def imports_in(source: str, here: tuple) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[:len(here) - node.level + 1]) if node.level <= len(here) + 1 else []
                target = base + (node.module.split(".") if node.module else [])
                names = [target + [alias.name] for alias in node.names] if not node.module else [target]
            elif node.module and node.module.startswith("edition"):
                names = [node.module.split(".")[1:]]
            else:
                continue
            for name in names:
                if name and name[0] in STAGES:
                    found.add(name[0])
                elif name and name[0] in ENTRY:
                    found.add("entry")
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.stem not in ENTRY or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    part = part_of(path)
    wrong = imported(path) - {part}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}) imports {sorted(wrong)}"


def test_the_check_sees_a_wrong_way_import():
    source = "from ..writers.markdown import write\nfrom edition.passes import cite_this\nfrom .. import pages\n"
    assert imports_in(source, ("readers",)) == {"writers", "passes", "entry"}
    assert imports_in("from .note_numbers import markers\nfrom ..model import Text\n", ("readers",)) == {"readers"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_much_over_200_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MOST_LINES
