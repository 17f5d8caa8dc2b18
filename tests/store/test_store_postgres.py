"""A corpus on a real PostgreSQL server: every command through a URL, credentials never shown,
the same search results and byte-identical briefings as SQLite, and a team at work at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import InvalidArgumentError, StoreError
from briefgen.pipeline import BriefingRequest, ingest, make_briefing
from briefgen.store import Corpus
from briefgen.store.postgres.search import translate

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "cables"
PROGRAMS = Path(__file__).resolve().parents[1] / "fixtures" / "program"
runner = CliRunner()

README_QUERIES = (
    "shelter AND Kokshetau",
    "shelter",
    '"Feminist League"',
    "traffick*",
    "shelter OR campaign",
    "trafficking NOT Kokshetau",
    "(police OR judges) AND training",
    "Kokshetau",
    '"information campaign"',
)
"""The README's example searches and the operators it lists: AND, OR, NOT, phrases, prefixes."""


def test_every_command_runs_on_a_postgresql_url(pg_url: str, tmp_path: Path) -> None:
    made = runner.invoke(app, ["ingest", "--workers", "1", "--db", pg_url, str(SEEDS)])
    assert made.exit_code == 0, made.output
    for command in (
        ["cables", "--search", "shelter AND Kokshetau"],
        ["show", "09ASTANA1985"],
        ["stats", "--json"],
        ["extract", "--workers", "1"],
        ["entities", "--kind", "org"],
        ["entity", "Feminist League"],
        ["ngo", "Feminist League", "--pdf", "--out", str(tmp_path)],
    ):
        result = runner.invoke(app, [*command, "--db", pg_url])
        assert result.exit_code == 0, (command, result.output)
    stats = runner.invoke(app, ["stats", "--json"], env={"BRIEFGEN_DB": pg_url})
    assert json.loads(stats.stdout)["cables"] == 3


def test_a_password_is_never_shown(pg_url: str) -> None:
    secret = pg_url.replace("://briefgen@", "://briefgen:hunter2@")
    shown = runner.invoke(app, ["config", "show", "--json", "--db", secret])
    assert "hunter2" not in shown.output and "briefgen:********@" in shown.output
    # A server that refuses: one line naming the URL without its password.
    refused = re.sub(r"@[^/]+/", "@127.0.0.1:1/", secret)
    result = runner.invoke(app, ["stats", "--db", refused])
    assert result.exit_code != 0
    assert "hunter2" not in result.output and "briefgen:***@127.0.0.1:1" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_database_of_another_application_is_left_alone(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE users (id integer)")
    with pytest.raises(StoreError, match=r"not a briefgen corpus: .*users"):
        Corpus.open(pg_url)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"unclosed', "unterminated string"),
        ("(shelter", "never closed"),
        ("shelter AND", "ends where a word was expected"),
        ("subject:shelter", "column filters"),
        ("NEAR(a b)", "NEAR"),
    ],
)
def test_searches_fts5_refuses_or_this_lacks_are_invalid_arguments(query: str, reason: str) -> None:
    with pytest.raises(InvalidArgumentError, match=reason):
        translate(query)


def _results(location: str, query: str) -> list[tuple[str, str | None]]:
    with Corpus.open(location) as corpus:
        return [(row.id, row.snippet) for row in corpus.cables(search=query)]


def test_searches_give_the_same_cables_on_both(pg_url: str, tmp_path: Path) -> None:
    lite = str(tmp_path / "corpus.db")
    for location in (lite, pg_url):
        with Corpus.open(location) as corpus:
            corpus.ingest([str(SEEDS), str(PROGRAMS)], workers=1)
    for query in README_QUERIES:
        on_sqlite, on_postgres = _results(lite, query), _results(pg_url, query)
        # The same cables; ranked by another formula (ts_rank_cd, not bm25), in an order
        # that may differ where scores are close.
        assert sorted(i for i, _ in on_postgres) == sorted(i for i, _ in on_sqlite), query
        on_sqlite.sort()
        on_postgres.sort()
        # Snippets mark words of the query (the two cut their windows a little differently).
        words = [w.lower() for w in re.findall(r"\w+", query) if w not in ("AND", "OR", "NOT")]
        marked = re.compile(r"\*\*(.+?)\*\*")
        for (_, one), (_, other) in zip(on_sqlite, on_postgres, strict=True):
            assert bool(one) == bool(other), query
            for phrase in marked.findall(other or ""):
                for word in phrase.lower().split():
                    assert any(word.startswith(w) for w in words), (query, other)


