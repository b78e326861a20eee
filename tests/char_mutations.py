"""Mutations of a file's characters: digits changed, glued or moved; line ends, tabs, no-break spaces,
byte order marks, zero-width and look-alike characters; markup; a data file's syntax broken; curly quotes."""
from __future__ import annotations

import re

from line_mutations import _pick, lines_of


#: Characters that look like others, as editors and OCR put them in: Cyrillic letters, curly
#: quotes, other dashes and minus, a Greek question mark, thin and no-break spaces, digit look-alikes.
CONFUSABLES = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "'": "’", '"': "“", "-": "−",
               ";": ";", " ": "\u2009", "1": "l", "0": "O", ".": "․", "=": "＝", "[": "［", "l": "1"}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
#: What Markdown, HTML or the edition's own markup would read as markup, if it were not escaped.
MARKUP = ["*", "_", "**x**", "<b>", "</p>", "&amp;", "&#x41;", "[^1]", "[^99]: x", "{: .x }", "`", "# ", "> ",
          "1. ", "- ", "\\", "|", "<!--", "-->", "[x](y)", "--8<-- \"x.md\"", "///Footnotes Go Here///", "!!! note"]
#: Syntax of the data files, one character or token of which an editor may lose or mistype.
SYNTAX = {"toml": ['"', "'", "]", "[", "=", ",", "{", "}", '"""', "\\"],
          "bib": ["{", "}", ",", "@", "=", '"', "#", "%"],
          "json": ['"', ",", ":", "{", "}", "[", "]"],
          "yaml": [":", "- ", "'", '"', "  ", "[", "]", "{", "}", "#", "!", "|", "&", "*"]}



def _at_match(pattern: str, text: str, n: int):
    matches = list(re.finditer(pattern, text))
    return _pick(matches, n)


def change_digit(text, a, b, c):
    m = _at_match(r"\d", text, a)
    return text if m is None else text[:m.start()] + str((int(m.group()) + 1 + b % 9) % 10) + text[m.end():]


def glue_digits(text, a, b, c):
    """A number glued to the end of a word, as a marker is (or as a stray one looks)."""
    m = _at_match(r"\w(?=[\s.,;:!?”’\")\]])", text, a)
    return text if m is None else text[:m.end()] + str(1 + b % (12 if c % 3 else 120)) + text[m.end():]


def move_number(text, a, b, c):
    m = _at_match(r"\d+", text, a)
    if m is None:
        return text
    rest = text[:m.start()] + text[m.end():]
    at = _at_match(r"\s", rest, b)
    where = at.start() if at else 0
    glued = c % 2
    return rest[:where] + ("" if glued else " ") + m.group() + rest[where:]


def crlf(text, a, b, c):
    """Windows line ends: on every line, on some, or old Mac ones (a lone CR)."""
    if a % 3 == 0:
        return text.replace("\n", "\r\n")
    lines = lines_of(text)
    start = b % len(lines)
    end = "\r" if a % 3 == 2 else "\r\n"
    return "\n".join(lines[:start]) + ("\n" if start else "") + end.join(lines[start:start + 1 + c % 20]) + (
        "\n" + "\n".join(lines[start + 1 + c % 20:]) if lines[start + 1 + c % 20:] else "")


def tab(text, a, b, c):
    m = _at_match(r" +", text, a)
    return text if m is None else text[:m.start()] + "\t" * (1 + b % 2) + text[m.end():]


def nbsp(text, a, b, c):
    m = _at_match(r" ", text, a)
    return text if m is None else text[:m.start()] + ["\u00a0", "\u202f", "\u2007"][b % 3] + text[m.end():]


def bom(text, a, b, c):
    if a % 2 == 0:
        return "\ufeff" + text
    at = b % (len(text) + 1)
    return text[:at] + "\ufeff" + text[at:]


def zero_width(text, a, b, c):
    at = a % (len(text) + 1)
    return text[:at] + _pick(ZERO_WIDTH, b) + text[at:]


def confusable(text, a, b, c):
    keys = [k for k in CONFUSABLES if k in text]
    key = _pick(keys, b)
    if key is None:
        return text
    m = _at_match(re.escape(key), text, a)
    return text[:m.start()] + CONFUSABLES[key] + text[m.end():]


def markup(text, a, b, c):
    token = _pick(MARKUP, b)
    if c % 2:      # at a line's start
        m = _at_match(r"(?m)^", text, a)
    else:
        m = _at_match(r"\s", text, a)
    at = m.start() if m else 0
    return text[:at] + token + text[at:]


def break_syntax(kind: str):
    """A character of the file's syntax lost, doubled or put where it does not belong."""
    tokens = SYNTAX[kind]

    def apply(text, a, b, c):
        token = _pick(tokens, b)
        m = _at_match(re.escape(token), text, a)
        if c % 3 == 0 or m is None:                       # put in
            at = a % (len(text) + 1)
            return text[:at] + token + text[at:]
        if c % 3 == 1:                                    # lost
            return text[:m.start()] + text[m.end():]
        return text[:m.start()] + token + text[m.start():]  # doubled
    return apply


def smart_quotes(text, a, b, c):
    """A word processor's curly quotes where straight ones were: in a key, a value or a delimiter."""
    m = _at_match(r"[\"']", text, a)
    if m is None:
        return text
    curly = {'"': "“”", "'": "‘’"}[m.group()][b % 2]
    return text[:m.start()] + curly + text[m.end():]


#: Mutations of text, by name.
