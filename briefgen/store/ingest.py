"""Write parsed cables into the corpus in batched transactions, idempotently."""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import NamedTuple, TypeVar

from briefgen.models import Cable, Rejection
from briefgen.read.copies import merge_copies
from briefgen.store.db import Connection, is_postgres, transaction
from briefgen.store.prepare import COLUMNS, Parsed, PreparedCable, cable_of, prepare
from briefgen.store.queries import load_cable
from briefgen.store.records import IngestReport

BATCH = 1000
"""Cables per transaction: few enough that a kill loses little, many enough to be fast."""

FTS_SETTINGS = (("automerge", 16), ("hashsize", 8 * 1024 * 1024))
"""Full-text index settings for bulk loads: merge segments in larger groups and flush terms
to disk in 8 MB runs. Together they cut the writer's CPU by a fifth on 100,000 cables; a
search reads a few more segments (a count over 250,000 matches: 7 -> 10 ms)."""

ANALYZE_AFTER = 10_000
"""Cables added or changed by one ingest after which a PostgreSQL corpus's statistics are
gathered at once (10 s after 250,000 cables), not left to autovacuum's next round."""

T = TypeVar("T")

ProgressCallback = Callable[[IngestReport], None]
"""Called after every batch with the counts so far (the rejections list is left empty)."""

_INSERT_CABLE = (
    f"INSERT INTO cables (rowid, id, content_hash, change_seq, {', '.join(COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(COLUMNS) + 4))})"
)
_UPDATE_CABLE = (
    "UPDATE cables SET content_hash = ?, change_seq = ?, "
    + ", ".join(f"{name} = ?" for name in COLUMNS)
    + " WHERE rowid = ?"
)


@dataclass(slots=True)
class _Tally:
    """Running counts of one ingest (mutable, private; the report is the frozen view)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def report(self, *, with_rejections: bool = True) -> IngestReport:
        return IngestReport(
            added=self.added,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=len(self.rejections),
            rejections=tuple(self.rejections) if with_rejections else (),
        )


def write_all(
    conn: Connection,
    parsed: Iterable[Parsed],
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Write every parsed input into the corpus, one transaction per batch; return the counts."""
    seen = _seen_table(conn)
    keyed = "" if is_postgres(conn) else " WITHOUT ROWID"
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS ingest_seen (id TEXT PRIMARY KEY){keyed}")
    conn.execute(f"DELETE FROM {seen}")
    with transaction(conn):
        _tune_index(conn)
        # fetchall: SQLite finishes a RETURNING statement only when its rows are all read.
        new_run = conn.execute("INSERT INTO ingest_runs DEFAULT VALUES RETURNING run")
        run = int(new_run.fetchall()[0][0])
    tally = _Tally()
    for batch in batches(parsed, BATCH):
        with transaction(conn):
            _write_batch(conn, batch, run, tally)
            _save_tally(conn, run, tally, finished=False)
        if progress is not None:
            progress(tally.report(with_rejections=False))
    with transaction(conn):
        _save_tally(conn, run, tally, finished=True)
    conn.execute(f"DELETE FROM {seen}")
    _settle_index(conn, tally.added + tally.updated)
    return tally.report()


def _settle_index(conn: Connection, changed: int) -> None:
    """Fold a PostgreSQL corpus's newest index entries into its GIN index, and refresh the
    planner's statistics after a large ingest.

    New cables' words wait in the GIN index's pending list (up to 4 MB) until a vacuum or the
    next overflow; the planner counts that list into every search's cost and, the index
    seeming dear, tested each cable in turn instead: 342 ms against 1 ms for a rare word,
    right after ingesting 20,000 cables.
    """
    if not is_postgres(conn) or not changed:
        return
    from briefgen.store.db import database_errors

    # Only the tables' owner may: another user's ingest leaves it to autovacuum.
    with contextlib.suppress(*database_errors()):
        conn.execute("SELECT gin_clean_pending_list('cables_fts_document'::regclass)")
        if changed >= ANALYZE_AFTER:
            conn.execute("ANALYZE cables, cables_fts, tags, refs")


def _seen_table(conn: Connection) -> str:
    """Return the name of this connection's table of the ids written by this ingest."""
    return "pg_temp.ingest_seen" if is_postgres(conn) else "temp.ingest_seen"


def _tune_index(conn: Connection) -> None:
    if is_postgres(conn):
        return  # a GIN index has no such settings: PostgreSQL tunes it by itself
    for name, value in FTS_SETTINGS:
        # An older SQLite without this setting is slower, not wrong.
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("INSERT INTO cables_fts (cables_fts, rank) VALUES (?, ?)", (name, value))


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield the items `size` at a time (the last batch may be shorter)."""
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch


_TABLES = (
    ("cables", ("rowid", "id", "content_hash", "change_seq", *COLUMNS)),
    ("paragraphs", ("cable", "position", "number", "heading", "text", "label")),
    ("tags", ("cable", "position", "tag")),
    ("refs", ("cable", "position", "ref_id")),
    ("cables_fts", ("rowid", "subject", "body")),
)
"""Each table a batch fills and its columns, in the order of `_Rows`' tuples."""


