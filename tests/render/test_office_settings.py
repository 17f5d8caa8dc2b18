"""The office's identity, Sources addresses and Word template from briefgen.toml or the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.pipeline import ingest
from briefgen.store import Corpus

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "examples" / "custom" / "reference.docx"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "corpus.db"
    with Corpus.open(path) as corpus:
        ingest(corpus, [ROOT / "examples" / "cables"], workers=1)
    return path


def run(args: list[str], db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update(BRIEFGEN_DB=str(db), BRIEFGEN_CONFIG=str(cwd / "briefgen.toml"))
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_briefgen_toml_sets_the_identity_and_the_sources_address(
    seed_db: Path, tmp_path: Path
) -> None:
    (tmp_path / "briefgen.toml").write_text(
        'organization = "Regional Desk"\nauthor = "J. Analyst"\n'
        'footer = "Regional Desk - for official use"\n'
        'source_url = "https://wikileaks.org/plusd/cables/{id}_a.html"\n',
        encoding="utf-8",
    )
    proc = run(["cable", "09ASTANA2101", "--out", "out"], seed_db, tmp_path)
    assert proc.returncode == 0, proc.stderr
    pdf = PdfReader(tmp_path / "out" / "09astana2101_cable-digest_2009-12-01.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "1 December 2009 · Regional Desk · J. Analyst" in text
    assert text.count("Regional Desk - for official use") == len(pdf.pages)
    assert "wikileaks.org/plusd/cables/09ASTANA2101_a.html" in text
    assert "briefgen" not in text
    word = docx.Document(str(tmp_path / "out" / "09astana2101_cable-digest_2009-12-01.docx"))
    assert word.core_properties.author == "J. Analyst"


def test_reference_docx_on_the_command_line(seed_db: Path, tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text("", encoding="utf-8")
    args = ["ngo", "Feminist League", "--docx", "--out", "out", "--reference-docx", str(REFERENCE)]
    proc = run(args, seed_db, tmp_path)
    assert proc.returncode == 0, proc.stderr
    word = docx.Document(str(tmp_path / "out" / "feminist-league_ngo-profile_2009-12-01.docx"))
    assert word.styles["Heading 1"].font.name == "Arial"  # the template's own heading
    assert round(word.sections[0].page_width.inches, 1) == 8.5  # type: ignore[union-attr]
    missing = run([*args[:-1], str(tmp_path / "nope.docx")], seed_db, tmp_path)
    assert missing.returncode != 0 and "reference docx not found" in missing.stderr
    assert missing.stderr.count("\n") == 1


def test_a_bad_source_url_in_briefgen_toml_is_one_error_line(seed_db: Path, tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text('source_url = "https://example.org"\n')
    proc = run(["cable", "09ASTANA2101", "--out", "out"], seed_db, tmp_path)
    assert proc.returncode != 0 and "source_url" in proc.stderr and "{id}" in proc.stderr
    assert "Traceback" not in proc.stderr
