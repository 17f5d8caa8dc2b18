"""The DOCX opens in LibreOffice: a headless conversion to PDF succeeds and keeps the text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.document import Document
from briefgen.render import load_style, render

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "custom"
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def convert(source: Path, tmp_path: Path) -> PdfReader:
    """Convert `source` to PDF with a private LibreOffice profile and return it read."""
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
    converted = tmp_path / "out" / f"{source.stem}.pdf"
    assert converted.is_file()
    return PdfReader(converted)


def test_libreoffice_converts_the_docx(sample_doc: Document, tmp_path: Path) -> None:
    source = tmp_path / "sample.docx"
    source.write_bytes(render(sample_doc, "docx", load_style("default")))
    reader = convert(source, tmp_path)
    assert len(reader.pages) >= 8
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Кызылорда" in text and "09ASTANA1300" in text
    # The contents show page numbers: LibreOffice fills the PAGEREF fields as it lays out.
    contents = reader.pages[0].extract_text()
    assert re.search(r"Summary\W*1\b", contents) and re.search(r"Sources\W*\d+", contents)


def test_libreoffice_converts_a_docx_made_with_the_office_template(
    sample_doc: Document, tmp_path: Path
) -> None:
    style = load_style(EXAMPLES / "letterhead.toml")
    source = tmp_path / "office.docx"
    source.write_bytes(render(sample_doc, "docx", style))
    reader = convert(source, tmp_path)
    width, height = (round(float(x)) for x in reader.pages[0].mediabox[2:])
    assert (width, height) == (612, 792)  # the template's US Letter
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Кызылорда" in text and "09ASTANA1300" in text
    assert text.count("Regional Desk · For official use") == len(reader.pages)  # its footer
    assert "/XObject" in reader.pages[1]["/Resources"]  # its logo, in the header of each page
