"""The Corpus: every cable in one database, opened once and queried by every stage.

The database is a SQLite file (the default: no server), or a PostgreSQL database named by a
`postgresql://` URL, shared by a team (see `briefgen/store/postgres/`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from briefgen.errors import StoreError
from briefgen.locations import is_postgres_url, without_password
from briefgen.models import Cable, Rejection
from briefgen.store import db, queries
from briefgen.store.records import CableSummary, CableView, CorpusStats, IngestReport
from briefgen.store.schema import LATEST, check_version, migrate

if TYPE_CHECKING:
    # Writing (and its worker processes) is imported by the commands that write: reading ones
    # such as `stats` start 50 ms sooner without multiprocessing.
    from briefgen.cluster import Cluster
    from briefgen.store.ingest import ProgressCallback


class Corpus(AbstractContextManager["Corpus"]):
    """Every cable read so far, in one SQLite or PostgreSQL database, with full-text search.

    Used as a context manager (`with Corpus.open(path) as corpus:`), it closes the database
    at the end of the block, and a database failure raised in the block (a lock held past the
    busy timeout, a disk full or read-only mid-run, a server gone) leaves it as a StoreError,
    so that callers handle only briefgen's own errors.
    """

    def __init__(self, conn: db.Connection, path: Path | str, *, read_only: bool = False) -> None:
        """Wrap an open, migrated connection; use `Corpus.open(path)` instead."""
        self._conn = conn
        self.path = path
        """Where the corpus is: a SQLite file's Path, or a PostgreSQL URL (which may hold a
        password: show `name` instead)."""
        self.name = without_password(path) if isinstance(path, str) else str(path)
        """The corpus as messages show it: the file, or the URL without its password."""
        self.read_only = read_only
        """True when the corpus was opened for reading only: every write fails."""

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False
    ) -> Corpus:
        """Open the corpus at `path`, creating the file (unless `create` is False) and
        bringing its schema up to date; or, `read_only`, as it is, for reading only (a worker
        of a batch run, a listing).

        A corpus this process may not write (a read-only file or folder) is opened for
        reading when `create` is False, so that it can still be queried; every write then
        fails with a StoreError. Another application's SQLite file is refused untouched.

        A `postgresql://user@host:port/dbname` URL opens (and on first use creates) the corpus
        in that PostgreSQL database instead; the password comes from the URL, $PGPASSWORD or
        ~/.pgpass.
        """
        if is_postgres_url(path):
            return cls._open_postgres(str(path), create=create, read_only=read_only)
        where = Path(path)
        if (read_only or not create) and not where.exists():
            raise StoreError(
                f"no corpus database at {where}: run `briefgen ingest PATH` first, or name "
                "the database with --db, $BRIEFGEN_DB or `db` in briefgen.toml"
            )
        if read_only:
            return cls._open_read_only(where)
        try:
            conn = db.connect(where)
        except db.ReadOnlyError:
            if create:
                raise
            return cls._open_read_only(where)
        try:
            migrate(conn)
        except StoreError:
            conn.close()
            raise
        return cls(conn, where)

    @classmethod
    def _open_postgres(cls, url: str, *, create: bool, read_only: bool) -> Corpus:
        from briefgen.store.postgres.connection import check_ours, connect

        conn = connect(url)
        try:
            check_ours(conn)
            version = check_version(conn)
            if version == 0 and (read_only or not create):
                raise StoreError(
                    f"no corpus in {without_password(url)} (an empty database): run "
                    "`briefgen ingest PATH` first"
                )
            if not read_only or version < LATEST:
                migrate(conn)
            if read_only:
                conn.execute("SET default_transaction_read_only = on")
        except StoreError:
            conn.close()
            raise
        except db.database_errors() as exc:
            conn.close()
            raise StoreError(
                f"cannot open the corpus database {without_password(url)}: {exc}"
            ) from None
        return cls(conn, url, read_only=read_only)

    @classmethod
    def _open_read_only(cls, where: Path) -> Corpus:
        conn = db.connect_read_only(where)
        try:
            version = check_version(conn)
        except (StoreError, sqlite3.Error) as exc:
            conn.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot open the corpus database {where}: {exc}") from None
        if version == 0:
            conn.close()
            raise StoreError(
                f"no corpus in {where} (an empty database): run `briefgen ingest PATH` first"
            )
        if version < LATEST:
            conn.close()
            # An older corpus is brought up to date when this process may write it.
            upgraded = cls.open(where, create=False)
            if upgraded.read_only:
                upgraded.close()
                raise StoreError(
                    f"the corpus {where} has schema version {version} and is read-only: open "
                    f"it once with write access (`briefgen stats`) to bring it to {LATEST}"
                )
            return upgraded
        return cls(conn, where, read_only=True)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):
            if db.is_read_only_error(exc):
                raise StoreError(
                    f"cannot write the corpus {self.name}: {db.describe(exc)}"
                ) from exc
            raise StoreError(f"corpus database error: {exc}") from exc
        if exc is not None and isinstance(exc, db.database_errors()):
            raise StoreError(f"corpus database error: {without_password(str(exc))}") from exc

    @property
    def is_postgres(self) -> bool:
        """Return True when the corpus is a PostgreSQL database."""
        return db.is_postgres(self._conn)

    @property
    def connection(self) -> db.Connection:
        """Return the connection (autocommit) for read queries and stage-owned tables."""
        return self._conn

    def transaction(self) -> AbstractContextManager[db.Connection]:
        """Return a context manager running its block as one write transaction."""
        return db.transaction(self._conn)

    # --- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        progress: ProgressCallback | None = None,
        cluster: Cluster | None = None,
    ) -> IngestReport:
        """Read every cable under `paths` (files, folders, CSV dumps, `-`) into the corpus.

        Parsing runs on `workers` processes (default: every core), or on the Dask `cluster`
        when given; writing runs here, in transactions of a few hundred cables, so an
        interrupted ingest leaves a consistent database and the same command run again
        finishes the job.
        """
        from briefgen.store.ingest import write_all
        from briefgen.store.parallel import iter_sources, parse_stream

        count = workers if workers is not None else (os.cpu_count() or 1)
        if count < 1:
            raise StoreError(f"invalid number of workers {count}: it must be 1 or more")
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]  # one path, not an iterable of characters
        sources = iter_sources(os.fspath(p) for p in paths)
        if cluster is not None and self.is_postgres:
            # Every worker reaches the server: each writes the batches it parses.
            from briefgen.store.parallel import ingest_on_cluster

            return ingest_on_cluster(str(self.path), sources, cluster, progress)
        return write_all(self._conn, parse_stream(sources, count, cluster), progress)

    def add(
        self, records: Iterable[Cable | Rejection], progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Store cables (and record rejections) already read, exactly as `ingest` would."""
        from briefgen.store.ingest import write_all
        from briefgen.store.prepare import prepare_record

        return write_all(self._conn, map(prepare_record, records), progress)

    # --- reading ---------------------------------------------------------------------------

    def cables(
        self,
        *,
        origin: queries.Values = None,
        tag: queries.Values = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        quarter: queries.Values = None,
        classification: queries.Values = None,
        search: queries.Values = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[CableSummary]:
        """Return the cables matching every filter given: best match first when searching,
        else oldest first. Raises InvalidArgumentError for a bad date, quarter or search.

        A filter given several values (a list) matches any of them: posts, tags,
        classifications, quarters; several searches must all match.
        """
        where = queries.CableFilter(
            origin=origin,
            tag=tag,
            date_from=date_from,
            date_to=date_to,
            quarter=quarter,
            classification=classification,
            search=search,
        )
        return queries.list_cables(self._conn, where, limit, offset)

    def get(self, cable_id: str) -> Cable:
        """Return the full cable record; raise NotFoundError if the corpus does not hold it."""
        return queries.load_cable(self._conn, cable_id, self.name)

    def __contains__(self, cable_id: object) -> bool:
        return isinstance(cable_id, str) and queries.find_rowid(self._conn, cable_id) is not None

    def view(self, cable_id: str) -> CableView:
        """Return a cable with its references resolved and the cables that cite it."""
        return queries.cable_view(self._conn, cable_id, self.name)

    def cited_by(self, cable_id: str) -> list[CableSummary]:
        """Return the cables in the corpus whose references include `cable_id`, oldest first."""
        return queries.cited_by(self._conn, cable_id)

    def stats(self) -> CorpusStats:
        """Return counts by origin, tag, year and classification."""
        return queries.corpus_stats(self._conn)

    def rejections(self) -> list[Rejection]:
        """Return every input recorded as rejected, by path and row."""
        rows = self._conn.execute("SELECT path, row, reason FROM rejections ORDER BY path, row")
        return [Rejection(path, row or None, reason) for path, row, reason in rows]

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM cables").fetchone()[0])

    def iter_cables(self) -> Iterator[Cable]:
        """Yield every cable, oldest first (one at a time, for whole-corpus passes)."""
        ids = [row[0] for row in self._conn.execute("SELECT id FROM cables ORDER BY created, id")]
        for cable_id in ids:
            yield self.get(cable_id)

    # --- for later stages: change tracking and key/value metadata ---------------------------

    def cable_hashes(self) -> dict[str, str]:
        """Return the content hash of every cable by id."""
        return dict(self._conn.execute("SELECT id, content_hash FROM cables"))

    def change_seq(self) -> int:
        """Return the corpus's change counter: it grows by one for every cable added or updated."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'store.change_seq'").fetchone()
        return int(row[0]) if row else 0

    def changed_since(self, seq: int) -> list[str]:
        """Return the ids of cables added or updated after change counter `seq`, in order.

        A stage remembers `change_seq()` after a pass (with `set_meta`) and next time
        processes only `changed_since(that value)`.
        """
        rows = self._conn.execute(
            "SELECT id FROM cables WHERE change_seq > ? ORDER BY change_seq", (seq,)
        )
        return [row[0] for row in rows]

    def get_meta(self, key: str) -> str | None:
        """Return the value stored under `key` in the corpus's meta table, or None."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store `value` under `key` in the meta table (stages should prefix keys: `extract.`)."""
        with self.transaction():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
