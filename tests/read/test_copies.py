"""Several copies of one cable make one: the most complete text, the most specific marking."""

from __future__ import annotations

from briefgen.read import merge_copies, read_text
from briefgen.read.copies import most_specific

# A cut-off page of a cable (its last paragraph, with the grant, lost) and a whole text copy.
CUT = """\
Identifier
Created
Classification
Origin
09DUSHANBE575
2009-05-14 08:32
UNCLASSIFIED//FOR OFFICIAL USE ONLY
Embassy Dushanbe
Cable title: TAJIKISTAN'S NEW SYNAGOGUE
Tags: PGOV KIRF TI

UNCLAS DUSHANBE 000575
SUBJECT: TAJIKISTAN'S NEW SYNAGOGUE: BUSINESS, CENTRAL ASIA STYLE

1. (SBU) Summary: The Jewish community has a new synagogue.
"""
WHOLE = """\
UNCLAS DUSHANBE 000575
TAGS: PGOV KIRF TI
SUBJECT: TAJIKISTAN'S NEW SYNAGOGUE: BUSINESS, CENTRAL ASIA STYLE

1. (SBU) Summary: The Jewish community has a new synagogue.

2. (SBU) A $20,000 small grant from the Embassy paid for its roof.
"""


def test_the_whole_text_and_the_specific_marking_win_in_either_order() -> None:
    cut, whole = read_text(CUT, "a.txt"), read_text(WHOLE, "09DUSHANBE575.txt")
    assert (cut.id, whole.id) == ("09DUSHANBE575", "09DUSHANBE575")
    for merged in (merge_copies(cut, whole), merge_copies(whole, cut)):
        assert [p.number for p in merged.paragraphs] == [1, 2]
        assert "small grant" in merged.paragraphs[-1].text
        assert merged.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        assert merged.origin == "Embassy Dushanbe"


def test_most_specific_classification() -> None:
    assert most_specific("UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY") == (
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    )
    assert most_specific("SECRET//NOFORN", "SECRET") == "SECRET//NOFORN"
    assert most_specific("CONFIDENTIAL", "SECRET") == "SECRET"
    assert most_specific(None, "SECRET") == "SECRET"
