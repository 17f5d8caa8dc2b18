"""Layout decisions both renderers share, so that PDF and DOCX agree on them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.document import (
    BlockQuote,
    BulletList,
    CodeBlock,
    Document,
    Figure,
    Heading,
    KeyFacts,
    Meta,
    NumberedList,
    Paragraph,
    Run,
    Runs,
    Table,
    plain_text,
    source_anchor,
)
from briefgen.render.style import Style

SOURCES_ANCHOR = "sources"
"""The anchor of the Sources heading the renderers add."""


def organization(meta: Meta, style: Style) -> str:
    """Return who prepared the briefing: the front matter's `prepared_by`, else the style's."""
    return meta.prepared_by or style.identity.organization


def author(meta: Meta, style: Style | None = None) -> str:
    """Return the metadata author: the author field, the style's author, else the organization."""
    if meta.author:
        return meta.author
    if style is None:
        return meta.prepared_by
    return style.identity.author or organization(meta, style)


def footer_text(meta: Meta, style: Style) -> str:
    """Return the office's footer text: the style's footer, else the organization."""
    return style.identity.footer or organization(meta, style)


def byline(meta: Meta, style: Style) -> list[str]:
    """Return the parts of the line under the title: date, organization, a distinct author."""
    org = organization(meta, style)
    who = meta.author or style.identity.author
    parts = [format_date(meta), org]
    if who and who != org:
        parts.append(who)
    return [p for p in parts if p]


def page_text(
    template: str, meta: Meta, style: Style, page: int | str = "", pages: int | str = ""
) -> str:
    """Fill a header or footer line from the metadata, the identity and page numbers."""
    values = {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "date": format_date(meta),
        "classification": meta.classification,
        "prepared_by": organization(meta, style),
        "organization": organization(meta, style),
        "author": author(meta, style),
        "footer": footer_text(meta, style),
        "page": page,
        "pages": pages,
    }
    return template.format(**values)


def format_date(meta: Meta) -> str:
    """Return the briefing date as printed (`10 November 2009`), or an empty string."""
    return format_day(meta.date) if meta.date is not None else ""


def format_day(date: dt.date) -> str:
    """Return a date as briefings print it (`10 November 2009`)."""
    return f"{date.day} {date:%B %Y}"


def has_back_matter(document: Document) -> bool:
    """Return True when the renderers end the document with a Sources section."""
    return bool(document.meta.sources or document.notes)


def toc_entries(document: Document, style: Style) -> list[Heading]:
    """Return the headings listed in the table of contents, or none for a short document.

    A document of about three pages or less gets no contents: it would take a third of the
    first page to list what the reader sees by turning two pages.
    """
    entries = [h for h in document.headings() if h.level <= 2]
    if has_back_matter(document):
        title = (Run(style.text.sources_title),)
        entries.append(Heading(level=1, runs=title, anchor=SOURCES_ANCHOR))
    if len(entries) < style.text.toc_min_sections or _estimated_pages(document) <= 3:
        return []
    return entries


def _estimated_pages(document: Document) -> float:
    """Return a rough page count from the amount of text, about 3,000 characters a page.

    Both renderers need the same answer before layout, so it is counted from the model.
    """
    chars = sum(_text_length(block) for block in document.blocks)
    chars += 160 * (len(document.meta.sources) + len(document.notes))
    return chars / 3000


def _text_length(block: object) -> int:
    """Return about how many characters' room a block takes (headings and rows cost a line)."""
    if isinstance(block, (Heading, Paragraph)):
        return 90 + len(plain_text(block.runs))
    if isinstance(block, (BulletList, NumberedList)):
        return sum(20 + _text_length(b) for item in block.items for b in item.blocks)
    if isinstance(block, BlockQuote):
        return sum(_text_length(b) for b in block.blocks)
    if isinstance(block, Table):
        cells = [*block.header, *(c for row in block.rows for c in row)]
        return 90 * (1 + len(block.rows)) + sum(len(plain_text(c)) for c in cells) // 2
    if isinstance(block, KeyFacts):
        return 120 + sum(90 + len(plain_text(f.value)) for f in block.facts)
    if isinstance(block, Figure):
        return 1400
    if isinstance(block, CodeBlock):
        return len(block.text)
    return 90


