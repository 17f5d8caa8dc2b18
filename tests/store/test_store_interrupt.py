"""An ingest killed part way (SIGKILL) leaves a sound database that a rerun completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_samples import write_csv

from briefgen.store import Corpus

CABLES = 6000


def committed(db: Path) -> int:
    """Return how many cables a reader sees committed (0 before the schema exists)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute("SELECT count(*) FROM cables").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


# The store's ingest alone, as `briefgen ingest` runs it before extracting facts.
INGEST = """
import sys
from briefgen.store import Corpus
with Corpus.open(sys.argv[1]) as corpus:
    print(corpus.ingest([sys.argv[2]], workers=2).summary_line())
"""


def ingest_command(db: Path, csv: Path) -> list[str]:
    return [sys.executable, "-c", INGEST, str(db), str(csv)]


def test_sigkill_mid_ingest_leaves_a_sound_database_and_a_rerun_finishes(tmp_path: Path) -> None:
    csv = write_csv(tmp_path / "dump.csv", CABLES)
    db = tmp_path / "corpus.db"
    # A session of its own, so the kill reaches the parser processes too.
    process = subprocess.Popen(
        ingest_command(db, csv),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while committed(db) < 1000 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed; raise CABLES"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO cables_fts (cables_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()
    with Corpus.open(db) as corpus:
        before = len(corpus)
        assert 1000 <= before < CABLES
        assert corpus.stats().paragraphs == before * 5

    rerun = subprocess.run(ingest_command(db, csv), capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    added = CABLES - before
    assert rerun.stdout == f"{added} added, 0 updated, {before} unchanged, 0 rejected\n"
    with Corpus.open(db) as corpus:
        assert len(corpus) == CABLES
        assert corpus.stats().paragraphs == CABLES * 5
        assert len(corpus.cables(search="Kokshetau", limit=None)) == CABLES
        assert corpus.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