@dataclass(slots=True)
class _Rows:
    """The rows one batch inserts, gathered so that each table gets one executemany."""

    cables: list[tuple[object, ...]] = field(default_factory=list)
    paragraphs: list[tuple[object, ...]] = field(default_factory=list)
    tags: list[tuple[object, ...]] = field(default_factory=list)
    refs: list[tuple[object, ...]] = field(default_factory=list)
    fts: list[tuple[object, ...]] = field(default_factory=list)

    def add_children(self, rowid: int, cable: PreparedCable) -> None:
        self.paragraphs += [(rowid, i, *p) for i, p in enumerate(cable.paragraphs)]
        self.tags += [(rowid, i, tag) for i, tag in enumerate(cable.tags)]
        self.refs += [(rowid, i, ref) for i, ref in enumerate(cable.references)]
        self.fts.append((rowid, cable.subject, cable.body))

    def write(self, conn: Connection) -> None:
        if not isinstance(conn, sqlite3.Connection):
            # COPY streams the rows: ingest into PostgreSQL in half the time of executemany.
            tables = (self.cables, self.paragraphs, self.tags, self.refs, self.fts)
            for (table, columns), rows in zip(_TABLES, tables, strict=True):
                conn.copy_rows(table, columns, rows)
            return
        conn.executemany(_INSERT_CABLE, self.cables)
        conn.executemany(
            "INSERT INTO paragraphs (cable, position, number, heading, text, label) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            self.paragraphs,
        )
        conn.executemany("INSERT INTO tags (cable, position, tag) VALUES (?, ?, ?)", self.tags)
        conn.executemany("INSERT INTO refs (cable, position, ref_id) VALUES (?, ?, ?)", self.refs)
        conn.executemany("INSERT INTO cables_fts (rowid, subject, body) VALUES (?, ?, ?)", self.fts)


def _write_batch(conn: Connection, batch: list[Parsed], run: int, tally: _Tally) -> None:
    cables = _merge_repeats([item for item in batch if isinstance(item, PreparedCable)], tally)
    ids = [cable.id for cable in cables]
    existing = _existing(conn, ids)
    seen = _seen(conn, ids)
    seq = _counter(conn, "store.change_seq")
    paragraphs = _counter(conn, "store.paragraphs")
    # Rowids are given here, not by the database, so a whole batch goes in with one
    # executemany per table; the batch's write lock (db.begin_write) keeps them ours.
    rowid = conn.execute("SELECT coalesce(max(rowid), 0) FROM cables").fetchone()[0]
    rows = _Rows()
    counts: Counter[tuple[str, str]] = Counter()
    for cable in cables:
        known = existing.get(cable.id)
        if known is None:
            seq += 1
            rowid += 1
            rows.cables.append((rowid, cable.id, cable.digest, seq, *cable.columns))
            rows.add_children(rowid, cable)
            counts.update(_keys(cable.columns[0], cable.columns[1], cable.columns[3], cable.tags))
            paragraphs += len(cable.paragraphs)
            tally.added += 1
            continue
        if known.digest != cable.digest and (cable.id in seen or not known.read_from(cable)):
            # Another copy of a stored cable (another layout, another file, or one met earlier
            # in this run): the two are merged, so a cut-off copy never shadows the whole one.
            # The same input read again (a fixed reader, an edited file) replaces it instead.
            cable = prepare(merged(load_cable(conn, cable.id, ""), cable_of(cable)))
        if known.digest == cable.digest:
            tally.unchanged += 1
        else:
            seq += 1
            counts.subtract(_stored_keys(conn, known.rowid))
            counts.update(_keys(cable.columns[0], cable.columns[1], cable.columns[3], cable.tags))
            old = _remove_version(conn, known.rowid)
            conn.execute(_UPDATE_CABLE, (cable.digest, seq, *cable.columns, known.rowid))
            rows.add_children(known.rowid, cable)
            paragraphs += len(cable.paragraphs) - old
            tally.updated += 1
    rows.write(conn)
    conn.executemany(
        "INSERT INTO counts (dimension, key, cables) VALUES (?, ?, ?) "
        "ON CONFLICT (dimension, key) DO UPDATE SET cables = counts.cables + excluded.cables",
        [(dimension, key, n) for (dimension, key), n in counts.items() if n],
    )
    conn.executemany(
        f"INSERT INTO {_seen_table(conn)} (id) VALUES (?) ON CONFLICT DO NOTHING",
        [(i,) for i in ids],
    )
    # Running totals kept with the rows they count, in the same transaction: counting three
    # million paragraphs for `stats` would take a second.
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [("store.change_seq", str(seq)), ("store.paragraphs", str(paragraphs))],
    )
    rejected = [item for item in batch if isinstance(item, Rejection)]
    tally.rejections.extend(rejected)
    conn.executemany(
        "INSERT INTO rejections (path, row, reason, run) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (path, row) DO UPDATE SET reason = excluded.reason, run = excluded.run",
        [(r.path, r.row or 0, r.reason, run) for r in rejected],
    )
    # An input read fine now (a fixed reader, a repaired file) is no longer a rejection.
    if conn.execute("SELECT EXISTS (SELECT 1 FROM rejections)").fetchone()[0]:
        conn.executemany(
            "DELETE FROM rejections WHERE path = ? AND row = ?",
            [(c.path, c.row or 0) for c in cables if c.path is not None],
        )


