"""Open the corpus database file with the settings ingest and queries rely on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.errors import StoreError


class ReadOnlyError(StoreError):
    """The corpus (or its folder) may not be written by this process."""


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
        conn.execute("PRAGMA busy_timeout = 30000")
        # Before anything writes: switching to WAL alone would change another app's file.
        check_ours(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
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
    if not names or {"schema_migrations", "cables"} <= set(names):
        return
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    raise StoreError(
        f"{path} is not a briefgen corpus: it holds another application's tables ({shown}); "
        "name a new file with --db"
    )


def is_read_only_error(exc: sqlite3.Error) -> bool:
    """Return True when SQLite refused because the file or its folder may not be written."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")) or "readonly" in str(exc)


def describe(exc: sqlite3.Error) -> str:
    """Return SQLite's reason in words a user reads: `read-only` rather than `readonly`."""
    if is_read_only_error(exc) and "readonly" in str(exc):
        return "it is read-only (the file or its folder may not be written)"
    return str(exc)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one write transaction: committed on success, rolled back on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
