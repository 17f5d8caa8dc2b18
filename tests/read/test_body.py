"""Body splitting: numbered paragraphs, headings, bullets, summary, comment and signature."""

from __future__ import annotations

from briefgen.read.body import split_body

BODY = """\
Summary

1. (C) Summary: The Minister met the Ambassador. End summary.

Welcome Back, AMLO

2. (U) The rally was the largest of the anti-
trafficking campaign. In
2008. the numbers doubled -- or so
they say.

- first item
that runs on
- second item

-------
COMMENT
-------

3. (C) Both sides want more. End comment.
HOAGLAND
"""


def test_paragraphs_headings_and_bullets() -> None:
    body = split_body(BODY.split("\n"))
    assert [p.number for p in body.paragraphs] == [1, 2, 3]
    one, two, three = body.paragraphs
    assert one.heading == "Summary"
    assert two.heading == "Welcome Back, AMLO"
    assert three.heading == "COMMENT"
    # Lines join into running text; a number inside a block is not a new paragraph.
    assert two.text.startswith("(U) The rally was the largest of the anti-trafficking campaign.")
    assert "In 2008. the numbers doubled -- or so they say." in two.text
    assert two.text.endswith("\n- first item that runs on\n- second item")


def test_summary_comment_and_signer() -> None:
    body = split_body(BODY.split("\n"))
    assert body.summary == "The Minister met the Ambassador."
    assert body.comment == "Both sides want more."
    assert body.signers == ("HOAGLAND",)


def test_garbled_numbers_are_repaired() -> None:
    lines = ["5. Five.", "", "16. Six.", "", "17. Seven.", "", "8. Eight.", "", "19. Nine."]
    assert [p.number for p in split_body(lines).paragraphs] == [5, 6, 7, 8, 9]


def test_numbering_that_restarts_is_kept() -> None:
    lines = ["1. One.", "", "2. Two.", "", "1. One of a quoted cable."]
    assert [p.number for p in split_body(lines).paragraphs] == [1, 2, 1]


def test_unnumbered_cable_keeps_its_blocks() -> None:
    lines = ["SUMMARY: A short one. END SUMMARY", "", "Background text.", "", "More text."]
    body = split_body(lines)
    assert [p.number for p in body.paragraphs] == [None, None, None]
    assert body.summary == "A short one."
    assert body.signers == ()


def test_signature_on_the_last_text_line() -> None:
    lines = ["1. (C) Kosor cannot be spared. END COMMENT. FOLEY"]
    body = split_body(lines)
    assert body.signers == ("FOLEY",)
    assert body.paragraphs[0].text == "(C) Kosor cannot be spared. END COMMENT."
    trailer = ["1. IT AVOIDS THE PEOPLE. BURNS B T #0011 N", "-- END OF ERRORED MESSAGE --"]
    assert split_body(trailer).signers == ("BURNS",)
    assert split_body(["1. We will see. End Comment."]).signers == ()


def test_paragraphs_run_into_one_line_are_put_back_on_their_own() -> None:
    flat = [
        "001.2 OF 002",
        "CLASSIFIED BY: Alan Eyre, Director, IRPO, DoS. REASON: 1.4 (b), (d) 1. (C) SUMMARY: "
        "The bank got a license. END SUMMARY.",
        "2. (SBU) In an August 24 2009 meeting, the council met.",
        "It approved 1.4 (b) rules and 3 licenses. 3.(C) After the revolution, the fund grew. "
        "5. (C) Not in order: stays inside paragraph 3.",
    ]
    body = split_body(flat)
    assert [p.number for p in body.paragraphs] == [1, 2, 3]
    assert body.paragraphs[0].text.startswith("(C) SUMMARY: The bank got a license.")
    assert body.summary == "The bank got a license."
    assert body.paragraphs[2].text.endswith("Not in order: stays inside paragraph 3.")
    assert "CLASSIFIED BY" not in " ".join(p.text for p in body.paragraphs)


def test_a_number_after_a_headings_rule_starts_a_paragraph() -> None:
    lines = [
        "1.",
        "(C)",
        "SUMMARY:",
        "THE REACTION WAS MEASURED. END SUMMARY.",
        "PROMINENT COVERAGE--BUT MILD REACTION ----------------------- 2.",
        "(U) NEWSPAPERS COVERED IT.",
        "3.",
        "(U) THE MINISTER SPOKE.",
        "COMMENT ------- 4. (C) WE SUSPECT RESTRAINT. END COMMENT.",
    ]
    body = split_body(lines)
    assert [(p.number, p.heading) for p in body.paragraphs] == [
        (1, None),
        (2, "PROMINENT COVERAGE--BUT MILD REACTION"),
        (3, "PROMINENT COVERAGE--BUT MILD REACTION"),
        (4, "COMMENT"),
    ]
    assert body.comment == "WE SUSPECT RESTRAINT."


def summary_of(*paragraphs: str) -> str | None:
    return split_body("\n\n".join(paragraphs).split("\n")).summary


def test_summary_forms() -> None:
    # 05ROME1593, 06MONTEVIDEO963, 04THEHAGUE4: the openings real cables use.
    assert summary_of(
        "1. (S) Summary and Action Request: PM Berlusconi spoke to Parliament. End Summary.",
        "2. (U) On May 5 he briefed the Chamber.",
    ) == ("PM Berlusconi spoke to Parliament.")
    assert summary_of("1. (C) Summary/Comment: The GOA will not move. End Summary/Comment.") == (
        "The GOA will not move."
    )
    assert summary_of(
        "1. (SBU) Summary and Introduction: Uruguay's debate over history teaching. End Summary."
    ) == ("Uruguay's debate over history teaching.")
    assert summary_of("I. Summary", "The Netherlands is a transit point. End Summary.") == (
        "The Netherlands is a transit point."
    )


