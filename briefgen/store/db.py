"""Open the corpus database file with the settings ingest and queries rely on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.errors import StoreError

CACHE_KIB = 64 * 1024
"""SQLite page cache per connection: enough for fast batches, small against the memory cap."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at `path` in autocommit mode with WAL."""
    if path.is_dir():
        raise StoreError(f"cannot open the corpus database {path}: it is a folder")
    if not path.parent.exists():
        raise StoreError(f"cannot open the corpus database {path}: no folder {path.parent}")
    try:
        # Autocommit: every transaction is opened explicitly by transaction() below.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL under WAL keeps the database consistent across power loss; it may lose the
        # last transactions, which a rerun of ingest adds again.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA temp_store = FILE")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the corpus database {path}: {exc}") from None
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the existing database at `path` for reading only (no schema change, no writes)."""
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the corpus database {path}: {exc}") from None
    return conn


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
