"""Every example of issue 5, checked on the seed cables: exact values, cable and paragraph."""

from __future__ import annotations

from briefgen.extract import CableFacts, Figure
from tests.extract.gold_seeds import DCM, INL, IOM

A1206, A1985, A2101 = "09ASTANA1206", "09ASTANA1985", "09ASTANA2101"
AATIPCA = "Association against Trafficking in Persons in Central Asia"
USAID = "United States Agency for International Development"


def _figure(facts: CableFacts, kind: str, value: float, what: str | None = None) -> Figure:
    found = [
        f
        for f in facts.figures
        if f.kind == kind and f.value == value and (what is None or f.what == what)
    ]
    assert found, f"no {kind} {value} {what!r} in {facts.cable_id}"
    return found[0]


# --- entities ------------------------------------------------------------------------------


def test_person_with_title_and_affiliation_after_the_name(
    seed_facts: dict[str, CableFacts],
) -> None:
    roles = [r for r in seed_facts[A1985].roles if r.person == "Galina Morozova"]
    assert [(r.title, r.organization, r.leadership) for r in roles] == [
        ("President", "Feminist League", True)
    ]
    assert roles[0].source.paragraph == 3
    assert roles[0].source.sentence.startswith("Galina Morozova, President of the Feminist")


def test_person_with_title_before_the_name(seed_facts: dict[str, CableFacts]) -> None:
    roles = {r.person: r for r in seed_facts[A1985].roles}
    kustavletov = roles["Dulat Kustavletov"]
    assert kustavletov.title == "Vice-Minister of Justice"
    assert kustavletov.organization == "Ministry of Justice"
    assert kustavletov.leadership is False
    assert kustavletov.source.paragraph == 6  # printed `¶16` in the copy
    assert roles["Zhumazhan Zhukenov"].organization == (
        "Ministry of Education's Committee on Protection of Children's Rights"
    )
    assert roles["Armanbek Baimurzin"].organization == (
        "Ministry of Interior's Department to Combat Organized Crime"
    )


def test_person_with_two_titles(seed_facts: dict[str, CableFacts]) -> None:
    roles = [r for r in seed_facts[A2101].roles if r.person == "Pawel Triszh"]
    assert [(r.title, r.organization) for r in roles] == [
        ("Deputy Director", "Akmolinskaya Department of Justice"),
        ("Chair", "TIP Commission"),
    ]
    assert {r.source.paragraph for r in roles} == {9}


def test_surname_resolves_to_the_full_name(seed_facts: dict[str, CableFacts]) -> None:
    facts = seed_facts[A1985]
    surnames = [m for m in facts.mentions if m.text == "Morozova"]
    assert surnames and {m.name for m in surnames} == {"Galina Morozova"}
    assert {m.paragraph for m in surnames} >= {3, 6, 7, 8, 10}
    triszh = [m for m in seed_facts[A2101].mentions if m.text == "Triszh"]
    assert {m.name for m in triszh} == {"Pawel Triszh"} and {m.paragraph for m in triszh} >= {9}


def test_organization_aliases_resolve_to_one_entity(seed_facts: dict[str, CableFacts]) -> None:
    facts = seed_facts[A1985]
    league = {m.text for m in facts.mentions if m.name == "Feminist League"}
    assert league == {"Feminist League NGO"} or "Feminist League NGO" in league
    texts_2101 = {m.text for m in seed_facts[A2101].mentions if m.name == "Feminist League"}
    assert "Feminist League" in texts_2101
    ucc = seed_facts[A2101].entity("UCC")
    assert ucc is not None and ucc.name == "Union of Crisis Centers" and ucc.acronym == "UCC"
    ucc_mention = next(m for m in seed_facts[A2101].mentions if m.text == "UCC")
    assert ucc_mention.paragraph == 2
    # The same organization in another cable has the same canonical name.
    assert seed_facts[A1206].entity("Union of Crisis Centers") is not None


def test_acronyms_defined_in_the_text(seed_facts: dict[str, CableFacts]) -> None:
    facts = seed_facts[A2101]
    assert facts.entity("AATIPCA") == facts.entity(AATIPCA)
    assert facts.entity("AATIPCA") is not None
    mvd = seed_facts[A1206].entity("MVD")
    assert mvd is not None and mvd.name == "Ministry of Interior"


def test_curated_bodies_and_agencies(seed_facts: dict[str, CableFacts]) -> None:
    facts = seed_facts[A1985]
    assert facts.entity("IOM") is not None and facts.entity("IOM").name == IOM  # type: ignore[union-attr]
    assert facts.entity("OSCE") is not None
    assert facts.entity("INL") is not None and facts.entity("INL").name == INL  # type: ignore[union-attr]
    dcm = facts.entity("DCM")
    assert dcm is not None and dcm.name == DCM and dcm.kind == "person"
    assert seed_facts[A2101].entity("USAID") is not None