def test_summary_closed_only_by_its_end_marker() -> None:
    # 04AMMAN1288: no opening word, the first paragraphs run to `End Summary`.
    assert summary_of(
        "1. (S) FonMin Muasher told the Ambassador the meeting was frank.",
        "2. (S) He described the neighbors' positions. End Summary.",
        "3. (S) Muasher said more.",
    ) == ("FonMin Muasher told the Ambassador the meeting was frank. (S) He described the"
          " neighbors' positions.")  # fmt: skip
    assert summary_of("1. (C) Nothing ends here.", "2. (C) Nor here.") is None


def signers_of(*lines: str) -> tuple[str, ...]:
    return split_body(["1. (C) The meeting ended well.", *lines]).signers


def test_signatures_without_what_copies_add_to_them() -> None:
    assert signers_of("CRETZ CRETZ") == ("CRETZ",)  # 05TELAVIV6669: printed twice
    assert signers_of("Rice Nnnn") == ("Rice",)  # 08STATE43817: a case-mangled NNNN
    assert signers_of("HOAGLAND", "NNNN", "Declassified/Released US Department of State") == (
        "HOAGLAND",
    )
    # A redacted signer, a routing leftover, a sentence running on, a page header: no name.
    assert signers_of("XXXXXXXXXXXX") == ()
    assert signers_of("RUCNMGH/MAGHREB COLLECTIVE") == ()
    assert split_body(["1. (C) The Embassy seeks comment", "AND GUIDANCE REQUES"]).signers == ()
    assert signers_of("PAGE 03") == ()
    # Surnames that start like routing indicators stay names.
    assert signers_of("RUSSELL") == ("RUSSELL",)


def test_xmt_exclusions_and_page_headers_in_address_blocks() -> None:
    from briefgen.read.telegram import read_header

    header = read_header(
        [
            "FM SECSTATE WASHDC",
            "TO SECURITY OFFICER COLLECTIVE PRIORITY",
            "AMEMBASSY TRIPOLI PRIORITY",
            "PAGE 02 STATE 116943 211945Z",
            "CONFIDENTIAL",
            "INFO AMCONSUL CASABLANCA PRIORITY",
            "AMCONSUL JOHANNESBURG",
            "XMT AMCONSUL JOHANNESBURG",
            "AMEMBASSY TRIPOLI",
            "S E C R E T STATE 116943",
            "SUBJECT: SECURITY NOTICE",
            "",
            "1. (S) Text.",
        ]
    )
    assert header.recipients == ("SECURITY OFFICER COLLECTIVE",)
    assert header.info_recipients == ("AMCONSUL CASABLANCA",)


def test_a_numbered_list_inside_a_paragraph_stays_in_it() -> None:
    # 09STATE81957: the action items of paragraph 28, then paragraph 29.
    lines = [
        "27. (S) Neither side had anything to report.",
        "",
        "28. (S) Costner noted the following action items:",
        "",
        "1. On Eritrea/Somalia, the U.S. will seek authorization to release evidence.",
        "",
        "2. On Finland, the U.S. will respond to Russia's conditions.",
        "",
        "29. (S/NF) Both sides agreed the meeting was a success.",
    ]
    body = split_body(lines)
    assert [p.number for p in body.paragraphs] == [27, 28, 29]
    assert "1. On Eritrea/Somalia" in body.paragraphs[1].text
    assert "2. On Finland" in body.paragraphs[1].text
    # 09NEWDELHI1778: a quoted dossier's numbers at the end, after `Full Text of Dossier:`.
    quoted = [
        "8. (C) Raghavan concluded.",
        "",
        "9. Full Text of Dossier:",
        "",
        "1. Hafiz Saeed.",
        "",
        "2. After the ban.",
    ]
    assert [p.number for p in split_body(quoted).paragraphs] == [8, 9]


def test_a_comment_closed_without_an_opening_is_only_its_own_paragraph() -> None:
    # 09KAMPALA551's shape: the body reports a UN mission's findings; only the aside that
    # `End Comment.` closes is the post's own view.
    body = split_body(
        [
            "1. (C) Summary: MONUC's report documents abuses by both sides. End Summary.",
            "2. (C) The report says the army killed civilians in three villages.",
            "3. (C) MONUC investigators interviewed 40 witnesses.",
            "4. (C) The report urges prosecutions. (Comment: Post finds the report credible,"
            " though thin on dates. End Comment.)",
        ]
    ).comment
    assert body == "Post finds the report credible, though thin on dates."
    only = split_body(
        [
            "1. (C) The minister described the plan.",
            "2. (C) We doubt the plan will pass this year. End Comment.",
        ]
    ).comment
    assert only == "We doubt the plan will pass this year."
    worded = split_body(
        [
            "1. (C) The spokesman declined to comment. He said talks go on.",
            "2. (C) The minister spoke. (Comment: His aides declined to comment. The talks"
            " have stalled. End Comment.)",
        ]
    ).comment
    assert worded == "His aides declined to comment. The talks have stalled."
