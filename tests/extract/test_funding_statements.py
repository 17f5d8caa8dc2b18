"""Funding statements of every kind: giver, receiver, channel, amount, period, kind and status.

The cases in `fixtures/funding_shapes.jsonl` are short shapes copied from real cables (the
`source` field says where) or from issues 12 and 13; each lists the statements the rules must
give (only the fields written are checked, in text order) or says there must be none.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from briefgen.extract import extract
from briefgen.extract.records import CableFacts
from briefgen.models import Cable, Paragraph

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "funding_shapes.jsonl")
    .read_text()
    .splitlines()
    if line.strip()
]


def _facts(paragraphs: list[str], origin: str = "Embassy Astana") -> CableFacts:
    cable = Cable(
        id="09TEST200",
        created=datetime(2009, 11, 20),
        origin=origin,
        subject="TEST",
        paragraphs=tuple(Paragraph(i + 1, None, t) for i, t in enumerate(paragraphs)),
    )
    return extract(cable)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_funding_shape(case: dict[str, Any]) -> None:
    fundings = _facts(case["paragraphs"], case["origin"]).fundings
    if case.get("none"):
        assert fundings == (), [f.as_dict() for f in fundings]
        return
    wanted = case["fundings"]
    assert len(fundings) == len(wanted), [f.as_dict() for f in fundings]
    for got, want in zip(fundings, wanted, strict=True):
        for field, value in want.items():
            assert getattr(got, field) == value, (field, getattr(got, field), value)


def test_a_funding_amount_is_marked_as_funding_and_a_fine_as_a_penalty() -> None:
    facts = _facts(
        [
            "INL provided a $24,000 grant to the Union of Crisis Centers. "
            "Violators face fines of up to $10,000."
        ]
    )
    roles = {f.text: f.role for f in facts.figures if f.kind == "money"}
    assert roles == {"$24,000": "funding", "up to $10,000": "penalty"}


def test_a_grant_amount_never_goes_to_a_party_the_sentence_does_not_name() -> None:
    facts = _facts(
        [
            "The Feminist League and the Union of Crisis Centers met the DCM. "
            "In 2009 INL awarded grants totaling $200,000."
        ]
    )
    grant = next(f for f in facts.fundings if f.amount == "$200,000")
    assert grant.recipient is None


def test_statuses_follow_the_verbs() -> None:
    texts = {
        "Germany would contribute 50 million Euros to the trust fund.": "proposed",
        "Italy pledged 50 million Euros to the trust fund.": "pledged",
        "Spain contributed 50 million Euros to the trust fund.": "awarded",
        "Japan had spent $200 million in Afghanistan.": "spent",
        "Mission Indonesia requests $100,000 for the visit.": "requested",
    }
    for text, status in texts.items():
        statements = _facts([text], "Embassy Berlin").fundings
        assert [f.status for f in statements] == [status], text


def test_kinds_follow_the_words() -> None:
    texts = {
        "The GOK received a $5 million loan from China.": "loan",
        "We have provided over $40 million in equipment to the Frontier Corps.": "in-kind",
        "China provided a $1 million grant to Kenya.": "grant",
        "The Ministry of Interior allocated approximately $6,000 to pay for the travel of "
        "project implementers.": "budget",
    }
    for text, kind in texts.items():
        statements = _facts([text], "Embassy Nairobi").fundings
        assert [f.kind for f in statements] == [kind], text
