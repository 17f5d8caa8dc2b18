"""Every command finds the corpus one way: --db, else $BRIEFGEN_DB, else briefgen.toml's db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "cables"
runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a project folder, the current one, whose briefgen.toml names the corpus."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFGEN_DB", raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "briefgen.toml").write_text('db = "data/cables.db"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFGEN_CONFIG", str(tmp_path / "briefgen.toml"))
    return tmp_path


COMMANDS = [
    ["cables"],
    ["show", "09ASTANA1985"],
    ["stats"],
    ["extract", "--workers", "1"],
    ["entities", "--kind", "org"],
    ["entity", "Feminist League"],
]


def test_every_command_uses_the_configured_database(project: Path) -> None:
    made = runner.invoke(app, ["ingest", "--workers", "1", str(SEEDS)])
    assert made.exit_code == 0, made.output
    assert (project / "data" / "cables.db").is_file()
    assert not (project / "briefgen.db").exists()
    for command in COMMANDS:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    assert not (project / "briefgen.db").exists()
    shown = runner.invoke(app, ["config", "show", "--json"])
    settings = json.loads(shown.stdout)["settings"]
    assert Path(settings["db"]) == (project / "data" / "cables.db")


def test_the_environment_and_the_option_win_over_the_file(project: Path) -> None:
    other = project / "other.db"
    made = runner.invoke(app, ["ingest", "--workers", "1", "--db", str(other), str(SEEDS)])
    assert made.exit_code == 0, made.output
    stats = runner.invoke(app, ["stats", "--json"], env={"BRIEFGEN_DB": str(other)})
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["cables"] == 3
    # The configured file does not exist: a reading command says so and creates nothing.
    missing = runner.invoke(app, ["stats"])
    assert missing.exit_code == 1
    assert "data/cables.db" in missing.stderr and "briefgen ingest" in missing.stderr
    assert not (project / "data" / "cables.db").exists()


def test_a_broken_config_is_one_line_for_every_command(project: Path) -> None:
    (project / "briefgen.toml").write_text("db = 3\n", encoding="utf-8")
    for command in (["stats"], ["cables"], ["ingest", str(SEEDS)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        assert result.stderr.startswith("briefgen: error: ") and "db" in result.stderr
        assert len(result.stderr.splitlines()) == 1