def test_places_and_origin(seed_facts: dict[str, CableFacts]) -> None:
    places = {e.name for e in seed_facts[A2101].entities if e.kind == "place"}
    assert {"Kokshetau", "Astana", "Akmolinskaya Oblast", "Uralsk", "Pavlodar"} <= places
    assert {"Greece", "Israel", "Romania", "Turkey", "Karagandinskaya Oblast"} <= places
    origin = [m for m in seed_facts[A2101].mentions if m.rule == "origin"]
    assert [(m.name, m.paragraph) for m in origin] == [("Astana", None)]


# --- figures -------------------------------------------------------------------------------


def test_money(seed_facts: dict[str, CableFacts]) -> None:
    grant = _figure(seed_facts[A1206], "money", 24_000)
    assert (grant.unit, grant.text, grant.source.paragraph) == ("USD", "$24,000", 3)
    travel = _figure(seed_facts[A1206], "money", 6_000)
    assert travel.approximate and travel.source.paragraph == 3
    tenge = _figure(seed_facts[A1985], "money", 8_000_000)
    assert tenge.unit == "KZT"
    assert (tenge.converted_value, tenge.converted_unit) == (53_333, "USD")
    assert tenge.text == "eight million tenge ($53,333)"
    assert tenge.source.paragraph == 8  # printed `¶18` in the copy


def test_counts_with_what_they_count(seed_facts: dict[str, CableFacts]) -> None:
    facts = seed_facts[A1206]
    assert _figure(facts, "count", 80_000, "informational flyers").source.paragraph == 5
    assert _figure(facts, "count", 43, "separate events").source.paragraph == 15
    assert _figure(facts, "count", 14_798, "people").source.paragraph == 15
    assert _figure(facts, "count", 1935, "people").source.paragraph == 13
    police = seed_facts[A2101]
    assert _figure(police, "count", 900, "community police officers").source.paragraph == 6
    assert _figure(police, "count", 36, "trainings sessions").source.paragraph == 6
    assert _figure(police, "count", 9, "NGOs").source.paragraph == 6


def test_number_words(seed_facts: dict[str, CableFacts]) -> None:
    assert _figure(seed_facts[A2101], "count", 9, "NGOs").text == "nine NGOs"
    assert _figure(seed_facts[A1985], "money", 8_000_000).value == 8_000_000
    assert _figure(seed_facts[A1985], "series", 7).text == "seven"


def test_percentages_with_what_they_measure(seed_facts: dict[str, CableFacts]) -> None:
    facts = seed_facts[A1206]
    police = _figure(facts, "percent", 41)
    assert police.what == "said they would inform the police"
    assert police.source.paragraph == 13
    assert _figure(facts, "percent", 24).what == "would call a hotline"
    assert _figure(facts, "percent", 70).what == "were not aware of human trafficking"


def test_year_series_gives_four_points(seed_facts: dict[str, CableFacts]) -> None:
    points = [f for f in seed_facts[A1985].figures if f.kind == "series"]
    assert [(f.year, f.value) for f in points] == [(2006, 7), (2007, 14), (2008, 16), (2009, 16)]
    assert {f.what for f in points} == {"cases of trafficking"}
    assert {f.source.paragraph for f in points} == {9}
    assert points[0].source.sentence.startswith("In 2006, there were seven cases")


def test_figures_keep_their_sentence(seed_facts: dict[str, CableFacts]) -> None:
    flyers = _figure(seed_facts[A1206], "count", 80_000, "informational flyers")
    assert flyers.source.sentence.startswith("In preparation for the events, the Union")
    assert flyers.subject == "Union of Crisis Centers"


# --- events and relations -------------------------------------------------------------------


def test_dated_events_use_the_cable_date(seed_facts: dict[str, CableFacts]) -> None:
    events = {(e.date, e.source.paragraph) for e in seed_facts[A1985].events}
    assert ("2009-09-14", 6) in events
    press = next(e for e in seed_facts[A1985].events if e.date == "2009-09-14")
    assert press.text.startswith("a press conference with the DCM")
    assert "Galina Morozova" in press.entities
    assert ("2009-03-10", 4) in {(e.date, e.source.paragraph) for e in seed_facts[A1206].events}
    visit = next(e for e in seed_facts[A2101].events if e.date == "2009-11-12")
    assert visit.end_date == "2009-11-13" and visit.source.paragraph == 1


