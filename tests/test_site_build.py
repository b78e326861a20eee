"""Bad input stops the build with FILE[:LINE]: message, and docs/ and site/ stay exactly as they were."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, snapshot
from edition.errors import SourceError
from edition.build.site_build import build_site

PROJECT_PARTS = ["mkdocs.yml", "docs", "sources", "overrides", "scripts"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project, built once, to be damaged by each test."""
    root = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part)
    build_site(root)
    return root


@pytest.fixture
def damaged(project, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(project, root)
    return root


def record(root: Path, name: str) -> None:
    """Record a source's new checksum, as an editor would on purpose."""
    sums = root / "sources" / "SHA256SUMS"
    digest = hashlib.sha256((root / "sources" / name).read_bytes()).hexdigest()
    lines = [f"{digest}  {name}" if line.endswith(name) else line for line in sums.read_text().splitlines()]
    sums.write_text("\n".join(lines) + "\n")


REVIEW_NAME = "review-holloway-racing-the-enemy.txt"


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    """Edit sources/NAME of the scratch project: the first ``old`` becomes ``new``."""
    path = root / "sources" / name
    path.write_text(path.read_text().replace(old, new, 1))


def damage_unrecorded(root):
    path = root / "sources" / REVIEW_NAME
    path.write_text(path.read_text() + "An added sentence.\n")
    return "differs from its checksum recorded here"


def damage_malformed(root):
    replace_in(root, REVIEW_NAME, "policy.7 ", "policy. ")
    record(root, REVIEW_NAME)
    return "note 7 has no marker"


def damage_missing(root):
    (root / "sources" / REVIEW_NAME).unlink()
    return "missing"


def damage_editorial_phrase(root):
    replace_in(root, "editorial.toml", 'phrase = "Matsamura"', 'phrase = "Matsemura"')
    return "not in"


def damage_editorial_syntax(root):
    replace_in(root, "editorial.toml", "[review]", "[review")
    return "not valid TOML"


def damage_bib_syntax(root):
    replace_in(root, "references.bib", "@book{butow1954,", "@book{butow1954")
    return "not valid BibTeX"


def damage_missing_key(root):
    path = root / "sources" / "references.bib"
    text = path.read_text()
    start = text.index("@book{butow1954,")
    path.write_text(text[:start] + text[text.index("@book{zolotarev2000,"):])
    return "cites 'butow1954', which references.bib does not have"


def damage_record_without_author(root):
    replace_in(root, "references.bib", "  author    = {Butow, Robert J. C.},\n", "")
    return "record 'butow1954' has no author or editor"


def line_in(root: Path, name: str, needle: str) -> int:
    return next(n for n, line in enumerate((root / "sources" / name).read_text().splitlines(), 1) if needle in line)


def damage_type_no_download_says(root):
    replace_in(root, "editorial.toml", 'type = "review-book"', 'type = "interview"')
    line = line_in(root, "editorial.toml", "[records.holloway2006review]")
    return f"editorial.toml:{line}: record 'holloway2006review' is a 'interview', which the BibTeX download cannot say"


def damage_role_no_download_says(root):
    replace_in(root, "references.bib", "  author    = {Butow, Robert J. C.},\n",
               "  author    = {Butow, Robert J. C.},\n  bookauthor = {Hasegawa, Tsuyoshi},\n")
    line = line_in(root, "references.bib", "@book{butow1954,")
    return f"references.bib:{line}: record 'butow1954': the BibTeX download cannot say who its 'container-author' is"


def damage_missing_style(root):
    replace_in(root, "editorial.toml", 'style = "chicago-notes-bibliography.csl"', 'style = "no-such-style.csl"')
    return "CSL style 'no-such-style.csl' does not exist"


def damage_dropped_anchor(root):
    path = root / "sources" / "anchors.json"
    path.write_text(path.read_text().replace('"p1": ', '"p99": "A paragraph once published",\n   "p1": ', 1))
    return "#p99 was published and the new build drops it"


def damage_unsearchable_page(root):
    (root / "docs" / "empty.md").write_text("<div data-search-exclude markdown>\n\n# Nothing to search\n\n</div>\n")
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - About: about.md", "  - About: about.md\n  - Empty: empty.md"))
    return "site/empty/index.html: the search indexer found nothing to search"


def adding_name(kind_of_damage: str, entry: str, expected: str):
    """A damage that adds ``entry`` to the register of names, refused with ``expected``."""
    def damage(root):
        with open(root / "sources" / "names.toml", "a", encoding="utf-8") as names:
            names.write("\n" + entry)
        return expected
    damage.__name__ = f"damage_name_{kind_of_damage}"
    return damage


damage_name_found_nowhere = adding_name("found_nowhere", '[nowhere]\nkind = "place"\nheading = "Nowhere"\n'
                                        'forms = ["Nowhere-on-Sea"]\n', "the form 'Nowhere-on-Sea' is in none of the texts")
damage_name_of_two_entries = adding_name("of_two_entries", '[again]\nkind = "person"\nheading = "Again"\nforms = ["Stalin"]\n',
                                         "the form 'Stalin' is already [stalin]'s")
damage_name_without_kind = adding_name("without_kind", '[kindless]\nheading = "Kindless"\nforms = ["Stalin’s"]\n',
                                       "[kindless]: the entry has no 'kind'")
damage_name_authority_form = adding_name("authority_form", '[q]\nkind = "person"\nheading = "Q"\nforms = ["Q"]\n'
                                         'wikidata = { id = "42", reference = "R." }\n',
                                         "'42' is not in the form Wikidata gives its identifiers")

damage_name_authority_without_reference = adding_name("authority_without_reference", '[r]\nkind = "person"\nheading = "R"\n'
                                                      'forms = ["Stalin’s"]\nwikidata = { id = "Q855", reference = "" }\n',
                                                      "the Wikidata identifier Q855 names no reference that confirms it")


def damage_licence_not_spdx(root):
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace('    licence: ""', '    licence: "CC BY 4.0"'))
    return "extra.rights.licence: 'CC BY 4.0' is not a current SPDX licence identifier"


