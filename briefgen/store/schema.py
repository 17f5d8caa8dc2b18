"""The corpus database schema: numbered migrations applied in order, from version 1 on."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from briefgen.errors import StoreError
from briefgen.store.db import Connection, begin_write, database_errors, is_postgres


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema, applied once and recorded in `schema_migrations`."""

    version: int
    """The schema version this step brings the database to (1, 2, ...)."""
    name: str
    """A short description shown in `schema_migrations`."""
    sql: str
    """The statements of the step, run as one script inside the migration's transaction."""


V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per cable; rowid is the stable integer key the child tables and FTS point to.
CREATE TABLE cables (
    rowid                  INTEGER PRIMARY KEY,
    id                     TEXT NOT NULL UNIQUE,
    content_hash           TEXT NOT NULL,
    change_seq             INTEGER NOT NULL,
    created                TEXT,
    origin                 TEXT,
    origin_key             TEXT,
    classification         TEXT,
    classified_by          TEXT,
    nondisclosure_deadline TEXT,
    subject                TEXT,
    summary                TEXT,
    comment                TEXT,
    recipients             TEXT NOT NULL DEFAULT '[]',
    info_recipients        TEXT NOT NULL DEFAULT '[]',
    signers                TEXT NOT NULL DEFAULT '[]',
    path                   TEXT,
    row                    INTEGER,
    format                 TEXT NOT NULL
);
CREATE INDEX cables_origin_created ON cables (origin_key, created);
CREATE INDEX cables_created ON cables (created);
CREATE INDEX cables_classification ON cables (classification, created);
CREATE INDEX cables_origin ON cables (origin);
CREATE INDEX cables_change_seq ON cables (change_seq);

CREATE TABLE paragraphs (
    cable    INTEGER NOT NULL,
    position INTEGER NOT NULL,
    number   INTEGER,
    heading  TEXT,
    text     TEXT NOT NULL,
    PRIMARY KEY (cable, position)
) WITHOUT ROWID;

