"""What a quarterly or digest takes for a change, a request or a sentence, on the shapes of real
cables of posts no rule was tuned on: a sentence fought for is no verdict, money to come or a
cost is no funding, a release demanded is no release, a recalled event is background."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from briefgen.models import Cable, Paragraph
from briefgen.summarize.evidence import paragraph_sentences
from briefgen.summarize.leads import _background as background
from briefgen.summarize.leads import boilerplate_reason, change_kind, request_kind


@pytest.mark.parametrize(
    ("sentence", "money"),
    [
        # A sentence fought for, not handed down.
        (
            "The Central Bank Governor fought for a prison sentence for the treasurer, despite "
            "five calls a day from parliamentarians advocating for the official.",
            False,
        ),
        # Something released, not someone.
        (
            "Recently released polling from a respected daily has registered a drop in the "
            "President's approval ratings.",
            False,
        ),
        # A device dismantled, not a network.
        ("In October, the guardians discovered and dismantled eight IEDs in Wardak.", False),
        # An adjective, not money given; a cost; money to come.
        (
            "For example, formal financial flows over $10,000 are recorded by banks and "
            "submitted to the Financial Intelligence Unit.",
            True,
        ),
        ("Filmed on a budget of less than USD 3 million, it outperformed the top films.", True),
        (
            "Through professionalization we are training investigators; we will be supporting "
            "vetted units -- among the best in the GOM -- with USD 5 million of FY2009 funding.",
            True,
        ),
        # The speaker's description, a recalled resignation, a team for an inquiry.
        (
            "The newly appointed Director of the Institute, Andranik Migranyan, judged to us "
            "that Medvedev had taken a beating in foreign policy.",
            False,
        ),
        (
            "Poloff met April 7 with the Secretary of Government to discuss the scene following "
            "Mayor Serra's resignation to run for Governor.",
            False,
        ),
        (
            "The report was sent to the Chief Prosecutor, who appointed a team to investigate.",
            False,
        ),
        # A change foreseen or allowed, not made.
        (
            "At this stage, workers may be arrested at the construction site and held until "
            "the requesting official is paid.",
            False,
        ),
        (
            "Izar predicted that Deputy Gomes would likely be acquitted of wrongdoing because "
            "there is no hard evidence against him.",
            False,
        ),
        # A charge against someone, results held up.
        (
            "The NDS chief and eyewitnesses have accused Hamdard of soliciting bribes from "
            "contractors by having contractors arrested at job sites.",
            False,
        ),
        (
            "It goes about its business despite the fraud charges that have prevented the IEC "
            "from certifying the recent Provincial Council election results.",
            False,
        ),
        # The drafter's aside, a release called for, violence guarded against.
        ("(Note: his grandfather was shot and killed by Communists)", False),
        (
            "The Department views with concern the lack of progress on steps the UNSC called on "
            "Burma to take such as the immediate release of political prisoners.",
            False,
        ),
        (
            "Protective vests are no match for heavy weapons but protect PASF arrest teams "
            "against well-armed gunmen in Nablus.",
            False,
        ),
    ],
)
def test_what_did_not_happen_is_no_change(sentence: str, money: bool) -> None:
    assert change_kind(sentence, money=money) is None


@pytest.mark.parametrize(
    ("sentence", "money", "kind"),
    [
        ("A court sentenced a trafficker to life in prison.", False, "Convictions and sentences"),
        (
            "Prosecutors sought ten years, and the court sentenced him to eight years in prison.",
            False,
            "Convictions and sentences",
        ),
        (
            "Hafiz Saeed was released from house arrest on June 2 when the court ruled.",
            False,
            "Arrests, raids and releases",
        ),
        ("Police dismantled a trafficking ring in Osh.", False, "Arrests, raids and releases"),
        ("INL provided equipment valued at $125,000 for the compound.", True, "Funding"),
        (
            "The CFO resigned on August 4, citing the dispute.",
            False,
            "Appointments and resignations",
        ),
        (
            "Serra announced his resignation and his candidacy for Governor.",
            False,
            "Appointments and resignations",
        ),
        ("The President appointed Ivanov as minister.", False, "Appointments and resignations"),
        (
            "Three women were arrested near the CDP, accused of being spotters for the PCC.",
            False,
            "Arrests, raids and releases",
        ),
    ],
)
def test_what_happened_keeps_its_kind(sentence: str, money: bool, kind: str) -> None:
    assert change_kind(sentence, money=money) == kind


def test_a_day_a_quarter_before_the_cable_is_background() -> None:
    december = Cable(id="09TESTPOST2", created=datetime(2009, 12, 27, tzinfo=UTC))
    arrest = "On August 23, the provincial office of the NDS arrested the PRT's engineer."
    assert background(arrest, december)
    assert not background("On December 20, the NDS arrested the PRT's engineer.", december)
    january = Cable(id="10TESTPOST3", created=datetime(2010, 1, 10, tzinfo=UTC))
    assert not background("On December 20, the NDS arrested the engineer.", january)
    assert background("On September 2, the NDS arrested the engineer.", january)
    may = Cable(id="06TESTPOST5", created=datetime(2006, 5, 20, tzinfo=UTC))
    assert background("Genoino, who resigned in disgrace last July, was there.", may)
    assert not background("Genoino, who resigned last April, was there.", may)


def test_a_contacts_or_a_papers_words_are_no_request_of_the_post() -> None:
    for words in (
        "El Materi said forcefully they should be covered, that it was important the Embassy "
        "seek such coverage.",
        "All papers reported that travelers flying to the United States must expect heightened "
        "security measures.",
    ):
        assert request_kind(words) is None, words
    assert request_kind("Embassy Vatican requests the Department to explore an exercise.")
    assert request_kind("We recommend that the Department fund the exercise.")
    assert boilerplate_reason("Please visit Embassy Tunis' Classified Website at: http://x.y/z")


def test_a_heading_run_into_a_paragraph_is_no_part_of_its_sentences() -> None:
    first = Paragraph(
        number=3,
        heading=None,
        text="(Iran) New Protests All papers carry extensive coverage of the new clashes in "
        "Iran. Sueddeutsche headlined: Protests Intensify.",
    )
    sentences = [s.text for s in paragraph_sentences("09TESTPOST4", first)]
    assert sentences[0] == "All papers carry extensive coverage of the new clashes in Iran."
    lead = Paragraph(
        number=1,
        heading=None,
        text="Lead Stories Summary The majority of dailies opened with reports on the attack.",
    )
    assert paragraph_sentences("09TESTPOST4", lead)[0].text.startswith("The majority")
    last = Paragraph(
        number=4,
        heading=None,
        text="The sale proceeds had been paid out as a dividend, raising 2006 dividends. "
        "--------------------- AAR Tactics and Goals ---------------------",
    )
    assert paragraph_sentences("09TESTPOST4", last)[-1].text.endswith("2006 dividends.")
    run_on = Paragraph(
        number=11,
        heading=None,
        text="The Vice President will visit the Corporation to negotiate a compact. - - - - - "
        "Being Firm while Keeping the Relationship on Track",
    )
    assert paragraph_sentences("09TESTPOST4", run_on)[-1].text.endswith("a compact.")
    plain = Paragraph(number=5, heading=None, text="Foreign Minister Lavrov met the Ambassador.")
    assert paragraph_sentences("09TESTPOST4", plain)[0].text == plain.text


def test_a_papers_words_inside_quotation_marks_are_no_request_of_the_post() -> None:
    from briefgen.extract import extract
    from briefgen.summarize.digest import _requests
    from briefgen.summarize.leads import scored_sentences, within_quotation

    press = Cable(
        id="09TESTPOST6",
        origin="Embassy Test",
        paragraphs=(
            # A press summary's headings numbered as its paragraphs: the number 2 twice.
            Paragraph(number=2, heading=None, text="(U.S.) Failed Terrorist Attack"),
            Paragraph(
                number=2,
                heading=None,
                text='Mannheimer Morgen (12/28) warned against hysteria and judged: "Each day '
                "investigators receive hundreds of tips. We should not exaggerate security "
                'measures for flights. No one can stop every attack." We recommend that the '
                "Department brief the German press on the new screening rules.",
            ),
        ),
    )
    sentences = paragraph_sentences(press.id, press.paragraphs[1])
    inside = [s.text for s in sentences if within_quotation(press, s)]
    assert "We should not exaggerate security measures for flights." in inside
    assert not any(s.startswith("We recommend") for s in inside)
    scored = scored_sentences(press, extract(press))
    asked = [r.text for r in _requests(press, extract(press), scored, False)]
    assert asked and asked[0].startswith("We recommend")
    assert not any("exaggerate" in text for text in asked)
