"""What ./scripts/add writes for a new text: its names, its editorial section, cite entry, record and .bib entry."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import SourceError

#: Said of every field ./scripts/add cannot know and leaves out.
NOT_KNOWN = "not known"


def slug(text: str) -> str:
    """Words as a file name's: "Racing the Enemy" -> "racing-the-enemy", "Tōgō" -> "togo"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def bib_braced(text: str) -> str:
    """A value for a .bib field, in braces: TeX's special characters escaped."""
    return re.sub(r"([&%$#_])", r"\\\1", text).replace("{", "").replace("}", "")


@dataclass
class Plan:
    """The names and words of a new text, decided from what is known (the flags, the reviewed work)."""
    kind: str
    name: str                      # the section, and the stem of the source and the page ("review-gordin")
    label: str                     # how the Bibliography and the Index name its page
    title: str                     # its title as the editors give it (a review without one: a catalogue title)
    reviewer: str = ""
    own_title: str = ""
    reviewed: str = ""             # the key of the work it reviews
    reviewed_title: str = ""       # that work's .bib title, braces and all
    reviewed_by: str = ""          # that work's author, as printed ("Tsuyoshi Hasegawa")
    unknown: list = field(default_factory=list)  # (what, why) left for the editor
    reading: dict = field(default_factory=dict)   # a listing's layout, as the edition's listings are read

    @property
    def source(self) -> str:
        return f"{self.name}.txt"

    @property
    def page(self) -> str:
        return f"{self.name}.md"

    @property
    def key(self) -> str:
        return self.name


def plan(kind: str, reviewer: str, title: str, label: str, bibliography, records: dict) -> Plan:
    """The new text's names and words: from the reviewer, else the reviewed work's title (a review);
    from the title, else nothing (another kind, which then needs --title)."""
    if kind != "review":
        if not title:
            raise SourceError("--title", None, f"a {kind} is named by its title: give --title TITLE")
        return Plan(kind, f"{kind}-{slug(title)}", label or title, title, own_title=title)
    reviewed = sorted({r["reviewed"] for r in records.values() if isinstance(r, dict) and r.get("reviewed")})
    if len(reviewed) != 1:
        raise SourceError("--title", None, "cannot tell which work the review reviews: the edition's reviews review "
                                           f"{', '.join(reviewed) or 'none'} ([records.KEY] reviewed = KEY)")
    key = reviewed[0]
    record = bibliography.records[key]
    short = record.get("title-short") or record.get("title", "")
    short = re.sub(r"<[^>]+>", "", short)
    by = " and ".join(" ".join(p for p in (n.get("given"), n.get("family"), n.get("literal")) if p)
                      for n in record.get("author", []))
    family = reviewer.split()[-1] if reviewer else ""
    name = "review-" + slug(family or title or short)
    raw_title = bibliography.field(key, "title")
    printed = re.sub(r"[{}]", "", raw_title)
    out = Plan(kind, name, label or (f"{family}'s review" if family else title or f"Review of {short}"),
               title or f"[Review of] {by}, {printed}", reviewer, title, key, raw_title, by)
    if not reviewer:
        out.unknown.append(("reviewer", f"{NOT_KNOWN} (the review names none): with a name, add `reviewer` and an "
                                        "`attribution` saying how the editors know it, and `author` to its .bib entry"))
    else:
        out.unknown.append(("attribution", f"{NOT_KNOWN}: how the editors know who wrote it"))
    out.unknown.append(("venue, date and address", f"{NOT_KNOWN}: its .bib entry leaves them out "
                                                   "(`journaltitle`, `date`, `url`)"))
    return out


