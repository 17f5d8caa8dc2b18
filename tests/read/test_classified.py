"""Classified By lines read into the official's name, from the shapes real cables write."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.classified import classified_by
from briefgen.read.telegram import read_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "classified_by.txt"


def load_cases() -> list[tuple[str, str | None]]:
    cases = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, _, official = line.partition(" =>")
            cases.append((text, official.strip() or None))
    return cases


@pytest.mark.parametrize(("text", "official"), load_cases())
def test_classified_by(text: str, official: str | None) -> None:
    assert classified_by(text) == official


def test_a_lone_label_then_the_line_with_the_name() -> None:
    # 06MADRID779: `Classified By:` alone, the name on the next line, the reason on the third.
    header = read_header(
        [
            "C O N F I D E N T I A L MADRID 000779",
            "SUBJECT: SPAIN: AMBASSADOR,S MEETING WITH FM MORATINOS",
            "REF: STATE 40904",
            "Classified By:",
            "Classified by Ambassador Eduardo Aguirre",
            "for reasons 1.4 (b) & (d)",
            "",
            "Summary: (C) Spanish FM Moratinos told the Ambassador.",
        ]
    )
    assert header.classified_by == "Ambassador Eduardo Aguirre"


def test_old_style_classified_by_inside_the_first_paragraph() -> None:
    header = read_header(
        [
            "CONFIDENTIAL ANKARA 008305",
            "E.O. 12958: DECL: 12/31/2012",
            "TAGS: PTER PREL TU",
            "SUBJECT: TURKEY: COMBATING TERRORISM",
            "",
            "1. (U) CLASSIFIED BY DCM ROBERT S. DEUTSCH; REASONS 1.5 (B) AND (D).",
            "",
            "2. (U) COMBATING TERRORISM HAS LONG BEEN A PRIORITY.",
        ]
    )
    assert header.classified_by == "DCM ROBERT S. DEUTSCH"


def test_the_reason_section_on_the_next_line_is_no_paragraph() -> None:
    # 09STATE4134 (a lower-cased copy): `FOR REASONS` then `1.4 (b), (c), and (d).`, which
    # is the E.O. section continuing the line, not a first paragraph.
    lines = [
        "SECRET STATE 004134",
        "Subject: spanish metal merchant supplies syrian entities",
        "of proliferation concern",
        "(s) Classified By: ISN/MTR DIRECTOR PAM DURHAM FOR REASONS",
        "1.4 (b), (c), and (d).",
        "",
        "1. (U) This is an action request. Embassy Madrid",
    ]
    header = read_header(lines)
    assert header.classified_by == "ISN/MTR DIRECTOR PAM DURHAM"
    subject = "spanish metal merchant supplies syrian entities of proliferation concern"
    assert header.subject == subject
    assert not any(line.startswith("1.4") for line in header.body)
