"""What every briefing quotes is clean: no portion marks, section labels, cable furniture,
pointers to references or copy defects; counts read as words, never `2 cable(s)`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.summarize.evidence import clean_sentence
from briefgen.summarize.wording import counted, plural

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "(C) Summary: Reports of his release are premature.",
            "Reports of his release are premature.",
        ),
        ("(S//NF) Sawani said the QDF had proposed it.", "Sawani said the QDF had proposed it."),
        ("(SBU) - The NGO opened a shelter.", "The NGO opened a shelter."),
        (
            "KEY POINTS - (SBU) The Ministry opened a shelter (reftel).",
            "The Ministry opened a shelter.",
        ),
        (
            "Funds came from the Organization for Migration (IOM),the largest donor.",
            "Funds came from the Organization for Migration (IOM), the largest donor.",
        ),
        (
            "Argentina,s long borders make the job of G/TIP,s staff hard (ref A).",
            "Argentina's long borders make the job of G/TIP's staff hard.",
        ),
        (
            'He said the workers ""make a lot of money"" (refs B and C).',
            'He said the workers "make a lot of money".',
        ),
        (
            "terrorism finance. (C) After the meeting, they left. End summary.",
            "terrorism finance. After the meeting, they left.",
        ),
        (
            "(c) The Minister added that Argentina signed an agreement.",
            "The Minister added that Argentina signed an agreement.",
        ),
        ("---------- The text of the letter follows", "The text of the letter follows"),
        ("He met her (see para 5) on May 3 .", "He met her on May 3."),
        ("SUMMARY AND COMMENT: The vote failed.", "The vote failed."),
        ("Zaripov (strictly protect throughout) said so.", "Zaripov said so."),
        ("--(3) Question 23 B and C: The shelter opened.", "The shelter opened."),
    ],
)
def test_clean_sentence(raw: str, clean: str) -> None:
    assert clean_sentence(raw) == clean


@pytest.mark.parametrize(
    "kept",
    [
        "(IOM) trained 40 police officers.",
        "Comment on the draft law was sparse.",
        "The Reference Group met on 1,000 occasions; the end.",
        "Note the figures: 12,500 and 3.5 million.",
    ],
)
def test_clean_sentence_keeps_what_is_not_furniture(kept: str) -> None:
    assert clean_sentence(kept) == kept


def test_counts_in_words() -> None:
    assert counted(1, "cable") == "1 cable"
    assert counted(2, "cable") == "2 cables"
    assert counted(1200, "post") == "1,200 posts"
    assert plural("country") == "countries" and plural("day") == "days"
    assert plural("process") == "processes"


def test_no_template_writes_a_plural_hack() -> None:
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"[a-z]\(s\)", text), template.name


def test_a_span_of_time_is_no_figure_even_with_a_verb_read_into_its_noun() -> None:
    from briefgen.extract import extract
    from briefgen.summarize.figure_notes import figure_says_something
    from tests.extract.conftest import make_cable

    cable = make_cable(
        "09KAMPALA900",
        "2009-10-19",
        "The path of politics over the next eighteen months depends largely on the "
        "President's vision. The LRA abducted over 40,000 children.",
    )
    kept = [f.text for f in extract(cable).figures if figure_says_something(f)]
    assert kept == ["over 40,000 children"]