def damage_name_described_where_no_paragraph_is(root):
    replace_in(root, "names.toml", 'at = "review ¶ 11"', 'at = "review ¶ 99"')
    return "at = 'review ¶ 99' is no place of the texts"


@pytest.mark.parametrize("damage", [damage_unrecorded, damage_malformed, damage_missing,
                                    damage_editorial_phrase, damage_editorial_syntax,
                                    damage_bib_syntax, damage_missing_key, damage_record_without_author,
                                    damage_missing_style, damage_dropped_anchor, damage_type_no_download_says,
                                    damage_role_no_download_says,
                                    damage_unsearchable_page, damage_name_found_nowhere, damage_name_of_two_entries,
                                    damage_name_described_where_no_paragraph_is, damage_name_without_kind,
                                    damage_name_authority_form, damage_name_authority_without_reference,
                                    damage_licence_not_spdx],
                         ids=lambda f: f.__name__)
def test_bad_input_stops_the_build_and_changes_nothing(damaged, damage):
    expected = damage(damaged)
    docs, site = snapshot(damaged / "docs"), snapshot(damaged / "site")     # as the failed build finds them
    with pytest.raises(SourceError) as caught:
        build_site(damaged)
    assert expected in str(caught.value)
    assert caught.value.path.endswith((".txt", ".toml", "SHA256SUMS", ".bib", ".json", ".html", ".yml"))
    assert snapshot(damaged / "docs") == docs and snapshot(damaged / "site") == site


def test_a_bad_register_of_names_stops_the_build_command_with_its_line_and_exit_2(damaged):
    import subprocess
    import sys
    docs, site = snapshot(damaged / "docs"), snapshot(damaged / "site")
    damage_name_found_nowhere(damaged)
    env = {"PYTHONPATH": str(damaged / "scripts"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "edition", "build"], cwd=damaged, env=env, capture_output=True, text=True)
    line = next(n for n, text in enumerate((damaged / "sources" / "names.toml").read_text().splitlines(), 1)
                if "Nowhere-on-Sea" in text)
    assert result.returncode == 2 and f"sources/names.toml:{line}: [nowhere]" in result.stderr, result.stderr
    assert snapshot(damaged / "docs") == docs and snapshot(damaged / "site") == site
