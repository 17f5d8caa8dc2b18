"""Rules on small hand-written cables: ALL-CAPS text, pronouns, ambiguity, speed-critical paths."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.extract import ENTITY_RULES, FACT_RULES, extract
from briefgen.extract.text import parse_number
from briefgen.models import Cable, Paragraph


def _cable(*texts: str, cable_id: str = "05ASTANA100") -> Cable:
    return Cable(
        id=cable_id,
        created=datetime(2005, 3, 1, 10, 0),
        origin="Embassy Astana",
        paragraphs=tuple(Paragraph(i + 1, None, t) for i, t in enumerate(texts)),
    )


CAPS = (
    "THE INTERNATIONAL ORGANIZATION FOR MIGRATION (IOM) AND OSCE MET THE UNION OF CRISIS "
    "CENTERS (UCC) IN ALMATY. USAID FUNDED THE TRAINING. UCC LEADERS TRAVELLED TO KAZAKHSTAN "
    "AND TURKEY."
)


def test_all_caps_cables_yield_curated_orgs_acronyms_and_places() -> None:
    facts = extract(_cable(CAPS))
    orgs = {e.name for e in facts.entities if e.kind == "org"}
    assert "International Organization for Migration" in orgs
    assert "Organization for Security and Co-operation in Europe" in orgs
    assert "United States Agency for International Development" in orgs
    ucc = facts.entity("UCC")
    assert ucc is not None and ucc.name == "Union of Crisis Centers"
    assert sum(1 for m in facts.mentions if m.name == "Union of Crisis Centers") == 3
    places = {e.name for e in facts.entities if e.kind == "place"}
    assert {"Almaty", "Kazakhstan", "Turkey"} <= places
    assert not any(
        e.kind == "person" for e in facts.entities if e.name != "Deputy Chief of Mission"
    )


def test_pronoun_subject_resolves_to_the_person_last_named() -> None:
    facts = extract(
        _cable(
            "Aigul Sadykova, Director of the Crisis Center Podruga, met the DCM. "
            "In 2004, she received a grant from the Democracy Commission to open a hotline."
        )
    )
    grant = facts.fundings[0]
    assert grant.recipient == "Aigul Sadykova"
    assert grant.funder == "Democracy Commission"
    assert grant.year == 2004
    role = facts.roles[0]
    assert (role.title, role.organization) == ("Director", "Crisis Center Podruga")


def test_shared_surname_is_not_resolved() -> None:
    facts = extract(
        _cable(
            "Valeryi Tarasov, Director of the Drama Theater, spoke. Anatolyi Tarasov, "
            "Head of the Youth Center, agreed. Tarasov left."
        )
    )
    assert [m.name for m in facts.mentions if m.text == "Tarasov"] == []


def test_event_date_after_the_cable_is_last_year() -> None:
    facts = extract(_cable("On December 5, the NGO opened a shelter."))
    assert facts.events[0].date == "2004-12-05"


def test_rules_can_be_disabled_by_name() -> None:
    names = {name for name, _ in (*ENTITY_RULES, *FACT_RULES)}
    assert {"curated", "org_phrase", "money", "funding", "recommendations"} <= names
    facts = extract(_cable("INL provided a $5,000 grant to IOM."), disabled=frozenset({"money"}))
    assert not facts.figures and facts.fundings[0].amount is None


def test_parse_number_reads_digits_and_words() -> None:
    assert parse_number("14,798") == 14_798
    assert parse_number("eight million") == 8_000_000
    assert parse_number("twenty-five") == 25
    assert parse_number("1.5 million") == 1_500_000


def test_as_dict_round_trips() -> None:
    from briefgen.extract.records import facts_from_dict

    facts = extract(_cable(CAPS, "INL provided a $24,000 grant to the Union of Crisis Centers."))
    assert facts_from_dict(facts.as_dict()) == facts


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_any_text_extracts_without_error(texts: list[str]) -> None:
    facts = extract(_cable(*texts))
    for mention in facts.mentions:
        if mention.paragraph is not None:
            text = texts[mention.paragraph - 1]
            assert text[mention.start : mention.end] == mention.text


def test_pronoun_in_a_later_paragraph_resolves_to_the_earlier_subject() -> None:
    facts = extract(
        _cable(
            "Galina Morozova runs a shelter. It is small.",
            "She received a grant from the Democracy Commission to train police officers.",
        )
    )
    assert facts.fundings[0].recipient == "Galina Morozova"


def test_a_city_name_inside_a_person_name_gives_way() -> None:
    facts = extract(
        _cable("The team met Vladimir Nazarov, Deputy Secretary of the Security Council.")
    )
    assert [(e.kind, e.name) for e in facts.entities] == [
        ("org", "Security Council"),
        ("person", "Vladimir Nazarov"),
        ("place", "Astana"),
    ]
    assert facts.roles[0].title == "Deputy Secretary"


def test_a_paragraph_opening_with_capitals_is_not_a_caps_paragraph() -> None:
    heading = "SUBJECT: " + "THE DELEGATION MET IN GENEVA ON THE MISSILE ISSUES. " * 10
    facts = extract(_cable(heading + "Later Vladimir Nazarov spoke with Galina Morozova."))
    people = {e.name for e in facts.entities if e.kind == "person"}
    assert {"Vladimir Nazarov", "Galina Morozova"} <= people


def test_an_acronym_names_the_words_its_letters_stand_for() -> None:
    facts = extract(
        _cable(
            "Opposition leaders met Movement for Democratic Change (MDC) officials in Harare.",
            "Tsvangirai Met Movement for Democratic Change (MDC) leaders.",
            "Minister Celso Amorim of the Brazilian Ministry of Exterior Relations (MRE) spoke.",
            "The Union of Crisis Centers (UCC) met the Feminist League.",
        )
    )
    orgs = {e.name: e.acronym for e in facts.entities if e.kind == "org"}
    assert orgs["Movement for Democratic Change"] == "MDC"
    assert orgs["Brazilian Ministry of Exterior Relations"] == "MRE"
    assert orgs["Union of Crisis Centers"] == "UCC"
    assert not any(name.startswith(("Met ", "Minister ")) for name in orgs)


def test_an_all_caps_acronym_names_the_words_its_letters_stand_for() -> None:
    text = "ASSISTANT SECRETARY RICE MET MOVEMENT FOR DEMOCRATIC CHANGE (MDC) PRESIDENT TSVANGIRAI."
    facts = extract(_cable(text))
    mdc = facts.entity("MDC")
    assert mdc is not None and mdc.name == "Movement for Democratic Change"


def test_a_hyphenated_first_name_is_kept_whole() -> None:
    facts = extract(_cable("The murder of Jean-Paul Genie by the bodyguards shocked the city."))
    people = [e.name for e in facts.entities if e.kind == "person"]
    assert people == ["Jean-Paul Genie"]
    # A hyphen inside a double surname does not start a name.
    facts = extract(_cable("- Fernando Perpina-Robert Peyra, Spain, currently"))
    assert "Perpina-Robert Peyra" not in {e.name for e in facts.entities}


def test_a_nationality_before_a_title_stays_with_the_title() -> None:
    facts = extract(
        _cable(
            "Russian Deputy Foreign Minister Sergei Ryabkov met the Ambassador.",
            "Turkish Foreign Minister Ahmet Davutoglu said the talks were useful.",
            "Kazakhstani Vice-Minister of Justice Dulat Kustavletov opened the event.",
            "The Ambassador met Iranian Ambassador Hassan Kazemi Qomi.",
            "Prime Minister of Kazakhstan Karim Masimov spoke.",
            "Irish Prime Minister Ahern and Foreign Minister Brian Cowen met the Secretary.",
            "Spanish Ambassador to China Carlos Blasco joined them.",
        )
    )
    roles = {r.person: (r.title, r.organization) for r in facts.roles}
    assert roles["Sergei Ryabkov"] == ("Russian Deputy Foreign Minister", None)
    assert roles["Ahmet Davutoglu"] == ("Turkish Foreign Minister", None)
    assert roles["Dulat Kustavletov"] == (
        "Kazakhstani Vice-Minister of Justice",
        "Ministry of Justice",
    )
    assert roles["Hassan Kazemi Qomi"] == ("Iranian Ambassador", None)
    assert roles["Karim Masimov"] == ("Prime Minister of Kazakhstan", None)
    assert roles["Brian Cowen"] == ("Foreign Minister", None)
    assert roles["Carlos Blasco"] == ("Spanish Ambassador to China", None)


def test_an_organization_before_a_title_is_where_the_title_is_held() -> None:
    facts = extract(
        _cable(
            "The Muslim Council of Britain (MCB) condemned the attacks. MCB Secretary General "
            "Dr. Mohammed Abdul Bari told the press.",
            "IOM Chief of Mission Mark Sutherland met Poloff.",
        )
    )
    roles = {r.person: (r.title, r.organization, r.leadership) for r in facts.roles}
    assert roles["Mohammed Abdul Bari"] == ("Secretary General", "Muslim Council of Britain", True)
    assert roles["Mark Sutherland"] == (
        "Chief of Mission",
        "International Organization for Migration",
        True,
    )


def test_a_known_bodys_name_misspelt_before_its_acronym_is_that_body() -> None:
    facts = extract(
        _cable("The United Nations Office of Drugs and Crime (UNODC) is preparing a study.")
    )
    orgs = [(e.name, e.acronym) for e in facts.entities if e.kind == "org"]
    assert orgs == [("United Nations Office on Drugs and Crime", "UNODC")]
    unodc = facts.entity("United Nations Office of Drugs and Crime")
    assert unodc is not None and unodc.name == "United Nations Office on Drugs and Crime"
    # A body whose name is not close to the curated one keeps its own name.
    other = extract(_cable("The Independent Monitoring Commission (IMC) met the press."))
    assert "Independent Monitoring Commission" in {e.name for e in other.entities}


def test_diplomatic_titles_before_a_name() -> None:
    facts = extract(
        _cable(
            "Consul General Thomas White met Regional President Omar Quesada.",
            "Special Envoy Richard Holbrooke and Attorney General Eric Holder spoke.",
        )
    )
    roles = {r.person: r.title for r in facts.roles}
    assert roles["Thomas White"] == "Consul General"
    assert roles["Omar Quesada"] == "Regional President"
    assert roles["Richard Holbrooke"] == "Special Envoy"
    assert roles["Eric Holder"] == "Attorney General"


def test_quantifiers_headings_and_country_abbreviations_are_no_bodies() -> None:
    facts = extract(
        _cable(
            "--(9) Other NGO's partially funded by SENAME are part of SENAME's network.",
            "Officials say other donors asked the same. OTHER TIDBITS follow below.",
            "SDF is fully funded by the EG government, and involves direct payment to USAID.",
        )
    )
    orgs = {e.name for e in facts.entities if e.kind == "org"}
    assert not orgs & {"Other", "OTHER", "Other NGO", "EG"}, orgs
    assert {"SENAME", "SDF"} <= orgs


def test_headings_in_capitals_and_cable_terms_are_no_bodies() -> None:
    facts = extract(
        _cable(
            "Ties are old. STRONG POLITICAL CONNECTIONS help him. HIGHLIGHT TO CHINESE officials.",
            "The CODEL discussed WMD and the NPT with the MFA on Monday.",
        )
    )
    orgs = {e.name for e in facts.entities if e.kind == "org"}
    assert not orgs & {"STRONG", "CHINESE", "CODEL", "WMD", "NPT"}, orgs
    assert "MFA" in " ".join(orgs) or "Ministry of Foreign Affairs" in orgs


def test_titles_counts_newspapers_and_party_names_read_right() -> None:
    # Shapes of a real Nairobi cable.
    facts = extract(
        _cable(
            "Michuki opposed it, and Police Commissioner Ali was incensed at having been cut out.",
            "(S) Third, Four CID officers tracked down the journalist's home.",
            "The dossier was serialized in The Nation newspaper in January.",
            "Orange Democratic Movement (ODM) opposition leaders privately confirm the threats.",
        )
    )
    names = {e.name: e for e in facts.entities}
    assert not {"Police Commissioner Ali", "Police Commissioner", "Four CID", "The Nation"} & set(
        names
    ), set(names)
    assert names["Orange Democratic Movement"].org_kind == "party"


def test_an_acronym_after_a_full_name_is_that_body_and_people_are_no_body() -> None:
    # Shapes of a real Rio de Janeiro cable.
    facts = extract(
        _cable(
            "On December 8, Human Rights Watch published a report on police violence in Rio.",
            "HRW's Director Vivanco said the Olympics were good news for reform.",
            "While condemning such acts, Vivanco and Wilkenson conceded the police faced a "
            "huge challenge.",
            "Touring the favela, State Security Secretary Beltrame explained the cameras.",
        )
    )
    orgs = {e.name: e for e in facts.entities if e.kind == "org"}
    assert "HRW" in orgs["Human Rights Watch"].aliases
    assert not {"HRW", "Vivanco and Wilkenson", "State Security Secretary Beltrame"} & set(orgs)
