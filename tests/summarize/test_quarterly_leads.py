"""The lead of a quarterly entry: its summary when it has one, else its most telling sentence;
never a handling notice, a pointer, a classification reason or a reference list."""

from __future__ import annotations

import pytest

from briefgen.extract import extract
from briefgen.models import Cable, Paragraph
from briefgen.summarize.leads import (
    boilerplate_reason,
    change_kind,
    lead_sentences,
    scored_sentences,
    summary_sentences,
)


def cable(*paragraphs: str, summary: str | None = None) -> Cable:
    """Return a cable of numbered paragraphs, read as the reader gives them."""
    return Cable(
        id="09TESTPOST1",
        origin="Embassy Test",
        subject="TEST",
        summary=summary,
        paragraphs=tuple(
            Paragraph(number=i, heading=None, text=text) for i, text in enumerate(paragraphs, 1)
        ),
    )


def lead_of(subject: Cable) -> tuple[str, bool]:
    sentences, from_summary = lead_sentences(subject, scored_sentences(subject, extract(subject)))
    return " ".join(s.text for s in sentences), from_summary


@pytest.mark.parametrize(
    "sentence",
    [
        "Per reftel A, the following is Embassy Tegucigalpa's input on trafficking prosecutions.",
        "The entire text of this report is Sensitive But Unclassified.",
        "Sensitive but Unclassified - protect accordingly.",
        "PLEASE HANDLE ACCORDINGLY.",
        "This is an action cable; see paras 5 through 7 and 10.",
        "This is an action request.",
        "Please see paragraph 3.",
        "Classified By: Ambassador E. Anthony Wayne for reasons 1.4(b)and(d)",
        "1.4 (b) and (d).",
        "REF: A. STATE 12345 B. ASHGABAT 218",
        "This corrected cable replaces WARSAW 01071.",
        "----------------- header ends ----------------",
        "The full text of the original cable is not available.",
        "Summary and comment follow.",
        "EINT PTER PINR PGOV RU SW",
        "KABIRI WALKS A TIGHTROPE REF: A) DUSHANBE 1866 B) DUSHANBE 1855",
    ],
)
def test_boilerplate_of_real_cables_is_never_a_lead(sentence: str) -> None:
    assert boilerplate_reason(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "On April 14, a court in San Pedro Sula sentenced a trafficker to life in prison.",
        "Argentina remains on Tier 2 Watch List.",
        "In a meeting with the Ambassador, Zaripov counseled patience.",
        "This is the first conviction under the new law.",
        "About 300 people attended the rally in Almaty.",
        "Some 150 victims were identified in 2008.",
    ],
)
def test_news_is_not_boilerplate(sentence: str) -> None:
    assert boilerplate_reason(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Despite such efforts, the government did not show evidence of progress; therefore, "
            "Argentina remains on Tier 2 Watch List.",
            "Ratings",
        ),
        ("Chile's increased efforts warrant its continuation in Tier 2.", "Ratings"),
        ("A court sentenced a trafficker to life in prison.", "Convictions and sentences"),
        (
            "The MOJ's units had conducted 177 raids, made 206 arrests, and rescued 287 victims.",
            "Arrests, raids and releases",
        ),
        ("On May 5, the Verkhovna Rada passed a draft law on trafficking.", "Laws and decrees"),
        ("The Ministry of Justice is reviewing draft legislation.", "Laws and decrees"),
        ("The Akimat opened a new shelter for trafficking victims.", "Centres and services opened"),
        ("Argentina signed an agreement with the Bolivian government.", "Agreements"),
    ],
)
def test_what_changed_is_told_by_content(sentence: str, kind: str) -> None:
    assert change_kind(sentence) == kind


def test_funding_needs_an_amount_and_guidance_is_no_change() -> None:
    grant = "USAID awarded a $1.2 million grant to Counterpart International."
    assert change_kind(grant, money=True) == "Funding"
    assert change_kind("USAID awarded a grant to Counterpart International.") is None
    for guidance in (
        "Please inform the Government of its tier ranking before June 16.",
        "Continue to implement the new anti-trafficking law vigorously.",
        "Countries classified as Tier 3 may be subject to restrictions on assistance.",
        "He stressed the need for convictions against criminals.",
        "Post strongly recommends that Chile remain a Tier 2 country.",
        "We ask that you enforce the terms of Megrahi's life sentence.",
    ):
        assert change_kind(guidance) is None, guidance


def test_a_name_with_a_money_word_is_no_funding_and_a_condition_no_agreement() -> None:
    # Shapes of a real Kabul cable: a unit's name, and a signing set as a condition.
    seized = (
        "The government revealed, as part of an Afghan Threat Finance Cell investigation, that "
        "it had stopped him entering the country with $52 million earlier this year."
    )
    assert change_kind(seized, money=True) is None
    condition = (
        "The Ambassador will not authorize the use of the funds until the government has "
        "signed an agreement delineating its own responsibility."
    )
    assert change_kind(condition) != "Agreements"
    assert change_kind("Funding for the new shelter, $30,000, came from INL.", money=True) == (
        "Funding"
    )
    assert change_kind("In May, USAID awarded a $1.2 million grant to IOM.", money=True) == (
        "Funding"
    )
    for not_given in (
        # Shapes of real Berlin cables: an address, an urging, an offer, a hypothesis.
        "Madam Secretary, the U.S. presence numbers 744 employees and a budget of $153 million.",
        "A board member issued a statement urging Berlin to provide 3 billion Euro in state aid.",
        "Once the situation allows, Germany is ready to provide 90 million Euro in assistance.",
    ):
        assert change_kind(not_given, money=True) is None, not_given
    hypothesis = "Observers would have expected major clashes with the minister if he had stayed."
    assert change_kind(hypothesis) is None


