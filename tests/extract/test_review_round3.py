"""Rules from reading profiles of bodies no check names (Cablegate, round three), each on the
shape of the real sentence that was misread."""

from __future__ import annotations

from briefgen.extract import CableFacts, extract
from briefgen.extract.kinds import kind_from_context, kind_from_name

from .conftest import make_cable


def _facts(*texts: str) -> CableFacts:
    return extract(make_cable("09MADRID900", "2009-12-18", *texts))


def _roles(facts: CableFacts) -> set[tuple[str, str, str | None, bool]]:
    return {(r.person, r.title, r.organization, r.leadership) for r in facts.roles}


def test_two_titles_joined_by_and_share_the_body_after_them() -> None:
    facts = _facts(
        "(U) Dan Glickman, Chairman and CEO of the Motion Picture Association of America "
        "(MPAA), referred to the President's speech."
    )
    assert ("Dan Glickman", "Chairman", "Motion Picture Association of America", True) in (
        _roles(facts)
    )


def test_a_title_after_a_bodys_acronym_in_brackets_is_held_in_that_body() -> None:
    facts = _facts(
        "(SBU) Motion Picture Association of America (MPAA) President Robert Pisano told the "
        "Charge on March 20 that the law is very important.",
        "(SBU) In a meeting with Charge, MPAA CEO Dan Glickman expressed satisfaction.",
    )
    roles = _roles(facts)
    assert ("Robert Pisano", "President", "Motion Picture Association of America", True) in roles
    assert ("Dan Glickman", "CEO", "Motion Picture Association of America", True) in roles


def test_a_role_of_a_body_then_its_acronym_then_a_name_with_a_particle() -> None:
    facts = _facts(
        "(C) President of the Latin American Association of Human Rights (ALDHU) Juan de Dios "
        "Parra claimed on March 11 in a television interview that the army had erred."
    )
    assert (
        "Juan de Dios Parra",
        "President",
        "Latin American Association of Human Rights",
        True,
    ) in _roles(facts)


def test_the_next_clauses_subject_after_a_comma_is_no_appositive() -> None:
    text = "(Note: According to the MST, the group focuses activity in April.)"
    start = text.index("MST")
    assert kind_from_context(text, start, start + 3) is None
    text = "Greenpeace, an environmental group based in Amsterdam, protested."
    assert kind_from_context(text, 0, len("Greenpeace")) == "ngo"
    text = "Amnesty International, the human rights group, criticised the law."
    assert kind_from_context(text, 0, len("Amnesty International")) == "ngo"


def test_a_federation_of_companies_is_no_company() -> None:
    assert kind_from_name("Federation of Industries of Sao Paulo State") is None
    assert kind_from_name("Sao Paulo State Federation of Industries") is None
    assert kind_from_name("Tata Industries") == "company"
    assert kind_from_name("Association of Banks") == "ngo"


def test_offices_in_two_cities_are_no_base() -> None:
    facts = _facts(
        "(C) The closure of the British Council's offices in St. Petersburg and Yekaterinburg "
        "angered London.",
        "(C) The Feminist League's office in Almaty opened.",
    )
    bases = {(r.subject, r.object) for r in facts.relations if r.kind == "based_in"}
    assert bases == {("Feminist League", "Almaty")}


def test_it_after_words_a_speech_tag_reports_is_not_the_speaker() -> None:
    text = (
        "(SBU) In a meeting with Charge, MPAA CEO Dan Glickman expressed satisfaction with his "
        "meetings with Trade Minister Miguel Sebastian. Sebastian, he said, was quite "
        "forthright and specific about the Commission's work: It will deliver its "
        "recommendations by year's end."
    )
    facts = _facts(text)
    it = text.index("It will")
    assert any("Dan Glickman" in a.actors for a in facts.attributions if a.start < it)
    assert not [a for a in facts.attributions if a.start <= it < a.end and a.actors]


def test_a_description_means_the_body_of_its_kind_that_acted_just_before() -> None:
    text_before = (
        "(SBU) Poder Ciudadano (PC), an NGO, works on transparency. In an attempt to make "
        "corruption a more salient issue, Alonso indicated that PC will also conduct a study."
    )
    text = text_before + " The NGO is working on a report on Congress."
    facts = _facts(text)
    at = text.index("The NGO")
    assert any(
        a.start <= at < a.end and a.actors == ("Poder Ciudadano",) for a in facts.attributions
    )


def test_a_list_item_after_a_semicolon_without_a_verb_is_no_clause_of_its_own() -> None:
    text = (
        "(SBU) He met with former Ambassador Rubens Barbosa; several Amcham Board members; the "
        "foreign trade director of the Sao Paulo State Federation of Industries (FIESP); and "
        "the state social development coordinator."
    )
    facts = _facts(text)
    assert not [
        a for a in facts.attributions if "Sao Paulo State Federation of Industries" in a.actors
    ]


