"""The store commands: ingest, cables, show, stats, through typer's runner and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "cables"
runner = CliRunner()


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """Return a corpus file holding the three seed cables."""
    db = tmp_path / "seeds.db"
    result = runner.invoke(app, ["ingest", "--db", str(db), "--workers", "1", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_ends_with_the_one_line_account_and_is_idempotent(seeded: Path) -> None:
    again = runner.invoke(app, ["ingest", "--db", str(seeded), str(SEEDS)])
    assert again.exit_code == 0
    assert again.stdout.strip().splitlines()[-1] == "0 added, 0 updated, 3 unchanged, 0 rejected"


def test_ingest_prints_rejections_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "junk.txt").write_text("nothing like a cable\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = runner.invoke(
        app, ["ingest", "--db", str(db), str(SEEDS / "09ASTANA1985.txt"), str(tmp_path / "in")]
    )
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 added, 0 updated, 0 unchanged, 1 rejected"
    assert "briefgen: rejected: " in result.stderr and "junk.txt" in result.stderr


def test_cables_lists_filters_and_searches(seeded: Path) -> None:
    listed = runner.invoke(app, ["cables", "--db", str(seeded), "--quarter", "2009Q4"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [
        "09ASTANA1985",
        "09ASTANA2101",
    ]
    found = runner.invoke(
        app, ["cables", "--db", str(seeded), "--search", "shelter AND Kokshetau", "--json"]
    )
    data = [json.loads(line) for line in found.stdout.splitlines()]  # JSON Lines
    assert {row["id"] for row in data} == {"09ASTANA1985", "09ASTANA2101"}
    assert all("**" in row["snippet"] for row in data)
    by_origin = runner.invoke(app, ["cables", "--db", str(seeded), "--origin", "ASTANA"])
    assert len(by_origin.stdout.splitlines()) == 3


def test_an_empty_listing_says_so_and_exits_0(seeded: Path) -> None:
    result = runner.invoke(app, ["cables", "--db", str(seeded), "--origin", "Manama"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no cables match" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--quarter", "2009Q7"], "invalid quarter"),
        (["--from", "2009-13-45"], "invalid date"),
        (["--search", '"unbalanced'], "invalid search"),
    ],
)
def test_bad_filters_are_one_line_errors(seeded: Path, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["cables", "--db", str(seeded), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"briefgen: error: {words}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_prints_header_numbered_paragraphs_and_links(seeded: Path) -> None:
    result = runner.invoke(app, ["show", "--db", str(seeded), "09ASTANA2101"])
    assert result.exit_code == 0
    text = result.stdout
    assert "Subject:        KAZAKHSTAN: ANTI-TRAFFICKING PROGRAMS IN KOKSHETAU" in text
    assert "\n1.   SUMMARY:" in text
    assert "References:\n  09ASTANA1206      KAZAKHSTAN: TIP PUBLIC AWARENESS" in text
    cited = runner.invoke(app, ["show", "--db", str(seeded), "09astana1206", "--json"])
    assert [c["id"] for c in json.loads(cited.stdout)["cited_by"]] == ["09ASTANA2101"]


def test_show_a_missing_cable_fails_cleanly(seeded: Path) -> None:
    result = runner.invoke(app, ["show", "--db", str(seeded), "09NOWHERE1"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"briefgen: error: cable 09NOWHERE1 not found in the corpus {seeded}"
    )


def test_reading_a_missing_database_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no corpus database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_stats_text_and_json(seeded: Path) -> None:
    text = runner.invoke(app, ["stats", "--db", str(seeded)])
    assert text.stdout.startswith("3 cables, ")
    assert "Embassy Astana" in text.stdout
    data = json.loads(runner.invoke(app, ["stats", "--db", str(seeded), "--json"]).stdout)
    assert data["cables"] == 3
    assert data["by_year"] == {"2009": 3}
    assert data["by_tag"]["KTIP"] == 3


def test_every_store_command_has_help() -> None:
    for command in ("ingest", "cables", "show", "stats"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "--db" in result.stdout


def test_a_real_process_uses_briefgen_db_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    env = {**os.environ, "BRIEFGEN_DB": str(db)}
    run = [sys.executable, "-m", "briefgen"]
    done = subprocess.run(
        [*run, "ingest", str(SEEDS)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "3 added, 0 updated, 0 unchanged, 0 rejected\n"
    assert done.stderr == ""  # no progress bar in a pipe
    assert db.exists()
    shown = subprocess.run(
        [*run, "cables", "--tag", "ktip", "--json"], env=env, capture_output=True, text=True
    )
    assert len(shown.stdout.splitlines()) == 3


def test_a_cut_listing_says_so(seeded: Path) -> None:
    result = runner.invoke(app, ["cables", "--db", str(seeded), "--limit", "2"])
    assert len(result.stdout.splitlines()) == 2
    assert "showing the first 2" in result.stderr
    full = runner.invoke(app, ["cables", "--db", str(seeded), "--limit", "0"])
    assert len(full.stdout.splitlines()) == 3
    assert full.stderr == ""


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "-5", "ten"])
def test_a_limit_out_of_range_is_a_usage_error(seeded: Path, value: str) -> None:
    result = runner.invoke(app, ["cables", "--db", str(seeded), "--limit", value])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # a usage error, not a crash
    assert "Invalid value for '--limit'" in result.stderr
    assert "no cables match" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", str(SEEDS), "--workers", "0"],
        ["ingest", str(SEEDS), "--workers", "100000"],
        ["extract", "--workers", "-3"],
        ["entity", "Feminist League", "--max-cables", "-1"],
        ["parse", str(SEEDS), "--workers", "0"],
    ],
)
def test_counts_out_of_range_are_usage_errors(seeded: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, *(["--db", str(seeded)] if args[0] != "parse" else [])])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)


def test_the_library_refuses_a_limit_sqlite_cannot_hold(seeded: Path) -> None:
    from briefgen.errors import InvalidArgumentError
    from briefgen.store import Corpus

    with Corpus.open(seeded) as corpus, pytest.raises(InvalidArgumentError, match="limit"):
        corpus.cables(limit=10**20)