def test_a_briefing_is_byte_identical_from_either_database(pg_url: str, tmp_path: Path) -> None:
    lite = str(tmp_path / "corpus.db")
    outputs = {}
    for name, location in (("sqlite", lite), ("postgresql", pg_url)):
        with Corpus.open(location) as corpus:
            ingest(corpus, [SEEDS, PROGRAMS], workers=1)
            for kind, subject in (
                ("ngo", "Feminist League"),
                ("quarterly", "2009Q4"),
                ("program", "Night Stars"),
                ("cable", "09ASTANA2101"),
            ):
                request = BriefingRequest(kind, subject)
                result = make_briefing(corpus, request, tmp_path / name)
                for path in result.files:
                    outputs.setdefault(path.name, {})[name] = path.read_bytes()
    assert len(outputs) == 8
    for file_name, both in outputs.items():
        assert both["sqlite"] == both["postgresql"], file_name


# --- a team at work: four ingests and two briefings at once ---------------------------------


def _ingest(url: str, folder: str) -> None:
    with Corpus.open(url) as corpus:
        corpus.ingest([folder], workers=1)


def _brief(url: str, out: str) -> None:
    import time

    deadline = time.monotonic() + 60
    made = 0
    while time.monotonic() < deadline and made < 3:
        result = subprocess.run(
            [sys.executable, "-m", "briefgen", "cable", "09ASTANA1985", "--pdf", "--out", out],
            env=dict(os.environ, BRIEFGEN_DB=url),
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            made += 1
        elif "not found" not in result.stderr:  # before the seeds land, the cable is absent
            raise AssertionError(result.stderr)
    assert made, "no briefing was made"


def test_four_ingests_and_two_briefings_at_once_lose_and_double_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    folders = []
    for index, source in enumerate((SEEDS, PROGRAMS, PROGRAMS, SEEDS)):
        folder = tmp_path / f"in{index}"
        shutil.copytree(source, folder)  # the same cables from two places: dedupe across them
        folders.append(str(folder))
    Corpus.open(pg_url).close()  # the schema, so that briefings find a corpus from the start
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_ingest, args=(pg_url, f)) for f in folders]
    readers = [
        context.Process(target=_brief, args=(pg_url, str(tmp_path / f"out{i}"))) for i in range(2)
    ]
    for proc in writers + readers:
        proc.start()
    for proc in writers + readers:
        proc.join(180)
    assert [p.exitcode for p in writers + readers] == [0] * 6
    with Corpus.open(tmp_path / "alone.db") as alone:
        alone.ingest([str(SEEDS), str(PROGRAMS)], workers=1)
        expected = len(alone)
    with Corpus.open(pg_url) as corpus:
        conn = corpus.connection
        ids = [row[0] for row in conn.execute("SELECT id FROM cables")]
        assert len(ids) == len(set(ids)) == len(corpus)
        stats = corpus.stats()
        assert stats.cables == len(ids)
        # Every counter kept by ingest agrees with the rows it counts.
        paragraphs = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        assert stats.paragraphs == paragraphs
        tags = dict(conn.execute("SELECT tag, count(*) FROM tags GROUP BY tag").fetchall())
        assert dict(stats.by_tag) == tags
        seqs = [row[0] for row in conn.execute("SELECT change_seq FROM cables")]
        assert len(seqs) == len(set(seqs))
        searchable = conn.execute("SELECT count(*) FROM cables_fts").fetchone()[0]
        assert searchable == len(ids)
    assert len(ids) == expected  # as many as one ingest of both folders alone gives
