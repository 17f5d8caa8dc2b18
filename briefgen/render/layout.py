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


def column_widths(header: Runs | Sequence[Runs], rows: Sequence[Sequence[Runs]]) -> list[float]:
    """Return column shares (summing to 1) from the text lengths of the first rows."""
    count = len(header)
    if count == 0:
        return []
    longest = [max(4, len(plain_text(c))) for c in header]  # type: ignore[arg-type]
    for row in rows[:60]:
        for i, cell in enumerate(row[:count]):
            # Long cells wrap anyway; cap them so that one essay does not starve the others.
            longest[i] = max(longest[i], min(len(plain_text(cell)), 60))
    # A column is never narrower than its longest word, so ids and dates do not break mid-word.
    words = [max((len(w) for w in plain_text(c).split()), default=0) for c in header]  # type: ignore[arg-type]
    for row in rows[:60]:
        for i, cell in enumerate(row[:count]):
            words[i] = max(words[i], max((len(w) for w in plain_text(cell).split()), default=0))
    weights = [
        max(min(n, 60) ** 0.8, min(w, 16) * 0.95) for n, w in zip(longest, words, strict=True)
    ]
    total = sum(weights)
    return [w / total for w in weights]


def author(meta: Meta) -> str:
    """Return the metadata author: the author field, else who prepared the briefing."""
    return meta.author or meta.prepared_by
