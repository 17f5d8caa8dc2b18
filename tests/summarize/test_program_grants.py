"""The grants table reads funding from real sentence shapes: who paid, how much, for which
period, and how far it went (proposed, awarded, spent); totals never add a proposal to money
given."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefgen.store import Corpus
from briefgen.summarize.evidence import Evidence
from briefgen.summarize.program_grants import amount_text, funder_in, period_of, status_of
from tests.summarize.program_corpus import make_corpus, sheet

NO_FACTS = Evidence((), {})


@pytest.fixture(scope="module")
def program_db(module_location: str) -> str:
    return make_corpus(module_location)


@pytest.fixture()
def corpus(program_db: str) -> Iterator[Corpus]:
    with Corpus.open(program_db) as opened:
        yield opened


@pytest.mark.parametrize(
    ("sentence", "funder"),
    [
        ("SERNAM conducted G/TIP-funded anti-trafficking programs for local officials.", "G/TIP"),
        (
            "Training Conference in Salta, US$ 31,583, with FY 2006 and FY 2007 INCLE funds.",
            "INCLE",
        ),
        ("INL provided a $24,000 grant to the Union of Crisis Centers.", "INL"),
        ("The USG, through the USAID-funded PRODES program, has been training officials.", "USAID"),
        ("The shelter is funded by the Embassy of the Netherlands.", "Embassy of the Netherlands"),
        (
            "The Union of Crisis Centers conducted the seminars with a G/TIP grant of $45,000.",
            "G/TIP",
        ),
        ("She received a grant from the Democracy Commission in 2000.", "Democracy Commission"),
        ("In addition, the MVD allocated approximately $6,000 to pay for travel.", "MVD"),
        ("The Feminist League opened a shelter in Kokshetau.", ""),
    ],
)
def test_who_paid_as_the_sentence_says_it(sentence: str, funder: str) -> None:
    assert funder_in(sentence, NO_FACTS, "09X1") == funder


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        (
            "Members of the Law Enforcement Working Group at post have recommended a positive "
            "response to this request, which totals approximately US$ 14,000.",
            "proposed",
        ),
        ("IOM has proposed a baseline study of trafficking in Chile.", ""),
        ("Post has requested an additional $20,000 in G/TIP funds.", "proposed"),
        ("INL programs incurred US$144,802 during the first half of 2009.", "spent"),
        ("INL provided a $24,000 grant to the Union of Crisis Centers.", "awarded"),
        ("SERNAM conducted G/TIP-funded anti-trafficking programs.", "awarded"),
        # `seeking` further on says nothing of the grant.
        (
            "The INL-sponsored information campaign aimed to teach students ways to avoid "
            "victimization when seeking jobs abroad.",
            "awarded",
        ),
    ],
)
def test_how_far_the_money_went(sentence: str, status: str) -> None:
    assert status_of(sentence) == status


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("US$ 31,583, with FY 2006 and FY 2007 INCLE funds.", "FY 2006 and FY 2007"),
        ("US$ 65,046, principally FY 2007 but some FY 2006 funds.", "FY 2007 but some FY 2006"),
        ("From 2001 to 2008, Morozova operated a hotline funded by USAID.", "2001 to 2008"),
        ("The government granted eight million tenge through 2011.", "2011"),
        ("INL funded the campaign.", ""),
    ],
)
def test_the_period_as_the_sentence_states_it(sentence: str, period: str) -> None:
    assert period_of(sentence) == period


def test_amounts_read_as_a_reader_writes_them() -> None:
    assert amount_text("US$ 31,583") == "$31,583"
    assert amount_text("US$144,802") == "$144,802"
    assert amount_text("eight million tenge ($53,333)") == "eight million tenge ($53,333)"


def test_a_list_item_takes_its_status_from_the_lead_and_its_own_funder(corpus: Corpus) -> None:
    [grant] = sheet(corpus, "CDI").funding
    assert (grant.funder, grant.amount, grant.period, grant.status) == (
        "INCLE",
        "$31,583",
        "FY 2006 and FY 2007",
        "spent",
    )
    assert str(grant.cite) == "09BUENOSAIRES901 ¶10"


def test_a_request_is_proposed_and_never_added_to_money_given(corpus: Corpus) -> None:
    brief = sheet(corpus, "G/TIP seminars for judges")
    rows = {(g.funder, g.amount, g.status) for g in brief.funding}
    assert rows == {("G/TIP", "$45,000", "awarded"), ("G/TIP", "$20,000", "proposed")}
    assert brief.funding_totals == ("$45,000 awarded", "$20,000 proposed")
    assert all(g.implementer == "Union of Crisis Centers" for g in brief.funding)


def test_a_grant_without_an_amount_is_a_row_with_its_funder(corpus: Corpus) -> None:
    brief = sheet(corpus, "G/TIP-funded anti-trafficking programs", "06SANTIAGO538")
    [grant] = brief.funding
    assert (grant.funder, grant.implementer, grant.amount, grant.status) == (
        "G/TIP",
        "SERNAM",
        "",
        "awarded",
    )
    assert brief.funding_totals == ()


def test_a_lead_names_the_funder_of_its_items_money_only(corpus: Corpus) -> None:
    # `We are encouraging the Gendarmeria ... to plan for funding their own facilities`
    # is no INL grant, though the list's lead says `INL programs`.
    brief = sheet(corpus, "rent for the Northern Border Task Force")
    assert [(g.funder, g.amount) for g in brief.funding] == [("INCLE", "$24,000")]


def test_levels_of_one_budget_are_shown_with_their_years_and_never_summed(
    corpus: Corpus,
) -> None:
    # `funding levels expected to rise from $503,000 in 2008 to $6 million in 2010`
    brief = sheet(corpus, "Anti-Terrorism Assistance program")
    assert [(g.amount, g.period, g.status) for g in brief.funding] == [
        ("$503,000", "2008", "proposed"),
        ("$6 million", "2010", "proposed"),
    ]
    assert brief.funding_totals == ()
