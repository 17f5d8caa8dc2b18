"""The DOCX opens in LibreOffice: a headless conversion to PDF succeeds and keeps the text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.document import Document
from briefgen.render import load_style, render

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx(sample_doc: Document, tmp_path: Path) -> None:
    source = tmp_path / "sample.docx"
    source.write_bytes(render(sample_doc, "docx", load_style("default")))
    # A private profile, so parallel runs (and a desktop LibreOffice) do not collide.
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "out" / "sample.pdf"
    assert converted.is_file()
    reader = PdfReader(converted)
    assert len(reader.pages) >= 8
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Кызылорда" in text and "09ASTANA1300" in text