def _keys(
    created: object, origin: object, classification: object, tags: Iterable[str]
) -> list[tuple[str, str]]:
    """Return the `counts` keys one cable adds to: its origin, year, classification, tags."""
    year = created[:4] if isinstance(created, str) else ""
    keys = [("origin", str(origin or "")), ("year", year)]
    keys.append(("classification", str(classification or "")))
    return keys + [("tag", tag) for tag in tags]


def _stored_keys(conn: Connection, rowid: int) -> list[tuple[str, str]]:
    """Return the `counts` keys of a stored cable (before a new version replaces it)."""
    created, origin, classification = conn.execute(
        "SELECT created, origin, classification FROM cables WHERE rowid = ?", (rowid,)
    ).fetchone()
    tags = [row[0] for row in conn.execute("SELECT tag FROM tags WHERE cable = ?", (rowid,))]
    return _keys(created, origin, classification, tags)


def _merge_repeats(cables: list[PreparedCable], tally: _Tally) -> list[PreparedCable]:
    """Return the batch's cables with the copies of one cable merged into one, in the place of
    the first; each further copy counts as unchanged (the merged cable counts once)."""
    merged_ones: dict[str, PreparedCable] = {}
    for cable in cables:
        held = merged_ones.get(cable.id)
        if held is None:
            merged_ones[cable.id] = cable
        else:
            merged_ones[cable.id] = prepare(merged(cable_of(held), cable_of(cable)))
            tally.unchanged += 1
    return list(merged_ones.values())


def merged(held: Cable, new: Cable) -> Cable:
    """Return the cable held merged with a new copy of it (`merge_copies`: the most complete
    text, the most specific marking; the held one on a tie, so that a rerun changes nothing).

    When both copies hold the same text, the new copy's paragraphs are kept: the same text read
    by this reader, with the labels and headings it gives (a row stored before labels were
    kept gets them back).
    """
    cable = merge_copies(held, new)
    if [p.text for p in cable.paragraphs] == [p.text for p in new.paragraphs]:
        cable = replace(cable, paragraphs=new.paragraphs)
    return cable


class _Stored(NamedTuple):
    """What the writer needs of a stored cable to tell a repeat, a re-read and a new copy."""

    rowid: int
    digest: str
    path: str | None
    row: int | None

    def read_from(self, cable: PreparedCable) -> bool:
        """Return True when `cable` was read from the same input as the stored copy."""
        return self.path is not None and (self.path, self.row) == (cable.path, cable.row)


def _existing(conn: Connection, ids: list[str]) -> dict[str, _Stored]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, rowid, content_hash, path, row FROM cables WHERE id IN ({marks})", ids
    ).fetchall()
    return {row[0]: _Stored(row[1], row[2], row[3], row[4]) for row in rows}


def _seen(conn: Connection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id FROM {_seen_table(conn)} WHERE id IN ({marks})", ids)
    return {row[0] for row in rows}


def _counter(conn: Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _remove_version(conn: Connection, rowid: int) -> int:
    """Remove a stored cable's paragraphs, tags, refs and index entries; return its paragraphs."""
    subject = conn.execute("SELECT subject FROM cables WHERE rowid = ?", (rowid,)).fetchone()[0]
    texts = conn.execute(
        "SELECT text FROM paragraphs WHERE cable = ? ORDER BY position", (rowid,)
    ).fetchall()
    if is_postgres(conn):
        conn.execute("DELETE FROM cables_fts WHERE rowid = ?", (rowid,))
    else:
        # External-content FTS must be told the exact old text to remove its index entries.
        conn.execute(
            "INSERT INTO cables_fts (cables_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)",
            (rowid, subject, "\n".join(t[0] for t in texts)),
        )
    for table in ("paragraphs", "tags", "refs"):
        conn.execute(f"DELETE FROM {table} WHERE cable = ?", (rowid,))
    return len(texts)


def _save_tally(conn: Connection, run: int, tally: _Tally, *, finished: bool) -> None:
    conn.execute(
        "UPDATE ingest_runs SET added = ?, updated = ?, unchanged = ?, rejected = ?, "
        "finished = ? WHERE run = ?",
        (tally.added, tally.updated, tally.unchanged, len(tally.rejections), int(finished), run),
    )
