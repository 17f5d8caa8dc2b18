"""Opening the corpus: first ingests racing, a read-only corpus, another application's file."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import StoreError
from briefgen.store import SCHEMA_VERSION, Corpus
from tests.store.store_samples import SAMPLE

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "cables"
runner = CliRunner()


def _open_and_add(path: str, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    with Corpus.open(path) as corpus:
        corpus.add(SAMPLE)


def test_first_ingests_racing_on_a_new_database_both_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(5):
        path = tmp_path / f"race{round_}.db"
        start = context.Barrier(4)
        procs = [context.Process(target=_open_and_add, args=(str(path), start)) for _ in range(4)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(60)
        assert [proc.exitcode for proc in procs] == [0, 0, 0, 0]
        with Corpus.open(path) as corpus:
            assert len(corpus) == len({c.id for c in SAMPLE})
            versions = corpus.connection.execute("SELECT version FROM schema_migrations")
            assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """Return another application's SQLite file: one table, its own journal mode."""
    path = tmp_path / "app.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('ada')")
    conn.commit()
    conn.close()
    return path


def _schema(path: Path) -> tuple[list[str], str]:
    conn = sqlite3.connect(path)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master ORDER BY name")]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()
    return names, mode


@pytest.mark.parametrize(
    "command",
    [["stats"], ["cables"], ["show", "09ASTANA1985"], ["entities"], ["ingest", str(SEEDS)]],
)
def test_another_applications_database_is_refused_untouched(
    foreign: Path, command: list[str]
) -> None:
    before = _schema(foreign)
    result = runner.invoke(app, [*command, "--db", str(foreign)])
    assert result.exit_code == 1
    assert "not a briefgen corpus" in result.stderr and "users" in result.stderr
    assert _schema(foreign) == before == (["users"], "delete")


def test_an_empty_file_becomes_a_corpus(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with Corpus.open(empty) as corpus:
        corpus.add(SAMPLE)
        assert len(corpus) > 0


def test_a_newer_schema_is_refused_for_reading_too(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Corpus.open(path) as corpus:
        corpus.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    for read_only in (False, True):
        with pytest.raises(StoreError, match="upgrade briefgen"):
            Corpus.open(path, read_only=read_only)


@pytest.fixture
def read_only_corpus() -> Iterator[Path]:
    """Return a corpus of the seeds in a folder nobody may write (its files read-only too)."""
    folder = Path(tempfile.mkdtemp(prefix="briefgen-ro-"))
    try:
        path = folder / "seeds.db"
        made = runner.invoke(app, ["ingest", "--db", str(path), "--workers", "1", str(SEEDS)])
        assert made.exit_code == 0, made.output
        for item in folder.iterdir():
            item.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        folder.chmod(0o555)
        yield path
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _as_reader(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run briefgen as a process that may not write the corpus (root, which may write
    anything, gives up that power with setpriv)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a read-only file is writable")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
    code = "from briefgen.cli import main; main()"
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFGEN_CONFIG": ""},
        timeout=120,
    )


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_corpus_can_be_queried(read_only_corpus: Path) -> None:
    db = str(read_only_corpus)
    listed = _as_reader(["cables", "--db", db])
    assert listed.returncode == 0, listed.stderr
    assert "09ASTANA1985" in listed.stdout
    for command in (["stats", "--db", db], ["show", "09ASTANA2101", "--db", db]):
        result = _as_reader(command)
        assert result.returncode == 0, (command, result.stderr)
    entity = _as_reader(["entity", "Feminist League", "--db", db])
    assert entity.returncode == 0, entity.stderr
    assert "Feminist League" in entity.stdout
    ingest = _as_reader(["ingest", "--db", db, str(SEEDS)])
    assert ingest.returncode == 1
    assert "read-only" in ingest.stderr and "Traceback" not in ingest.stderr