def section(p: Plan) -> str:
    """The new text's editorial section, cite entry and (a review) record, as lines of editorial.toml."""
    lines = ["", f"# Added by ./scripts/add {p.kind}: every field not given is left out ({NOT_KNOWN}).",
             f"[{p.name}]", f"reader = {toml_string(p.kind)}", f"source = {toml_string(p.source)}",
             f"page = {toml_string(p.page)}", f"title = {toml_string(p.title)}"]
    if p.reviewer:
        lines.append(f"reviewer = {toml_string(p.reviewer)}")
    lines += [f'[cite."{p.page}"]', f"label = {toml_string(p.label)}"]
    if p.kind == "review":
        lines += [f"work = {toml_string(p.key)}", f"[records.{p.key}]", 'type = "review-book"',
                  f"reviewed = {toml_string(p.reviewed)}"] + ([] if p.own_title else ["untitled = true"])
    else:
        lines.append(f"title = {toml_string(p.title)}")
    return "\n".join(lines[:7] + reading_lines(p) + lines[7:]) + "\n"


def reading_lines(p: Plan) -> list[str]:
    """A listing's own author page, and how the scrape is laid out (its section labels, its details'
    labels and patterns, its site furniture), as editorial.toml lines in the text's section."""
    if p.kind != "listing":
        return []
    out = [f"author_page = {toml_string(p.name + '-author.md')}"]
    if p.reading.get("furniture"):
        out.append(f"furniture = [{', '.join(map(toml_string, p.reading['furniture']))}]")
    out += [f"[{p.name}.sections]", *(f"{k} = {toml_string(v)}" for k, v in p.reading.get("sections", {}).items())]
    for detail in p.reading.get("details", []):
        out += [f"[[{p.name}.details]]", f"label = {toml_string(detail['label'])}",
                f"printed = {str(detail['printed']).lower()}", f"pattern = {toml_string(detail['pattern'])}"]
    return out


def layout_of(decisions, kind: str, text: str) -> dict:
    """How the edition reads its texts of ``kind`` (the first such section): the listing's section labels
    and its details' labels and patterns, and those furniture lines that stand in ``text``; never what
    its editors say of one listing (notes, additions)."""
    settings = next((e.settings for e in decisions.values() if e.reader == kind), {})
    lines = {line.strip() for line in text.splitlines()}
    return {"sections": dict(settings.get("sections", {})),
            "details": [{k: d[k] for k in ("label", "printed", "pattern")} for d in settings.get("details", [])],
            "furniture": [f for f in settings.get("furniture", []) if f in lines]}


def bib_entry(p: Plan, received: str) -> str:
    """The review's .bib entry: a catalogue title (or its own), its author if named, what it rests on."""
    title = f"{{{bib_braced(p.own_title)}}}" if p.own_title else f"[Review of] {{{bib_braced(p.reviewed_by)}}}, {p.reviewed_title}"
    given, _, family = p.reviewer.rpartition(" ")
    fields = [("author", bib_braced(f"{family}, {given}" if given else family)), ("title", title),
              ("annote", f"Only the source: {received}, added by ./scripts/add. Its "
                         f"{'reviewer (given by the editors), ' if p.reviewer else 'reviewer, '}venue, date and "
                         f"address are {NOT_KNOWN}.")]
    body = ",\n".join(f"  {name:<6} = {{{value}}}" for name, value in fields if value)
    return f"\n@review{{{p.key},\n{body}\n}}\n"


def with_key_in_group(editorial_text: str, groups: list, siblings: set, key: str) -> str:
    """editorial.toml with ``key`` added to the Bibliography group holding the other reviews of its
    work (``siblings``), or to a new group at the end when none does."""
    index = next((i for i, g in enumerate(groups) if siblings & set(g.get("keys", []))), None)
    if index is None:
        return editorial_text + f'\n[[bibliography.groups]]\ntitle = "Reviews"\nkeys = [{toml_string(key)}]\n'
    headers = [m.end() for m in re.finditer(r"(?m)^\s*\[\[\s*bibliography\.groups\s*\]\]", editorial_text)]
    keys = re.compile(r"(?m)^\s*keys\s*=\s*\[(?P<list>[^\]]*)\]").search(editorial_text, headers[index])
    at = keys.end("list")
    before = editorial_text[:at].rstrip()
    joiner = "" if before.endswith("[") else " " if before.endswith(",") else ", "
    return f"{before}{joiner}{toml_string(key)}{editorial_text[at:]}"
