"""Program sheets as written files: one to three pages, the opening on page one, no cable
furniture, and a one-line error instead of a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.pipeline import BriefingRequest, make_briefing
from briefgen.store import Corpus
from tests.summarize.program_corpus import fold, make_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def program_db(module_location: str) -> str:
    return make_corpus(module_location)


@pytest.fixture()
def corpus(program_db: str) -> Iterator[Corpus]:
    with Corpus.open(program_db) as opened:
        yield opened


def written(corpus: Corpus, out: Path, query: str, *cables: str) -> tuple[list[str], str]:
    """Return the PDF's pages and the DOCX's text, folded, of the sheet for `query`."""
    request = BriefingRequest("program", query, cables=cables)
    paths = make_briefing(corpus, request, out).files
    pdf = next(p for p in paths if p.suffix == ".pdf")
    word = next(p for p in paths if p.suffix == ".docx")
    pages = [fold(page.extract_text() or "") for page in PdfReader(pdf).pages]
    document = docx.Document(str(word))
    parts = [p.text for p in document.paragraphs]
    parts += [" | ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return pages, fold("\n".join(parts))


@pytest.mark.parametrize(
    "args",
    [("CDI",), ("G/TIP seminars for judges",), ("G/TIP-funded anti-trafficking programs",)],
    ids=lambda a: a[0],
)
def test_a_sheet_is_one_to_three_pages_and_opens_with_its_synthesis(
    corpus: Corpus, tmp_path: Path, args: tuple[str]
) -> None:
    pages, word = written(corpus, tmp_path, *args)
    assert 1 <= len(pages) <= 3
    assert "in brief" in pages[0] and "in brief" in word
    text = " ".join(pages)
    # Hygiene: no plural hacks, portion marks, references or list labels of the cables.
    for furniture in (r"\w\(s\)", r"\((?:sbu|u|c)\)", r"\(reftel\)", r"\bc\. on january"):
        assert not re.search(furniture, text), furniture
        assert not re.search(furniture, word), furniture


def test_the_funding_the_place_and_the_participants_are_on_page_one(
    corpus: Corpus, tmp_path: Path
) -> None:
    pages, word = written(corpus, tmp_path, "G/TIP-funded anti-trafficking programs")
    for fact in ("g/tip", "iquique", "160 activists", "sernam"):
        assert fact in pages[0], fact
    assert "g/tip | sernam" in word  # the grants table: funder, then implementer


def test_money_of_another_program_in_the_list_never_shows(corpus: Corpus, tmp_path: Path) -> None:
    pages, word = written(corpus, tmp_path, "Centers for Drug Information")
    for text in (" ".join(pages), word):
        assert "31,583" in text and "fy 2006 and fy 2007" in text
        for other in ("65,046", "24,000", "9,604", "pen link", "mendoza", "bariloche"):
            assert other not in text, other


def test_a_failed_lookup_is_one_line_without_a_traceback(program_db: Path) -> None:
    for query in ("training", "CDI workshop in Mendoza", "Moon landing"):
        result = runner.invoke(app, ["program", query, "--db", str(program_db), "--json"])
        assert result.exit_code == 1
        assert result.output.startswith("briefgen: error: ")
        assert "Traceback" not in result.output and result.output.count("\n") == 1
