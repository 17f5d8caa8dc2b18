"""Ingest and extraction on a real Dask LocalCluster: the same cables and facts as a run on this
process, in the same order, with nothing lost or doubled when a worker dies mid-run."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import briefgen
from briefgen.cluster import Cluster, ClusterError
from briefgen.config import load_settings
from briefgen.errors import ConfigError
from briefgen.extract import CableFacts
from briefgen.facts import store as storage
from briefgen.facts.store import extract, pack_facts, stored_facts, update_facts
from briefgen.models import Cable
from briefgen.store import Corpus, parallel
from briefgen.store import ingest as writer

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "cables"
FORMATS = ROOT / "tests" / "fixtures" / "read" / "formats"
COPIES = 12
"""Copies of each seed cable, under new ids: enough batches to lose some to a dead worker."""


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """Return a LocalCluster of two worker processes, shared by the tests of this module."""
    with Cluster.connect("local", workers=2) as started:
        yield started


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Return a folder of cable files (the seeds under many ids) and the format fixtures
    (a CSV with a broken row, JSON Lines, HTML pages): cables and rejections mixed."""
    folder = tmp_path_factory.mktemp("cables")
    for index, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        number = seed.stem.removeprefix("09ASTANA")  # the id is read from the text's numbers
        for copy in range(COPIES):
            other = str(3000 + 100 * copy + index)
            (folder / f"09ASTANA{other}.txt").write_text(text.replace(number, other), "utf-8")
    return [str(folder), str(FORMATS)]


