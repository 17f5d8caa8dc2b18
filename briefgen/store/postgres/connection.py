"""Open a PostgreSQL corpus with psycopg 3, behind the calls the SQLite connection answers.

The store's SQL is written once, in the subset both databases share (`?` parameters,
`ON CONFLICT` upserts, `coalesce`, subqueries); `PgConnection` turns `?` into psycopg's `%s`
and gives the handful of methods the store calls on a `sqlite3.Connection`. Where the two
databases truly differ (full-text search, the schema, string aggregation) the store asks
`db.is_postgres(conn)` and says it twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefgen.errors import StoreError
from briefgen.locations import without_password
from briefgen.store.db import foreign_tables

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT = 10
"""Seconds to wait for the server before saying it cannot be reached."""
WRITE_LOCK = 0x62726667
"""The advisory lock every write transaction holds (`brfg`): writers from any machine take
turns, as SQLite's BEGIN IMMEDIATE makes them, while readers are never blocked."""
PLAIN_SETTINGS = b"RESET enable_seqscan; RESET plan_cache_mode"
"""The session's settings for most statements: the server's own."""
SEARCH_SETTINGS = b"SET enable_seqscan = off; SET plan_cache_mode = force_custom_plan"
"""The session's settings for full-text searches (see `PgConnection.index_scans`)."""
FIXED_SETTINGS = b"RESET enable_seqscan; SET plan_cache_mode = force_generic_plan"
"""The session's settings for statements planned once (see `PgConnection.fixed_plans`)."""


