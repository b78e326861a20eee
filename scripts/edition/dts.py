"""The edition as a static DTS 1.0 Level 0 API: Entry, Collection, Navigation and Document as files, the trees read from the TEI by dapytains."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from urllib.parse import unquote

from uritemplate import URITemplate

from .errors import SourceError

#: Where the API's files go, and its templates (RFC 6570, path style, as DTS 1.0 suggests for static sites).
BASE = "dts/"
ENTRY = "index.json"
COLLECTION = "collection{/id}{;nav}.json"
NAVIGATION = "navigation/{resource}{;tree,down}{/ref,start,end}.json"
DOCUMENT = "document/{resource}{;tree}{/ref,start,end}.xml"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
EDITION_ID = "edition"
#: The collection the API starts from (no id): it holds the edition, which holds the texts.
ROOT_ID = "root"
#: The `down` values written: every tree is one level deep, so 2 (and any larger `down`) answers as 1 does.
DOWNS = (1, 2, -1)
TREES = {"units": "The site's citable units, by the site's anchors (p12, q3, fn:7): paragraphs, quotations, notes.",
         "pages": "The printed source's pages, by their numbers."}


def path(template: str, **values) -> str:
    """The file a request by ``template`` with ``values`` reads, under dts/."""
    return BASE + unquote(URITemplate(template).expand({k: v for k, v in values.items() if v is not None}))


def unit(ref: str, cite_type: str) -> dict:
    return {"@type": "CitableUnit", "identifier": ref, "level": 1, "parent": None, "citeType": cite_type}


class API:
    """The responses of one build: ``texts`` are (id, title, TEI document) of the edition's texts."""

    def __init__(self, edition, rights, texts: list[tuple[str, str, str]]):
        from dapytains.tei.document import Document       # Saxon: loaded only when the API is made
        self.edition, self.rights, self.base = edition, rights, (edition.url + BASE if edition.url else "")
        self.texts, self.documents, self.trees = texts, {}, {}
        self.scratch = Path(tempfile.mkdtemp(prefix="dts-"))
        for ident, _, tei in texts:
            (self.scratch / f"{ident}.xml").write_text(tei, encoding="utf-8")
            self.documents[ident] = Document(str(self.scratch / f"{ident}.xml"))
            self.trees[ident] = {name: [unit(u.ref, u.citeType) for u in self.documents[ident].get_reffs(name)]
                                 for name in self.documents[ident].citeStructure}

    def url(self, template: str, **values) -> str:
        return self.base + unquote(URITemplate(template).expand({k: v for k, v in values.items() if v is not None}))

    def resource(self, ident: str, title: str) -> dict:
        trees = sorted(self.trees[ident], key=lambda n: n != self.documents[ident].default_tree)
        return {"@id": ident, "@type": "Resource", "title": title, "totalParents": 1, "totalChildren": 0,
                "collection": self.base + COLLECTION, "navigation": self.base + NAVIGATION,
                "document": self.base + DOCUMENT, "mediaTypes": ["application/tei+xml"],
                "citationTrees": [{"@type": "CitationTree", "identifier": n, "description": TREES.get(n, n),
                                   "citeStructure": [{"@type": "CiteStructure", "citeType": self.trees[ident][n][0]["citeType"]
                                                      if self.trees[ident][n] else n}]} for n in trees]}

    def collection(self) -> dict:
        return {"@id": EDITION_ID, "@type": "Collection", "title": self.edition.name, "totalParents": 1,
                "totalChildren": len(self.texts), "collection": self.base + COLLECTION,
                "description": f"{self.edition.name}, {self.edition.status}: its texts, each a TEI document.",
                "dublinCore": {"title": self.edition.name, "rights": self.rights.statement,
                               **({"license": self.rights.url} if self.rights.url else {})}}

    def root(self) -> dict:
        return {"@id": ROOT_ID, "@type": "Collection", "title": f"{self.edition.name}: the DTS collections",
                "totalParents": 0, "totalChildren": 1, "collection": self.base + COLLECTION}

    def top(self, body: dict) -> str:
        return json.dumps({"@context": CONTEXT, "dtsVersion": "1.0", **body}, ensure_ascii=False, indent=1) + "\n"

    def files(self) -> dict[str, str]:
        entry = {"@id": self.base + ENTRY, "@type": "EntryPoint", "collection": self.base + COLLECTION,
                 "navigation": self.base + NAVIGATION, "document": self.base + DOCUMENT}
        resources = {ident: self.resource(ident, title) for ident, title, _ in self.texts}
        root, edition = self.top({**self.root(), "member": [self.collection()]}), self.collection()
        out = {BASE + ENTRY: self.top(entry), path(COLLECTION): root, path(COLLECTION, id=ROOT_ID): root,
               path(COLLECTION, nav="parents"): self.top({**self.root(), "member": []}),
               path(COLLECTION, id=ROOT_ID, nav="parents"): self.top({**self.root(), "member": []}),
               path(COLLECTION, id=EDITION_ID): self.top({**edition, "member": list(resources.values())}),
               path(COLLECTION, id=EDITION_ID, nav="parents"): self.top({**edition, "member": [self.root()]})}
        for ident, resource in resources.items():
            out[path(COLLECTION, id=ident)] = self.top(resource)
            out[path(COLLECTION, id=ident, nav="parents")] = self.top({**resource, "member": [self.collection()]})
            out.update(self.navigation(ident, resource))
            out.update(self.document(ident))
        return out

    def navigation(self, ident: str, resource: dict) -> dict[str, str]:
        out = {}
        for tree in (None, *self.trees[ident]):
            units = self.trees[ident][tree or self.documents[ident].default_tree]

            def answer(**values):
                body = {"@id": self.url(NAVIGATION, resource=ident, tree=tree, **values), "@type": "Navigation",
                        "resource": resource}
                ref = next((u for u in units if u["identifier"] == values.get("ref")), None)
                body.update({"ref": ref} if ref else {})
                down = values.get("down")
                if down is not None:
                    body["member"] = units if ref is None or down == 0 else [ref]
                out[path(NAVIGATION, resource=ident, tree=tree, **values)] = self.top(body)
                if down == 0:       # uritemplate (the validator's, dapytains') expands 0 as ";down": RFC 6570 as ";down=0"
                    out[path(NAVIGATION, resource=ident, tree=tree, **{**values, "down": "0"})] = self.top(body)
            for down in DOWNS:
                answer(down=down)
            for u in units:
                for down in (None, 0, *DOWNS):
                    answer(ref=u["identifier"], down=down)
        return out

    def document(self, ident: str) -> dict[str, str]:
        from lxml import etree
        whole = next(tei for i, _, tei in self.texts if i == ident)
        out = {path(DOCUMENT, resource=ident): whole}
        for tree in (None, *self.trees[ident]):
            out[path(DOCUMENT, resource=ident, tree=tree)] = whole
            for u in self.trees[ident][tree or self.documents[ident].default_tree]:
                passage = self.documents[ident].get_passage(u["identifier"], tree=tree)
                out[path(DOCUMENT, resource=ident, tree=tree, ref=u["identifier"])] = etree.tostring(
                    passage, encoding="unicode").join(['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"])
        return out


def check_units(ident: str, units: list[dict], anchors: set[str], tei: str, name: str) -> None:
    """Every unit of the default tree is an anchor of the text's page; one that is not stops with its line."""
    for u in units:
        if u["identifier"] not in anchors:
            ref = u["identifier"].replace("fn:", "note")
            line = next((n for n, text in enumerate(tei.splitlines(), 1) if f'xml:id="{ref}"' in text), None)
            raise SourceError(name, line, f"citeStructure unit {u['identifier']!r} of {ident} has no anchor on the site's page")


def dts_files(edition, rights, texts: list[tuple[str, str, str, set, str]]) -> dict[str, str]:
    """The API's files; ``texts``: (id, title, TEI, the page's anchors, the TEI's name for errors)."""
    api = API(edition, rights, [(ident, title, tei) for ident, title, tei, _, _ in texts])
    try:
        for ident, _, tei, anchors, name in texts:
            check_units(ident, api.trees[ident][api.documents[ident].default_tree], anchors, tei, name)
        return api.files()
    finally:
        import shutil
        shutil.rmtree(api.scratch, ignore_errors=True)
