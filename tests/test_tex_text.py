"""A .bib field's TeX as CSL-JSON text (scripts/edition/citations/tex_text.py)."""
from __future__ import annotations

from edition.citations.tex_text import before_colon, tex_to_csl


def test_tex_is_printed_as_tex_prints_it_and_braces_mark_what_keeps_its_case():
    assert tex_to_csl(r"1941--1945---``Its'' \'Etudes, {A \& B}") == '1941–1945—“Its” Études, <span class="nocase">A & B</span>'
    assert tex_to_csl(r"\'{E}tudes") == '<span class="nocase">É</span>tudes'     # a braced group, as TeX has it
    assert tex_to_csl(r"Rock 'n' Roll, and \'a") == "Rock ’n’ Roll, and á"


def test_the_main_title_ends_at_the_first_colon_outside_what_braces_protect():
    assert before_colon('A <span class="nocase">B: C</span>: D') == 'A <span class="nocase">B: C</span>'
    assert before_colon("Racing the Enemy: Stalin") == "Racing the Enemy"
    assert before_colon("No colon") == "No colon"


def test_tex_escapes_of_its_own_characters_are_those_characters_not_groups_or_commands():
    assert tex_to_csl(r"\{\{ 7*7 \}\} \textbackslash{}input\{x\} \$x\$ \textquotedbl{}q\textquotedbl{}") == '{{ 7*7 }} \\input{x} $x$ "q"'
