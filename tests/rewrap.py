"""Re-wraps a PDF-extracted review at another width, keeping its structure (blank lines, page starts, rules)."""
from __future__ import annotations

import textwrap


def rewrap(text: str, width: int) -> str:
    """Each run of text lines is re-wrapped at ``width``; blank lines, rules and leading page spaces stay."""
    out: list[str] = []
    run: list[str] = []
    lead = ""

    def flush() -> None:
        nonlocal run, lead
        if run:
            words = " ".join(run)
            # A line-end hyphen or dash joins its halves without a space, as the reader does.
            lines = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
            lines[0] = lead + lines[0]
            out.extend(line + " " for line in lines)
        run, lead = [], ""

    for line in text.split("\n"):
        starts_page = line.startswith(" ") and not line.startswith("  ") and line.strip()
        note_start = line[:1].isdigit()
        if not line.strip() or starts_page or note_start:
            flush()
            if not line.strip():
                out.append(line)
                continue
            lead = " " if starts_page else ""
        stripped = line.strip()
        # Glue a line-end dash to the next line's word so the re-wrap cannot split or space it.
        if run and run[-1].endswith(("-", "—")) and not run[-1].endswith(" -"):
            run[-1] += stripped
        else:
            run.append(stripped)
    flush()
    return "\n".join(out)
