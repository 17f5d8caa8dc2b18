"""Write parsed cables into the corpus in batched transactions, idempotently."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from briefgen.models import Cable, Rejection, format_utc
from briefgen.store.db import transaction
from briefgen.store.filters import origin_key
from briefgen.store.parallel import Parsed
from briefgen.store.records import IngestReport

BATCH = 1000
"""Cables per transaction: few enough that a kill loses little, many enough to be fast."""

ProgressCallback = Callable[[IngestReport], None]
"""Called after every batch with the counts so far (the rejections list is left empty)."""

_INSERT_CABLE = """
INSERT INTO cables (id, content_hash, change_seq, created, origin, origin_key, classification,
    classified_by, nondisclosure_deadline, subject, summary, comment, recipients,
    info_recipients, signers, path, row, format)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_UPDATE_CABLE = """
UPDATE cables SET id = ?, content_hash = ?, change_seq = ?, created = ?, origin = ?,
    origin_key = ?, classification = ?, classified_by = ?, nondisclosure_deadline = ?,
    subject = ?, summary = ?, comment = ?, recipients = ?, info_recipients = ?, signers = ?,
    path = ?, row = ?, format = ?
WHERE rowid = ?
"""


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
    conn: sqlite3.Connection,
    parsed: Iterable[Parsed],
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Write every parsed input into the corpus, one transaction per batch; return the counts."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS ingest_seen (id TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("DELETE FROM temp.ingest_seen")
    with transaction(conn):
        run = conn.execute("INSERT INTO ingest_runs DEFAULT VALUES").lastrowid
    assert run is not None
    tally = _Tally()
    for batch in _batches(iter(parsed), BATCH):
        with transaction(conn):
            _write_batch(conn, batch, run, tally)
            _save_tally(conn, run, tally, finished=False)
        if progress is not None:
            progress(tally.report(with_rejections=False))
    with transaction(conn):
        _save_tally(conn, run, tally, finished=True)
    conn.execute("DELETE FROM temp.ingest_seen")
    return tally.report()


def _batches(stream: Iterator[Parsed], size: int) -> Iterator[list[Parsed]]:
    while batch := list(islice(stream, size)):
        yield batch


def _write_batch(conn: sqlite3.Connection, batch: list[Parsed], run: int, tally: _Tally) -> None:
    cables = [(item, digest) for item, digest in batch if isinstance(item, Cable)]
    ids = [cable.id for cable, _ in cables]
    existing = _existing(conn, ids)
    seen = _seen(conn, ids)
    seq = _counter(conn, "store.change_seq")
    paragraphs = _counter(conn, "store.paragraphs")
    for cable, digest in cables:
        assert digest is not None
        if cable.id in seen:
            # The same cable met earlier in this run (another format, another file): the first
            # copy wins, so a rerun over the same inputs changes nothing.
            tally.unchanged += 1
            continue
        seen.add(cable.id)
        known = existing.get(cable.id)
        if known is None:
            seq += 1
            rowid = _insert(conn, cable, digest, seq)
            existing[cable.id] = (rowid, digest)
            paragraphs += len(cable.paragraphs)
            tally.added += 1
        elif known[1] == digest:
            tally.unchanged += 1
        else:
            seq += 1
            paragraphs += len(cable.paragraphs) - _replace(conn, known[0], cable, digest, seq)
            tally.updated += 1
    conn.executemany("INSERT OR IGNORE INTO temp.ingest_seen (id) VALUES (?)", [(i,) for i in ids])
    # Running totals kept with the rows they count, in the same transaction: counting three
    # million paragraphs for `stats` would take a second.
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [("store.change_seq", str(seq)), ("store.paragraphs", str(paragraphs))],
    )
    rejected = [item for item, _ in batch if isinstance(item, Rejection)]
    tally.rejections.extend(rejected)
    conn.executemany(
        "INSERT OR REPLACE INTO rejections (path, row, reason, run) VALUES (?, ?, ?, ?)",
        [(r.path, r.row or 0, r.reason, run) for r in rejected],
    )
    # An input read fine now (a fixed reader, a repaired file) is no longer a rejection.
    conn.executemany(
        "DELETE FROM rejections WHERE path = ? AND row = ?",
        [(c.path, c.row or 0) for c, _ in cables if c.path is not None],
    )


