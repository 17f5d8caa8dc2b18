"""Read the corpus: filtered and full-text listings, whole cables, citations and counts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefgen.errors import InvalidArgumentError, NotFoundError
from briefgen.models import Cable, Paragraph
from briefgen.store.db import Connection, is_postgres
from briefgen.store.filters import day_key, id_candidates, origin_key, parse_day, parse_quarter
from briefgen.store.records import CableSummary, CableView, CorpusStats, ReferenceView
from briefgen.store.rows import parse_created, summary_columns, summary_of
from briefgen.store.search import search_cables

MAX_INTEGER = 2**63 - 1
"""The largest integer SQLite binds: a limit or offset beyond it is refused, not an overflow."""
CABLE_COLUMNS = (
    "c.id, c.path, c.row, c.format, c.created, c.origin, c.classification, c.classified_by, "
    "c.nondisclosure_deadline, c.subject, c.recipients, c.info_recipients, c.signers, "
    "c.summary, c.comment, c.given_id"
)
"""The columns of a Cable record, selected from `cables AS c`, in the order `cable_of` reads."""
COMMON_TAG = 1000
"""A tag on at least this many cables is common: listings walk cables by date and check it."""


Values = str | Sequence[str] | None
"""One value, several (any of them matches), or None (every cable matches)."""


@dataclass(frozen=True, slots=True)
class CableFilter:
    """The conditions of a cable listing; every field left None matches every cable.

    A field given several values matches a cable holding any of them (`origin`, `tag`,
    `classification`, `quarter`); several searches must all match.
    """

    origin: Values = None
    """The sending post, in any form (`Manama`, `Embassy Manama`, `MANAMA`)."""
    tag: Values = None
    """A TAGS code (`KTIP`), any case."""
    date_from: str | date | None = None
    """The first day (`2009-10-01`, `2009-10`, `2009`), inclusive."""
    date_to: str | date | None = None
    """The last day, inclusive (`2009` means up to the end of 2009)."""
    quarter: Values = None
    """A calendar quarter (`2009Q4`)."""
    classification: Values = None
    """A classification (`CONFIDENTIAL`), any case; `SECRET` does not match `SECRET//NOFORN`."""
    search: Values = None
    """An FTS5 query over subject and body (`shelter AND Kokshetau`, `"night stars"`)."""


def values(given: Values) -> list[str]:
    """Return a filter's values as a list (one value, several, or none)."""
    if given is None:
        return []
    if isinstance(given, str):
        return [given]
    return list(dict.fromkeys(given))


def search_query(given: Values) -> str | None:
    """Return one FTS5 query matching every query given, or None for no search."""
    queries = [q for q in values(given) if q.strip()]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else " AND ".join(f"({q})" for q in queries)


def list_cables(
    conn: Connection, where: CableFilter, limit: int | None, offset: int = 0
) -> list[CableSummary]:
    """Return the cables matching `where`: best match first when searching, else oldest first."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and not 0 <= value <= MAX_INTEGER:
            raise InvalidArgumentError(
                f"invalid {name} {value}: it must be from 0 to {MAX_INTEGER}"
            )
    clauses, params, hint = _conditions(conn, where)
    # No limit: SQLite's is -1, PostgreSQL's NULL.
    paging = [limit if limit is not None else (None if is_postgres(conn) else -1), offset]
    query = search_query(where.search)
    if query is not None:
        return search_cables(conn, query, clauses, params, paging, hint=hint)
    sql = f"SELECT {summary_columns(conn)} FROM cables AS c{hint}"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY c.created, c.id LIMIT ? OFFSET ?"
    return [summary_of(row) for row in conn.execute(sql, [*params, *paging])]


def _conditions(conn: Connection, where: CableFilter) -> tuple[list[str], list[object], str]:
    """Return the SQL conditions on `cables AS c`, their parameters, and an index hint.

    The hint makes SQLite walk the date index and stop at the page's end when no other index
    narrows the search: without table statistics its planner would rather sort every match.
    (PostgreSQL keeps statistics, and has no hints.)
    """
    clauses: list[str] = []
    params: list[object] = []
    walk_dates = True
    origins = [origin_key(o) for o in values(where.origin)]
    if origins:
        clauses.append(f"c.origin_key IN ({_marks(origins)})")
        params += origins
        walk_dates = False
    classes = [c.strip().upper() for c in values(where.classification)]
    if classes:
        clauses.append(f"c.classification IN ({_marks(classes)})")
        params += classes
        walk_dates = False
    codes = list(dict.fromkeys(t.strip().upper() for t in values(where.tag)))
    if codes:
        tagged = _tagged(conn, codes, COMMON_TAG)
        marks = _marks(codes)
        if tagged == 0:
            clauses.append("1 = 0")  # no cable carries them: say so before touching any index
        elif tagged >= COMMON_TAG:
            # Many cables carry them: checking each cable met in date order stops soon.
            clauses.append(
                f"EXISTS (SELECT 1 FROM tags WHERE cable = c.rowid AND tag IN ({marks}))"
            )
        elif is_postgres(conn):
            # Few do: start from those few, as an array (PostgreSQL's planner, misjudging how
            # few carry a rare tag, would rather read a year of cables by date and hash them
            # against the tag's: 1.3 ms against 0.2 for KTIP in 2008 of 250,000 cables).
            clauses.append(f"c.rowid = ANY (ARRAY(SELECT cable FROM tags WHERE tag IN ({marks})))")
        else:
            # Few do: start from those few and sort them.
            clauses.append(f"c.rowid IN (SELECT cable FROM tags WHERE tag IN ({marks}))")
            walk_dates = False
        if tagged:
            params += codes
    quarters = [parse_quarter(q) for q in values(where.quarter)]
    if quarters:
        clauses.append(
            "(" + " OR ".join("(c.created >= ? AND c.created < ?)" for _ in quarters) + ")"
        )
        params += [day_key(day) for bounds in quarters for day in bounds]
    low, high = _date_range(where)
    if low is not None:
        clauses.append("c.created >= ?")
        params.append(day_key(low))
    if high is not None:
        clauses.append("c.created < ?")
        params.append(day_key(high))
    walk_dates = walk_dates and not is_postgres(conn)
    return clauses, params, " INDEXED BY cables_created" if walk_dates else ""


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


def _tagged(conn: Connection, tags: Sequence[str], most: int) -> int:
    """Return how many cables carry any of `tags`, counting no further than `most`."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM tags WHERE tag IN ({_marks(tags)}) LIMIT ?) AS t"
    return int(conn.execute(sql, (*tags, most)).fetchone()[0])


