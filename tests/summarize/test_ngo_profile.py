"""NGO profiles from structured slots: a cited synthesis, funding, the post's assessment, and
no fact of another party. The cables are short, in the shapes of real ones (a TIP report's list
of NGOs, a meeting write-up with a COMMENT, a rival's claims)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from briefgen.facts import ensure_facts
from briefgen.models import Cable, Paragraph
from briefgen.pipeline import BriefingRequest, summarize
from briefgen.store import Corpus

LIST_CABLE = Cable(
    id="09SANTIAGO900",
    created=datetime(2009, 2, 20),
    origin="Embassy Santiago",
    classification="UNCLASSIFIED",
    subject="CHILE: 2009 TIP REPORT",
    paragraphs=(
        Paragraph(
            50,
            None,
            "(U) Question 26 M: The following local NGOs and international organizations work "
            "with trafficking victims: --(1) International Organization for Migration (IOM): "
            "Provides training to GOC officials and voluntary repatriation of foreign victims "
            "(AVOT). --(2) Raices (Roots): The premiere NGO working in trafficking issues, it "
            "works with the GOC, UNICEF and UNESCO. Raices receives about USD 150,000/year to run "
            "a treatment center. It typically works with children for at least three years. "
            "--(3) Corporacion Humanas: They are a women's rights group. Most funding comes from "
            "the Ford Foundation and Oxfam International. --(4) PAICABI: Provides care for about "
            "500 children in Vina del Mar. Its programs are partially funded by SENAME.",
        ),
        Paragraph(
            55,
            None,
            "(U) Question 27 A: Raices, with funding from a private foundation, trained "
            "approximately 500 local level authorities in 2008.",
        ),
    ),
)
MEETING_CABLE = Cable(
    id="04MADRID9000",
    created=datetime(2004, 12, 22),
    origin="Embassy Madrid",
    classification="CONFIDENTIAL",
    subject="LOCAL NGO PRESSES SPAIN ON CUBA",
    comment="Cuba in Transition is a small organization with limited objectives, but its members "
    "are genuinely committed to the issues.",
    paragraphs=(
        Paragraph(
            1,
            None,
            '(C) Summary. On 12/21, Poloff met with Rafael Rubio, head of the Spanish NGO "Cuba '
            'en Transicion" (Cuba in Transition), a human rights organization. Rubio said the '
            "government has opened the door for NGOs such as his. End Summary.",
        ),
        Paragraph(
            2,
            None,
            "(C) Cuba in Transition is a small, but well-connected NGO that has no Cuban exiles in "
            "its membership. It receives a small USAID grant through the Washington-based Center "
            "for a Free Cuba. Nashi, a pro-government youth group, accused Cuba in Transition of "
            "working for foreign governments. Its leader said his own organization receives "
            "money from the Kremlin.",
        ),
        Paragraph(
            3,
            None,
            "(C) Comment: Cuba in Transition is a small organization with limited objectives, but "
            "its members are genuinely committed to the issues. End Comment.",
        ),
    ),
)


@pytest.fixture(scope="module")
def corpus(module_location: str) -> Iterator[Corpus]:
    path = module_location
    with Corpus.open(path) as opened:
        opened.add([LIST_CABLE, MEETING_CABLE])
        ensure_facts(opened)
        yield opened


def profile(corpus: Corpus, name: str) -> dict:  # type: ignore[type-arg]
    return summarize(corpus, BriefingRequest("ngo", name)).as_dict()


def every_text(data: dict) -> str:  # type: ignore[type-arg]
    """Return every statement of a profile, joined, for what-is-not-there checks."""
    parts = []
    for key in (
        "synthesis",
        "timeline",
        "legal_status",
        "funding_statements",
        "networks",
        "facilities",
        "programs",
        "statements",
        "assessment",
        "also_reported",
    ):
        parts.extend(s["text"] for s in data[key])
    return "\n".join(parts)


def test_the_synthesis_has_three_to_five_cited_sentences_true_to_their_source(
    corpus: Corpus,
) -> None:
    data = profile(corpus, "Raices")
    synthesis = data["synthesis"]
    assert 3 <= len(synthesis) <= 5
    paragraphs = {(c.id, p.number): p.text for c in (LIST_CABLE,) for p in c.paragraphs}
    for sentence in synthesis:
        assert sentence["cites"], sentence
        cited = " ".join(paragraphs[(c["cable_id"], c["paragraph"])] for c in sentence["cites"])
        # A quoted sentence stands in its paragraph (its leading `It` made `Raices`); a sentence
        # in briefgen's words names the organization its paragraph names.
        words = sentence["text"].removeprefix("Raices").strip().rstrip(".")
        assert words in cited or "Raices" in cited, sentence
    assert any("150,000/year" in s["text"] for s in synthesis)


def test_a_list_entry_gives_its_party_only_its_own_facts(corpus: Corpus) -> None:
    text = every_text(profile(corpus, "Raices"))
    assert "UNICEF" in text and "three years" in text
    for other in ("Ford Foundation", "AVOT", "500 children", "Vina del Mar", "SENAME"):
        assert other not in text, other


def test_funding_statements_of_every_kind_are_listed(corpus: Corpus) -> None:
    data = profile(corpus, "Raices")
    funding = " ".join(s["text"] for s in data["funding_statements"])
    assert "150,000/year" in funding
    assert "with funding from a private foundation" in funding


def test_an_intergovernmental_body_is_not_called_an_ngo(corpus: Corpus) -> None:
    data = profile(corpus, "International Organization for Migration")
    assert data["kind"] == "intergovernmental organization"
    assert "non-governmental" not in data["meta"]["subtitle"].lower()


def test_kind_base_leader_assessment_and_last_contact(corpus: Corpus) -> None:
    data = profile(corpus, "Cuba in Transition")
    assert data["kind"] == "non-governmental organization"
    assert data["location"] == "Spain"
    assert [p["name"] for p in data["leaders"]] == ["Rafael Rubio"]
    assessment = " ".join(s["text"] for s in data["assessment"])
    assert "well-connected" in assessment and "genuinely committed" in assessment
    assert data["last_contact"]["date"] == "2004-12-22"
    assert "12/21" in data["last_contact"]["text"]
    funding = " ".join(s["text"] for s in data["funding_statements"])
    assert "USAID grant" in funding
    facts = {k["label"]: k for k in data["key_facts"]}
    assert facts["Based in"]["cites"][0]["paragraph"] == 1
    assert "Not stated" not in str(data["not_stated"]) and "who leads it" not in data["not_stated"]


def test_a_rivals_claims_are_not_the_ngos(corpus: Corpus) -> None:
    data = profile(corpus, "Cuba in Transition")
    own = " ".join(
        s["text"]
        for key in ("programs", "funding_statements", "statements", "assessment", "synthesis")
        for s in data[key]
    )
    assert "Kremlin" not in own
    assert "foreign governments" not in own
    # What the rival said of it is reported, as the rival's words.
    also = " ".join(s["text"] for s in data["also_reported"])
    assert "Nashi" in also


def test_sources_are_the_cited_cables(corpus: Corpus) -> None:
    data = profile(corpus, "Raices")
    assert [s["id"] for s in data["meta"]["sources"]] == ["09SANTIAGO900"]
    assert data["meta"]["date"] == "2009-02-20"