def _existing(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, str]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, rowid, content_hash FROM cables WHERE id IN ({marks})", ids
    ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def _seen(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id FROM temp.ingest_seen WHERE id IN ({marks})", ids)
    return {row[0] for row in rows}


def _counter(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _cable_values(cable: Cable, digest: str, seq: int) -> tuple[object, ...]:
    return (
        cable.id,
        digest,
        seq,
        format_utc(cable.created),
        cable.origin,
        origin_key(cable.origin),
        cable.classification,
        cable.classified_by,
        cable.nondisclosure_deadline,
        cable.subject,
        cable.summary,
        cable.comment,
        json.dumps(list(cable.recipients), ensure_ascii=False),
        json.dumps(list(cable.info_recipients), ensure_ascii=False),
        json.dumps(list(cable.signers), ensure_ascii=False),
        cable.path,
        cable.row,
        cable.format,
    )


def _insert(conn: sqlite3.Connection, cable: Cable, digest: str, seq: int) -> int:
    rowid = conn.execute(_INSERT_CABLE, _cable_values(cable, digest, seq)).lastrowid
    assert rowid is not None
    _insert_children(conn, rowid, cable)
    return rowid


def _replace(conn: sqlite3.Connection, rowid: int, cable: Cable, digest: str, seq: int) -> int:
    """Replace a stored cable by a new version; return how many paragraphs the old one had."""
    subject = conn.execute("SELECT subject FROM cables WHERE rowid = ?", (rowid,)).fetchone()[0]
    texts = conn.execute(
        "SELECT text FROM paragraphs WHERE cable = ? ORDER BY position", (rowid,)
    ).fetchall()
    # External-content FTS must be told the exact old text to remove its index entries.
    conn.execute(
        "INSERT INTO cables_fts (cables_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)",
        (rowid, subject, "\n".join(t[0] for t in texts)),
    )
    for table in ("paragraphs", "tags", "refs"):
        conn.execute(f"DELETE FROM {table} WHERE cable = ?", (rowid,))
    conn.execute(_UPDATE_CABLE, (*_cable_values(cable, digest, seq), rowid))
    _insert_children(conn, rowid, cable)
    return len(texts)


def _insert_children(conn: sqlite3.Connection, rowid: int, cable: Cable) -> None:
    conn.executemany(
        "INSERT INTO paragraphs (cable, position, number, heading, text) VALUES (?, ?, ?, ?, ?)",
        [(rowid, i, p.number, p.heading, p.text) for i, p in enumerate(cable.paragraphs)],
    )
    conn.executemany(
        "INSERT INTO tags (cable, position, tag) VALUES (?, ?, ?)",
        [(rowid, i, tag) for i, tag in enumerate(cable.tags)],
    )
    conn.executemany(
        "INSERT INTO refs (cable, position, ref_id) VALUES (?, ?, ?)",
        [(rowid, i, ref) for i, ref in enumerate(cable.references)],
    )
    conn.execute(
        "INSERT INTO cables_fts (rowid, subject, body) VALUES (?, ?, ?)",
        (rowid, cable.subject, "\n".join(p.text for p in cable.paragraphs)),
    )


def _save_tally(conn: sqlite3.Connection, run: int, tally: _Tally, *, finished: bool) -> None:
    conn.execute(
        "UPDATE ingest_runs SET added = ?, updated = ?, unchanged = ?, rejected = ?, "
        "finished = ? WHERE run = ?",
        (tally.added, tally.updated, tally.unchanged, len(tally.rejections), finished, run),
    )
