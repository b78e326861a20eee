"""What a mention previews of its entry: the heading, the names the editors add, what the texts say of
it with where, the forms the texts print it in."""
from __future__ import annotations

from ..model import Editorial, Foreign, Text

#: How the preview and the Index mark a form the editors identify with the entry (the reason follows).
IDENTIFIED = "[identified by the editors]"


def in_languages(text: str, forms) -> list:
    """``text`` with each form of another language in it marked with that language."""
    out = [Text(text)]
    for form in (f for f in forms if f.lang):
        name = getattr(form, "form", None) or form.name
        pieces = []
        for node in out:
            if isinstance(node, Text) and name in node.value:
                before, _, after = node.value.partition(name)
                pieces += [*([Text(before)] if before else []), Foreign(name, form.lang),
                           *([Text(after)] if after else [])]
            else:
                pieces.append(node)
        out = pieces
    return out


def heading_inlines(entry) -> list:
    """The entry's heading, with its parts in another script in their language."""
    return in_languages(entry.heading, [*entry.forms, *entry.known_as])


def known_as(entry, explained: bool = False) -> list:
    """The names the editors add, each in square brackets (``explained``: with the reason)."""
    return [x for name in entry.known_as for x in (Text(" "), Editorial(f"[{name.name}]", name.reason if explained else ""))]


def form_inlines(form) -> list:
    """A form as the Index and the previews list it: a form the editors identify carries their mark."""
    name = [Foreign(form.form, form.lang)] if form.lang else [Text(form.form)]
    return name + ([Text(" "), Editorial(IDENTIFIED, form.reason)] if form.reason else [])


def printed_forms(entry, explained: str = "") -> list:
    """The forms the texts print, joined with commas (none when the only one is the heading, plainly);
    ``explained``: a form whose identification is given in full after the list, unmarked in it."""
    forms = [] if [(f.form, f.reason) for f in entry.forms] == [(entry.heading, "")] else entry.forms
    out = []
    for n, form in enumerate(forms):
        out += ([Text(", ")] if n else []) + (form_inlines(form) if form.form != explained else [Text(form.form)])
    return out


def about(entry, at_label: str) -> str:
    """The entry's kind, and what the texts say of it with where: "person: “…” (Review ¶ 11)"."""
    return entry.kind + (f": “{entry.description}” ({at_label})" if entry.description else "")


def previews(register, resolve_at) -> dict[str, dict]:
    """Form -> what its mentions preview of their entry (``resolve_at`` spells a description's place
    as the Index does)."""
    found = {}
    for entry in register.entries:
        for form in entry.forms:
            forms = printed_forms(entry, form.form if form.reason else "")
            if form.reason:
                forms += [Text(" "), Editorial(f"[“{form.form}”: {form.reason}]")]
            found[form.form] = {"names": tuple(heading_inlines(entry) + known_as(entry)),
                                "about": about(entry, resolve_at(entry.at) if entry.at else ""),
                                "forms": tuple(forms)}
    return found
