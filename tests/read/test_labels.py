"""Paragraph labels: lettered and sub-numbered paragraphs can be cited, not only numbered ones."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.read.body import split_body


def labels(lines: list[str]) -> list[tuple[int | None, str | None]]:
    return [(p.number, p.label) for p in split_body(lines).paragraphs]


def test_lettered_parts_of_a_numbered_paragraph() -> None:
    # 06VIENNA515: paragraph 5 in parts A and B, then paragraph 6.
    lines = [
        "5. (S/NF) Posts were asked to raise the following cases:",
        "",
        "A. (S/NF) USG Concern: Novin Energy Company, a firm designated under E.O. 13382.",
        "",
        "B. (S/NF) USG Concern: Since 2001, Creditanstalt has held accounts.",
        "",
        "6. (S/NF) The Austrian side took note.",
    ]
    assert labels(lines) == [(5, None), (5, "5A"), (5, "5B"), (6, None)]


def test_lettered_paragraphs_of_a_spot_report() -> None:
    # 04THEHAGUE1903: a TERREP spot report, lettered from the top, one garbled to `B,`.
    lines = [
        "A. (U) POST: The Hague.",
        "",
        "B, (U) ACTIVITY DATE/TIME: July 27, 2004 at approximately 1250 hrs.",
        "",
        "C. (SBU) SUMMARY: DCM and RSO responded to the office of the Coordinator.",
    ]
    assert labels(lines) == [(None, "A"), (None, "B"), (None, "C")]
    assert split_body(lines).paragraphs[1].text.startswith("(U) ACTIVITY DATE/TIME")


def test_sub_numbered_paragraphs() -> None:
    lines = [
        "17. (C) The delegation raised three issues.",
        "",
        "18A. (C) Visas: the Minister promised a decision.",
        "",
        "18B. (C) Detainees: no answer was given.",
        "",
        "19. (C) Comment follows.",
    ]
    assert labels(lines) == [(17, None), (18, "18A"), (18, "18B"), (19, None)]
    lines = [
        "1. (C) Summary.",
        "",
        "2.a. (C) First point.",
        "",
        "2.b. (C) Second.",
        "",
        "2(c) Third.",
    ]
    assert labels(lines) == [(1, None), (2, "2.a"), (2, "2.b"), (2, "2(c)")]


def test_a_broken_reason_line_is_no_sub_paragraph() -> None:
    # `... reasons 1.` / `4 (b) and (d).`: a Classified By line broken after its `1.`.
    lines = [
        "1. (C) Summary: the Minister met the Ambassador.",
        "4 (b) and (d).",
        "",
        "2. (C) More.",
    ]
    assert labels(lines) == [(1, None), (2, None)]


def test_unnumbered_sections_keep_their_headings_and_no_label() -> None:
    lines = ["THE SHELTER", "", "The shelter opened in May.", "", "FUNDING", "", "A grant paid it."]
    body = split_body(lines)
    assert [(p.number, p.label, p.heading) for p in body.paragraphs] == [
        (None, None, "THE SHELTER"),
        (None, None, "FUNDING"),
    ]


def test_parse_json_gives_the_label(tmp_path: Path) -> None:
    cable = tmp_path / "cable.txt"
    cable.write_text(
        "R 101029Z NOV 09\nFM AMEMBASSY ASTANA\nUNCLAS ASTANA 001985\nSUBJECT: TEST\n\n"
        "18. (U) Text.\n\n18A. (U) More text.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["parse", "--json", str(cable)])
    assert result.exit_code == 0, result.output
    paragraphs = json.loads(result.stdout)["paragraphs"]
    assert [(p["number"], p["label"]) for p in paragraphs] == [(18, None), (18, "18A")]
