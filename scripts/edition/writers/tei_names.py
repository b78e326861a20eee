"""The register's entries a TEI document's text names, as its standOff: lists of persons, places and organisations."""
from __future__ import annotations

from ..register.names_schema import AUTHORITIES, KINDS
from .tei_header import sub


def entry_element(parent, entry, tags: tuple) -> None:
    """One entry: its heading and forms (a form the editors identify, and a name they add, with
    resp and their reason), its authority identifiers, then what the texts say of it and where."""
    _, _, entry_tag, name_tag = tags
    item = sub(parent, entry_tag, xml_id=entry.id)
    sub(item, name_tag, entry.heading, type="index")
    notes = []
    for form in entry.forms:
        sub(item, name_tag, form.form, type="form", xml_lang=form.lang, resp="#editors" if form.reason else "")
        if form.reason:
            notes.append((f"“{form.form}” is identified with this entry by the editors: {form.reason}", "identification"))
    for name in entry.known_as:
        sub(item, name_tag, name.name, type="editorial", xml_lang=name.lang, resp="#editors")
        notes.append((f"“{name.name}” is the editors’, not the texts’: {name.reason}", "identification"))
    for key, authority in entry.authorities.items():
        sub(item, "idno", authority.id, type=key, resp="#editors")
        reason = f" {authority.reason}" if authority.reason else ""
        notes.append((f"{AUTHORITIES[key][0]} {authority.id}, identified by the editors:{reason} Confirmed by "
                      f"{authority.reference}.", "authority"))
    if entry.description:
        notes.insert(0, (f"“{entry.description}” ({entry.at})", "description"))
    for text, kind in notes:
        sub(item, "note", text, type=kind, resp="#editors" if kind != "description" else "")


def stand_off(root, named: set, register) -> None:
    """After the text: each entry of the register the text names (``named``: their ids), by kind."""
    if register is None:
        return
    stand = sub(root, "standOff")
    for kind, tags in KINDS.items():
        entries = [entry for entry in register.entries if entry.kind == kind and entry.id in named]
        if entries:
            listing = sub(stand, tags[1])
            for entry in entries:
                entry_element(listing, entry, tags)