class PgCursor:
    """The rows of one statement, typed as loosely as sqlite3's: `fetchone()` is `Any`."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        """Wrap a psycopg cursor that has run its statement."""
        self._cursor = cursor

    def fetchone(self) -> Any:
        """Return the next row, or None after the last."""
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        """Return the remaining rows."""
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


class PgConnection:
    """A psycopg connection in autocommit mode that takes the store's `?`-style SQL."""

    def __init__(self, raw: psycopg.Connection[Any], url: str) -> None:
        """Wrap an open psycopg connection; use `connect(url)` instead."""
        self.raw = raw
        self.url = url
        self._modes: list[bytes] = []
        """The settings each block entered asks for, the innermost last."""
        self._settings: bytes | None = PLAIN_SETTINGS
        """The settings in force; None when unknown (a rollback undoes a SET made in its
        transaction)."""

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        """Run one statement and return its cursor (iterable, `fetchone`, `fetchall`)."""
        if sql.startswith("ROLLBACK"):
            self._settings = None
        else:
            self._settle()
        cursor = self.raw.cursor()
        if self._settings is not PLAIN_SETTINGS:
            # Prepared at once (psycopg waits for a fifth run): parsed once, and where the plan
            # is fixed, planned once.
            cursor.execute(translate(sql), tuple(parameters), prepare=True)
        elif parameters:
            cursor.execute(translate(sql), tuple(parameters))
        else:
            cursor.execute(sql.encode())  # bytes: psycopg reads no placeholders in it
        return PgCursor(cursor)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        """Run one statement for every row (psycopg pipelines them: one round trip)."""
        batch = [tuple(row) for row in rows]
        if batch:
            self._settle()
            self.raw.cursor().executemany(translate(sql), batch)

    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Append rows to a table with COPY: one stream instead of a statement per row."""
        if not rows:
            return
        self._settle()
        with self.raw.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def executescript(self, script: str, /) -> None:
        """Run every statement of a script (statements hold no literal `;`)."""
        self._settle()
        for statement in statements(script):
            self.raw.execute(statement.encode())

    @contextmanager
    def index_scans(self) -> Iterator[None]:
        """Run the block's statements with sequential scans discouraged.

        The planner does not count what testing a stored tsvector costs (reading it back from
        its compressed, out-of-line storage): for a word found in most cables it would rather
        read the whole table than the GIN index, ten times slower (227 ms against 17 ms for
        10,000 matches of 20,000 cables).

        A search's plan also depends on its words (the index for a rare one, the date order
        for a common one): the server may not replace it by one plan for any words, as it
        does for a statement prepared and run ten times (50 ms against 18 for `government`).

        The settings change when the first statement inside or outside such a block runs, not
        on entering and leaving it: a search is then one round trip to the server, not three,
        and searches in a row share one SET (as do `fixed_plans` blocks).
        """
        with self._mode(SEARCH_SETTINGS):
            yield

    @contextmanager
    def fixed_plans(self) -> Iterator[None]:
        """Run the block's statements prepared, each planned once for any parameters.

        For statements whose best plan is the same whatever their parameters (a cable read by
        its id, the corpus's counts): planning such a statement takes the server longer than
        running it (0.8 ms against 0.3 for `show`'s).
        """
        with self._mode(FIXED_SETTINGS):
            yield

    @contextmanager
    def _mode(self, settings: bytes) -> Iterator[None]:
        self._modes.append(settings)
        try:
            yield
        finally:
            self._modes.pop()

    def _settle(self) -> None:
        """Put in force the settings the innermost block asks for, PLAIN_SETTINGS outside."""
        wanted = self._modes[-1] if self._modes else PLAIN_SETTINGS
        if self._settings is wanted:
            return
        from psycopg.pq import TransactionStatus

        if self.raw.info.transaction_status == TransactionStatus.INERROR:
            return  # the statement fails anyway; the ROLLBACK that follows must not
        self.raw.execute(wanted)
        self._settings = wanted

    @property
    def in_transaction(self) -> bool:
        """Return True inside a BEGIN ... COMMIT block."""
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        """Close the connection (a transaction left open is rolled back by the server)."""
        self.raw.close()


def connect(url: str) -> PgConnection:
    """Open the database at `url` in autocommit mode; raise StoreError naming what failed.

    Credentials come from the URL, $PGPASSWORD or ~/.pgpass (libpq reads both); no message
    ever shows the password.
    """
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "a PostgreSQL corpus needs psycopg: pip install 'briefgen[postgres]'"
        ) from None
    try:
        raw = psycopg.connect(
            url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, application_name="briefgen"
        )
    except Exception as exc:  # psycopg.Error; a malformed URL is also a ValueError
        where = without_password(url)
        raise StoreError(f"cannot open the corpus database {where}: {reason(exc)}") from None
    # briefgen's queries each read a handful of rows by index: starting parallel workers for
    # them costs more than it saves (a newest-first search page: 50 ms with them, 5 without).
    raw.execute(b"SET max_parallel_workers_per_gather = 0")
    return PgConnection(raw, url)


def check_ours(conn: PgConnection) -> None:
    """Raise StoreError unless the database's schema is empty or holds a briefgen corpus.

    Tables of another application in the schema briefgen would write to are left alone: the
    corpus belongs in a database (or a schema, `?options=-csearch_path%3Dname`) of its own.
    """
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() ORDER BY table_name"
    ).fetchall()
    shown = foreign_tables([str(row[0]) for row in rows])
    if shown is not None:
        raise StoreError(
            f"{without_password(conn.url)} is not a briefgen corpus: it holds another "
            f"application's tables ({shown}); name a database of its own with --db"
        )


def reason(exc: BaseException) -> str:
    """Return the server's or libpq's reason in one line, without the connection string."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return without_password(text)


def statements(script: str) -> Iterator[str]:
    """Yield the statements of a script, comments dropped."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            yield statement.strip()


_TOKEN = re.compile(r"'(?:[^']|'')*'|\?")


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """Return parameterised SQLite-style SQL for psycopg: `?` as `%s`, a literal `%` as `%%`.

    A `?` between single quotes is text, not a parameter; psycopg reads `%` everywhere.
    """
    escaped = sql.replace("%", "%%")
    return _TOKEN.sub(lambda m: "%s" if m.group(0) == "?" else m.group(0), escaped)
