"""Extraction's own tables in the corpus database: facts cached by each cable's content hash."""

from __future__ import annotations

import json
import os
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Container, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from briefgen.errors import InvalidArgumentError
from briefgen.extract.records import CableFacts, facts_from_dict
from briefgen.facts.catalog import AliasRow, apply_changes, ensure_names
from briefgen.models import Cable
from briefgen.pool import ordered_map
from briefgen.store import Corpus
from briefgen.store.db import Connection, begin_write, is_postgres
from briefgen.store.db import transaction as db_transaction

if TYPE_CHECKING:
    from briefgen.cluster import Cluster

FACTS_VERSION = 38
"""Raise this when a rule changes: every cable's facts are then computed again."""

META_KEY = "extract.facts_version"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extract_facts (
    cable_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL,
    facts BLOB NOT NULL -- pack_facts(); plain JSON text in databases written before
);
-- One row per entity per cable: what entity lists and rankings count. The mentions themselves
-- (paragraph, span, text) are in the facts; a row per mention cost a third of the database.
DROP TABLE IF EXISTS extract_mentions;
CREATE TABLE IF NOT EXISTS extract_entity_cables (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    cable_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (name, kind, cable_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS extract_entity_cables_cable ON extract_entity_cables (cable_id);
CREATE TABLE IF NOT EXISTS extract_aliases (
    cable_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    acronym TEXT
);
CREATE INDEX IF NOT EXISTS extract_aliases_cable ON extract_aliases (cable_id);
-- Names are looked up in extract_names (see catalog.py); this index only cost space.
DROP INDEX IF EXISTS extract_aliases_alias;
"""

_PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS extract_facts (
    cable_id TEXT COLLATE "C" PRIMARY KEY,
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL,
    facts BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS extract_entity_cables (
    name TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    cable_id TEXT COLLATE "C" NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (name, kind, cable_id)
);
CREATE INDEX IF NOT EXISTS extract_entity_cables_cable ON extract_entity_cables (cable_id);
CREATE TABLE IF NOT EXISTS extract_aliases (
    cable_id TEXT COLLATE "C" NOT NULL,
    alias TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    acronym TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS extract_aliases_cable ON extract_aliases (cable_id)
"""
"""The same tables on a PostgreSQL corpus (byte-order text, as SQLite compares)."""

Extractor = Callable[[Cable], CableFacts]


def extract(cable: Cable) -> CableFacts:
    """Return the facts of one cable by the extraction rules.

    The rules are imported on first use: compiling their patterns costs a tenth of a second
    that a briefing whose cables are all extracted never needs.
    """
    from briefgen.extract.rules import extract as by_rules

    return by_rules(cable)


SEQ_KEY = "extract.change_seq"
"""Meta key `VERSION:SEQ`: every cable up to change counter SEQ is extracted by rules VERSION."""
PARALLEL_BACKLOG = 500
"""Cables to extract from which `update_facts` uses every core by default."""
BATCH = 200
"""Cables written per transaction."""
LAZY_BACKLOG = 5_000
"""Cables left to extract above which `ingest` leaves them for later (about 10 s of work on
two cores) and profiles find their cables by full-text search (see lazy.py) instead."""

Prepared = tuple[str, bytes, list[tuple[Any, ...]], list[AliasRow]]
"""One cable's facts ready to write: id, packed facts, entity rows, alias rows."""


def ensure_tables(conn: Connection) -> None:
    """Create extraction's tables if the database lacks them."""
    if not is_postgres(conn):
        conn.executescript(_SCHEMA)
        ensure_names(conn)
        return
    if conn.execute("SELECT to_regclass('extract_names')").fetchone()[0] is not None:
        return
    # Under the write lock: two first extractions on one server would both create the tables.
    begin_write(conn)
    try:
        conn.executescript(_PG_SCHEMA)
        ensure_names(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def update_facts(
    corpus: Corpus,
    extractor: Extractor = extract,
    *,
    cable_ids: Iterable[str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cluster: Cluster | None = None,
) -> int:
    """Extract the cables that are new, changed or extracted by older rules; return how many.

    With `cable_ids`, only those cables are brought up to date (the lazy path briefings take);
    without, every cable is, and facts of cables no longer in the corpus are dropped. A pass
    over the whole corpus remembers the corpus's change counter, so the next one looks only at
    cables added or changed since (and costs two meta reads when there are none). Extraction
    runs in `workers` processes (the default extractor only); by default in one per core when
    there are at least PARALLEL_BACKLOG cables to do, else here; or on the Dask `cluster`
    when given (any picklable extractor). `progress(done, total)` is called after each batch
    written.
    """
    if workers is not None and workers < 1:
        raise InvalidArgumentError(f"invalid number of workers {workers}: it must be 1 or more")
    conn = corpus.connection
    ensure_tables(conn)
    seq = corpus.change_seq()
    mark = f"{FACTS_VERSION}:{seq}"
    passed = corpus.get_meta(SEQ_KEY)
    if cable_ids is None and passed == mark:
        return 0
    since = _passed_seq(passed)
    gone: list[str] = []
    if cable_ids is not None:
        hashes = _hashes(conn, sorted(set(cable_ids)))
        stored = _stored(conn, list(hashes))
    elif since is not None:
        rows = conn.execute("SELECT id, content_hash FROM cables WHERE change_seq > ?", (since,))
        hashes = dict(rows)
        stored = _stored(conn, list(hashes))
    else:
        hashes = corpus.cable_hashes()
        stored = _stored(conn, None)
        gone = [cid for cid in stored if cid not in hashes]
    todo = [cid for cid in sorted(hashes) if stored.get(cid) != (hashes[cid], FACTS_VERSION)]
    count = workers if workers is not None else (os.cpu_count() or 1)
    if workers is None and len(todo) < PARALLEL_BACKLOG:
        count = 1
    if cluster is not None and corpus.is_postgres:
        # Every worker reaches the server: each extracts and writes its own batches.
        pairs = [(cid, hashes[cid]) for cid in todo]
        _extract_on_cluster(corpus, pairs, extractor, cluster, progress)
        _write(conn, [], stored, gone)
        return _finish(corpus, cable_ids, mark, len(todo))
    batch: list[tuple[Prepared, str]] = []
    done = 0
    for prepared in _extract_all(corpus, todo, extractor, count, cluster):
        batch.append((prepared, hashes[prepared[0]]))
        if len(batch) >= BATCH:
            _write(conn, batch, stored)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, len(todo))
    _write(conn, batch, stored, gone)
    return _finish(corpus, cable_ids, mark, len(todo))


def _finish(corpus: Corpus, cable_ids: Iterable[str] | None, mark: str, done: int) -> int:
    """Record the rules' version and, after a whole-corpus pass, the change counter it saw."""
    if corpus.get_meta(META_KEY) != str(FACTS_VERSION):
        corpus.set_meta(META_KEY, str(FACTS_VERSION))
    if cable_ids is None:
        corpus.set_meta(SEQ_KEY, mark)
    return done


def _extract_on_cluster(
    corpus: Corpus,
    todo: list[tuple[str, str]],
    extractor: Extractor,
    cluster: Cluster,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Extract the cables `todo` (id, content hash) on the cluster's workers, each writing the
    facts of its batches into the corpus (a database every worker reaches).

    A batch's facts are one transaction: a batch whose worker died is rolled back by the
    server and done again by another worker; one done twice replaces its own rows.
    """
    batches = (todo[i : i + CLUSTER_BATCH] for i in range(0, len(todo), CLUSTER_BATCH))
    done = 0
    for written in cluster.map(partial(_extract_and_write, str(corpus.path), extractor), batches):
        done += written
        if progress is not None:
            progress(done, len(todo))


def _extract_and_write(location: str, extractor: Extractor, todo: list[tuple[str, str]]) -> int:
    """Extract a batch of cables and write their facts into the corpus (on a worker)."""
    if not _WORKER_CORPUS or str(_WORKER_CORPUS[0].path) != location:
        _WORKER_CORPUS[:] = [Corpus.open(location, create=False)]
    corpus = _WORKER_CORPUS[0]
    batch = [(prepare_facts(_guarded(extractor, corpus.get(cid))), digest) for cid, digest in todo]
    _write(corpus.connection, batch, ())
    return len(batch)


def backlog(corpus: Corpus) -> int:
    """Return how many cables the last whole-corpus pass did not cover (all, before any)."""
    since = _passed_seq(corpus.get_meta(SEQ_KEY))
    if since is None:
        return len(corpus)
    row = corpus.connection.execute("SELECT count(*) FROM cables WHERE change_seq > ?", (since,))
    return int(row.fetchone()[0])


def backlog_is_large(corpus: Corpus) -> bool:
    """Return True when more than LAZY_BACKLOG cables await the whole-corpus pass."""
    return backlog(corpus) > LAZY_BACKLOG


def _passed_seq(value: str | None) -> int | None:
    # A pass by older rules does not count: every cable must then be looked at again.
    version, _, seq = (value or "").partition(":")
    return int(seq) if version == str(FACTS_VERSION) and seq.isdigit() else None


def _hashes(conn: Connection, ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT id, content_hash FROM cables WHERE id IN ({marks})", chunk)
        )
    return found


def _stored(conn: Connection, ids: list[str] | None) -> dict[str, tuple[str, int]]:
    sql = "SELECT cable_id, content_hash, version FROM extract_facts"
    if ids is None:
        return {row[0]: (row[1], row[2]) for row in conn.execute(sql)}
    found: dict[str, tuple[str, int]] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"{sql} WHERE cable_id IN ({marks})", chunk):
            found[row[0]] = (row[1], row[2])
    return found


def prepare_facts(facts: CableFacts) -> Prepared:
    """Return one cable's facts as the rows `update_facts` writes (done in the workers)."""
    counts = Counter((m.name, m.kind) for m in facts.mentions)
    entities = [(name, kind, facts.cable_id, n) for (name, kind), n in counts.items()]
    # One row per alias of an entity: the names table counts cables, not repeats.
    aliases: dict[tuple[str, str, str], str | None] = {}
    for e in facts.entities:
        for alias in (e.name, *e.aliases):
            aliases[(alias, e.name, e.kind)] = aliases.get((alias, e.name, e.kind)) or e.acronym
    rows = [(alias, name, kind, acronym) for (alias, name, kind), acronym in aliases.items()]
    return facts.cable_id, pack_facts(facts), entities, rows


def pack_facts(facts: CableFacts) -> bytes:
    """Return facts as stored: compact JSON, zlib-compressed (a sixth of the size, and 2%
    of extraction's time)."""
    text = json.dumps(facts.as_dict(), separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_facts(stored: str | bytes) -> CableFacts:
    """Return facts as `pack_facts` stored them (or as plain JSON text, as first stored)."""
    text = zlib.decompress(stored).decode("utf-8") if isinstance(stored, bytes) else stored
    return facts_from_dict(json.loads(text))


def _guarded(extractor: Extractor, cable: Cable) -> CableFacts:
    """Extract one cable; a rule that breaks on an odd cable leaves it without facts.

    One unexpected text among hundreds of thousands must not stop an ingest or a briefing:
    the cable stays in the corpus, searchable, and simply contributes no extracted facts.
    """
    try:
        return extractor(cable)
    except Exception:
        return CableFacts(cable_id=cable.id)


CLUSTER_BATCH = 128
"""Cables sent to a cluster worker at a time (one Dask task, one or two seconds of extraction):
a task costs the client and scheduler milliseconds (32 cables a task: a fifth more CPU here)."""


def _extract_all(
    corpus: Corpus, todo: list[str], extractor: Extractor, workers: int, cluster: Cluster | None
) -> Iterator[Prepared]:
    if cluster is not None:
        # A cluster's workers may not reach this corpus (a SQLite file is this machine's):
        # they are sent the cables (loading one here costs a hundredth of extracting it).
        cables = map(corpus.get, todo)
        yield from cluster.map(partial(_prepare, extractor), cables, chunk=CLUSTER_BATCH)
        return
    if workers <= 1 or extractor is not extract or len(todo) < 64:
        yield from (prepare_facts(_guarded(extractor, corpus.get(cable_id))) for cable_id in todo)
        return
    # Workers read the cables themselves (loading a cable costs about as much as extracting
    # it) and turn facts into rows, so the main process only writes.
    yield from ordered_map(
        _extract_id, todo, workers, chunk=32, initializer=_open_worker, initargs=(str(corpus.path),)
    )


_WORKER_CORPUS: list[Corpus] = []


def _open_worker(path: str) -> None:
    _WORKER_CORPUS.append(Corpus.open(path, create=False))


def _extract_id(cable_id: str) -> Prepared:
    return prepare_facts(_guarded(extract, _WORKER_CORPUS[0].get(cable_id)))


def _prepare(extractor: Extractor, cable: Cable) -> Prepared:
    return prepare_facts(_guarded(extractor, cable))


def _write(
    conn: Connection,
    batch: list[tuple[Prepared, str]],
    stored: Container[str],
    gone: Iterable[str] = (),
) -> None:
    if not batch and not gone:
        return
    with db_transaction(conn):
        # Only cables extracted before have rows to delete; new ones skip the DELETEs. "Before"
        # includes another process extracting the same cables meanwhile (two lazy commands).
        new = [p[0] for p, _ in batch if p[0] not in stored]
        marks = ",".join("?" * len(new))
        sql = f"SELECT cable_id FROM extract_facts WHERE cable_id IN ({marks})"
        raced = {row[0] for row in conn.execute(sql, new)} if new else set()
        ids = [(p[0],) for p, _ in batch if p[0] in stored or p[0] in raced]
        ids += [(cid,) for cid in gone]
        removed: list[AliasRow] = []
        for first in range(0, len(ids), 500):
            chunk = [cid for (cid,) in ids[first : first + 500]]
            marks = ",".join("?" * len(chunk))
            removed.extend(
                conn.execute(
                    "SELECT alias, name, kind, max(acronym) FROM extract_aliases "
                    f"WHERE cable_id IN ({marks}) GROUP BY cable_id, alias, name, kind",
                    chunk,
                ).fetchall()
            )
        for table in ("extract_facts", "extract_entity_cables", "extract_aliases"):
            conn.executemany(f"DELETE FROM {table} WHERE cable_id = ?", ids)
        conn.executemany(
            "INSERT INTO extract_facts VALUES (?, ?, ?, ?)",
            [(p[0], content_hash, FACTS_VERSION, p[1]) for p, content_hash in batch],
        )
        conn.executemany(
            "INSERT INTO extract_entity_cables VALUES (?, ?, ?, ?)",
            [row for p, _ in batch for row in p[2]],
        )
        conn.executemany(
            "INSERT INTO extract_aliases VALUES (?, ?, ?, ?, ?)",
            [(p[0], *row) for p, _ in batch for row in p[3]],
        )
        added = [row for p, _ in batch for row in p[3]]
        apply_changes(conn, removed, added)


CACHE_SIZE = 256
"""Unpacked facts kept per process: a briefing asks for the same cables more than once."""
_CACHE: OrderedDict[tuple[str, str, str, int], CableFacts] = OrderedDict()


def stored_facts(corpus: Corpus, cable_ids: Iterable[str]) -> list[CableFacts]:
    """Return the stored facts of these cables, in the order given; reads only.

    Cables not extracted by the current rules, or changed since, are left out.
    """
    ids = list(cable_ids)
    found = _read(corpus, ids)
    return [found[cid] for cid in ids if cid in found]


def facts_for(corpus: Corpus, cable_ids: Iterable[str]) -> list[CableFacts]:
    """Return the facts of these cables (extracting and keeping any not yet done), in the order
    given: the lazy path of a corpus whose whole-corpus pass is left for later."""
    ids = list(cable_ids)
    found = _read(corpus, ids)
    missing = [cid for cid in ids if cid not in found]
    if missing:
        update_facts(corpus, cable_ids=missing)
        for cable_id in missing:
            row = corpus.connection.execute(
                "SELECT facts FROM extract_facts WHERE cable_id = ?", (cable_id,)
            ).fetchone()
            if row is not None:
                found[cable_id] = unpack_facts(row[0])
    return [found[cid] for cid in ids if cid in found]


def _read(corpus: Corpus, ids: list[str]) -> dict[str, CableFacts]:
    """Return the stored facts of the current rules and content among `ids`, by id."""
    conn = corpus.connection
    ensure_tables(conn)
    found: dict[str, CableFacts] = {}
    path = str(corpus.path)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        # Only facts of the cable's current content count: a cable ingested again with
        # other text is extracted again.
        rows = conn.execute(
            "SELECT f.cable_id, f.content_hash FROM extract_facts AS f "
            "JOIN cables AS c ON c.id = f.cable_id AND c.content_hash = f.content_hash "
            f"WHERE f.cable_id IN ({marks}) AND f.version = ?",
            [*chunk, FACTS_VERSION],
        )
        keys = {cid: (path, cid, content_hash, FACTS_VERSION) for cid, content_hash in rows}
        for cid, key in keys.items():
            if key in _CACHE:
                _CACHE.move_to_end(key)
                found[cid] = _CACHE[key]
        unpack = [cid for cid in keys if cid not in found]
        if unpack:
            marks = ",".join("?" * len(unpack))
            sql = f"SELECT cable_id, facts FROM extract_facts WHERE cable_id IN ({marks})"
            for cid, blob in conn.execute(sql, unpack):
                found[cid] = _remember(keys[cid], unpack_facts(blob))
    return found


def _remember(key: tuple[str, str, str, int], facts: CableFacts) -> CableFacts:
    _CACHE[key] = facts
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return facts