def uses_code(document: Document) -> bool:
    """Return True when the document shows code (a code block or inline code)."""

    def runs_code(runs: Runs) -> bool:
        return any(r.code for r in runs)

    def block_code(block: object) -> bool:
        if isinstance(block, CodeBlock):
            return True
        if isinstance(block, (Heading, Paragraph)):
            return runs_code(block.runs)
        if isinstance(block, (BulletList, NumberedList)):
            return any(block_code(b) for item in block.items for b in item.blocks)
        if isinstance(block, BlockQuote):
            return any(block_code(b) for b in block.blocks)
        if isinstance(block, Table):
            return any(runs_code(c) for row in (block.header, *block.rows) for c in row)
        if isinstance(block, KeyFacts):
            return any(runs_code(f.value) for f in block.facts)
        return False

    return any(block_code(b) for b in document.blocks) or any(
        runs_code(n.runs) for n in document.notes
    )


def keyfacts_title(blocks: Sequence[object], index: int) -> str:
    """Return the title a key-facts box prints: none when the heading above already says it."""
    box = blocks[index]
    assert isinstance(box, KeyFacts)
    before = blocks[index - 1] if index else None
    if isinstance(before, Heading) and _same(plain_text(before.runs), box.title):
        return ""
    return box.title


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def visible_columns(table: Table) -> list[int]:
    """Return the columns worth printing: those with text in some body row (all if no rows)."""
    if not table.rows:
        return list(range(len(table.header)))
    keep = [
        col
        for col in range(len(table.header))
        if any(col < len(row) and plain_text(row[col]).strip() for row in table.rows)
    ]
    return keep or list(range(len(table.header)))


def drop_columns(table: Table) -> Table:
    """Return `table` without the columns that are empty in every body row."""
    keep = visible_columns(table)
    if len(keep) == len(table.header):
        return table
    rows = tuple(tuple(row[c] if c < len(row) else () for c in keep) for row in table.rows)
    return Table(
        header=tuple(table.header[c] for c in keep),
        rows=rows,
        align=tuple(table.align[c] if c < len(table.align) else "left" for c in keep),
    )


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One entry of the Sources list, as both renderers print it."""

    anchor: str
    """The link target of citations to this source (`src-09ASTANA2101`)."""
    notes: tuple[str, ...]
    """Footnote anchors (`note-3`) that point here too."""
    label: str
    """The cable id."""
    date: str
    """The date, as given."""
    text: Runs
    """Subject, post and classification."""
    url: str
    """Where the cable can be read, or ''."""


def source_lines(document: Document, style: Style) -> list[SourceLine]:
    """Return the Sources entries: every front-matter source, with its public address."""
    meta = document.meta
    by_label: dict[str, list[str]] = {}
    for note in document.notes:
        by_label.setdefault(note.label, []).append(f"note-{note.number}")
    lines = []
    for source in meta.sources:
        anchor = source_anchor(source.id)
        tail = ", ".join(x for x in (source.origin, source.classification) if x)
        text: list[Run] = [Run(source.title)] if source.title else []
        if tail:
            text.append(Run(f" ({tail})" if text else tail))
        lines.append(
            SourceLine(
                anchor=anchor,
                notes=tuple(by_label.get(anchor[4:], ())),
                label=source.id,
                date=source.date,
                text=tuple(text),
                url=source.url or style.source_url(source.id),
            )
        )
    return lines


def other_notes(document: Document) -> list[tuple[str, Runs]]:
    """Return the footnotes that are not sources, as (anchor, runs) in number order."""
    labels = {source_anchor(s.id)[4:] for s in document.meta.sources}
    return [
        (f"note-{n.number}", (Run(f"{n.number}. "), *n.runs))
        for n in document.notes
        if n.label not in labels
    ]


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)


def partial_periods(categories: Sequence[str], date: dt.date | None) -> tuple[bool, ...]:
    """Return, per chart category, whether it is a period not over by the document's date.

    The briefing is dated by its newest source, so a year or quarter that had not ended then
    is counted only in part (`already 16 in 2009`).
    """
    if date is None:
        return tuple(False for _ in categories)
    out = []
    for label in categories:
        text = label.strip()
        year = _YEAR.match(text)
        quarter = _QUARTER.match(text)
        if year:
            end = dt.date(int(year.group(1)), 12, 31)
        elif quarter:
            y, q = int(quarter.group(1)), int(quarter.group(2))
            end = dt.date(y, 12, 31) if q == 4 else dt.date(y, 3 * q + 1, 1) - dt.timedelta(1)
        else:
            out.append(False)
            continue
        out.append(end > date)
    return tuple(out)


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
