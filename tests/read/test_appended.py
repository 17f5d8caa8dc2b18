"""What copies append after a cable: a record's trailing extract gives the lost subject."""

from __future__ import annotations

from briefgen.read import read_text
from briefgen.read.appended import split_trailing_extract

# The end of a partial-extract page (05DUSHANBE1702): tabs became line breaks in the page.
EXTRACT = """\
S E C R E T DUSHANBE 001702

E.O. 12958: DECL: 10/20/2015 TAGS: PGOV PREL PINR KDEM RS TI

1. (S) SUMMARY: In a meeting with Tajikistan's Ambassador to the United States Zaripov,
Ambassador Hoagland and he both agreed that the relationship is generally solid. END SUMMARY

2. (C) Zaripov elaborated on his earlier comment. (COMMENT: It rings true. END COMMENT.)

HOAGLAND NNNN
2005-10-20
TAJIKISTAN: AMBASSADOR ZARIPOV COUNSELS NO SHARP RESPONSE TO RUSSIAN PROVOCATIONS


In a meeting with Tajikistan's Ambassador to the United States Zaripov (strictly protect
throughout), Ambassador Hoagland and he both agreed that the relationship is generally solid.
"""


def test_trailing_extract_gives_the_subject_and_leaves_the_signature() -> None:
    cable = read_text(EXTRACT, "05DUSHANBE1702.html")
    assert cable.subject == (
        "TAJIKISTAN: AMBASSADOR ZARIPOV COUNSELS NO SHARP RESPONSE TO RUSSIAN PROVOCATIONS"
    )
    assert cable.signers == ("HOAGLAND",)
    assert cable.paragraphs[-1].text.endswith("END COMMENT.)")


def test_trailing_extract_on_one_line_when_tabs_became_spaces() -> None:
    lines = ["Text.", "", "HOAGLAND NNNN 2005-10-20 TAJIKISTAN: NO SHARP RESPONSE ", "Summary."]
    assert split_trailing_extract(lines) == (
        ["Text.", "", "HOAGLAND"],
        "TAJIKISTAN: NO SHARP RESPONSE",
    )


def test_text_without_an_extract_is_left_alone() -> None:
    lines = ["1. (C) The 2005-10-20 meeting went well.", "HOAGLAND", "NNNN"]
    assert split_trailing_extract(lines) == (lines, None)