def test_grant_from_the_democracy_commission(seed_facts: dict[str, CableFacts]) -> None:
    grant = next(f for f in seed_facts[A2101].fundings if f.funder == "Democracy Commission")
    assert grant.recipient == "Galina Morozova" and grant.recipient_kind == "person"
    assert grant.year == 2000
    assert grant.purpose == "to train police officers in Uralsk, Kostanai, and Pavlodar"
    assert grant.source.paragraph == 3


def test_inl_grant_to_the_union_of_crisis_centers(seed_facts: dict[str, CableFacts]) -> None:
    grant = next(f for f in seed_facts[A1206].fundings if f.amount == "$24,000")
    assert (grant.funder, grant.recipient, grant.value, grant.unit) == (
        INL,
        "Union of Crisis Centers",
        24_000,
        "USD",
    )
    assert grant.source.paragraph == 3
    # The Feminist League never receives this grant.
    assert all(f.recipient != "Feminist League" for f in seed_facts[A1206].fundings)


def test_funds_through_a_grant_to_iom(seed_facts: dict[str, CableFacts]) -> None:
    shelter = next(
        f for f in seed_facts[A2101].fundings if f.funder == "Embassy of the Netherlands"
    )
    assert (shelter.recipient, shelter.channel, shelter.year) == ("Feminist League", IOM, 2008)
    assert shelter.purpose == "established a TIP Shelter in Kokshetau"
    assert shelter.source.paragraph == 4


def test_other_grants_to_morozova(seed_facts: dict[str, CableFacts]) -> None:
    fundings = seed_facts[A2101].fundings
    usaid = next(f for f in fundings if f.funder == USAID)
    assert (usaid.recipient, usaid.year, usaid.end_year) == ("Galina Morozova", 2001, 2008)
    through = next(f for f in fundings if f.channel == AATIPCA and f.source.paragraph == 3)
    assert (through.funder, through.recipient, through.year) == (INL, "Galina Morozova", 2009)
    # `ATIPCA` in ¶6 is the same network, misspelt.
    assert any(f.channel == AATIPCA and f.source.paragraph == 6 for f in fundings)


def test_membership(seed_facts: dict[str, CableFacts]) -> None:
    members = [r for r in seed_facts[A2101].relations if r.kind == "member_of"]
    assert [(r.subject, r.object) for r in members] == [
        ("Feminist League", IOM),
        ("Feminist League", AATIPCA),
        ("Feminist League", "Union of Crisis Centers"),
    ]
    assert {r.source.paragraph for r in members} == {2}


def test_start_and_founding_years(seed_facts: dict[str, CableFacts]) -> None:
    relations = seed_facts[A2101].relations
    began = next(r for r in relations if r.kind == "began")
    assert (began.subject, began.year, began.text) == (
        "Feminist League",
        1998,
        "began to combat human trafficking",
    )
    founded = next(r for r in relations if r.kind == "founded")
    assert (founded.subject, founded.year) == ("Feminist League", 2008)
    since = next(r for r in seed_facts[A1206].relations if r.kind == "began")
    assert (since.subject, since.year, since.source.paragraph) == ("Ministry of Interior", 2004, 2)


def test_quotations_with_speakers(seed_facts: dict[str, CableFacts]) -> None:
    quotes = seed_facts[A1985].quotations
    assert [q.speaker for q in quotes] == [
        "Director of School #31",
        "Teachers of School #20",
        "Diana age 15",
        "Marina, Sonya, and Aliya age 16",
        "Shynar, age 14",
    ]
    assert quotes[1].text.startswith("We liked the play.")
    assert {q.source.paragraph for q in quotes} == {13}


def test_recommendations_after_recommended_that(seed_facts: dict[str, CableFacts]) -> None:
    recs = seed_facts[A1985].recommendations
    assert len(recs) == 6
    assert (
        recs[0].text == "Public information campaigns be used to promote the protection of children"
    )
    assert recs[2].text == "Reintegration of victims be stressed"
    assert {r.by for r in recs} == {"participants"}
    assert {r.source.paragraph for r in recs} == {12}
    made = seed_facts[A1206].recommendations
    assert len(made) == 5 and made[0].text.startswith("Conduct a large-scale research project")


def test_every_fact_names_its_cable_and_paragraph(seed_facts: dict[str, CableFacts]) -> None:
    for cid, facts in seed_facts.items():
        for group in (facts.roles, facts.figures, facts.events, facts.fundings, facts.relations):
            for fact in group:
                assert fact.source.cable_id == cid
                assert fact.source.paragraph is not None
                assert fact.source.sentence
        for mention in facts.mentions:
            if mention.paragraph is not None:
                assert mention.cable_id == cid
