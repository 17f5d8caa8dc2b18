"""REF blocks read into cited ids, case by case from real cables (fixtures/read/references.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.refs import parse_references
from briefgen.read.telegram import read_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "references.txt"


def load_cases() -> list[tuple[int, str, tuple[str, ...]]]:
    cases = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        year, _, rest = line.partition(" | ")
        block, _, expected = rest.partition(" =>")
        cases.append((int(year), block, tuple(expected.split())))
    return cases


@pytest.mark.parametrize(("year", "block", "expected"), load_cases())
def test_reference_block(year: int, block: str, expected: tuple[str, ...]) -> None:
    assert parse_references(block, year) == expected


def test_ref_block_runs_across_blank_lines() -> None:
    # 09BUENOSAIRES602: a double-spaced copy puts a blank line between the items.
    header = read_header(
        [
            "C O N F I D E N T I A L BUENOS AIRES 000602",
            "SUBJECT: ARGENTINA: AMBASSADOR THANKS MOJ FOR LAW",
            "REF: A. BUENOS AIRES 599",
            "",
            "     B. 08 BUENOS AIRES 1705",
            "",
            "     C. BUENOS AIRES 102",
            "",
            "Classified By: Ambassador E. Anthony Wayne for reasons 1.4 (b) and (d).",
            "",
            "1.  (C) Summary.  On May 20, the Ambassador paid a farewell call.",
        ]
    )
    assert parse_references(header.reference_text or "", 2009) == (
        "09BUENOSAIRES599",
        "08BUENOSAIRES1705",
        "09BUENOSAIRES102",
    )
