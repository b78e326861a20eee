"""The register of names as JSON, to download: every entry as the Index gives it, with where the texts name it."""
from __future__ import annotations

import json

from ..model import Document
from ..register.names_schema import AUTHORITIES
from ..citations.records import page_path
from .index_page import named_places

#: What the file says of itself, first.
ABOUT = ("The register of names of {edition}: the persons, places and organisations its texts name, from "
         "sources/names.toml. Generated when the site is built; do not edit. `forms` are as the texts print "
         "them (`identified_by_editors`: the editors' reason, where the texts do not make the identification); "
         "`known_as` are names the editors add, with their reasons; `description` is in the texts' words, "
         "`at` where they say it; `authorities` holds an identifier (the editors' identification) only with "
         "the reference that confirms it and, where the texts' word could name more than one item, the editors' "
         "reason; an entry none confirms has none; `mentions` are every place that names the entry, with the "
         "form it prints.")


def address(place, page_url) -> str:
    """A place's address: on the site's root ("review/#p11"), or absolute when the edition has one."""
    fragment = {"note": "fn:{}", "anchor": "{}"}.get(place.kind, "").format(place.at)
    url = page_url(place.page) or page_path(place.page)
    return url + (f"#{fragment}" if fragment else "")


def register_json(register, documents: list[Document], labels: dict[str, str], edition) -> str:
    entries, _ = named_places(documents, labels)
    out = []
    for entry in register.entries:
        out.append({
            "id": entry.id, "kind": entry.kind, "heading": entry.heading,
            "forms": [{"form": f.form, **({"lang": f.lang} if f.lang else {}),
                       **({"identified_by_editors": f.reason} if f.reason else {})} for f in entry.forms],
            "known_as": [{"name": k.name, "reason": k.reason, **({"lang": k.lang} if k.lang else {})}
                         for k in entry.known_as],
            "description": {"text": entry.description, "at": entry.at} if entry.description else None,
            "authorities": {AUTHORITIES[key][0]: {"id": a.id, "url": AUTHORITIES[key][2].format(a.id),
                                                  "reference": a.reference, **({"reason": a.reason} if a.reason else {})}
                            for key, a in entry.authorities.items()},
            "mentions": [{"at": passage.label, "url": address(passage.place, edition.page_url), "form": form}
                         for passage, form in entries.get(entry.id, [])],
        })
    data = {"about": ABOUT.format(edition=edition.name), "edition": edition.name, "version": edition.version or None,
            "source": f"sources/{register.file.name}", "entries": out}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
