"""Turn stored rows into records: the summary columns every listing selects, and timestamps."""

from __future__ import annotations

from datetime import datetime

from briefgen.store.db import Connection, is_postgres
from briefgen.store.records import CableSummary

SUMMARY_COLUMNS = (
    "c.id, c.created, c.origin, c.classification, c.subject, "
    "(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags WHERE cable = c.rowid "
    "ORDER BY position))"
)
"""The columns of a CableSummary, selected from `cables AS c` (SQLite)."""
PG_SUMMARY_COLUMNS = (
    "c.id, c.created, c.origin, c.classification, c.subject, "
    "(SELECT string_agg(tag, ' ' ORDER BY position) FROM tags WHERE cable = c.rowid)"
)
"""The same columns in PostgreSQL's words."""


def summary_columns(conn: Connection) -> str:
    """Return the columns of a CableSummary for this database."""
    return PG_SUMMARY_COLUMNS if is_postgres(conn) else SUMMARY_COLUMNS


def summary_of(
    row: tuple[object, ...], snippet: object = None, rank: object = None
) -> CableSummary:
    """Return the summary record of a row selected with SUMMARY_COLUMNS (plus match data)."""
    tags = str(row[5]).split() if row[5] else []
    return CableSummary(
        id=str(row[0]),
        created=parse_created(row[1]),
        origin=_text(row[2]),
        classification=_text(row[3]),
        subject=_text(row[4]),
        tags=tuple(tags),
        snippet=snippet if isinstance(snippet, str) else None,
        rank=float(rank) if isinstance(rank, (int, float)) else None,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def parse_created(value: object) -> datetime | None:
    """Return a stored timestamp (`2009-11-10T10:29:00Z`) as a naive UTC datetime.

    Naive, like the reader's records, so that cables from the corpus and from files compare.
    """
    if not isinstance(value, str):
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
