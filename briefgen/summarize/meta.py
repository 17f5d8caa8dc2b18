"""Title-block facts every briefing shares: date, classification, sources, a safe file name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from briefgen.models import Cable
from briefgen.summarize.records import BriefingMeta, Cite, SourceCable

T = TypeVar("T")

# From least to most restricted; a marking not listed ranks by its first word.
_RANKS = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE",
    "CONFIDENTIAL",
    "CONFIDENTIAL//NOFORN",
    "SECRET",
    "SECRET//NOFORN",
    "TOP SECRET",
)


def classification_rank(marking: str | None) -> int:
    """Return how restricted a classification marking is (higher is more restricted)."""
    if not marking:
        return 0
    text = " ".join(marking.upper().split())
    if text.startswith("UNCLASSIFIED//FOR OFFICIAL USE"):
        return 1
    if text in _RANKS:
        return _RANKS.index(text)
    for rank in range(len(_RANKS) - 1, -1, -1):
        if text.startswith(_RANKS[rank]):
            return rank
    return 0


def highest_classification(cables: Iterable[Cable]) -> str:
    """Return the highest classification among `cables` (UNCLASSIFIED when none is marked)."""
    best = "UNCLASSIFIED"
    for cable in cables:
        if cable.classification and classification_rank(cable.classification) > classification_rank(
            best
        ):
            best = cable.classification
    return best


def cable_date(cable: Cable) -> str | None:
    """Return the cable's date as `YYYY-MM-DD`, or None."""
    return cable.created.date().isoformat() if cable.created else None


def source_list(cables: Iterable[Cable]) -> tuple[SourceCable, ...]:
    """Return the Sources list of a briefing: one entry per cable, oldest first."""
    unique = {c.id: c for c in cables}
    ordered = sorted(unique.values(), key=lambda c: (cable_date(c) or "", c.id))
    return tuple(
        SourceCable(c.id, cable_date(c), c.origin, c.classification, c.subject) for c in ordered
    )


def slugify(text: str, limit: int = 60) -> str:
    """Return `text` as a lower-case ASCII slug safe in any file name (`feminist-league`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-") or "briefing"


def briefing_meta(
    *,
    kind: str,
    title: str,
    subtitle: str,
    subject: str,
    cables: Sequence[Cable],
    summary_lines: Sequence[str] = (),
    include_personal: bool = False,
) -> BriefingMeta:
    """Return the metadata of a briefing drawn from `cables`, dated by its newest source."""
    dates = [d for d in (cable_date(c) for c in cables) if d]
    date = max(dates) if dates else "1970-01-01"
    return BriefingMeta(
        kind=kind,
        title=title,
        subtitle=subtitle,
        date=date,
        classification=highest_classification(cables),
        subject=subject,
        slug=f"{slugify(subject)}_{kind}_{date}",
        sources=source_list(cables),
        summary_lines=tuple(summary_lines),
        include_personal=include_personal,
    )


def cited_only(brief: T) -> T:
    """Return `brief` with Sources cut to the cables its text cites (the others listed as
    consulted), dated by the newest of them and classified by the highest of them.

    A briefing that cites nothing keeps every cable it read.
    """
    meta: BriefingMeta = brief.meta  # type: ignore[attr-defined]
    cited = _cited_ids(brief)
    if not cited:
        return brief
    sources = tuple(s for s in meta.sources if s.id in cited)
    consulted = tuple(s for s in meta.sources if s.id not in cited)
    dates = [s.date for s in sources if s.date]
    date = max(dates) if dates else meta.date
    classification = "UNCLASSIFIED"
    for source in sources:
        if classification_rank(source.classification) > classification_rank(classification):
            classification = source.classification or classification
    new_meta = replace(
        meta,
        sources=sources,
        consulted=consulted,
        date=date,
        classification=classification,
        slug=f"{slugify(meta.subject)}_{meta.kind}_{date}",
    )
    return replace(brief, meta=new_meta)  # type: ignore[type-var]


def _cited_ids(value: object) -> set[str]:
    """Return the ids of every cable a record cites, looking through its fields."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Cite):
            found.add(item.cable_id)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif is_dataclass(item) and not isinstance(item, (BriefingMeta, type)):
            stack.extend(getattr(item, f.name) for f in fields(item))
    return found
