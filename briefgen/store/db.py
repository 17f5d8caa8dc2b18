"""Open the corpus database with the settings ingest and queries rely on: a SQLite file, or a
PostgreSQL database named by a `postgresql://` URL (see `briefgen/store/postgres/`)."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from briefgen.errors import StoreError

if TYPE_CHECKING:
    from briefgen.store.postgres.connection import PgConnection

Connection: TypeAlias = "sqlite3.Connection | PgConnection"
"""An open corpus database: the store's SQL runs on either."""


def is_postgres(conn: Connection) -> bool:
    """Return True when the corpus is a PostgreSQL database."""
    return not isinstance(conn, sqlite3.Connection)


def database_errors() -> tuple[type[Exception], ...]:
    """Return the exception classes a database failure may raise (psycopg's once loaded)."""
    if "psycopg" in sys.modules:
        import psycopg

        return (sqlite3.Error, psycopg.Error)
    return (sqlite3.Error,)


class ReadOnlyError(StoreError):
    """The corpus (or its folder) may not be written by this process."""


BUSY_SECONDS = 30.0
"""How long opening a corpus waits for other processes opening or writing it."""


CACHE_KIB = 64 * 1024
"""SQLite page cache per connection: enough for fast batches, small against the memory cap."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at `path` in autocommit mode with WAL.

    Raise StoreError when the file is another application's database (see `check_ours`) or
    cannot be written (ReadOnlyError).
    """
    if path.is_dir():
        raise StoreError(f"cannot open the corpus database {path}: it is a folder")
    if not path.parent.exists():
        raise StoreError(f"cannot open the corpus database {path}: no folder {path.parent}")
    conn: sqlite3.Connection | None = None
    try:
        # Autocommit: every transaction is opened explicitly by transaction() below.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # First: two processes creating one new corpus wait for each other from here on (up to
        # 30 s: a long ingest batch commits within that, even on a machine loaded many deep).
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        # Before anything writes: switching to WAL alone would change another app's file.
        check_ours(conn, path)
        _switch_to_wal(conn)
        # NORMAL under WAL keeps the database consistent across power loss; it may lose the
        # last transactions, which a rerun of ingest adds again.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA temp_store = FILE")
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        error = ReadOnlyError if is_read_only_error(exc) else StoreError
        raise error(f"cannot open the corpus database {path}: {describe(exc)}") from None
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode, waiting for other processes switching it at once.

    SQLite answers a journal-mode change that would wait on another connection's lock with
    `database is locked` at once, without its busy handler: four first ingests of one new
    corpus started together lost three of theirs to it, one run in two on a loaded machine.
    """
    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the existing database at `path` for reading only (no schema change, no writes).

    A corpus in a folder this process may not write has no `-shm` file to share, and SQLite
    cannot open it as a WAL database: it is then opened as immutable (nobody can change it
    while we read, since nobody we know of can write there either).
    """
    uri = path.resolve().as_uri()
    conn: sqlite3.Connection | None = None
    try:
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(
                uri + query, uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA busy_timeout = 10000")
            try:
                check_ours(conn, path)
                break
            except sqlite3.OperationalError as exc:
                conn.close()
                conn = None
                if "immutable" in query or not is_read_only_error(exc):
                    raise
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the corpus database {path}: {describe(exc)}") from None
    assert conn is not None
    return conn


def check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StoreError unless the database is empty or a briefgen corpus.

    A file holding other tables belongs to another application: briefgen must not add its
    own tables to it, nor change its journal mode.
    """
    names = sorted(
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(row[0]).startswith("sqlite_")
    )
    shown = foreign_tables(names)
    if shown is not None:
        raise StoreError(
            f"{path} is not a briefgen corpus: it holds another application's tables ({shown}); "
            "name a new file with --db"
        )


def foreign_tables(names: list[str]) -> str | None:
    """Return the first table names, to show, when a database holding `names` is another
    application's (neither empty nor a briefgen corpus); else None."""
    if not names or {"schema_migrations", "cables"} <= set(names):
        return None
    return ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")


def is_read_only_error(exc: sqlite3.Error) -> bool:
    """Return True when SQLite refused because the file or its folder may not be written."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) or "readonly" in str(exc)


def describe(exc: sqlite3.Error) -> str:
    """Return SQLite's reason in words a user reads: `read-only` rather than `readonly`."""
    if is_read_only_error(exc) and "readonly" in str(exc):
        return "it is read-only (the file or its folder may not be written)"
    return str(exc)


def begin_write(conn: Connection) -> None:
    """Open a write transaction, waiting for any other writer's to end.

    SQLite takes its write lock at BEGIN IMMEDIATE; on PostgreSQL every write transaction takes
    one advisory lock, so that writers from any machine take turns as they do on SQLite (each
    batch of an ingest allots rowids and change counters from the latest values) while readers
    go on reading the last committed state.
    """
    if is_postgres(conn):
        from briefgen.store.postgres.connection import WRITE_LOCK

        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
    else:
        conn.execute("BEGIN IMMEDIATE")


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """Run the block in one write transaction: committed on success, rolled back on error."""
    begin_write(conn)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
