"""Each cleaning rule by fixture case (fixtures/read/cleaning.txt: title, input, expected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.cleaning import RULES, clean

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "cleaning.txt"


def load_cases() -> list[tuple[str, str, list[str], list[str]]]:
    cases = []
    for chunk in FIXTURES.read_text(encoding="utf-8").split("\n===\n"):
        if not chunk.strip():
            continue
        title, _, body = chunk.partition("\n")
        source, _, expected = body.partition("\n---\n")
        rule, _, description = title.removeprefix("### ").partition(": ")
        cases.append((rule, description, source.split("\n"), expected.rstrip("\n").split("\n")))
    return cases


CASES = load_cases()


@pytest.mark.parametrize(("rule", "title", "source", "expected"), CASES, ids=[c[1] for c in CASES])
def test_rule(rule: str, title: str, source: list[str], expected: list[str]) -> None:
    table = dict(RULES)
    assert rule in table, f"no rule named {rule}"
    assert table[rule](source) == expected


def test_every_rule_has_a_fixture_case() -> None:
    assert {name for name, _ in RULES} <= {case[0] for case in CASES}


def test_rules_can_be_switched_off_by_name() -> None:
    lines = ["TAGS: [PGOV](#)", "", "", "x"]
    assert clean(lines, skip={"strip_markup"})[0] == "TAGS: [PGOV](#)"
    assert clean(lines)[0] == "TAGS: PGOV"


def test_clean_body_drops_this_cables_page_breaks_and_captions() -> None:
    from briefgen.read.cleaning import clean_body

    lines = [
        "the Basij para-military DUBAI 00000409 002.2 OF 002 organization, under the",
        "command of Secretary",
        "SIPDIS",
        "Rice and SIPDIS the IRGC.",
        "SECTION 2 OF THE LAW 00000409 IS NOT A BREAK.",
    ]
    assert clean_body(lines, "RPO DUBAI", 409) == [
        "the Basij para-military organization, under the",
        "command of Secretary",
        "Rice and the IRGC.",
        "SECTION 2 OF THE LAW 00000409 IS NOT A BREAK.",
    ]
