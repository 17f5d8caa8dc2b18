"""The `entities` and `entity` commands, through typer's runner and one real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from tests.extract.conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a corpus file holding the three seed cables."""
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = runner.invoke(app, ["ingest", "--db", str(db), "--workers", "1", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return db


def test_entities_lists_orgs_with_counts(seeded: Path) -> None:
    result = runner.invoke(app, ["entities", "--db", str(seeded), "--kind", "org"])
    assert result.exit_code == 0, result.output
    assert "Feminist League" in result.stdout
    assert "MENTIONS" in result.stdout.splitlines()[0]


def test_entities_json_with_search(seeded: Path) -> None:
    result = runner.invoke(app, ["entities", "--db", str(seeded), "--search", "morozova", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]  # JSON Lines
    assert [r["name"] for r in rows] == ["Galina Morozova"]
    assert rows[0]["cables"] == ["09ASTANA1985", "09ASTANA2101"]


def test_entity_shows_a_profile_with_sources(seeded: Path) -> None:
    result = runner.invoke(app, ["entity", "--db", str(seeded), "Feminist Leage"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Feminist League (org)")
    assert "Galina Morozova: President of Feminist League  [09ASTANA1985 ¶3]" in result.stdout


def test_entity_json(seeded: Path) -> None:
    result = runner.invoke(app, ["entity", "--db", str(seeded), "UCC", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == "Union of Crisis Centers"


def test_bad_input_is_one_error_line(seeded: Path) -> None:
    missing = runner.invoke(app, ["entity", "--db", str(seeded), "Nobody At All Here"])
    assert missing.exit_code == 1
    assert missing.stderr.startswith("briefgen: error: no entity named")
    bad_kind = runner.invoke(app, ["entities", "--db", str(seeded), "--kind", "animal"])
    assert bad_kind.exit_code == 2
    assert "unknown entity kind" in bad_kind.stderr


def test_every_command_has_help() -> None:
    for command in ("entities", "entity"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--db" in result.stdout


def test_real_process(seeded: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "entity", "--db", str(seeded), "Tarasov"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().startswith("briefgen: error: 'Tarasov' is ambiguous")
    assert "Traceback" not in done.stderr


def test_a_database_failure_mid_run_is_one_line(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from briefgen.facts import store as storage

    def locked(*_args: object, **_kwargs: object) -> int:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(storage, "update_facts", locked)
    result = runner.invoke(app, ["extract", "--db", str(seeded)])
    assert result.exit_code == 1
    assert result.output == "briefgen: error: corpus database error: database is locked\n"