CREATE TABLE tags (
    cable    INTEGER NOT NULL,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (cable, position)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags (tag, cable);

CREATE TABLE refs (
    cable    INTEGER NOT NULL,
    position INTEGER NOT NULL,
    ref_id   TEXT NOT NULL,
    PRIMARY KEY (cable, position)
) WITHOUT ROWID;
CREATE INDEX refs_ref_id ON refs (ref_id, cable);

-- Inputs that could not be read; row 0 stands for "not a multi-cable file" so that the
-- (path, row) key is unique and a rerun replaces a rejection instead of doubling it.
CREATE TABLE rejections (
    path   TEXT NOT NULL,
    row    INTEGER NOT NULL,
    reason TEXT NOT NULL,
    run    INTEGER NOT NULL,
    PRIMARY KEY (path, row)
) WITHOUT ROWID;

CREATE TABLE ingest_runs (
    run       INTEGER PRIMARY KEY,
    added     INTEGER NOT NULL DEFAULT 0,
    updated   INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected  INTEGER NOT NULL DEFAULT 0,
    finished  INTEGER NOT NULL DEFAULT 0
);

-- The text FTS indexes, one document per cable: the body is the paragraphs joined by
-- newlines, so that `shelter AND Kokshetau` matches across paragraphs.
CREATE VIEW cables_text AS
SELECT c.rowid AS rowid,
       c.subject AS subject,
       (SELECT group_concat(p.text, char(10))
          FROM (SELECT text FROM paragraphs WHERE cable = c.rowid ORDER BY position) AS p
       ) AS body
  FROM cables AS c;

-- External content: the index only, the text stays in cables and paragraphs.
CREATE VIRTUAL TABLE cables_fts USING fts5 (
    subject, body,
    content = 'cables_text', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Rank by bm25 with a subject match worth four body matches: subjects are short and telling.
INSERT INTO cables_fts (cables_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
"""

V2 = """
INSERT OR REPLACE INTO meta (key, value) SELECT 'store.paragraphs', count(*) FROM paragraphs;
"""

V3 = """
-- Cables by origin, tag, year and classification, kept by ingest with the rows they count, so
-- that `briefgen stats` reads a few hundred rows instead of grouping millions (1 s -> 2 ms on
-- the 251,287 cables of Cablegate). An unknown value (no origin, no date) is ''.
CREATE TABLE counts (
    dimension TEXT NOT NULL,
    key       TEXT NOT NULL,
    cables    INTEGER NOT NULL,
    PRIMARY KEY (dimension, key)
) WITHOUT ROWID;
INSERT INTO counts SELECT 'origin', coalesce(origin, ''), count(*) FROM cables GROUP BY 2;
INSERT INTO counts SELECT 'tag', tag, count(*) FROM tags GROUP BY tag;
INSERT INTO counts
SELECT 'year', coalesce(substr(created, 1, 4), ''), count(*) FROM cables GROUP BY 2;
INSERT INTO counts
SELECT 'classification', coalesce(classification, ''), count(*) FROM cables GROUP BY 2;
"""

V4 = """
-- A lettered or sub-numbered paragraph's label (18A, 2.b) and the id a cable was released
-- under when the reader repaired it (08SECTION01GF02BISHIEK21 for 08BISHKEK1021).
ALTER TABLE paragraphs ADD COLUMN label TEXT;
ALTER TABLE cables ADD COLUMN given_id TEXT;
CREATE INDEX cables_given_id ON cables (given_id) WHERE given_id IS NOT NULL;
-- Rows written before hold neither, though their content hashes counted both: mark every hash
-- stale, so that ingesting the same files again rewrites the cables whole instead of finding
-- them unchanged.
UPDATE cables SET content_hash = 'pre-v4:' || content_hash;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "cables, paragraphs, tags, refs, rejections, meta, full-text index", V1),
    Migration(2, "running paragraph count in meta (store.paragraphs)", V2),
    Migration(3, "cables by origin, tag, year and classification (counts)", V3),
    Migration(4, "paragraph labels and the id as released (given_id)", V4),
)
"""Every schema step, in order; append new steps, never edit released ones."""

LATEST = MIGRATIONS[-1].version
"""The schema version this briefgen writes and reads."""


def migrate(conn: Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Bring the database to the latest schema version and return that version.

    The version is read again under the write lock, so that two processes opening one new
    corpus at once (two first ingests) migrate it once: the second finds the work done. A
    PostgreSQL corpus takes the same steps, in that database's words (postgres/schema.py).
    """
    latest = migrations[-1].version
    current = check_version(conn, latest)
    if current == latest:
        return current
    try:
        begin_write(conn)
        current = check_version(conn, latest)
        for step in migrations:
            if step.version <= current:
                continue
            # executescript would commit first; run statement by statement inside BEGIN.
            for statement in _step_statements(conn, step):
                conn.execute(statement)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL)"
            )
            conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                (step.version, step.name),
            )
            if not is_postgres(conn):
                conn.execute(f"PRAGMA user_version = {int(step.version)}")
            current = step.version
        conn.execute("COMMIT")
    except (StoreError, *database_errors()) as exc:  # type: ignore[misc]  # mypy#10570
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot migrate the database to version {latest}: {exc}") from None
    return current


def _step_statements(conn: Connection, step: Migration) -> list[str]:
    if not is_postgres(conn):
        return _statements(step.sql)
    from briefgen.store.postgres.connection import statements
    from briefgen.store.postgres.schema import STEPS

    return list(statements(STEPS[step.version]))


def check_version(conn: Connection, latest: int = LATEST) -> int:
    """Return the schema version, raising StoreError when it is newer than `latest`."""
    current = schema_version(conn)
    if current > latest:
        raise StoreError(
            f"the database has schema version {current}, newer than this briefgen "
            f"understands ({latest}); upgrade briefgen"
        )
    return current


def schema_version(conn: Connection) -> int:
    """Return the schema version recorded in the database (0 for a new file)."""
    if is_postgres(conn):
        if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
            return 0
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    else:
        row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (no statement here holds a literal `;`)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
