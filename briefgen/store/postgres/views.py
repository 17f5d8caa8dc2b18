"""Read a whole cable from a PostgreSQL corpus in one statement: its row, tags, references and
paragraphs, and for `show` the subjects of its references and the cables citing it.

The SQLite corpus reads these with a statement each, a few microseconds apiece; a server
answers each statement after a round trip and plans it first, so here the lists come back as
JSON arrays beside the cable's row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefgen.store.postgres.connection import PgConnection
from briefgen.store.queries import CABLE_COLUMNS
from briefgen.store.rows import PG_SUMMARY_COLUMNS

_FOUND = (
    # The first spelling found, ids before the ids cables were released under (given_id), as
    # queries.find_rowid tries them.
    "WITH found AS (SELECT t.rowid FROM ("
    "SELECT c.rowid, 0 AS pass, k.n FROM unnest(?::text[]) WITH ORDINALITY AS k (v, n) "
    "JOIN cables AS c ON c.id = k.v UNION ALL "
    "SELECT c.rowid, 1 AS pass, k.n FROM unnest(?::text[]) WITH ORDINALITY AS k (v, n) "
    "JOIN cables AS c ON c.given_id = k.v"
    ") AS t ORDER BY t.pass, t.n, t.rowid LIMIT 1) "
)
_LISTS = (
    "(SELECT json_agg(tag ORDER BY position) FROM tags WHERE cable = c.rowid), "
    "(SELECT json_agg(ref_id ORDER BY position) FROM refs WHERE cable = c.rowid), "
    "(SELECT json_agg(json_build_array(number, heading, text, label) ORDER BY position) "
    "FROM paragraphs WHERE cable = c.rowid)"
)
_LINKS = (
    "(SELECT json_agg(json_build_array(r.id, r.subject)) FROM cables AS r "
    "WHERE r.id IN (SELECT ref_id FROM refs WHERE cable = c.rowid)), "
    f"(SELECT json_agg(json_build_array({PG_SUMMARY_COLUMNS}) ORDER BY c.created, c.id) "
    "FROM cables AS c WHERE c.rowid IN (SELECT cable FROM refs WHERE ref_id = cited.id))"
)


@dataclass(frozen=True, slots=True)
class StoredCable:
    """A cable's row as stored, with its lists; and, when asked, what links it to others."""

    row: Sequence[Any]
    """The cable's CABLE_COLUMNS (queries.py)."""
    tags: list[str]
    """Its tags, in order."""
    references: list[str]
    """The ids it references, in order."""
    paragraphs: list[list[Any]]
    """Its paragraphs in order: number, heading, text, label."""
    subjects: dict[str, str | None]
    """The subject of each referenced cable the corpus holds (empty unless asked)."""
    citing: list[list[Any]]
    """The summary columns of the cables citing it, oldest first (empty unless asked)."""


def read_cable(conn: PgConnection, candidates: list[str], *, links: bool) -> StoredCable | None:
    """Return the first cable stored under one of the `candidates` ids (or released under
    one), with its subjects of references and citing cables when `links`; None if none is."""
    linked = f", {_LINKS}" if links else ""
    sql = (
        f"{_FOUND}SELECT {CABLE_COLUMNS}, {_LISTS}{linked} FROM found "
        "JOIN cables AS c ON c.rowid = found.rowid"
    )
    if links:
        sql += " CROSS JOIN LATERAL (SELECT c.id) AS cited (id)"
    row = conn.execute(sql, (candidates, candidates)).fetchone()
    if row is None:
        return None
    width = len(CABLE_COLUMNS.split(", "))
    tags, references, paragraphs = row[width : width + 3]
    pairs, citing = row[width + 3 : width + 5] if links else (None, None)
    return StoredCable(
        row=row[:width],
        tags=tags or [],
        references=references or [],
        paragraphs=paragraphs or [],
        subjects={str(ref_id): subject for ref_id, subject in pairs or []},
        citing=citing or [],
    )
