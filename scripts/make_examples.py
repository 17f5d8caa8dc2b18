#!/usr/bin/env python3
"""Regenerate examples/output/: one briefing of each kind from the bundled seed cables.

examples/output/office/ holds two of them as an office sends them: the letterhead style of
examples/custom/letterhead.toml (its logo, identity and Sources links) and, for Word, the
office's own template examples/custom/reference.docx.

Run from anywhere: `.venv/bin/python scripts/make_examples.py`. The files are reproducible:
the same cables and the same briefgen give byte-identical PDF and DOCX files.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from briefgen.pipeline import BriefingRequest, ingest, make_briefing
from briefgen.store import Corpus

ROOT = Path(__file__).resolve().parents[1]
BRIEFINGS = [
    BriefingRequest("ngo", "Feminist League"),
    BriefingRequest("ngo", "Union of Crisis Centers"),
    BriefingRequest("program", "Night Stars"),
    BriefingRequest("program", "information campaign", cables=("09ASTANA1206",)),
    BriefingRequest("quarterly", "2009Q4"),
    BriefingRequest("quarterly", "2009Q3"),
    BriefingRequest("cable", "09ASTANA2101"),
]
OFFICE = ROOT / "examples" / "custom" / "letterhead.toml"
OFFICE_BRIEFINGS = [BRIEFINGS[0], BRIEFINGS[2]]


def main() -> None:
    """Ingest the seeds into a scratch corpus and write every example briefing."""
    out = ROOT / "examples" / "output"
    office = out / "office"
    office.mkdir(parents=True, exist_ok=True)
    for folder in (out, office):
        for old in [*folder.glob("*.pdf"), *folder.glob("*.docx")]:
            old.unlink()
    with tempfile.TemporaryDirectory() as tmp, Corpus.open(Path(tmp) / "seeds.db") as corpus:
        ingest(corpus, [ROOT / "examples" / "cables"], workers=1)
        for request in BRIEFINGS:
            for path in make_briefing(corpus, request, out).files:
                print(path.relative_to(ROOT))
        for request in OFFICE_BRIEFINGS:
            styled = dataclasses.replace(request, style=OFFICE)
            for path in make_briefing(corpus, styled, office).files:
                print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
