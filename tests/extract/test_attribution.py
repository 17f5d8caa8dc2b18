"""Attribution: every clause's actor, from real sentence shapes (names changed where they could
identify a person; the shapes are the cables')."""

from __future__ import annotations

from datetime import datetime

import pytest

from briefgen.extract import CableFacts, extract
from briefgen.models import Cable, Paragraph

from .attribution_eval import evaluate, load_labels


def facts_of(*paragraphs: str, origin: str = "Embassy Santiago") -> tuple[Cable, CableFacts]:
    cable = Cable(
        id="09TESTPOST1",
        created=datetime(2009, 6, 1),
        origin=origin,
        paragraphs=tuple(Paragraph(n, None, t) for n, t in enumerate(paragraphs, 1)),
    )
    return cable, extract(cable)


def actors_of(cable: Cable, facts: CableFacts, fragment: str) -> tuple[str, ...]:
    """Return the actors of the clause holding `fragment`."""
    for attribution in facts.attributions:
        text = cable.paragraph(attribution.paragraph or 0)
        assert text is not None
        if fragment in text.text[attribution.start : attribution.end]:
            return attribution.actors
    return ()


def attribution_of(cable: Cable, facts: CableFacts, fragment: str):  # type: ignore[no-untyped-def]
    for attribution in facts.attributions:
        text = cable.paragraph(attribution.paragraph or 0)
        assert text is not None
        if fragment in text.text[attribution.start : attribution.end]:
            return attribution
    return None


def test_a_list_entry_is_about_its_party_until_the_next_entry() -> None:
    # 09SANTIAGO156 ¶50's shape: a lead naming NGOs, then --(n) Name (Translation): ...
    cable, facts = facts_of(
        "Question 26 M: The following local NGOs work with trafficking victims: --(1) Raices "
        "(Roots): The premiere NGO working in trafficking issues, it works with the GOC, UNICEF "
        "and UNESCO. Raices receives about USD 150,000/year to run a treatment center. It "
        "typically works with children for at least three years. --(2) Fundacion Esperanza "
        "(Hope Foundation): They are a human rights group that does research. Most funding "
        "comes from the Ford Foundation and Oxfam International. --(3) PAICABI: Provides care "
        "for about 500 children. Its programs are partially funded by SENAME."
    )
    assert actors_of(cable, facts, "premiere NGO") == ("Raices",)
    assert actors_of(cable, facts, "typically works with children") == ("Raices",)
    assert "Raices" not in actors_of(cable, facts, "Most funding comes from")
    assert actors_of(cable, facts, "Provides care for about 500") == ("PAICABI",)
    assert actors_of(cable, facts, "Its programs are partially funded") == ("PAICABI",)


def test_a_rivals_claim_is_the_rivals_and_never_the_target_ngos() -> None:
    cable, facts = facts_of(
        "Memorial Center, a Moscow-based human rights NGO, documented 40 cases of abduction. "
        "Nashi, a pro-government youth group, accused Memorial Center of working for foreign "
        "governments. Its leader Vasily Yakemenko said his own organization receives no money "
        "from the state."
    )
    accusation = attribution_of(cable, facts, "accused Memorial Center")
    assert accusation is not None and accusation.speech
    assert accusation.actors == ("Nashi",)
    money = attribution_of(cable, facts, "receives no money")
    assert money is not None and "Memorial Center" not in money.actors


def test_pronouns_follow_the_party_that_acted_just_before() -> None:
    cable, facts = facts_of(
        "Galina Petrova, President of the Feminist League, met Poloff on May 5. She said the "
        "shelter is full. In 2000, she received her first grant from the Democracy Commission.",
        "The girl learned from her mother that her step-father had died. She now plans to "
        "return home.",
    )
    assert actors_of(cable, facts, "She said the shelter") == ("Galina Petrova",)
    assert actors_of(cable, facts, "she received her first grant") == ("Galina Petrova",)
    # A `she` after an unnamed girl is the girl, whom no name names: no one's fact.
    assert actors_of(cable, facts, "She now plans") == ()


def test_a_description_stands_for_the_body_named_before_unless_an_unnamed_one_was_meant() -> None:
    cable, facts = facts_of(
        "Poder Ciudadano (PC) is a national NGO that monitors corruption. The NGO is working on a "
        "report on transparency.",
        "The PDI and IOM both complain that the group provides only basic coordination. Raices, "
        "another NGO, notes that the formation of the group is a positive step. The group is "
        "willing to meet with international organizations.",
    )
    assert actors_of(cable, facts, "The NGO is working") == ("Poder Ciudadano",)
    assert actors_of(cable, facts, "The group is willing") == ()
    notes = attribution_of(cable, facts, "notes that the formation")
    assert notes is not None and notes.speech and notes.actors == ("Raices",)


