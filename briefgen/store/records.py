"""The records the corpus store gives: ingest reports, cable summaries, views and statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from briefgen.models import Cable, Rejection, format_utc


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did: how many cables it added, updated, left alone or rejected."""

    added: int = 0
    """Cables new to the corpus."""
    updated: int = 0
    """Cables already in the corpus whose content changed (same id, new content hash)."""
    unchanged: int = 0
    """Cables already in the corpus with the same content, and repeats of a cable met earlier
    in the same run (the same cable in two formats, say), which are skipped."""
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

    def as_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "rejections": [r.as_dict() for r in self.rejections],
        }


@dataclass(frozen=True, slots=True)
class CableSummary:
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

    def as_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        return {
            "id": self.id,
            "created": format_utc(self.created),
            "origin": self.origin,
            "classification": self.classification,
            "subject": self.subject,
            "tags": list(self.tags),
            "snippet": self.snippet,
            "rank": self.rank,
        }


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """A cable a cable refers to, with its subject when the corpus holds it."""

    id: str
    """The referenced cable's id."""
    subject: str | None
    """Its subject, or None when it is not in the corpus (or has no subject)."""
    in_corpus: bool
    """Whether the corpus holds the referenced cable."""

    def as_dict(self) -> dict[str, Any]:
        """Return the reference as a JSON-ready dict."""
        return {"id": self.id, "subject": self.subject, "in_corpus": self.in_corpus}


@dataclass(frozen=True, slots=True)
class CableView:
    """One cable as `briefgen show` presents it: the record, its references and citers."""

    cable: Cable
    """The full cable record."""
    references: tuple[ReferenceView, ...]
    """The cables it refers to, in cable order, resolved where possible."""
    cited_by: tuple[CableSummary, ...]
    """The cables in the corpus that refer to it, oldest first."""

    def as_dict(self) -> dict[str, Any]:
        """Return the cable and its links as a JSON-ready dict."""
        data = self.cable.as_dict()
        data["references"] = [r.as_dict() for r in self.references]
        data["cited_by"] = [c.as_dict() for c in self.cited_by]
        return data


@dataclass(frozen=True, slots=True)
class CorpusStats:
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
        """Return the statistics as a JSON-ready dict."""
        return {
            "cables": self.cables,
            "paragraphs": self.paragraphs,
            "rejections": self.rejections,
            "first": format_utc(self.first),
            "last": format_utc(self.last),
            "by_origin": dict(self.by_origin),
            "by_tag": dict(self.by_tag),
            "by_year": dict(self.by_year),
            "by_classification": dict(self.by_classification),
        }
