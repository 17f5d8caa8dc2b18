"""Full-text search over the corpus with FTS5: bm25 ranking, snippets, and broad queries.

A PostgreSQL corpus answers the same query syntax with its own text search
(`postgres/search.py`); every function here takes either connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from briefgen.errors import InvalidArgumentError
from briefgen.store.db import Connection, database_errors
from briefgen.store.records import CableSummary
from briefgen.store.rows import SUMMARY_COLUMNS, summary_of

SNIPPET_WORDS = 16
"""Words of context a search snippet shows."""
RANK = "bm25(cables_fts, 4.0, 1.0)"
"""The ranking: bm25 with a subject match worth four body matches (subjects are short and
telling). Spelled out rather than set as the table's `rank`, which SQLite evaluates slower."""
RANKED_MATCHES = 10_000
"""Above this many matching cables a search lists them newest first instead of by rank:
bm25 must score every match (about 1 µs each), and a word found in that many cables says
little about any one of them. Keeps every search under 100 ms on the full Cablegate corpus,
even on a busy machine."""
SNIPPET = f"snippet(cables_fts, -1, '**', '**', '…', {SNIPPET_WORDS})"


def search_cables(
    conn: Connection,
    query: str,
    clauses: Sequence[str],
    params: Sequence[object],
    paging: Sequence[object],
    *,
    ranked_matches: int | None = None,
    hint: str = "",
) -> list[CableSummary]:
    """Return the cables matching the FTS5 `query` and every SQL clause on `cables AS c`.

    Best match first (`rank` set) unless the query matches more than `ranked_matches` cables
    (by default RANKED_MATCHES; a PostgreSQL corpus's own, see postgres/search.py),
    then newest first (`rank` None). Snippets mark the matched words with `**`. `hint` is an
    `INDEXED BY` clause for `cables AS c` in the newest-first plan.
    """
    if not isinstance(conn, sqlite3.Connection):
        from briefgen.store.postgres import search

        return search.search_cables(
            conn,
            query,
            clauses,
            params,
            paging,
            ranked_matches=ranked_matches,
            snippet_words=SNIPPET_WORDS,
        )
    assert isinstance(conn, sqlite3.Connection)
    limit = RANKED_MATCHES if ranked_matches is None else ranked_matches
    try:
        # Count only up to the threshold: counting 250,000 phrase matches costs 50 ms.
        matches = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM cables_fts WHERE cables_fts MATCH ? LIMIT ?)",
            (query, limit + 1),
        ).fetchone()[0]
        if matches <= limit:
            return _ranked(conn, query, clauses, params, paging)
        return _newest(conn, query, clauses, params, paging, hint)
    except sqlite3.OperationalError as exc:
        raise InvalidArgumentError(f"invalid search {query!r}: {_reason(exc)}") from None


def _ranked(
    conn: sqlite3.Connection,
    query: str,
    clauses: Sequence[str],
    params: Sequence[object],
    paging: Sequence[object],
) -> list[CableSummary]:
    sql = (
        f"SELECT {SUMMARY_COLUMNS}, {SNIPPET}, {RANK} "
        "FROM cables_fts JOIN cables AS c ON c.rowid = cables_fts.rowid "
        "WHERE cables_fts MATCH ?"
    )
    sql += "".join(f" AND {clause}" for clause in clauses)
    sql += f" ORDER BY {RANK}, c.id LIMIT ? OFFSET ?"
    rows = conn.execute(sql, [query, *params, *paging]).fetchall()
    return [summary_of(row[:6], _one_line(row[6]), row[7]) for row in rows]


def _newest(
    conn: sqlite3.Connection,
    query: str,
    clauses: Sequence[str],
    params: Sequence[object],
    paging: Sequence[object],
    hint: str,
) -> list[CableSummary]:
    # Walking an index newest first and stopping at the page's end beats sorting every
    # match (30 ms against 200 ms for 250,000 matches).
    # The filters come first: given two rowid lists, SQLite drives from the first one.
    conditions = [*clauses, "c.rowid IN (SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?)"]
    sql = (
        f"SELECT c.rowid, {SUMMARY_COLUMNS} FROM cables AS c{hint} "
        f"WHERE {' AND '.join(conditions)} ORDER BY c.created DESC, c.id LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*params, query, *paging]).fetchall()
    snippets = _snippets(conn, query, [int(row[0]) for row in rows])
    return [summary_of(row[1:], snippets.get(int(row[0]))) for row in rows]


def _snippets(conn: sqlite3.Connection, query: str, rowids: list[int]) -> dict[int, str]:
    """Return the snippet of each listed row (FTS5 makes them only inside a MATCH query)."""
    found: dict[int, str] = {}
    for rowid in rowids:
        row = conn.execute(
            f"SELECT {SNIPPET} FROM cables_fts WHERE cables_fts MATCH ? AND rowid = ?",
            (query, rowid),
        ).fetchone()
        if row is not None and row[0] is not None:
            found[rowid] = _one_line(row[0]) or ""
    return found


def _one_line(value: object) -> str | None:
    # The body joins paragraphs with newlines; a snippet reads as one line.
    return " ".join(value.split()) if isinstance(value, str) else None


def _reason(exc: sqlite3.OperationalError) -> str:
    text = str(exc)
    return text.removeprefix("fts5: ")


def best_matches(conn: Connection, query: str, limit: int) -> list[str]:
    """Return the ids of the `limit` cables best matching the FTS5 `query`, best first."""
    if not isinstance(conn, sqlite3.Connection):
        from briefgen.store.postgres import search

        return search.best_matches(conn, query, limit)
    rows = conn.execute(
        f"SELECT c.id FROM cables_fts JOIN cables AS c ON c.rowid = cables_fts.rowid "
        f"WHERE cables_fts MATCH ? ORDER BY {RANK}, c.id LIMIT ?",
        (query, limit),
    )
    return [str(row[0]) for row in rows]


def count_matches(conn: Connection, query: str) -> int:
    """Return how many cables match the FTS5 `query` (0 for a query the index refuses)."""
    try:
        if not isinstance(conn, sqlite3.Connection):
            from briefgen.store.postgres import search

            return search.count_matches(conn, query)
        row = conn.execute("SELECT count(*) FROM cables_fts WHERE cables_fts MATCH ?", (query,))
        return int(row.fetchone()[0])
    except (InvalidArgumentError, *database_errors()):  # type: ignore[misc]
        return 0