def _date_range(where: CableFilter) -> tuple[date | None, date | None]:
    low = parse_day(where.date_from) if where.date_from is not None else None
    high = parse_day(where.date_to, end=True) if where.date_to is not None else None
    if low is not None and high is not None and high <= low:
        raise InvalidArgumentError(f"invalid dates: --from {where.date_from} is after --to")
    return low, high


def find_rowid(conn: Connection, cable_id: str) -> tuple[int, str] | None:
    """Return the rowid and stored id of a cable, trying the usual spellings of its id, then
    the id it was released under when the reader repaired it (`given_id`)."""
    candidates = id_candidates(cable_id)
    for column in ("id", "given_id"):
        for candidate in candidates:
            row = conn.execute(
                f"SELECT rowid, id FROM cables WHERE {column} = ?", (candidate,)
            ).fetchone()
            if row is not None:
                return int(row[0]), str(row[1])
    return None


def load_cable(conn: Connection, cable_id: str, where: str) -> Cable:
    """Return the full cable record, or raise NotFoundError naming the database `where`."""
    if is_postgres(conn):
        return _read_pg(conn, cable_id, where, links=False).cable
    found = find_rowid(conn, cable_id)
    if found is None:
        raise _not_found(cable_id, where)
    rowid = found[0]
    row = conn.execute(
        f"SELECT {CABLE_COLUMNS} FROM cables AS c WHERE rowid = ?", (rowid,)
    ).fetchone()
    tags = conn.execute("SELECT tag FROM tags WHERE cable = ? ORDER BY position", (rowid,))
    refs = conn.execute("SELECT ref_id FROM refs WHERE cable = ? ORDER BY position", (rowid,))
    paragraphs = conn.execute(
        "SELECT number, heading, text, label FROM paragraphs WHERE cable = ? ORDER BY position",
        (rowid,),
    )
    return cable_of(row, [tag for (tag,) in tags], [ref for (ref,) in refs], paragraphs)


def _not_found(cable_id: str, where: str) -> NotFoundError:
    return NotFoundError(f"cable {cable_id.strip()} not found in the corpus {where}")


def cable_of(
    row: Sequence[Any], tags: Iterable[object], refs: Iterable[object], paragraphs: Iterable[Any]
) -> Cable:
    """Return the Cable record of its stored CABLE_COLUMNS, tags, references and paragraphs
    (number, heading, text, label), each list in order."""
    return Cable(
        id=row[0],
        path=row[1],
        row=row[2],
        format=row[3],
        created=parse_created(row[4]),
        origin=row[5],
        classification=row[6],
        classified_by=row[7],
        nondisclosure_deadline=row[8],
        subject=row[9],
        tags=tuple(str(tag) for tag in tags),
        references=tuple(str(ref) for ref in refs),
        recipients=tuple(json.loads(row[10])),
        info_recipients=tuple(json.loads(row[11])),
        signers=tuple(json.loads(row[12])),
        summary=row[13],
        comment=row[14],
        given_id=row[15],
        paragraphs=tuple(
            Paragraph(number=p[0], heading=p[1], text=p[2], label=p[3]) for p in paragraphs
        ),
    )


