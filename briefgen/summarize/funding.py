"""Turn extracted funding flows into funding-table rows with short, readable names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from briefgen.extract import Funding
from briefgen.summarize.evidence import Evidence
from briefgen.summarize.records import Cite, FundingRow

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def short_name(evidence: Evidence, cable_id: str, name: str | None) -> str:
    """Return the acronym of an entity when the cable knows one, else its name."""
    if not name:
        return ""
    ent = evidence.facts_of(cable_id).entity(name)
    return ent.acronym if ent and ent.acronym else name


def funding_rows(
    fundings: Iterable[Funding], evidence: Evidence, owner: str
) -> tuple[FundingRow, ...]:
    """Return one row per distinct grant, merging repeats that add no new detail."""
    rows: list[FundingRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for f in fundings:
        cid = f.source.cable_id
        funder = short_name(evidence, cid, f.funder) or "not stated"
        channel = short_name(evidence, cid, f.channel)
        recipient = short_name(evidence, cid, f.recipient)
        year = "" if f.year is None else str(f.year)
        if f.year and f.end_year and f.end_year != f.year:
            year = f"{f.year}-{f.end_year}"
        purpose = _purpose(f.purpose)
        row = FundingRow(
            year, funder, recipient, channel, f.amount or "", purpose, Cite(cid, f.source.paragraph)
        )
        key = (funder, channel, purpose[:25] if purpose else "")
        loose = (funder, channel, "")
        if key in seen or (not purpose and loose in seen):
            continue
        if purpose and loose in seen and not rows[seen[loose]].purpose:
            rows[seen[loose]] = row  # The repeat says what the money was for: keep it instead.
            seen[key] = seen[loose]
            continue
        seen[key] = len(rows)
        seen.setdefault(loose, len(rows))
        rows.append(row)
    return tuple(sorted(rows, key=lambda r: (r.year or "9999", r.cite.cable_id)))


def _purpose(text: str | None) -> str:
    if not text:
        return ""
    words = text.strip().rstrip(".,;")
    if len(words.split()) < 2:
        return ""  # A fragment (`and`) says nothing.
    return words[:1].upper() + words[1:]


def funding_total(fundings: Iterable[Funding]) -> str | None:
    """Return the sum of stated amounts per currency (`$30,000`), or None when none is stated."""
    sums: dict[str, float] = defaultdict(float)
    for f in fundings:
        if f.value is not None and f.unit:
            sums[f.unit] += f.value
    if not sums:
        return None
    parts = []
    for unit, total in sorted(sums.items()):
        sign = _SYMBOLS.get(unit)
        parts.append(f"{sign}{total:,.0f}" if sign else f"{total:,.0f} {unit}")
    return " + ".join(parts)
