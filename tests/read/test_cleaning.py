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
    assert table[rule]("\n".join(source)).split("\n") == expected


def test_every_rule_has_a_fixture_case() -> None:
    assert {name for name, _ in RULES} <= {case[0] for case in CASES}


def test_rules_can_be_switched_off_by_name() -> None:
    text = "TAGS: [PGOV](#)\n\n\nx"
    assert clean(text, skip={"strip_markup"}).split("\n")[0] == "TAGS: [PGOV](#)"
    assert clean(text).split("\n")[0] == "TAGS: PGOV"


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


LISTED = """C O N F I D E N T I A L TRIPOLI 000220

SIPDIS

E.O. 12958: DECL: 3/13/2018
TAGS: PGOV, PREL, PHUM, LY

1. (C) Reports by the QDF that el-Jahmi was "released" appear to be premature.

2. (C) Comment: the release was window dressing. End comment. STEVENS 0 03/13/2008 9871 \
PGOV,PREL,PHUM,LY DETAINED ACTIVIST FATHI EL-JAHMI "RELEASED" Reports by the QDF that \
el-Jahmi was "released" appear to be premature.
"""


def test_a_listing_row_after_the_signature_is_cut_and_gives_the_subject() -> None:
    from briefgen.read import read_text
    from briefgen.read.appended import split_listing_row

    cable = read_text(LISTED, "08TRIPOLI220.txt")
    assert cable.subject == 'DETAINED ACTIVIST FATHI EL-JAHMI "RELEASED"'
    assert cable.signers == ("STEVENS",)
    assert cable.paragraphs[-1].text.endswith("window dressing. End comment.")
    # Text without such a row is left alone, dates and tags in running text included.
    plain = ["On 03/13/2008 the post sent 9871 cables tagged PGOV,PREL about TIP Reports."]
    assert split_listing_row(plain) == (plain, None)
