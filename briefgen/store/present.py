"""Lay out corpus records as plain text for the terminal (`cables`, `show`, `stats`)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from briefgen.store.records import CableSummary, CableView, CorpusStats

WIDTH = 88
"""Column at which `show` wraps paragraph text."""
_MATCH = re.compile(r"\*\*(.+?)\*\*")
"""A matched word of a search snippet, between the `**` marks FTS5 puts around it."""


def summaries_text(rows: list[CableSummary], mark: Callable[[str], str] = str) -> str:
    """Return one line per cable (id, date, origin, classification, subject), snippets below,
    their matched words given to `mark` (bold on a terminal) instead of between `**`."""
    lines = []
    for row in rows:
        day = row.created.strftime("%Y-%m-%d") if row.created else "----------"
        fields = [
            row.id.ljust(18),
            day,
            (row.origin or "-").ljust(22),
            (row.classification or "-").ljust(14),
            row.subject or "(no subject)",
        ]
        lines.append("  ".join(fields).rstrip())
        if row.snippet:
            lines.append("    " + _MATCH.sub(lambda m: mark(m.group(1)), row.snippet))
    return "\n".join(lines)


def view_text(view: CableView) -> str:
    """Return a cable laid out for reading: header, numbered paragraphs, references, citers."""
    cable = view.cable
    created = cable.created.strftime("%Y-%m-%d %H:%M UTC") if cable.created else None
    header = [
        ("Reference", cable.id),
        ("Released as", cable.given_id),
        ("Created", created),
        ("Origin", cable.origin),
        ("Classification", cable.classification),
        ("Classified by", cable.classified_by),
        ("Declassify", cable.nondisclosure_deadline),
        ("Subject", cable.subject),
        ("Tags", ", ".join(cable.tags) or None),
        ("To", "; ".join(cable.recipients) or None),
        ("Info", "; ".join(cable.info_recipients) or None),
        ("Signed", ", ".join(cable.signers) or None),
    ]
    lines = [f"{label + ':':<16}{value}" for label, value in header if value]
    heading: str | None = None
    body_indent = " " * 5
    for para in cable.paragraphs:
        if para.heading and para.heading != heading:
            lines += ["", para.heading]
        heading = para.heading
        # A lettered paragraph shows its label (18A), as a citation of it names it.
        mark = f"{para.label or para.number}." if para.label or para.number is not None else ""
        wrapped = textwrap.fill(
            para.text,
            width=WIDTH,
            initial_indent=f"{mark:<4} " if mark else body_indent,
            subsequent_indent=body_indent,
        )
        lines += ["", wrapped]
    if view.references:
        lines += ["", "References:"]
        for ref in view.references:
            note = (ref.subject or "(no subject)") if ref.in_corpus else "(not in the corpus)"
            lines.append(f"  {ref.id:<18}{note}")
    if view.cited_by:
        lines += ["", "Cited by:"]
        for citer in view.cited_by:
            lines.append(f"  {citer.id:<18}{citer.subject or '(no subject)'}")
    return "\n".join(lines)


def stats_text(stats: CorpusStats, top: int = 15) -> str:
    """Return the corpus counts; origins and tags are cut to the `top` largest."""
    first = stats.first.strftime("%Y-%m-%d") if stats.first else "-"
    last = stats.last.strftime("%Y-%m-%d") if stats.last else "-"
    lines = [
        f"{stats.cables} cables, {stats.paragraphs} paragraphs, {stats.rejections} rejected inputs",
        f"from {first} to {last}",
    ]
    groups = [
        ("By origin", stats.by_origin, top),
        ("By tag", stats.by_tag, top),
        ("By year", stats.by_year, None),
        ("By classification", stats.by_classification, None),
    ]
    for title, pairs, cut in groups:
        if not pairs:
            continue
        lines += ["", title + ":"]
        shown = pairs if cut is None else pairs[:cut]
        lines += [f"  {key:<32}{count:>8}" for key, count in shown]
        if len(shown) < len(pairs):
            lines.append(f"  ... and {len(pairs) - len(shown)} more (--json lists all)")
    return "\n".join(lines)
