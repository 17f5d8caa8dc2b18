"""Every input format reads into a full cable: id, created, origin, classification, subject."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefgen.models import Cable, Rejection
from briefgen.read import read_paths

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "formats"


def read_all(*paths: Path) -> list[Cable | Rejection]:
    return list(read_paths(paths))


def only_cable(path: Path) -> Cable:
    items = read_all(path)
    assert len(items) == 1 and isinstance(items[0], Cable), items
    return items[0]


def test_wikileaks_page_reads_the_cable_not_the_sidebar() -> None:
    cable = only_cable(FORMATS / "page.html")
    assert cable.format == "wikileaks-html"
    assert cable.id == "06BERN2115"
    # The date-time group (271548Z) is more precise than the page's rounded time.
    assert cable.created == datetime(2006, 11, 27, 15, 48)
    assert cable.origin == "Embassy Bern"
    assert cable.classification == "CONFIDENTIAL"
    assert cable.subject == (
        'SWISS TO BAKER COMMISSION: USG SHOULD NO LONGER "OUT-SOURCE" TO THE EU-3 OUR IRAN POLICY'
    )
    assert cable.tags == ("PREL", "KNNP", "IR", "SZ")
    assert "KTIP" not in cable.tags
    assert cable.references == ("06STATE12345", "06BERN2001")
    assert cable.classified_by == "Ambassador Peter Coneway"
    assert cable.nondisclosure_deadline == "2016-11-27"
    assert cable.recipients == ("SECSTATE WASHDC",)
    assert cable.info_recipients == ("IRAN COLLECTIVE",)
    assert cable.signers == ("CONEWAY",)
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    two = cable.paragraph(2)
    assert two is not None and two.heading == "Gauging Iran's motives"
    assert (
        two.text == "(C) Swiss officials are sure Iran seeks to reach the threshold, Ambuehl said."
    )
    assert cable.summary is not None and cable.summary.startswith("Swiss State Secretary")
    assert cable.comment == "The Swiss are eager to help."


def test_body_only_fragment_with_a_dateline() -> None:
    cable = only_cable(FORMATS / "fragment.txt")
    assert cable.format == "wikileaks-fragment"
    assert (cable.id, cable.origin, cable.classification) == (
        "04DUBLIN1101",
        "Embassy Dublin",
        "CONFIDENTIAL",
    )
    assert cable.created == datetime(2004, 7, 26, 7, 22)
    assert cable.subject is not None and cable.subject.endswith("READY FOR ONE FINAL PUSH")
    assert cable.tags == ("EI", "PGOV", "PINR", "PREL", "UK")
    assert cable.references == ("04LONDON4943",)
    assert cable.classified_by == "AMBASSADOR JAMES KENNY"


def test_plusd_page_of_a_1970s_telegram() -> None:
    cable = only_cable(FORMATS / "plusd.html")
    assert cable.format == "plusd-html"
    assert cable.id == "74ATHENS2959"
    assert cable.created == datetime(1974, 5, 17, 16, 0)
    assert cable.origin == "Embassy Athens"
    assert cable.classification == "LIMITED OFFICIAL USE"
    assert cable.subject == "ARRESTS OF KALOUDIS AND AMBATIELOS"
    assert cable.references == ("74STATE97844",)
    assert cable.signers == ("TASCA",)
    one = cable.paragraph(1)
    assert one is not None
    assert one.text.endswith(
        "BUT BECAUSE OF THEIR ACKNOWLEDGED COMMUNIST PARTY AFFILIATIONS, FACT "
        "CONFIRMED BY EMBASSY SOURCES."
    )


def test_csv_rows_stream_with_escapes_and_a_broken_row() -> None:
    items = read_all(FORMATS / "cables.csv")
    assert [type(i).__name__ for i in items] == ["Cable", "Rejection", "Cable"]
    first, broken, last = items
    assert isinstance(first, Cable) and isinstance(last, Cable) and isinstance(broken, Rejection)
    assert (first.id, first.row, first.format) == ("72TEHRAN1164", 1, "csv")
    assert first.created == datetime(1972, 2, 25, 9, 30)
    assert first.references == ("72TEHRAN1091", "72MOSCOW1603")
    assert first.paragraph(1) is not None
    assert "SHAH'S OFFICE" in first.paragraphs[0].text
    assert '"THE SHAH IS MOST DEEPLY CONCERNED"' in first.paragraphs[1].text
    assert first.signers == ("HECK",)
    assert broken.row == 2 and "3 fields" in broken.reason
    assert (last.id, last.row, last.origin) == ("66BUENOSAIRES2481", 3, "Embassy Buenos Aires")


def test_json_lines_flattened_bodies_and_a_truncated_record() -> None:
    items = read_all(FORMATS / "export.jsonl")
    assert [type(i).__name__ for i in items] == ["Cable", "Cable", "Rejection"]
    ankara, delhi, truncated = items
    assert isinstance(ankara, Cable) and isinstance(delhi, Cable)
    assert ankara.id == "04ANKARA348" and ankara.row == 1
    assert ankara.subject == (
        "turkish p.m. Erdogan goes to washington: how strong a leader in the face of strong "
        "challenges?"
    )
    assert ankara.tags == ("PREL", "PGOV", "PINS", "TU")
    assert ankara.classified_by == "Ambassador Eric Edelman"
    assert [p.number for p in ankara.paragraphs] == [1, 2]
    # Exports of the full release hold the references, not the id, in `_id`.
    assert delhi.id == "98NEWDELHI2879"
    assert delhi.references == ("98ISLAMABAD2617",)
    assert delhi.subject == "INDIAN REACTION TO PAKISTAN'S MISSILE TEST"
    assert delhi.signers == ("CELESTE",)
    assert isinstance(truncated, Rejection) and truncated.row == 3


def test_folder_is_read_sorted_and_skips_non_cables(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes((FORMATS / "fragment.txt").read_bytes())
    (tmp_path / "a.html").write_bytes((FORMATS / "page.html").read_bytes())
    (tmp_path / "README.md").write_text("# my cables\n")
    (tmp_path / "manifest.json").write_text("{}\n")
    items = read_all(tmp_path)
    assert [getattr(i, "id", None) for i in items] == ["06BERN2115", "04DUBLIN1101"]


@pytest.mark.parametrize("name", ["page.html", "fragment.txt", "plusd.html"])
def test_read_text_gives_the_same_cable(name: str) -> None:
    from briefgen.read import read_text

    path = FORMATS / name
    assert read_text(path.read_text(encoding="utf-8"), str(path)) == only_cable(path)


def test_json_array_file(tmp_path: Path) -> None:
    lines = (FORMATS / "export.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "cables.json"
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    items = read_all(path)
    assert [(getattr(i, "id", None), i.row) for i in items] == [
        ("04ANKARA348", 1),
        ("98NEWDELHI2879", 2),
    ]


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "page.html").write_bytes((FORMATS / "page.html").read_bytes())
    assert [getattr(i, "id", None) for i in read_all(tmp_path)] == ["06BERN2115"]


def test_csv_streams_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = (FORMATS / "cables.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_paths(["-"]))
    assert [(getattr(i, "id", None), i.row) for i in items] == [
        ("72TEHRAN1164", 1),
        (None, 2),
        ("66BUENOSAIRES2481", 3),
    ]
    assert all(i.path in ("-", None) for i in items)


def test_every_fixture_cable_has_the_core_fields() -> None:
    """The must-have fields are never null for any shape of cable the reader knows."""
    cables = [item for item in read_all(FORMATS) if isinstance(item, Cable)]
    assert len(cables) == 7
    for cable in cables:
        for field in ("id", "created", "origin", "classification", "subject"):
            assert getattr(cable, field), (cable.path, cable.row, field)


def test_garbled_id_is_rebuilt_from_the_serial_line_and_fm(tmp_path: Path) -> None:
    page = (FORMATS / "page.html").read_text(encoding="utf-8")
    page = page.replace(">06BERN2115</a>", ">06SECTION01OF02QERN2115</a>")
    page = page.replace("SECTION 01 OF 02 BERN 002115", "SECTION 01 OF 02QERN 002115")
    path = tmp_path / "06SECTION01OF02QERN2115.html"
    path.write_text(page, encoding="utf-8")
    cable = only_cable(path)
    assert cable.id == "06BERN2115"
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]


def test_body_only_copy_without_a_date_takes_the_year_from_its_file_name(tmp_path: Path) -> None:
    text = (FORMATS / "fragment.txt").read_text(encoding="utf-8")
    text = text.replace("Monday, 26 July 2004, 07:22\n", "")
    path = tmp_path / "04DUBLIN1101.txt"
    path.write_text(text, encoding="utf-8")
    cable = only_cable(path)
    assert (cable.id, cable.created) == ("04DUBLIN1101", None)
    other = tmp_path / "notes.txt"
    other.write_text(text, encoding="utf-8")
    rejection = read_all(other)[0]
    assert isinstance(rejection, Rejection) and "no year" in rejection.reason


MIRROR_PAGE = """<html><body><table class='cable'><tr><td>06LIMA4516</td><td>2006-11-28 20:58</td>
<td>2011-08-30</td><td>UNCLASSIFIED//FOR OFFICIAL USE ONLY</td><td>Embassy Lima</td></tr></table>
<code><pre>UNCLAS LIMA 004516&#x000A;SUBJECT: AYACUCHO CONTACTS TALK OF NARCO-ECONOMY&#x000A;
&#x000A;1.  (SBU) Ayacucho's economy turns on narcotr...&#x000A;&#x000A;id: 87334&#x000A;
date: 11/28/2006 20:58&#x000A;refid: 06LIMA4516&#x000A;origin: Embassy Lima&#x000A;
destination: &#x000A;header:&#x000A;VZCZCXYZ0000&#x000A;FM AMEMBASSY LIMA&#x000A;
TO RUEHC/SECSTATE WASHDC 3125&#x000A;INFO RUEHAC/AMEMBASSY ASUNCION 1559&#x000A;&#x000A;
----------------- header ends ----------------&#x000A;&#x000A;UNCLAS LIMA 004516&#x000A;
&#x000A;SUBJECT: AYACUCHO CONTACTS TALK OF NARCO-ECONOMY&#x000A;&#x000A;
1.  (SBU) Ayacucho's economy turns on narcotrafficking, local contacts told Poloff.&#x000A;
&#x000A;2.  (U) Coca sustains the economy. STRUBLE&#x000A;</pre></code></body></html>
"""


def test_a_mirror_pages_preview_and_record_fields_are_dropped(tmp_path: Path) -> None:
    page = tmp_path / "06LIMA4516.html"
    page.write_text(MIRROR_PAGE, encoding="utf-8")
    (cable,) = list(read_paths([str(page)]))
    assert isinstance(cable, Cable)
    assert [p.number for p in cable.paragraphs] == [1, 2]
    assert cable.paragraphs[0].text.endswith("local contacts told Poloff.")
    assert "id: 87334" not in " ".join(p.text for p in cable.paragraphs)
    assert cable.info_recipients == ("AMEMBASSY ASUNCION",)


def test_a_flattened_routing_header_gets_its_lines_back() -> None:
    from briefgen.read.tabular import unflatten_routing

    # nl-json-initial/09ASHGABAT218: the export dropped the header's line breaks.
    header = (
        "P 131259Z FEB 09FM AMEMBASSY ASHGABATTO SECSTATE WASHDC PRIORITY 2320INFO ALL SOUTH "
        "AND CENTRAL ASIA COLLECTIVECIS COLLECTIVEAMEMBASSY ANKARA CIA WASHDCDIA WASHDC"
    )
    assert unflatten_routing(header).split("\n") == [
        "P 131259Z FEB 09",
        "FM AMEMBASSY ASHGABAT",
        "TO SECSTATE WASHDC PRIORITY 2320",
        "INFO ALL SOUTH AND CENTRAL ASIA COLLECTIVE",
        "CIS COLLECTIVE",
        "AMEMBASSY ANKARA CIA WASHDC",
        "DIA WASHDC",
    ]
    # A spaced TO after a post ending in TO is not cut inside the post's name.
    assert unflatten_routing("FM AMCONSUL TORONTO TO SECSTATE WASHDC").split("\n") == [
        "FM AMCONSUL TORONTO",
        "TO SECSTATE WASHDC",
    ]
    # A header with its line breaks is left alone.
    assert unflatten_routing("FM AMEMBASSY ROME\nTO SECSTATE WASHDC") == (
        "FM AMEMBASSY ROME\nTO SECSTATE WASHDC"
    )


def test_a_gzip_file_is_read_as_what_it_holds(tmp_path: Path) -> None:
    import gzip

    plain = read_all(FORMATS / "cables.csv")
    packed = tmp_path / "cables.csv.gz"
    packed.write_bytes(gzip.compress((FORMATS / "cables.csv").read_bytes()))
    # In a folder too: a download often keeps its .gz.
    for cables in (read_all(packed), read_all(tmp_path)):
        assert [c.id for c in cables if isinstance(c, Cable)] == [
            c.id for c in plain if isinstance(c, Cable)
        ]
        # The broken row is the same rejection, named by the .gz file it came from.
        [rejected] = [c for c in cables if isinstance(c, Rejection)]
        assert rejected.row == 2 and rejected.path.endswith("cables.csv.gz")


def test_a_cut_off_gzip_file_is_one_rejection(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress((FORMATS / "page.html").read_bytes())
    cut = tmp_path / "page.html.gz"
    cut.write_bytes(data[: len(data) // 2])
    [rejection] = read_all(cut)
    assert isinstance(rejection, Rejection)
    assert "broken gzip file" in rejection.reason
