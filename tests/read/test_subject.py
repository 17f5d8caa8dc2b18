"""SUBJECT lines read whole and clean, case by case from real cables (fixtures: subjects.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.telegram import read_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "subjects.txt"


def load_cases() -> list[tuple[list[str], str]]:
    cases = []
    for chunk in FIXTURES.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in chunk.splitlines() if not line.startswith("#")]
        if lines:
            cases.append((lines[:-1], lines[-1].removeprefix("=> ")))
    return cases


@pytest.mark.parametrize(("lines", "expected"), load_cases())
def test_subject(lines: list[str], expected: str) -> None:
    header = read_header(["UNCLAS ROME 001593", *lines, "", "1. (C) Text of the cable."])
    assert header.subject == expected