def _read_pg(conn: Connection, cable_id: str, where: str, *, links: bool) -> CableView:
    """Return a cable of a PostgreSQL corpus as a view, read in one statement (its references'
    subjects and the cables citing it only with `links`)."""
    from briefgen.store.postgres.views import read_cable

    assert not isinstance(conn, sqlite3.Connection)
    with conn.fixed_plans():
        stored = read_cable(conn, id_candidates(cable_id), links=links)
    if stored is None:
        raise _not_found(cable_id, where)
    cable = cable_of(stored.row, stored.tags, stored.references, stored.paragraphs)
    citing = tuple(summary_of(tuple(row)) for row in stored.citing)
    return CableView(cable, _references(cable, stored.subjects), citing)


def cited_by(conn: Connection, cable_id: str) -> list[CableSummary]:
    """Return the cables in the corpus that list `cable_id` among their references."""
    found = find_rowid(conn, cable_id)
    return _citing(conn, [found[1]] if found is not None else id_candidates(cable_id))


def _citing(conn: Connection, names: list[str]) -> list[CableSummary]:
    marks = ",".join("?" * len(names))
    sql = (
        f"SELECT {summary_columns(conn)} FROM cables AS c WHERE c.rowid IN "
        f"(SELECT cable FROM refs WHERE ref_id IN ({marks})) ORDER BY c.created, c.id"
    )
    return [summary_of(row) for row in conn.execute(sql, names)]


def cable_view(conn: Connection, cable_id: str, where: str) -> CableView:
    """Return a cable with its references resolved to subjects and the cables citing it."""
    if is_postgres(conn):
        return _read_pg(conn, cable_id, where, links=True)
    cable = load_cable(conn, cable_id, where)
    # One query for every reference.
    refs = list(dict.fromkeys(cable.references))
    subjects: dict[str, str | None] = {}
    if refs:
        marks = ",".join("?" * len(refs))
        rows = conn.execute(f"SELECT id, subject FROM cables WHERE id IN ({marks})", refs)
        subjects = {str(row[0]): row[1] for row in rows}
    return CableView(cable, _references(cable, subjects), tuple(_citing(conn, [cable.id])))


def _references(cable: Cable, subjects: dict[str, str | None]) -> tuple[ReferenceView, ...]:
    return tuple(ReferenceView(ref, subjects.get(ref), ref in subjects) for ref in cable.references)


def corpus_stats(conn: Connection) -> CorpusStats:
    """Return counts by origin, tag, year and classification over the whole corpus.

    The counts are kept by ingest (the `counts` table), so this reads a few hundred rows.
    """
    if is_postgres(conn):
        assert not isinstance(conn, sqlite3.Connection)
        with conn.fixed_plans():
            return _stats_of(conn, *conn.execute(_PG_STATS).fetchone())
    # Two queries: SQLite answers a lone min() or max() from the index, both at once by a scan.
    first = conn.execute("SELECT min(created) FROM cables").fetchone()[0]
    last = conn.execute("SELECT max(created) FROM cables").fetchone()[0]
    rejections = conn.execute("SELECT count(*) FROM rejections").fetchone()[0]
    return _stats_of(conn, first, last, rejections, _counter(conn, "store.paragraphs"))


_PG_STATS = (
    "SELECT (SELECT min(created) FROM cables), (SELECT max(created) FROM cables), "
    "(SELECT count(*) FROM rejections), "
    "(SELECT value FROM meta WHERE key = 'store.paragraphs')"
)
"""The corpus's dates and counters in one statement: a server answers each after a round trip."""


def _stats_of(
    conn: Connection, first: object, last: object, rejections: object, paragraphs: object
) -> CorpusStats:
    """Return the corpus's stats: the counts kept by ingest, with the dates and counters."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for dimension, key, cables in conn.execute(
        "SELECT dimension, key, cables FROM counts WHERE cables > 0"
    ):
        groups.setdefault(str(dimension), []).append((str(key) or "unknown", int(cables)))

    def most_first(dimension: str) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(groups.get(dimension, []), key=lambda pair: (-pair[1], pair[0])))

    return CorpusStats(
        cables=sum(n for _, n in groups.get("origin", [])),
        paragraphs=int(str(paragraphs or 0)),
        rejections=int(str(rejections)),
        first=parse_created(first),
        last=parse_created(last),
        by_origin=most_first("origin"),
        by_tag=most_first("tag"),
        by_year=tuple(sorted(groups.get("year", []), key=lambda p: (p[0] == "unknown", p[0]))),
        by_classification=most_first("classification"),
    )


def _counter(conn: Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0