@pytest.fixture(scope="module")
def plain(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Return the contents of a corpus ingested and extracted in this process, no cluster."""
    path = tmp_path_factory.mktemp("plain") / "plain.db"
    with Corpus.open(path) as corpus:
        report = corpus.ingest(inputs, workers=1)
        update_facts(corpus, workers=1)
    return {"report": report, **contents(path)}


def contents(path: Path) -> dict[str, Any]:
    """Return what a run leaves in a corpus: cables in the order written (rowids), their
    content hashes, rejections, and every row of extraction's tables."""
    conn = sqlite3.connect(path)
    try:
        found = {
            "cables": conn.execute("SELECT rowid, id, content_hash FROM cables").fetchall(),
            "rejections": conn.execute("SELECT path, row, reason FROM rejections").fetchall(),
        }
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'extract_facts'").fetchone():
            found["facts"] = conn.execute(
                "SELECT cable_id, content_hash, version, facts FROM extract_facts ORDER BY 1"
            ).fetchall()
            found["entities"] = conn.execute(
                "SELECT * FROM extract_entity_cables ORDER BY 1, 2, 3"
            ).fetchall()
            aliases = conn.execute("SELECT * FROM extract_aliases").fetchall()
            found["aliases"] = sorted(aliases, key=repr)
        return found
    finally:
        conn.close()


def test_a_cluster_run_stores_what_a_plain_run_stores(
    cluster: Cluster, inputs: list[str], plain: dict[str, Any], tmp_path: Path
) -> None:
    with Corpus.open(tmp_path / "cluster.db") as corpus:
        report = corpus.ingest(inputs, cluster=cluster)
        assert update_facts(corpus, cluster=cluster) == len(corpus)
    found = contents(tmp_path / "cluster.db")
    assert report == plain["report"]
    assert len(found["cables"]) == 3 * COPIES + 7  # and the format fixtures' 7
    assert found["rejections"]  # the broken CSV row, as the plain run
    assert len(found["facts"]) == len(found["cables"])
    assert found["entities"]
    for table in ("cables", "rejections", "facts", "entities", "aliases"):
        assert found[table] == plain[table], table


def test_a_cluster_run_on_postgresql_stores_what_a_plain_run_stores(
    cluster: Cluster, inputs: list[str], plain: dict[str, Any], pg_url: str
) -> None:
    # The workers write what they parse and extract into the database themselves.
    with Corpus.open(pg_url) as corpus:
        report = corpus.ingest(inputs, cluster=cluster)
        assert update_facts(corpus, cluster=cluster) == len(corpus)
        hashes = corpus.cable_hashes()
        facts = stored_facts(corpus, sorted(hashes))
    assert report == plain["report"]
    assert sorted(hashes.items()) == sorted((cid, digest) for _, cid, digest in plain["cables"])
    assert [pack_facts(f) for f in facts] == [row[3] for row in plain["facts"]]


def test_results_come_back_in_input_order_from_small_batches(cluster: Cluster) -> None:
    squares = cluster.map(_slow_square, range(50), chunk=3)
    assert list(squares) == [n * n for n in range(50)]
    assert list(cluster.map(_slow_square, [], chunk=3)) == []


def test_an_error_of_the_function_reaches_the_caller(cluster: Cluster) -> None:
    with pytest.raises(ZeroDivisionError):
        list(cluster.map(_inverse, [2, 1, 0, 4], chunk=1))


def test_a_worker_killed_mid_extraction_loses_and_doubles_nothing(
    cluster: Cluster,
    inputs: list[str],
    plain: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage, "CLUSTER_BATCH", 4)  # batches in flight on both workers
    marker = tmp_path / "killed"
    victim = "09ASTANA3501"  # a copy of a seed cable, extracted in the middle of the run
    with Corpus.open(tmp_path / "killed.db") as corpus:
        corpus.ingest(inputs, workers=1)
        dies_once = partial(_dies_once_on, victim, str(marker))
        assert update_facts(corpus, dies_once, cluster=cluster) == len(corpus)
    assert marker.exists(), "no worker was killed"
    found = contents(tmp_path / "killed.db")
    for table in ("facts", "entities", "aliases"):
        assert found[table] == plain[table], table


def test_a_worker_killed_while_writing_to_postgresql_loses_and_doubles_nothing(
    cluster: Cluster,
    inputs: list[str],
    plain: dict[str, Any],
    tmp_path: Path,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # On PostgreSQL the workers write: the one killed dies inside its batch's work.
    monkeypatch.setattr(storage, "CLUSTER_BATCH", 4)
    marker = tmp_path / "killed"
    with Corpus.open(pg_url) as corpus:
        corpus.ingest(inputs, cluster=cluster)
        dies_once = partial(_dies_once_on, "09ASTANA3501", str(marker))
        assert update_facts(corpus, dies_once, cluster=cluster) == len(corpus)
        hashes = corpus.cable_hashes()
        facts = stored_facts(corpus, sorted(hashes))
        rows, ids = corpus.connection.execute(
            "SELECT count(*), count(DISTINCT cable_id) FROM extract_facts"
        ).fetchone()
    assert marker.exists(), "no worker was killed"
    assert rows == ids == len(hashes)
    assert [pack_facts(f) for f in facts] == [row[3] for row in plain["facts"]]


def test_a_worker_killed_mid_ingest_loses_and_doubles_nothing(
    cluster: Cluster,
    inputs: list[str],
    plain: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One source per task and a transaction every four cables: the kill, after the first
    # transaction, finds batches in flight on the worker and results waiting on it.
    monkeypatch.setattr(parallel, "CLUSTER_BLOCK", 1)
    monkeypatch.setattr(writer, "BATCH", 4)
    before = cluster.client.run(os.getpid)
    killed: list[int] = []

    def kill_a_worker(_counts: object) -> None:
        if not killed:
            killed.append(min(before.values()))
            os.kill(killed[0], signal.SIGKILL)

    with Corpus.open(tmp_path / "killed.db") as corpus:
        report = corpus.ingest(inputs, cluster=cluster, progress=kill_a_worker)
    assert report == plain["report"]
    found = contents(tmp_path / "killed.db")
    assert found["cables"] == plain["cables"]
    assert found["rejections"] == plain["rejections"]
    cluster.client.wait_for_workers(2, timeout=60)
    assert killed[0] not in cluster.client.run(os.getpid).values()


def test_a_bad_address_is_a_cluster_error_at_once() -> None:
    with pytest.raises(ClusterError, match=r"^cannot reach the Dask scheduler at 127\.0\.0\.1:1: "):
        Cluster.connect("127.0.0.1:1")
    with pytest.raises(ClusterError, match="missing port"):
        Cluster.connect("tcp://localhost")


def test_without_distributed_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError, match=re.escape("pip install 'briefgen[cluster]'")):
        Cluster.connect("local")


def test_the_cluster_comes_from_the_option_the_environment_or_the_file(tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text('cluster = "tcp://desk:8786"\n', "utf-8")
    user = tmp_path / "user"
    assert load_settings(tmp_path, {}, {}, user_config_dir=user).cluster == "tcp://desk:8786"
    env = {"BRIEFGEN_CLUSTER": "local"}
    assert load_settings(tmp_path, env, {}, user_config_dir=user).cluster == "local"
    given = {"cluster": "tcp://other:8786"}
    assert load_settings(tmp_path, env, given, user_config_dir=user).cluster == given["cluster"]
    with pytest.raises(ConfigError, match="BRIEFGEN_CLUSTER"):
        load_settings(tmp_path, {"BRIEFGEN_CLUSTER": "tcp://a b"}, {}, user_config_dir=user)


# --- the command line, in real processes -----------------------------------------------------


def run_briefgen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m briefgen ARGS` and return what it did."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_ingest_and_extract_on_a_running_scheduler(
    cluster: Cluster, inputs: list[str], plain: dict[str, Any], tmp_path: Path
) -> None:
    db = str(tmp_path / "cli.db")
    done = run_briefgen("ingest", *inputs, "--db", db, "--no-extract", "--cluster", cluster.address)
    assert done.stdout == plain["report"].summary_line() + "\n"
    assert done.returncode == 1  # the broken CSV row is rejected
    extracted = run_briefgen("extract", "--db", db, env={"BRIEFGEN_CLUSTER": cluster.address})
    assert (extracted.returncode, extracted.stderr) == (0, "")
    assert extracted.stdout == f"{len(plain['cables'])} cables extracted\n"
    found = contents(Path(db))
    for table in ("cables", "facts", "entities", "aliases"):
        assert found[table] == plain[table], table


def test_ingest_on_a_local_cluster_started_for_the_command(tmp_path: Path) -> None:
    db = str(tmp_path / "local.db")
    done = run_briefgen("ingest", str(SEEDS), "--db", db, "--cluster", "local", "--workers", "1")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "3 added, 0 updated, 0 unchanged, 0 rejected\n"
    with Corpus.open(db) as corpus:
        assert update_facts(corpus) == 0  # extracted by the same command, on the cluster


def test_a_bad_address_is_one_line_and_a_failure(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    done = run_briefgen("ingest", str(SEEDS), "--db", db, "--cluster", "tcp://127.0.0.1:1")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "briefgen: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1: "
    )
    assert done.stderr.count("\n") == 1, done.stderr


# --- run on the workers (module-level: they are pickled by reference) -------------------------


def _slow_square(n: int) -> int:
    import time

    time.sleep(0.001 * (10 - n % 10))  # early items finish last
    return n * n


def _inverse(n: int) -> float:
    return 1 / n


def _dies_once_on(victim: str, marker: str, cable: Cable) -> CableFacts:
    """Extract `cable`; the first worker to meet `victim` is killed, as `kill -9` would."""
    if cable.id == victim and not os.path.exists(marker):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return extract(cable)


def test_workers_of_another_briefgen_are_refused(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefgen, "__version__", "0.0.1")
    with pytest.raises(ClusterError, match=r"runs briefgen \S+, this is 0\.0\.1"):
        Cluster.connect(cluster.address)
