"""The README is a map of about 200 lines, and every relative link (and #anchor) in it and in the guides resolves."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "guides").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


def links(path: Path) -> list[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return [t for t in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


def broken(path: Path) -> list[str]:
    wrong = []
    for target in links(path):
        file, _, anchor = target.partition("#")
        goal = (path.parent / file).resolve() if file else path
        if not goal.exists():
            wrong.append(target)
        elif anchor and goal.suffix == ".md" and anchor not in anchors(goal):
            wrong.append(target)
    return wrong


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(path):
    assert not broken(path), f"{path.relative_to(ROOT)}: {broken(path)}"


def test_the_readme_is_a_map():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    assert readme.index("./scripts/serve") < readme.index("\n## ")      # the two commands come first
    assert readme.index("./scripts/test") < readme.index("\n## ")
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in links(ROOT / "README.md")}
    assert set(DOCS[1:]) <= linked, "a guide the README does not link"


def test_the_check_sees_a_broken_link(tmp_path):
    (tmp_path / "a.md").write_text("# Top part\n\n[ok](#top-part) [x](b.md) [y](#nowhere) [z](a.md#top-part)\n"
                                   "```\n[in code](c.md)\n```\n[web](https://example.org/)\n")
    assert broken(tmp_path / "a.md") == ["b.md", "#nowhere"]
