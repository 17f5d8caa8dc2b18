"""Layout decisions both renderers share, so that PDF and DOCX agree on them."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.document import Document, Heading, Meta, Runs, plain_text
from briefgen.render.style import Style


def page_text(template: str, meta: Meta, page: int | str = "", pages: int | str = "") -> str:
    """Fill a header or footer line from the metadata and page numbers."""
    values = {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "date": format_date(meta),
        "classification": meta.classification,
        "prepared_by": meta.prepared_by,
        "page": page,
        "pages": pages,
    }
    return template.format(**values)


def format_date(meta: Meta) -> str:
    """Return the briefing date as printed (`10 November 2009`), or an empty string."""
    if meta.date is None:
        return ""
    return f"{meta.date.day} {meta.date:%B %Y}"


def toc_entries(document: Document, style: Style) -> list[Heading]:
    """Return the headings listed in the table of contents, or none for a short document."""
    entries = [h for h in document.headings() if h.level <= 2]
    return entries if len(entries) >= style.text.toc_min_sections else []


def column_widths(
    header: Sequence[Runs], rows: Sequence[Sequence[Runs]], chars_per_line: float = 90.0
) -> list[float]:
    """Return column shares (summing to 1) from the text of the header and the first rows.

    Each column first gets room for its longest word (so `Recipient` or a cable id never
    breaks mid-word), then the rest is shared by how much text the column holds.
    `chars_per_line` is how many average characters fit across the whole table.
    """
    count = len(header)
    if count == 0:
        return []
    longest = [max(4, len(plain_text(c))) for c in header]
    word = [max((len(w) for w in plain_text(c).split()), default=1) for c in header]
    for row in rows[:80]:
        for i, cell in enumerate(row[:count]):
            text = plain_text(cell)
            # Long cells wrap anyway; cap them so that one essay does not starve the others.
            longest[i] = max(longest[i], min(len(text), 60))
            word[i] = max(word[i], max((len(w) for w in text.split()), default=1))
    # Cell padding costs about two characters; a word longer than 18 may break.
    mins = [(min(w, 18) + 2) / chars_per_line for w in word]
    if sum(mins) >= 1:
        return [m / sum(mins) for m in mins]
    weights = [n**0.8 for n in longest]
    spare = 1 - sum(mins)
    return [m + spare * w / sum(weights) for m, w in zip(mins, weights, strict=True)]


def author(meta: Meta) -> str:
    """Return the metadata author: the author field, else who prepared the briefing."""
    return meta.author or meta.prepared_by
