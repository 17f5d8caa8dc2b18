"""The three seed cables in examples/cables read field by field as the gold file expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.models import Cable
from briefgen.read import read_paths

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "cables"


@pytest.fixture(scope="module")
def cables() -> dict[str, Cable]:
    out = {}
    for item in read_paths([SEEDS]):
        assert isinstance(item, Cable), item
        out[item.id] = item
    return out


def test_reads_every_seed(cables: dict[str, Cable]) -> None:
    assert sorted(cables) == ["09ASTANA1206", "09ASTANA1985", "09ASTANA2101"]


def test_header_fields(cables: dict[str, Cable]) -> None:
    cable = cables["09ASTANA2101"]
    assert cable.created is not None and cable.created.isoformat() == "2009-12-01T04:47:00"
    assert cable.origin == "Embassy Astana"
    assert cable.classification == "UNCLASSIFIED"
    assert cable.subject == (
        "KAZAKHSTAN: ANTI-TRAFFICKING PROGRAMS IN KOKSHETAU - NGO MAKES A BIG DIFFERENCE IN A "
        "SMALL PLACE"
    )
    assert cable.tags == ("PGOV", "ELAB", "SMIG", "SOCI", "KCRM", "KTIP", "KWMN", "KZ")
    assert cable.references == ("09ASTANA1206",)
    assert cable.recipients == ("SECSTATE WASHDC",)
    assert cable.signers == ("SPRATLEN",)
    assert cable.format == "wikileaks-text"


def test_references_with_letters(cables: dict[str, Cable]) -> None:
    assert cables["09ASTANA1206"].references == ("09ASTANA222", "09ASTANA187")


def test_summary_and_comment_without_markers(cables: dict[str, Cable]) -> None:
    cable = cables["09ASTANA1206"]
    assert cable.summary is not None and cable.summary.startswith("INL funded an information")
    assert cable.summary.endswith("the U.S. Government.")
    assert cable.comment is not None and cable.comment.startswith("Not only did this project")
    assert "END COMMENT" not in cable.comment


def test_garbled_numbers_repaired_and_headings_kept(cables: dict[str, Cable]) -> None:
    cable = cables["09ASTANA1985"]
    assert [p.number for p in cable.paragraphs] == list(range(1, 14))
    six = cable.paragraph(6)
    assert six is not None and six.heading == "THE INFORMATION CAMPAIGN"
    assert six.text.startswith("On September 14")
    assert cable.format == "telegram"


def test_page_break_dropped_and_sentence_rejoined(cables: dict[str, Cable]) -> None:
    seven = cables["09ASTANA1206"].paragraph(7)
    assert seven is not None
    assert "conducted at the headquarters of the Nur Otan" in seven.text
    assert "00001206" not in seven.text


def test_repeated_header_dropped(cables: dict[str, Cable]) -> None:
    cable = cables["09ASTANA2101"]
    assert [p.number for p in cable.paragraphs] == list(range(1, 13))
    assert all("SIPDIS" not in p.text for p in cable.paragraphs)


def test_bullets_stay_on_their_own_lines(cables: dict[str, Cable]) -> None:
    five = cables["09ASTANA2101"].paragraph(5)
    assert five is not None
    assert five.text.count("\n- ") == 3 and "\n- At a very young age" in five.text
