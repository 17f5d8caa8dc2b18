"""What users of typer/rich tools expect of a command line: --version, completion, examples,
repeatable filters, one JSON shape per command, CSV, rendered snippets, progress with phases,
one line for every error (never a traceback)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

import briefgen
from briefgen.cli import app
from briefgen.console import ingest_progress
from briefgen.store import IngestReport

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "cables"
runner = CliRunner()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a corpus file holding the three seed cables."""
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = runner.invoke(app, ["ingest", "--db", str(db), "--workers", "1", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return db


def commands() -> Iterator[list[str]]:
    """Yield the path of every command (`["templates", "list"]`)."""
    root = typer.main.get_command(app)

    def walk(group: object, path: list[str]) -> Iterator[list[str]]:
        for name, sub in getattr(group, "commands", {}).items():
            if getattr(sub, "commands", None):
                yield from walk(sub, [*path, name])
            else:
                yield [*path, name]

    yield from walk(root, [])


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"briefgen {briefgen.__version__}\n"


def test_shell_completion_is_offered() -> None:
    help_text = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = runner.invoke(app, ["--show-completion", "bash"])
    assert script.exit_code == 0 and "_BRIEFGEN_COMPLETE" in script.stdout, (
        script.output,
        repr(script.exception),
    )


@pytest.mark.parametrize("path", list(commands()), ids=" ".join)
def test_every_command_shows_an_example(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example: briefgen " + " ".join(path) in " ".join(result.stdout.split())


def test_an_option_given_twice_is_refused_unless_repeatable(seeded: Path) -> None:
    twice = runner.invoke(app, ["cables", "--db", str(seeded), "--from", "2009", "--from=2010"])
    assert twice.exit_code == 2
    assert twice.stderr.startswith("briefgen: error: Invalid value for '--from': given twice")
    assert len(twice.stderr.splitlines()) == 1
    workers = runner.invoke(app, ["extract", "--db", str(seeded), "-j1", "--workers", "2"])
    assert workers.exit_code == 2 and "'--workers': given twice" in workers.stderr


def ids(result: object) -> list[str]:
    return [json.loads(line)["id"] for line in getattr(result, "stdout", "").splitlines()]


def test_repeated_filters_all_count(seeded: Path) -> None:
    db = ["--db", str(seeded)]
    # Before: the last --quarter (or --tag, --origin) alone counted, silently.
    two = runner.invoke(
        app, ["cables", *db, "--quarter", "2009Q3", "--quarter", "2009Q4", "--json"]
    )
    assert ids(two) == ["09ASTANA1206", "09ASTANA1985", "09ASTANA2101"]
    one = runner.invoke(app, ["cables", *db, "--quarter", "2009Q4", "--json"])
    assert ids(one) == ["09ASTANA1985", "09ASTANA2101"]
    tags = runner.invoke(app, ["cables", *db, "--tag", "KWMN", "--tag", "NOSUCH", "--json"])
    assert ids(tags) == ids(runner.invoke(app, ["cables", *db, "--tag", "KWMN", "--json"]))
    assert ids(tags)
    posts = ["--origin", "Manama", "--origin", "Embassy Astana", "--json"]
    assert len(ids(runner.invoke(app, ["cables", *db, *posts]))) == 3
    both = ["--search", "shelter", "--search", "Kokshetau", "--json"]
    assert sorted(ids(runner.invoke(app, ["cables", *db, *both]))) == [
        "09ASTANA1985",
        "09ASTANA2101",
    ]
    kinds = runner.invoke(app, ["entities", *db, "--kind", "org", "--kind", "person", "--json"])
    found = {json.loads(line)["kind"] for line in kinds.stdout.splitlines()}
    assert found == {"org", "person"}


def test_listings_print_json_lines_or_csv_records_one_object(seeded: Path) -> None:
    db = ["--db", str(seeded)]
    for listing in (
        ["cables", *db],
        ["entities", *db],
        ["templates", "list"],
        ["parse", str(SEEDS)],
    ):
        lines = runner.invoke(app, [*listing, "--json"]).stdout.splitlines()
        assert len(lines) >= 3 and all(isinstance(json.loads(line), dict) for line in lines)
        table = list(csv.DictReader(io.StringIO(runner.invoke(app, [*listing, "--csv"]).stdout)))
        assert len(table) == len(lines)
        assert list(table[0]) == list(json.loads(lines[0]))
        both = runner.invoke(app, [*listing, "--json", "--csv"])
        assert both.exit_code == 2 and "choose one" in both.stderr
    for record in (["show", "09ASTANA1985", *db], ["stats", *db], ["config", "show"]):
        data = json.loads(runner.invoke(app, [*record, "--json"]).stdout)
        assert isinstance(data, dict)


def test_csv_cells_join_lists_and_keep_records_as_json(seeded: Path) -> None:
    out = runner.invoke(app, ["cables", "--db", str(seeded), "--csv"]).stdout
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["tags"] == "; ".join(
        json.loads(
            runner.invoke(app, ["cables", "--db", str(seeded), "--json"]).stdout.splitlines()[0]
        )["tags"]
    )
    parsed = next(
        csv.DictReader(io.StringIO(runner.invoke(app, ["parse", "--csv", str(SEEDS)]).stdout))
    )
    paragraphs = json.loads(parsed["paragraphs"])
    assert paragraphs and paragraphs[0]["text"]


def test_search_snippets_are_rendered_not_marked(seeded: Path) -> None:
    result = runner.invoke(app, ["cables", "--db", str(seeded), "--search", "shelter"])
    assert result.exit_code == 0
    snippets = [line for line in result.stdout.splitlines() if line.startswith("    ")]
    assert snippets and all("**" not in line for line in snippets)
    assert any("shelter" in line.lower() for line in snippets)
    # The JSON keeps the documented marks.
    data = runner.invoke(app, ["cables", "--db", str(seeded), "--search", "shelter", "--json"])
    assert all("**" in json.loads(line)["snippet"] for line in data.stdout.splitlines())


def test_ingest_shows_its_phase_and_moves() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    with ingest_progress(console) as shown:
        assert shown is not None
        shown.stored(IngestReport(added=1000))
        shown.stored(IngestReport(added=2000, unchanged=5))
        for done in (0, 500, 1000):
            shown.extracted(done, 2005)
    text = screen.getvalue()
    assert "reading cables" in text or "storing cables" in text
    assert "storing cables: 2000 added, 0 updated, 5 unchanged" in text
    assert "extracting facts" in text and "1000/2005" in text


# --- errors: one line, never a traceback ----------------------------------------------------


def test_usage_errors_are_one_line() -> None:
    for args in (["nosuch"], ["show"], ["cables", "--limit", "x"], ["stats", "--nope"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr.startswith("briefgen: error: ")
        assert len(result.stderr.splitlines()) == 1


BROKEN = """
import sys
from briefgen.store import Corpus

def broken(self):
    raise ZeroDivisionError("division by zero in the stats")

Corpus.stats = broken
from briefgen.cli import main
sys.argv = ["briefgen", "stats", "--db", sys.argv[1]]
main()
"""


def test_an_internal_error_is_one_line_without_a_traceback(seeded: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFGEN_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-c", BROKEN, str(seeded)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert done.stderr == (
        "briefgen: internal error: ZeroDivisionError: division by zero in the stats "
        "(set BRIEFGEN_DEBUG=1 for the traceback)\n"
    )
    debug = subprocess.run(
        [sys.executable, "-c", BROKEN, str(seeded)],
        capture_output=True,
        text=True,
        env={**env, "BRIEFGEN_DEBUG": "1"},
    )
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr
