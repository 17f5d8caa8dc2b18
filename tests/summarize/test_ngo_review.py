"""NGO profiles on short shapes of real cables of other posts: no fact given to the wrong party."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from briefgen.facts import ensure_facts
from briefgen.models import Cable, Paragraph
from briefgen.pipeline import BriefingRequest, summarize
from briefgen.store import Corpus
from briefgen.summarize.evidence import Sentence
from briefgen.summarize.ngo_sections import Placed, route
from briefgen.summarize.records import Cite

from .test_ngo_profile import every_text

SHARED_NUMBERS = Cable(
    id="06VIENNA900",
    created=datetime(2006, 2, 17),
    origin="Embassy Vienna",
    classification="SECRET",
    subject="AUSTRIA: BANKS AND TERRORIST FINANCE",
    paragraphs=(
        Paragraph(6, None, "Terrorist Financing Issues"),
        Paragraph(
            6,
            None,
            "(S/NF) USG Concern: The Palestinian Relief Society of Austria (PRSA) maintained a "
            "Creditanstalt account as of early 2003. PRSA collects donations on behalf of "
            "charities in the Palestinian territories.",
        ),
        Paragraph(
            6,
            None,
            "(S/NF) USG Concern: The Vienna-based NGO Irakhilfe Nord instructs donors to send "
            "funds to Creditanstalt. Officials said it uses collected funds for charitable work.",
        ),
        Paragraph(
            7,
            None,
            "(S/NF) PRSA -- designated by the U.S. Treasury Department as a terrorist entity and "
            "renamed the Palestinian Relief Association -- collects donations for charities.",
        ),
    ),
)
COURTS_COMMENT = (
    "The Cem Foundation feels it has no choice but to pursue resolutions through the courts. "
    "Speaking off the record, Sofuoglu suggested the AKP is pressuring the courts to delay a "
    "hearing on the Cem Foundation's case against the Prime Ministry."
)
COURTS = Cable(
    id="07ISTANBUL900",
    created=datetime(2007, 1, 12),
    origin="Consulate Istanbul",
    classification="CONFIDENTIAL",
    subject="TURKEY: ALEVI FOUNDATIONS",
    comment=COURTS_COMMENT,
    paragraphs=(
        Paragraph(
            8,
            None,
            "(C) Frustrated, the Cem Foundation submitted two petitions to the Government in "
            "June 2005.",
        ),
        Paragraph(10, None, f"(C) Comment: {COURTS_COMMENT} End Comment."),
    ),
)
SPOKESMEN = Cable(
    id="09LAGOS900",
    created=datetime(2009, 3, 25),
    origin="Consulate Lagos",
    classification="CONFIDENTIAL",
    subject="NIGERIA: DELTA YOUTH COUNCIL SEEKS AMNESTY",
    paragraphs=(
        Paragraph(
            1,
            None,
            "(C) Consul General met March 23 with Delta Youth Council (DYC) spokespersons. The "
            "DYC has advocated amnesty for militants as a prerequisite for its plan.",
        ),
        Paragraph(
            7,
            None,
            "(C) The DYC spokesmen criticized the security allocation received by the states, "
            "which militates not only against amnesty but also against peace.",
        ),
        Paragraph(
            8,
            None,
            "(C) The DYC spokesperson have also met with the UNDP at the Kofi Annan Center in "
            "Ghana; the Center has agreed to accept militants for job skills training.",
        ),
        Paragraph(
            9,
            None,
            "(C) Albania: officials acknowledged that the DYC office in Albania has been closed "
            "since 2005.",
        ),
    ),
)

BURMA = tuple(
    Cable(
        id=f"0{n}RANGOON9{n}",
        created=datetime(2000 + n, 5, 1),
        origin="Embassy Rangoon",
        classification="CONFIDENTIAL",
        subject="BURMA: THE OPPOSITION",
        paragraphs=(Paragraph(1, None, text),),
    )
    for n, text in (
        (
            5,
            "(C) Singh did not raise issues related to the democratic opposition, including the "
            "National League for Democracy (NLD).",
        ),
        (
            7,
            "(S) The generals said they are open to communication with National League for "
            "Democracy leader Aung San Suu Kyi, which they have initiated by letter.",
        ),
        (
            8,
            "(C) Many outside Burma perpetuate the impression of Aung San Suu Kyi's National "
            "League for Democracy (NLD) party as a large movement with massive support.",
        ),
    )
)


@pytest.fixture(scope="module")
def corpus(module_location: str) -> Iterator[Corpus]:
    path = module_location
    with Corpus.open(path) as opened:
        opened.add([SHARED_NUMBERS, SPOKESMEN, COURTS, *BURMA])
        ensure_facts(opened)
        yield opened


def profile(corpus: Corpus, name: str) -> dict:  # type: ignore[type-arg]
    return summarize(corpus, BriefingRequest("ngo", name)).as_dict()


def test_a_block_sharing_its_number_with_another_ngos_entry_keeps_its_facts(
    corpus: Corpus,
) -> None:
    text = every_text(profile(corpus, "Palestinian Relief Society of Austria"))
    assert "maintained a Creditanstalt account" in text
    assert "Irakhilfe" not in text
    assert "charitable work" not in text


def test_money_another_party_receives_is_not_the_speakers_funding(corpus: Corpus) -> None:
    data = profile(corpus, "Delta Youth Council")
    assert data["funding_statements"] == []
    assert not any(k["label"] == "Funding" for k in data["key_facts"])
    assert "who funds it" in data["not_stated"]
    assert "security allocation" in every_text(data)  # still told, as what it does or says


def test_a_named_center_of_another_body_is_not_the_ngos_facility(corpus: Corpus) -> None:
    assert profile(corpus, "Delta Youth Council")["facilities"] == []


def test_closed_since_a_year_is_not_active_since(corpus: Corpus) -> None:
    data = profile(corpus, "Delta Youth Council")
    assert data["active_since"] is None
    assert not any(k["label"] == "Active since" for k in data["key_facts"])


def test_a_kind_one_cable_states_beats_the_kind_others_read_from_the_name(
    corpus: Corpus,
) -> None:
    data = profile(corpus, "National League for Democracy")
    assert data["kind"] == "political party"
    assert "NGO" not in data["meta"]["title"]
    assert [p["name"] for p in data["leaders"]] == ["Aung San Suu Kyi"]


def test_a_designation_as_a_terrorist_entity_is_legal_status(corpus: Corpus) -> None:
    data = profile(corpus, "Palestinian Relief Society of Austria")
    assert any("designated by the U.S. Treasury" in s["text"] for s in data["legal_status"])
    legal = next(k for k in data["key_facts"] if k["label"] == "Legal status")
    assert legal["value"] == "designated a terrorist entity"


def test_what_another_speaker_suggests_in_a_comment_is_not_the_posts_assessment(
    corpus: Corpus,
) -> None:
    data = profile(corpus, "Cem Foundation")
    assessment = " ".join(s["text"] for s in data["assessment"])
    assert "no choice but to pursue resolutions" in assessment
    assert "Sofuoglu suggested" not in assessment
    assert "Sofuoglu suggested" in every_text(data)


def test_a_subheading_is_no_statement() -> None:
    def placed(text: str) -> Placed:
        sentence = Sentence(Cite("08BUENOSAIRES900", 1), text, 0, 0, len(text), None, False)
        return Placed(sentence, "acts", post=False, comment=False)

    sections = route(
        [
            placed('AMIA "Local Connection" Reexamined'),
            placed("Utomi Asks USG Support for Amnesty, Development"),
            placed("AMIA leaders welcomed the visit of the FBI Deputy Director."),
        ]
    )
    assert [p.sentence.text for p in sections["programs"]] == [
        "AMIA leaders welcomed the visit of the FBI Deputy Director."
    ]


def test_a_place_named_in_a_sentence_is_no_facility_of_the_organization() -> None:
    def placed(text: str) -> Placed:
        sentence = Sentence(Cite("05NEWDELHI900", 1), text, 0, 0, len(text), None, False)
        return Placed(sentence, "acts", post=False, comment=False)

    own = [
        "When they reach an agreement, ICRC will open several offices in Morocco.",
        "Other IOM initiatives include toll free hot lines in Argentina and Colombia.",
        "La Strada operates a crisis center for women in Kyiv.",
        "The shelter can house up to 15 victims.",
    ]
    named = [
        "ICRC has never obtained access to the Cargo Building, the most notorious detention "
        "center in Srinagar.",
        "The group protested outside the detention center in Minsk.",
    ]
    sections = route([placed(text) for text in own + named])
    assert [p.sentence.text for p in sections["facilities"]] == own


SECOND_ROUND = (
    Cable(
        id="10ISLAMABAD900",
        created=datetime(2010, 1, 28),
        origin="Embassy Islamabad",
        classification="CONFIDENTIAL",
        subject="PAKISTAN: DISPLACED FROM SOUTH WAZIRISTAN",
        paragraphs=(
            Paragraph(
                8,
                None,
                "(C) The World Food Program (WFP) feeds the displaced in DI Khan. They receive a "
                "one-month food distribution from WFP upon registration and then are entitled "
                "to government payments of PKR 5,000 (about $60) a month.",
            ),
        ),
    ),
    Cable(
        id="05ISTANBUL900",
        created=datetime(2005, 2, 2),
        origin="Consulate Istanbul",
        classification="UNCLASSIFIED",
        subject="TURKEY: TIP SHELTER",
        paragraphs=(
            Paragraph(
                3,
                None,
                "(SBU) Newly-appointed HRDF XXXXXXXXXXXX briefed us on the activities of the "
                "Human Resources Development Foundation (HRDF), the NGO focusing on TIP issues "
                "in Istanbul. HRDF has also received funding for the shelter from XXXXXXXXXXXX.",
            ),
        ),
    ),
    Cable(
        id="06PARIS900",
        created=datetime(2006, 3, 31),
        origin="Embassy Paris",
        classification="SECRET",
        subject="FRANCE: COUNTERTERRORISM UPDATE",
        paragraphs=(
            Paragraph(
                8,
                None,
                "(S) Regarding the Moroccan terrorist group GICM, Ricard said investigations "
                "into a GICM cell discovered in 2005 were wrapping up.",
            ),
        ),
    ),
)


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    path: Path = tmp_path_factory.mktemp("review2") / "corpus.db"
    with Corpus.open(path) as opened:
        opened.add(list(SECOND_ROUND))
        ensure_facts(opened)
        yield opened


def test_registration_of_the_people_it_serves_is_not_its_legal_status(second: Corpus) -> None:
    data = profile(second, "World Food Program")
    assert not data["legal_status"]
    assert "Legal status" not in [k["label"] for k in data["key_facts"]]
    assert "upon registration" in every_text(data)  # still told, as what it does


def test_a_funder_the_cable_withholds_is_named_by_no_one(second: Corpus) -> None:
    data = profile(second, "Human Resources Development Foundation")
    facts = {k["label"]: k["value"] for k in data["key_facts"]}
    assert "Funders named" not in facts
    assert all("XXXX" not in row["funder"] for row in data["funding"])
    assert not any("funders: XXXX" in s["text"] for s in data["synthesis"])


def test_an_armed_group_is_profiled_as_one_not_as_an_ngo(second: Corpus) -> None:
    data = profile(second, "GICM")
    assert data["meta"]["title"] == "GICM: profile"
    assert data["meta"]["subtitle"].startswith("Armed group")
    assert data["kind"] == "armed group"
