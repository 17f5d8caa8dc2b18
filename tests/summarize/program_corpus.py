"""The program-sheet fixture cables (tests/fixtures/program), ingested into a real SQLite file."""

from __future__ import annotations

import re
from pathlib import Path

from briefgen import pipeline
from briefgen.pipeline import BriefingRequest, ingest
from briefgen.store import Corpus
from briefgen.summarize.records import ProgramSheet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "program"


def make_corpus(location: str) -> str:
    """Fill the new corpus at `location` with the fixture cables and their facts; return it."""
    with Corpus.open(location) as corpus:
        ingest(corpus, [FIXTURES], workers=1)
    return location


def sheet(corpus: Corpus, query: str, *cables: str) -> ProgramSheet:
    """Return the program sheet for `query`, reading only `cables` when given."""
    brief = pipeline.summarize(corpus, BriefingRequest("program", query, cables=cables))
    assert isinstance(brief, ProgramSheet)
    return brief


def fold(text: str) -> str:
    """Return text with its whitespace folded and in lower case, for comparisons."""
    return re.sub(r"\s+", " ", text).strip().lower()


def all_text(brief: ProgramSheet) -> str:
    """Return every string of the sheet's data, folded."""
    return fold(str(brief.as_dict()))