def test_money_to_a_body_after_a_currency_word_goes_to_the_body() -> None:
    facts = _facts(
        "(C) The Estonian Foreign Ministry in 2008 gave 28,761 Euro to the European Humanities "
        "University for scholarships.",
        "(C) The Chinese Communist Party donated computers to the ruling Cameroon People's "
        "Democratic Movement (CPDM).",
    )
    names = {e.name for e in facts.entities}
    assert "European Humanities University" in names
    received = {r for a in facts.attributions for r in a.recipients}
    assert {"European Humanities University", "Cameroon People's Democratic Movement"} <= received


def test_two_name_words_after_a_title_are_a_name_the_dictionary_may_not_know() -> None:
    facts = _facts(
        "(C) The decision to revoke the visa of Chief Minister Narendra Modi drew no comment. "
        "Modi declined a request to meet with the CG."
    )
    assert "Narendra Modi" in {e.name for e in facts.entities if e.kind == "person"}
    assert any(a.actors == ("Narendra Modi",) for a in facts.attributions)


def test_an_observatory_is_a_body_and_this_ngo_means_it() -> None:
    text = (
        "(SBU) According to the NGO National Citizen Femicide Observatory, seven of ten women "
        "suffered violence. This NGO also reports that 1,014 women were murdered."
    )
    facts = _facts(text)
    assert "National Citizen Femicide Observatory" in {e.name for e in facts.entities}


def test_a_pronoun_or_a_currency_code_is_never_a_name() -> None:
    facts = _facts(
        "(C) Dalzell informed her that Juliet Hay will be the rep. He also confirmed that Acting "
        "Foreign Minister Michael Cullen has approved a NZD 750,000 (approx. USD 480,000) "
        "donation for Lebanon."
    )
    names = {e.name for e in facts.entities}
    assert "He" not in names and "NZD" not in names and "USD" not in names
    assert ("Michael Cullen", "Acting Foreign Minister", None, False) in _roles(facts)


def test_one_name_word_after_a_title_is_a_surname() -> None:
    facts = _facts(
        "(C) On August 29, as Minister Quintana criticized USAID, President Morales was handing "
        "out checks. Vice President Linera is heading to Washington."
    )
    people = {e.name for e in facts.entities if e.kind == "person"}
    assert {"Morales", "Linera", "Quintana"} <= people


def test_a_portfolio_or_an_embassy_officer_is_no_person() -> None:
    facts = _facts(
        "(C) He accepted the post of Minister of Foreign Affairs in December, after serving as "
        "Minister of Agriculture. Charge noted that we had sent notes. Poloff stressed the "
        "point. Foreign Minister Moratinos agreed."
    )
    people = {e.name for e in facts.entities if e.kind == "person"}
    assert people == {"Moratinos"}


def test_a_plural_description_is_not_the_body_that_acted_and_a_network_is_an_ngo() -> None:
    text = (
        "(SBU) INL provided a $24,000 grant to the Union of Crisis Centers, one of the strongest "
        "NGO networks in Kazakhstan. In preparation for the events, the Union of Crisis Centers "
        "printed 80,000 flyers. Regional NGOs met the trains in each of the 10 cities."
    )
    facts = _facts(text)
    at = text.index("Regional NGOs")
    assert not [a for a in facts.attributions if a.start <= at < a.end and a.actors]
    start = text.index("Union of Crisis Centers")
    assert kind_from_context(text, start, start + len("Union of Crisis Centers")) == "ngo"


def test_money_written_with_a_currency_sign_after_a_space_is_a_gift() -> None:
    facts = _facts(
        "(C) The Swiss also made a significant commitment to democracy by joining the Forum for "
        "the Future and pledging $1 million to the Foundation for the Future."
    )
    received = {r for a in facts.attributions for r in a.recipients}
    assert received == {"Foundation for the Future"}


def test_a_political_organization_is_given_no_kind() -> None:
    text = "(C) The MST is a political organization that presses for agrarian reform."
    start = text.index("MST")
    assert kind_from_context(text, start, start + 3) is None


def test_and_that_after_a_speech_verb_carries_on_what_was_said() -> None:
    text = (
        "(SBU) Governor Jose Serra criticized the invasion. He said he had issued a statement "
        "that such disrespect for the law was unacceptable, and that MST needed to reassess "
        "its tactics."
    )
    facts = _facts(text)
    at = text.index("MST needed")
    owners = [a.actors for a in facts.attributions if a.start <= at < a.end]
    assert owners == [("Jose Serra",)]


def test_a_kind_stated_in_brackets_after_the_name() -> None:
    text = (
        "(C) Since the March 2009 killing of two directors of the Oscar Foundation (a local NGO "
        "which documented cases of extrajudicial killings) threats have risen."
    )
    start = text.index("Oscar Foundation")
    assert kind_from_context(text, start, start + len("Oscar Foundation")) == "ngo"
