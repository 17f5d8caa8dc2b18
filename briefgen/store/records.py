"""The records the corpus store gives: ingest reports, cable summaries, views and statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from briefgen.models import Cable, Record, Rejection, json_ready


@dataclass(frozen=True, slots=True)
class IngestReport(Record):
    """What an ingest did: how many cables it added, updated, left alone or rejected."""

    added: int = 0
    """Cables new to the corpus."""
    updated: int = 0
    """Cables already in the corpus whose content changed (same id, new content hash)."""
    unchanged: int = 0
    """Cables already in the corpus with the same content (or a copy of one that adds nothing
    to it), and further copies of a cable met in the same batch (the same cable in two
    formats, say), which are merged into it (`read.merge_copies`)."""
    rejected: int = 0
    """Inputs that could not be read as a cable."""
    rejections: tuple[Rejection, ...] = ()
    """Every rejected input with its path, row and reason, in input order."""

    @property
    def total(self) -> int:
        """Return the number of inputs seen: cables plus rejections."""
        return self.added + self.updated + self.unchanged + self.rejected

    def summary_line(self) -> str:
        """Return the one-line account: `N added, N updated, N unchanged, N rejected`."""
        return (
            f"{self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
        )


@dataclass(frozen=True, slots=True)
class CableSummary(Record):
    """One line of a cable listing: the header fields, and the match when searching."""

    id: str
    """Canonical reference id (`09ASTANA1985`)."""
    created: datetime | None
    """When the cable was sent, in UTC (naive)."""
    origin: str | None
    """The sending post (`Embassy Astana`)."""
    classification: str | None
    """`UNCLASSIFIED`, `CONFIDENTIAL`, ..."""
    subject: str | None
    """The subject line."""
    tags: tuple[str, ...] = ()
    """TAGS codes in cable order."""
    snippet: str | None = None
    """When searching: the best matching passage, matched words between `**` marks."""
    rank: float | None = None
    """When searching: the bm25 score (lower is better, as SQLite reports it)."""


@dataclass(frozen=True, slots=True)
class ReferenceView(Record):
    """A cable a cable refers to, with its subject when the corpus holds it."""

    id: str
    """The referenced cable's id."""
    subject: str | None
    """Its subject, or None when it is not in the corpus (or has no subject)."""
    in_corpus: bool
    """Whether the corpus holds the referenced cable."""


@dataclass(frozen=True, slots=True)
class CableView(Record):
    """One cable as `briefgen show` presents it: the record, its references and citers."""

    cable: Cable
    """The full cable record."""
    references: tuple[ReferenceView, ...]
    """The cables it refers to, in cable order, resolved where possible."""
    cited_by: tuple[CableSummary, ...]
    """The cables in the corpus that refer to it, oldest first."""

    def as_dict(self) -> dict[str, Any]:
        """Return the cable's fields and its links as JSON-ready data."""
        links = {"references": json_ready(self.references), "cited_by": json_ready(self.cited_by)}
        return self.cable.as_dict() | links


@dataclass(frozen=True, slots=True)
class CorpusStats(Record):
    """Counts over the whole corpus, for `briefgen stats`."""

    cables: int
    """Number of cables."""
    paragraphs: int
    """Number of paragraphs over all cables."""
    rejections: int
    """Number of inputs recorded as rejected."""
    first: datetime | None
    """The earliest creation time, or None for an empty corpus."""
    last: datetime | None
    """The latest creation time, or None."""
    by_origin: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    """(origin, cables) pairs, most cables first."""
    by_tag: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    """(tag, cables) pairs, most cables first."""
    by_year: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    """(year, cables) pairs, in year order (`unknown` for undated cables, last)."""
    by_classification: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    """(classification, cables) pairs, most cables first."""

    def as_dict(self) -> dict[str, Any]:
        """Return the statistics as JSON-ready data, each (name, cables) list as a dict."""
        counts = ("by_origin", "by_tag", "by_year", "by_classification")
        return Record.as_dict(self) | {name: dict(getattr(self, name)) for name in counts}