def test_according_to_makes_the_clause_the_reporters_account() -> None:
    cable, facts = facts_of(
        "According to Triszh, the Feminist League maintains daily contact with the police."
    )
    clause = attribution_of(cable, facts, "maintains daily contact")
    assert clause is not None
    assert clause.reporter == ("Triszh",)


def test_grants_to_and_through_have_their_recipient() -> None:
    cable, facts = facts_of(
        "In 2009, USAID provided a $1 million grant to the Union of Crisis Centers through IOM. "
        "The Feminist League received funding from the Embassy of the Netherlands.",
    )
    grant = attribution_of(cable, facts, "provided a $1 million grant")
    assert grant is not None
    assert "Union of Crisis Centers" in grant.recipients
    received = attribution_of(cable, facts, "received funding from")
    assert received is not None
    assert "Feminist League" in received.recipients


def test_an_appositive_base_and_kind_belong_to_the_body_they_follow() -> None:
    _, facts = facts_of(
        "Memorial, a Moscow-based human rights group, criticized the Ministry of Justice, "
        "based in Astana, for its silence."
    )
    bases = {(r.subject, r.object) for r in facts.relations if r.kind == "based_in"}
    assert ("Memorial", "Moscow") in bases
    kinds = {e.name: e.org_kind for e in facts.entities}
    assert kinds.get("Memorial") == "ngo"


def test_an_international_organization_is_not_said_to_be_a_body_of_states() -> None:
    # Cables call NGOs working in several countries "international organizations" as often
    # as bodies of states: the words give no kind, and no "is a" for a profile to cite.
    _, facts = facts_of(
        "Poloff met the Vostok Center, an international organization, and the ICRC. "
        "Given that ICRC is the only international organization with reliable access to the "
        "prisons, we have to give weight to their comments."
    )
    kinds = {e.name: e.org_kind for e in facts.entities}
    assert kinds.get("Vostok Center") is None
    # The ICRC, a private association under Swiss law, is not intergovernmental.
    assert kinds.get("International Committee of the Red Cross") == "ngo"
    assert not [r for r in facts.relations if r.kind == "is_a" and r.object == "igo"]


def test_a_native_name_and_its_translation_are_one_body() -> None:
    _, facts = facts_of(
        'Poloff met with Rafael Rubio, head of the Spanish NGO "Cuba en Transicion" (Cuba in '
        "Transition), a human rights organization. Cuba in Transition is a small NGO."
    )
    entity = next(e for e in facts.entities if e.name == "Cuba en Transicion")
    assert "Cuba in Transition" in entity.aliases
    roles = [(r.person, r.organization, r.leadership) for r in facts.roles]
    assert ("Rafael Rubio", "Cuba en Transicion", True) in roles
    bases = {(r.subject, r.object) for r in facts.relations if r.kind == "based_in"}
    assert ("Cuba en Transicion", "Spain") in bases


def test_an_ngo_name_ends_at_and() -> None:
    _, facts = facts_of("Most funding comes from the Ford Foundation and Oxfam International.")
    names = {e.name for e in facts.entities if e.kind == "org"}
    assert "Ford Foundation" in names
    assert not any("and Oxfam" in n for n in names)


def test_a_kind_is_cited_where_the_cable_states_it() -> None:
    _, facts = facts_of(
        "Transparency watchers praised the report.",
        "Semilla is a highly respected and well known national organization. Semilla has "
        "supported nine organizations with small grants.",
    )
    said = [r for r in facts.relations if r.kind == "is_a"]
    assert said and said[0].source.paragraph == 2


@pytest.mark.parametrize("word", ["U.S.", "I", "There", "XXXXXXXXXXXX"])
def test_sentence_openers_and_masks_are_no_bodies(word: str) -> None:
    _, facts = facts_of(f"{word} has made progress on the issue. {word} has also said more.")
    assert word not in {e.name for e in facts.entities}


def test_hand_labelled_statements_reach_their_targets() -> None:
    """On 299 statements labelled by hand from real cables of 38 posts (fixtures/), precision
    is at least 0.95 (the worst defect is a fact given to the wrong party); recall is recorded
    in the README and must not fall below what it was when this test was written."""
    result = evaluate(load_labels())
    assert result.precision() >= 0.95, result.report()
    assert result.recall() >= 0.65, result.report()


def test_a_person_of_an_organization_is_two_names() -> None:
    _, facts = facts_of(
        "Andrey Kortunov of the Eurasia Foundation agreed. The Christian Democratic Union of "
        "Germany won the vote. Maria Lopez Director of the Ford Foundation said so."
    )
    names = {(e.name, e.kind) for e in facts.entities}
    assert ("Ford Foundation", "org") in names
    assert ("Maria Lopez", "person") in names
    assert ("Eurasia Foundation", "org") in names
    assert ("Andrey Kortunov", "person") in names
    assert ("Christian Democratic Union of Germany", "org") in names
