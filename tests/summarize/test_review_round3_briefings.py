"""Briefing rules from reading Cablegate briefings of posts no rule was written for (round 3)."""

from __future__ import annotations

from pathlib import Path

from briefgen.extract import extract
from briefgen.facts import ensure_facts
from briefgen.models import Paragraph
from briefgen.pipeline import BriefingRequest, summarize
from briefgen.store import Corpus
from briefgen.summarize.evidence import Sentence, paragraph_sentences
from briefgen.summarize.leads import change_kind
from briefgen.summarize.ngo_sections import Placed
from briefgen.summarize.program_grants import status_of
from briefgen.summarize.records import Cite
from tests.extract.conftest import make_cable


def _fundings(text: str) -> list[tuple[str | None, str | None, str | None]]:
    cable = make_cable("07ISLAMABAD9001", "2007-12-15", text)
    return [(f.funder, f.recipient, f.amount) for f in extract(cable).fundings]


def test_a_receiver_before_the_amount_is_the_recipient_not_a_to_after_it() -> None:
    found = _fundings(
        "(C) Since 2002, the USG has reimbursed Pakistan over 5.3 billion USD for support to "
        "U.S. operations using Coalition Support Funds (CSF)."
    )
    assert found == [("U.S. Government", "Pakistan", "over 5.3 billion USD")]


def test_a_claim_received_is_no_money_received() -> None:
    found = _fundings(
        "(C) Between August 2006 and July 2007, we received a claim for 26 million USD in barbed "
        "wire and pickets. Pakistan received 55 million USD for helicopter operations."
    )
    assert found == [(None, "Pakistan", "55 million USD")]


def test_the_status_of_money_is_read_around_the_amount() -> None:
    text = (
        "Yet, despite providing this plus fully funding 235 million USD CSF lease assistance for "
        "26 new Bell 412 helicopters, the Inspector General of the Frontier Corps has repeatedly "
        "requested U.S. assistance in providing assets for medevac."
    )
    assert status_of(text) != "proposed"
    assert status_of("The NGO requested $2 million from the Embassy.") == "proposed"
    assert status_of("INL provided a $24,000 grant.") == "awarded"


def test_charged_with_a_task_is_no_charge() -> None:
    assert (
        change_kind(
            "Salgado will also be charged with implementing Zapatero's announced reform of State "
            "Administration."
        )
        is None
    )
    assert change_kind("He was charged with trafficking in persons.") == (
        "Arrests, raids and releases"
    )


def test_a_heading_in_capitals_inside_a_paragraph_is_no_sentence() -> None:
    para = Paragraph(
        7,
        None,
        "The CSF authorization legislation was drafted soon after 9/11. POTENTIAL APPROACHES TO "
        "CSF REFORM",
    )
    texts = [s.text for s in paragraph_sentences("07ISLAMABAD9001", para)]
    assert texts == ["The CSF authorization legislation was drafted soon after 9/11."]


def test_the_opening_never_gives_a_funder_money_no_cable_says_is_theirs() -> None:
    from briefgen.summarize.program_synthesis import Slots, _who_funded_whom
    from briefgen.summarize.records import Cite, Grant, KeyFact

    cite = Cite("07ISLAMABAD9001", 4, None)
    grants = (
        Grant("", "", "over 5.3 billion USD", "2002", "", "", Cite("07ISLAMABAD9001", 2, None)),
        Grant("U.S.", "", "235 million USD", "", "proposed", "", cite),
    )
    slots = Slots(
        name="Coalition Support Funds",
        phrase="Coalition Support Funds",
        funders=(KeyFact("Funded by", "U.S.", (cite,)),),
        implementers=(),
        places=None,
        when=None,
        future=False,
        event=False,
        participants=None,
    )
    opening = _who_funded_whom(slots, grants, ())
    assert opening is not None
    assert "5.3 billion" not in opening.text
    assert "asked to fund" in opening.text  # the U.S.'s only stated money was proposed


THINK_TANK = make_cable(
    "08MOSCOW9411",
    "2008-08-14",
    "(C) Dmitry Trenin of the Carnegie Moscow Center told us that he did not anticipate any "
    "attacks by Russia against Ukraine.",
    "(C) Masha Lipman of the Carnegie Moscow Center highlighted the concerns of liberals.",
)


def test_a_body_the_cables_only_mention_still_opens_with_cited_sentences(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "corpus.db") as corpus:
        corpus.add([THINK_TANK])
        ensure_facts(corpus)
        brief = summarize(corpus, BriefingRequest(kind="ngo", subject="Carnegie Moscow Center"))
    opening = brief.as_dict()["synthesis"]
    assert 1 <= len(opening) <= 5
    assert all(s["cites"] for s in opening)
    assert any("Trenin" in s["text"] for s in opening)


def test_what_a_body_is_like_is_an_assessment_not_an_activity() -> None:
    from briefgen.summarize.ngo_sections import _describes

    def placed(text: str) -> Placed:
        sentence = Sentence(Cite("10MADRID9070", 2, None), text, 0, 0, len(text), None, False)
        return Placed(sentence, "acts", post=False, comment=False)

    assert _describes(placed("SGAE in particular suffers from a bad public image."))
    assert _describes(placed("The management entities, especially SGAE, are unpopular in Spain."))
    assert not _describes(placed("SGAE joined forces with three smaller groups."))
