"""The briefing commands as a user runs them: real processes, files, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(args: list[str], db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BRIEFGEN_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_ngo_command_writes_both_files(seed_db: Path, tmp_path: Path) -> None:
    proc = run(["ngo", "feminist league", "--out", "briefs"], seed_db, tmp_path)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "briefs").iterdir())
    assert names == [
        "feminist-league_ngo-profile_2009-12-01.docx",
        "feminist-league_ngo-profile_2009-12-01.pdf",
    ]


def test_json_instead_of_files(seed_db: Path, tmp_path: Path) -> None:
    proc = run(["cable", "09ASTANA1206", "--json"], seed_db, tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["id"] == "09ASTANA1206"
    assert [r["id"] for r in data["references"]] == ["09ASTANA222", "09ASTANA187"]
    assert [r["id"] for r in data["cited_by"]] == ["09ASTANA2101"]
    assert not list(tmp_path.iterdir())


def test_bad_input_is_one_line_and_non_zero(seed_db: Path, tmp_path: Path) -> None:
    cases = [
        (["ngo", "Organization That Does Not Exist"], "not found"),
        (["cable", "09NOWHERE1"], "not found"),
        (["quarterly", "2009Q7"], "quarter"),
        (["cable", "09ASTANA2101", "--out", "/proc/no/such/folder"], "output folder"),
        (["ngo", "", "--pdf"], "empty"),
        (["program", "Night Stars", "--style", "nosuchstyle"], "style"),
        (["ngo", "Feminist League", "--email-cc", "a@example.org"], "email-to"),
        (
            ["ngo", "Feminist League", "--email-to", "not an address", "--email-from", "a@b.org"],
            "address",
        ),
    ]
    for args, words in cases:
        proc = run(args, seed_db, tmp_path)
        assert proc.returncode != 0, args
        assert "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1, proc.stderr
        assert words in proc.stderr.lower(), (args, proc.stderr)


def test_email_draft_beside_the_outputs(seed_db: Path, tmp_path: Path) -> None:
    proc = run(
        ["cable", "09ASTANA2101", "--pdf", "--email-to", "desk@example.org",
         "--email-from", "post@example.org"],
        seed_db,
        tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    draft = tmp_path / "09astana2101_cable-digest_2009-12-01.eml"
    assert draft.exists()
    assert "Subject: Cable digest: 09ASTANA2101" in draft.read_text()
