"""The names table: each alias once, with the entity it names and how many cables use it.

`extract_aliases` holds one row per alias per cable (millions on a full Cablegate corpus);
`extract_names` folds them into one row per (alias, entity), kept up to date batch by batch
as facts are written, so that looking a name up never scans every cable's aliases.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from briefgen.store.db import Connection, is_postgres

NAMES_SCHEMA = """
CREATE TABLE IF NOT EXISTS extract_names (
    alias TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    acronym TEXT,
    cables INTEGER NOT NULL,
    PRIMARY KEY (alias, name, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS extract_names_key ON extract_names (key, kind);
CREATE INDEX IF NOT EXISTS extract_names_entity ON extract_names (name, kind);
"""
PG_NAMES_SCHEMA = """
CREATE TABLE IF NOT EXISTS extract_names (
    alias TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    acronym TEXT COLLATE "C",
    cables INTEGER NOT NULL,
    PRIMARY KEY (alias, name, kind)
);
CREATE INDEX IF NOT EXISTS extract_names_key ON extract_names (key, kind);
CREATE INDEX IF NOT EXISTS extract_names_entity ON extract_names (name, kind)
"""
"""The same table on a PostgreSQL corpus (whose tables are all made at once: no backfill)."""

STAMP_KEY = "extract.names_stamp"
"""Meta key counting writes to the names table: cached name lists are stale when it moves."""

AliasRow = tuple[str, str, str, str | None]
"""(alias, canonical name, kind, acronym) of one entity in one cable."""

_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def name_key(name: str) -> str:
    """Return the lookup key of a name: case, spacing, a leading article and `NGO` dropped."""
    return _ARTICLE_RE.sub("", " ".join(name.split())).lower().removesuffix(" ngo")


def ensure_names(conn: Connection) -> None:
    """Create the names table if missing, filling it from `extract_aliases` when that exists.

    Databases extracted before the table existed get it here once, without extracting again.
    A PostgreSQL corpus gets it with the other tables, inside their transaction.
    """
    if is_postgres(conn):
        conn.executescript(PG_NAMES_SCHEMA)
        return
    assert isinstance(conn, sqlite3.Connection)
    if "extract_names" in _tables(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have made the table while this one waited for the lock.
        tables = _tables(conn)
        if "extract_names" not in tables:
            for statement in NAMES_SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
        if "extract_names" not in tables and "extract_aliases" in tables:
            conn.create_function("briefgen_name_key", 1, name_key, deterministic=True)
            conn.execute(
                "INSERT INTO extract_names (alias, key, name, kind, acronym, cables) "
                "SELECT alias, briefgen_name_key(alias), name, kind, max(acronym), "
                "count(DISTINCT cable_id) FROM extract_aliases GROUP BY alias, name, kind"
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name IN ('extract_names', 'extract_aliases')"
    )
    return {row[0] for row in rows}


def apply_changes(conn: Connection, removed: Iterable[AliasRow], added: Iterable[AliasRow]) -> None:
    """Count aliases of cables written (`added`) and take away those of replaced cables.

    Each row stands for one cable using one alias of one entity; call this inside the write
    transaction that changes `extract_aliases`.
    """
    delta: Counter[tuple[str, str, str]] = Counter()
    acronyms: dict[tuple[str, str, str], str | None] = {}
    for alias, name, kind, _acronym in removed:
        delta[(alias, name, kind)] -= 1
    for alias, name, kind, acronym in added:
        delta[(alias, name, kind)] += 1
        acronyms[(alias, name, kind)] = acronyms.get((alias, name, kind)) or acronym
    rows = [
        (alias, name_key(alias), name, kind, acronyms.get((alias, name, kind)), change)
        for (alias, name, kind), change in delta.items()
        if change
    ]
    conn.executemany(
        "INSERT INTO extract_names (alias, key, name, kind, acronym, cables) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alias, name, kind) DO UPDATE SET "
        "cables = extract_names.cables + excluded.cables, "
        "acronym = coalesce(extract_names.acronym, excluded.acronym)",
        rows,
    )
    conn.executemany(
        "DELETE FROM extract_names WHERE alias = ? AND name = ? AND kind = ? AND cables <= 0",
        [(alias, name, kind) for alias, _key, name, kind, _acr, change in rows if change < 0],
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)",
        (STAMP_KEY,),
    )


def entities_named(
    conn: Connection, keys: Iterable[str], kind: str | None
) -> dict[str, dict[tuple[str, str], int]]:
    """Return the (name, kind) pairs each lookup key stands for, with the number of cables
    using the key for each (only keys found appear)."""
    found: dict[str, dict[tuple[str, str], int]] = {}
    for key in dict.fromkeys(keys):
        sql = "SELECT name, kind, max(cables) FROM extract_names WHERE key = ?"
        params: tuple[str, ...] = (key,)
        if kind is not None:
            sql += " AND kind = ?"
            params = (key, kind)
        for name, ekind, cables in conn.execute(sql + " GROUP BY name, kind", params):
            found.setdefault(key, {})[(name, ekind)] = int(cables)
    return found


_KEYS: dict[tuple[str, str | None], tuple[tuple[str | None, int], list[str]]] = {}


def all_keys(conn: Connection, path: Path | str, kind: str | None) -> list[str]:
    """Return every distinct lookup key (of one kind), cached per process until names change."""
    stamp_row = conn.execute("SELECT value FROM meta WHERE key = ?", (STAMP_KEY,)).fetchone()
    count_row = conn.execute("SELECT count(*) FROM extract_names").fetchone()
    stamp = (None if stamp_row is None else str(stamp_row[0]), int(count_row[0]))
    slot = (str(path.resolve()) if isinstance(path, Path) else path, kind)
    cached = _KEYS.get(slot)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    if kind is None:
        rows = conn.execute("SELECT DISTINCT key FROM extract_names")
    else:
        rows = conn.execute("SELECT DISTINCT key FROM extract_names WHERE kind = ?", (kind,))
    keys = [row[0] for row in rows]
    _KEYS[slot] = (stamp, keys)
    return keys
