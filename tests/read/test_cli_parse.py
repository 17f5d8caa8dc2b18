"""`briefgen parse`: JSON Lines in order, a table, a stderr line per rejection, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from briefgen.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "examples" / "cables"
FORMATS = ROOT / "tests" / "fixtures" / "read" / "formats"
FIELDS = {
    "path", "row", "format", "id", "given_id", "created", "origin", "classification",
    "classified_by", "nondisclosure_deadline", "subject", "tags", "references", "recipients",
    "info_recipients", "signers", "summary", "comment", "paragraphs",
}  # fmt: skip


def test_json_lines_in_input_order_with_every_field() -> None:
    paths = [SEEDS / "09ASTANA2101.txt", SEEDS / "09ASTANA1206.txt"]
    result = CliRunner().invoke(app, ["parse", "--json", *map(str, paths)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["09ASTANA2101", "09ASTANA1206"]
    for record in records:
        assert set(record) == FIELDS
    assert records[0]["created"] == "2009-12-01T04:47:00Z"


def test_table_without_json() -> None:
    result = CliRunner().invoke(app, ["parse", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "09ASTANA1985" in result.stdout and "Astana" in result.stdout


def test_rejections_go_to_stderr_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    args = ["parse", "--json", str(bad), str(FORMATS / "cables.csv")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["72TEHRAN1164", "66BUENOSAIRES2481"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert str(bad) in errors[0] and "binary" in errors[0]
    assert "cables.csv, row 2" in errors[1]
    assert "Traceback" not in result.output


def test_help_text() -> None:
    result = CliRunner().invoke(app, ["parse", "--help"])
    assert result.exit_code == 0 and "JSON Lines" in result.stdout


def test_real_process_reads_stdin_and_workers(tmp_path: Path) -> None:
    text = (SEEDS / "09ASTANA1985.txt").read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "briefgen", "parse", "--json", "-"],
        input=text,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["id"] == "09ASTANA1985" and record["path"] is None

    proc = subprocess.run(
        [sys.executable, "-m", "briefgen", "parse", "--json", "-j", "2", str(SEEDS), "nope.txt"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == ["09ASTANA1206", "09ASTANA1985", "09ASTANA2101"]
    assert "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