def test_an_action_cable_leads_with_its_rating_not_its_pointer() -> None:
    lead, from_summary = lead_of(
        cable(
            "This is an action cable; see paras 5 through 7 and 10.",
            "The Government of Argentina does not fully comply with the minimum standards for "
            "the elimination of trafficking. Despite such efforts, the government did not show "
            "evidence of progress in convicting trafficking offenders; therefore, Argentina "
            "remains on Tier 2 Watch List.",
        )
    )
    assert "Argentina remains on Tier 2 Watch List" in lead
    assert "action cable" not in lead and not from_summary


def test_a_per_reftel_opening_gives_way_to_the_news() -> None:
    lead, _ = lead_of(
        cable(
            "(U) Per reftel A, the following is Embassy Tegucigalpa's input on prosecutions.",
            "(SBU) On April 14, a court in San Pedro Sula sentenced a trafficker to life in "
            "prison, the country's first life sentence for trafficking.",
            "(SBU) The special prosecutor for trafficking now has four attorneys.",
        )
    )
    assert lead.startswith("On April 14, a court in San Pedro Sula sentenced a trafficker")


def test_a_handling_notice_gives_way_to_the_news() -> None:
    lead, _ = lead_of(
        cable(
            "The entire text of this report is Sensitive But Unclassified. Please protect "
            "accordingly.",
            "(SBU) On May 5, the Verkhovna Rada passed a draft law that raises the penalty for "
            "trafficking in children. The Ministry of Justice drafted the law with help from the "
            "International Organization for Migration (IOM), the largest donor in the field.",
        )
    )
    assert lead.startswith("On May 5, the Verkhovna Rada passed a draft law")
    assert "Sensitive" not in lead


def test_a_first_paragraph_ending_end_summary_is_the_summary() -> None:
    subject = cable(
        "(C) Nicaraguan National Police arrested 12 members of a trafficking ring in Chinandega "
        "on June 3 and freed 30 women. The arrests followed a two-year investigation. "
        "End Summary.",
        "(C) The ring recruited women with offers of work in bars in Costa Rica.",
    )
    assert [s.text for s in summary_sentences(subject)] == [
        "Nicaraguan National Police arrested 12 members of a trafficking ring in Chinandega on "
        "June 3 and freed 30 women.",
        "The arrests followed a two-year investigation.",
    ]
    lead, from_summary = lead_of(subject)
    assert from_summary and lead.startswith("Nicaraguan National Police arrested 12 members")
    assert "End Summary" not in lead


def test_a_marked_summary_leads_even_when_the_body_has_figures() -> None:
    lead, from_summary = lead_of(
        cable(
            "(SBU) Summary: As the GOC is making significant progress in eliminating trafficking "
            "in persons, Post strongly recommends that Chile remain a Tier 2 country. End Summary.",
            "(SBU) Police opened 104 TIP cases in 2008, compared with 95 cases in 2007.",
        )
    )
    assert from_summary
    assert lead == (
        "As the GOC is making significant progress in eliminating trafficking in persons, Post "
        "strongly recommends that Chile remain a Tier 2 country."
    )


def test_a_classification_reason_and_a_handling_note_are_left_out() -> None:
    lead, _ = lead_of(
        cable(
            "(C) Classified By: Ambassador Tracey Jacobson, Reasons 1.4 (b) and (d).",
            "(C) In a meeting with Tajikistan's Ambassador to the United States Zaripov "
            "(strictly protect throughout), Ambassador Jacobson and he agreed that the "
            "relationship is solid.",
        )
    )
    assert lead.startswith(
        "In a meeting with Tajikistan's Ambassador to the United States Zaripov,"
    )
    assert "protect" not in lead and "Classified" not in lead


def test_a_cable_of_boilerplate_only_has_no_lead() -> None:
    lead, _ = lead_of(cable("This is an action request.", "Please see paragraph 3."))
    assert lead == ""


def test_a_subject_line_run_into_the_text_gives_way_to_its_first_sentence() -> None:
    lead, _ = lead_of(
        cable(
            "MODERATE TAJIK ISLAMIC LEADER KABIRI WALKS A TIGHTROPE -- RAHMONOV WANTS TO "
            "MARGINALIZE HIM. First Deputy Chairman of the Islamic Renaissance Party of "
            "Tajikistan (IRPT), Muhiddin Kabiri, worries that the government wants to "
            "marginalize him.",
        )
    )
    assert lead.startswith("First Deputy Chairman of the Islamic Renaissance Party")


def test_an_old_cable_in_capitals_still_has_a_lead() -> None:
    lead, _ = lead_of(
        cable(
            "ITALY ANSWERED THE CALL TO ASSIST THE COALITION WIN THE WAR IN IRAQ. THE GOI MADE "
            "A STRATEGIC CHOICE TO KEEP ITS POLICY ALIGNED WITH THE U.S."
        )
    )
    assert lead.startswith("ITALY ANSWERED THE CALL")
