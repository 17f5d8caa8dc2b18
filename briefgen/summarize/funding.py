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
    for f in fundings:
        cid = f.source.cable_id
        year = "" if f.year is None else str(f.year)
        if f.year and f.end_year and f.end_year != f.year:
            year = f"{f.year}-{f.end_year}"
        row = FundingRow(
            year,
            short_name(evidence, cid, f.funder) or "not stated",
            short_name(evidence, cid, f.recipient),
            short_name(evidence, cid, f.channel),
            f.amount or "",
            _purpose(f.purpose),
            Cite(cid, f.source.paragraph, f.source.label),
        )
        for i, other in enumerate(rows):
            merged = _merge(other, row)
            if merged is not None:
                rows[i] = merged
                break
        else:
            rows.append(row)
    return tuple(sorted(rows, key=lambda r: (r.year or "9999", r.cite.cable_id)))


def _merge(first: FundingRow, second: FundingRow) -> FundingRow | None:
    """Return one row for two that tell of the same grant (no field in conflict), else None.

    A cable often names a grant twice (in its summary, then with the amount); the merged row
    keeps every detail and cites the paragraph stating the amount.
    """
    if first.funder != second.funder or first.channel != second.channel:
        return None
    for a, b in (
        (first.year, second.year),
        (first.recipient, second.recipient),
        (first.amount, second.amount),
    ):
        if a and b and a != b:
            return None
    if first.purpose and second.purpose and first.purpose[:25] != second.purpose[:25]:
        return None
    return FundingRow(
        first.year or second.year,
        first.funder,
        first.recipient or second.recipient,
        first.channel,
        first.amount or second.amount,
        first.purpose or second.purpose,
        # Cite the paragraph that states the amount, the detail a reader will check first.
        second.cite if second.amount and not first.amount else first.cite,
    )


def _purpose(text: str | None) -> str:
    if not text:
        return ""
    words = text.strip().rstrip(".,;")
    if len(words.split()) < 2:
        return ""  # A fragment (`and`) says nothing.
    return words[:1].upper() + words[1:]


_NOT_GIVEN = frozenset({"proposed", "requested"})


def funding_total(fundings: Iterable[Funding]) -> str | None:
    """Return the sum of the amounts given per currency and rate (`$30,000`, `$150,000/year`),
    each grant once however often the cables tell it, or None when none is stated."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    counted: set[tuple[object, ...]] = set()
    for f in fundings:
        if f.value is None or not f.unit or f.status in _NOT_GIVEN:
            continue  # a request or a proposal is no money received
        # One grant told by two cables (or twice in one) is counted once.
        grant = (f.funder or "", f.recipient or "", f.value, f.unit, f.per or "", f.year)
        if grant in counted:
            continue
        counted.add(grant)
        # A yearly amount added to a one-off grant would be a sum of nothing: rates apart.
        sums[(f.unit, f.per or "")] += f.value
    if not sums:
        return None
    parts = []
    for (unit, per), total in sorted(sums.items()):
        sign = _SYMBOLS.get(unit)
        amount = f"{sign}{total:,.0f}" if sign else f"{total:,.0f} {unit}"
        parts.append(f"{amount}/{per}" if per else amount)
    return " + ".join(parts)
