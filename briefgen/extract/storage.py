"""Extraction's own tables in the corpus database: facts cached by each cable's content hash."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Container, Iterable, Iterator

from briefgen.extract.records import CableFacts, facts_from_dict
from briefgen.extract.rules import extract
from briefgen.models import Cable
from briefgen.store import Corpus

FACTS_VERSION = 3
"""Raise this when a rule changes: every cable's facts are then computed again."""

META_KEY = "extract.facts_version"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extract_facts (
    cable_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL,
    facts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS extract_mentions (
    cable_id TEXT NOT NULL,
    paragraph INTEGER,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS extract_mentions_name ON extract_mentions (name, kind);
CREATE INDEX IF NOT EXISTS extract_mentions_cable ON extract_mentions (cable_id);
CREATE TABLE IF NOT EXISTS extract_aliases (
    cable_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    acronym TEXT
);
CREATE INDEX IF NOT EXISTS extract_aliases_cable ON extract_aliases (cable_id);
CREATE INDEX IF NOT EXISTS extract_aliases_alias ON extract_aliases (alias COLLATE NOCASE);
"""

Extractor = Callable[[Cable], CableFacts]


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create extraction's tables if the database lacks them."""
    conn.executescript(_SCHEMA)


def update_facts(
    corpus: Corpus,
    extractor: Extractor = extract,
    *,
    cable_ids: Iterable[str] | None = None,
    workers: int = 1,
) -> int:
    """Extract the cables that are new, changed or extracted by older rules; return how many.

    With `cable_ids`, only those cables are brought up to date (the lazy path briefings take);
    without, every cable is, and facts of cables no longer in the corpus are dropped. With
    `workers` above 1, extraction runs in that many processes (the default extractor only).
    """
    conn = corpus.connection
    ensure_tables(conn)
    hashes = corpus.cable_hashes()
    stored = {
        row[0]: (row[1], row[2])
        for row in conn.execute("SELECT cable_id, content_hash, version FROM extract_facts")
    }
    wanted = sorted(hashes) if cable_ids is None else sorted(set(cable_ids) & hashes.keys())
    todo = [cid for cid in wanted if stored.get(cid) != (hashes[cid], FACTS_VERSION)]
    gone = [cid for cid in stored if cid not in hashes] if cable_ids is None else []
    batch: list[tuple[CableFacts, str]] = []
    for facts in _extract_all(corpus, todo, extractor, workers):
        batch.append((facts, hashes[facts.cable_id]))
        if len(batch) >= 200:
            _write(corpus, batch, stored)
            batch = []
    _write(corpus, batch, stored, gone)
    if corpus.get_meta(META_KEY) != str(FACTS_VERSION):
        corpus.set_meta(META_KEY, str(FACTS_VERSION))
    return len(todo)


def _extract_all(
    corpus: Corpus, todo: list[str], extractor: Extractor, workers: int
) -> Iterator[CableFacts]:
    if workers <= 1 or extractor is not extract or len(todo) < 64:
        yield from (extractor(corpus.get(cable_id)) for cable_id in todo)
        return
    from concurrent.futures import ProcessPoolExecutor

    # Workers read the cables themselves (loading a cable costs about as much as extracting
    # it), so the main process only writes. Slices keep memory flat on a large backlog.
    chunks = [todo[first : first + 32] for first in range(0, len(todo), 32)]
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_open_worker, initargs=(str(corpus.path),)
    ) as pool:
        for first in range(0, len(chunks), 64):
            for facts in pool.map(_extract_ids, chunks[first : first + 64]):
                yield from facts


_WORKER_CORPUS: list[Corpus] = []


def _open_worker(path: str) -> None:
    _WORKER_CORPUS.append(Corpus.open(path, create=False))


def _extract_ids(cable_ids: list[str]) -> list[CableFacts]:
    corpus = _WORKER_CORPUS[0]
    return [extract(corpus.get(cable_id)) for cable_id in cable_ids]


def _write(
    corpus: Corpus,
    batch: list[tuple[CableFacts, str]],
    stored: Container[str],
    gone: Iterable[str] = (),
) -> None:
    # Only cables extracted before have rows to delete; new ones skip three DELETEs each.
    ids = [(f.cable_id,) for f, _ in batch if f.cable_id in stored] + [(cid,) for cid in gone]
    with corpus.transaction() as conn:
        for table in ("extract_facts", "extract_mentions", "extract_aliases"):
            conn.executemany(f"DELETE FROM {table} WHERE cable_id = ?", ids)
        for facts, content_hash in batch:
            conn.execute(
                "INSERT INTO extract_facts VALUES (?, ?, ?, ?)",
                (facts.cable_id, content_hash, FACTS_VERSION, json.dumps(facts.as_dict())),
            )
            conn.executemany(
                "INSERT INTO extract_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (m.cable_id, m.paragraph, m.kind, m.name, m.text, m.start, m.end)
                    for m in facts.mentions
                ],
            )
            conn.executemany(
                "INSERT INTO extract_aliases VALUES (?, ?, ?, ?, ?)",
                [
                    (facts.cable_id, alias, e.name, e.kind, e.acronym)
                    for e in facts.entities
                    for alias in (e.name, *e.aliases)
                ],
            )


def facts_for(corpus: Corpus, cable_ids: Iterable[str]) -> list[CableFacts]:
    """Return the stored facts of these cables (extracting any not yet done), in the order given."""
    ids = list(cable_ids)
    conn = corpus.connection
    ensure_tables(conn)
    found: dict[str, CableFacts] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        # Only facts of the cable's current content count: a cable ingested again with
        # other text is extracted again.
        rows = conn.execute(
            "SELECT f.cable_id, f.facts, f.version FROM extract_facts AS f "
            "JOIN cables AS c ON c.id = f.cable_id AND c.content_hash = f.content_hash "
            f"WHERE f.cable_id IN ({marks})",
            chunk,
        )
        for cable_id, blob, version in rows:
            if version == FACTS_VERSION:
                found[cable_id] = facts_from_dict(json.loads(blob))
    missing = [cid for cid in ids if cid not in found]
    if missing:
        update_facts(corpus, cable_ids=missing)
        for cable_id in missing:
            row = conn.execute(
                "SELECT facts FROM extract_facts WHERE cable_id = ?", (cable_id,)
            ).fetchone()
            if row is not None:
                found[cable_id] = facts_from_dict(json.loads(row[0]))
    return [found[cid] for cid in ids if cid in found]
