"""TAGS lines read into tags, from the shapes real cables write them in."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.tags import is_tag_line, parse_tags, split_glued
from briefgen.read.telegram import read_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "tags.txt"


def load_cases() -> list[tuple[str, tuple[str, ...]]]:
    cases = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, expected = line.partition(" => ")
        cases.append((text, tuple(tag.strip() for tag in expected.split(" | "))))
    return cases


@pytest.mark.parametrize(("text", "expected"), load_cases())
def test_tags_line(text: str, expected: tuple[str, ...]) -> None:
    assert parse_tags(text) == expected


def test_glued_codes_split_only_into_known_codes() -> None:
    assert split_glued("KNNPMNUC") == ("KNNP", "MNUC")
    assert split_glued("ITPHUM") == ("IT", "PHUM")
    assert split_glued("COUNTERTERRORISM") == ("COUNTERTERRORISM",)


def header_tags(*lines: str) -> tuple[str, ...]:
    return read_header(["UNCLAS LIMA 001452", *lines, "", "1. (C) Text."]).tags


def test_misspelt_labels() -> None:
    assert header_tags("AGS: PREL, OVIP, EINV, PINR, AR") == ("PREL", "OVIP", "EINV", "PINR", "AR")
    assert header_tags("TGS: PGOV PREL") == ("PGOV", "PREL")


def test_continuation_lines_only_while_they_hold_tags() -> None:
    # 09BEIJING2965: the list runs on after a comma.
    assert header_tags("TAGS OVIP (STEINBERG, JAMES B.), PREL, PGOV,", "CH, KN, KS")[-3:] == (
        "CH",
        "KN",
        "KS",
    )
    # 07KUWAIT624: a phrase broken over the line.
    assert header_tags("TAGS: OREP AMGT KU COUNTRY", "CLEARANCE")[-2:] == ("COUNTRY", "CLEARANCE")
    # 06LIMA1452: the subject's remnant after a complete list is no tag.
    assert header_tags("TAGS: PGOV PINR PE", "RUN-OFF,", "SEEKS EMBASSY'S ASSISTANCE") == (
        "PGOV",
        "PINR",
        "PE",
    )
    # 06LIMA2366: a mirror's record after the list.
    assert header_tags("TAGS: ETRD ECON PE", "id: 67870", "date: 6/13/2006 21:02") == (
        "ETRD",
        "ECON",
        "PE",
    )
    # 06ANKARA3352: a heading after a blank line.
    assert header_tags("TAGS: MOPS PREL TU", "", "Summary", "-------") == ("MOPS", "PREL", "TU")
    # 09KHARTOUM881: a case-mangled copy's last code on its own line.
    assert header_tags("Tags: asec, pins, ug,", "cf") == ("ASEC", "PINS", "UG", "CF")


def test_tag_line_test() -> None:
    assert is_tag_line("CH, KN, KS")
    assert not is_tag_line("Summary")
    assert not is_tag_line("RUN-OFF,", "TAGS: PGOV PINR PE")
