"""Kinds and leaders read off sentence shapes met in real cables of posts no rule was tuned to."""

from __future__ import annotations

from datetime import datetime

from briefgen.extract import CableFacts, extract
from briefgen.extract.forenames import gender_of, is_given_name
from briefgen.extract.kinds import kind_from_context, kind_from_name
from briefgen.extract.text import Sentences
from briefgen.models import Cable, Paragraph


def _facts(*texts: str) -> CableFacts:
    return extract(
        Cable(
            id="09RANGOON900",
            created=datetime(2009, 8, 18),
            origin="Embassy Rangoon",
            paragraphs=tuple(Paragraph(i + 1, None, t) for i, t in enumerate(texts)),
        )
    )


def _kind_after(text: str, name: str) -> str | None:
    start = text.index(name)
    return kind_from_context(text, start, start + len(name))


def test_a_name_followed_by_party_is_a_party_whatever_its_name_says() -> None:
    text = (
        "While many outside Burma perpetuate the impression of Aung San Suu Kyi's National "
        "League for Democracy (NLD) party as a large movement, the reality is quite different."
    )
    assert kind_from_name("National League for Democracy") == "ngo"  # `League`, a guess
    assert _kind_after(text, "National League for Democracy") == "party"
    assert _kind_after("The Delta League party won.", "Delta League") == "party"
    assert _kind_after("The Delta League partly agreed.", "Delta League") is None


def test_a_body_listed_with_other_ngos_is_an_ngo() -> None:
    assert _kind_after("WWF and other environmental NGOs support their efforts.", "WWF") == "ngo"
    assert _kind_after("WWF and other donors support their efforts.", "WWF") is None


def test_a_union_of_nations_is_intergovernmental() -> None:
    assert kind_from_name("Union of South American Nations") == "igo"
    assert kind_from_name("Association of Southeast Asian Nations") == "igo"


def test_a_role_written_between_a_body_and_a_name_is_held_in_that_body() -> None:
    facts = _facts(
        "(C) The 1994 bombing of the Argentine Israeli Mutual Association (AMIA) killed 85.",
        "(C) AMIA president Luis Grynwald noted that 2007 was an important year for the "
        "organization.",
        "(S) The generals said they are open to communication with National League for "
        "Democracy leader Aung San Suu Kyi, which they have initiated via correspondence.",
    )
    roles = {(r.person, r.organization, r.leadership) for r in facts.roles}
    assert ("Luis Grynwald", "Argentine Israeli Mutual Association", True) in roles
    assert ("Aung San Suu Kyi", "National League for Democracy", True) in roles


def test_a_role_in_a_unit_the_body_has_does_not_lead_the_body() -> None:
    facts = _facts(
        "(C) Half of the hardwood ends up in the United States, according to Denis Smirnov, "
        "coordinator of the World Wildlife Fund's forestry program in Primorye.",
        "(C) Olga Petrova, director of the Amur Tiger Fund, said the same.",
    )
    roles = {(r.person, r.organization): r.leadership for r in facts.roles}
    assert roles[("Denis Smirnov", "World Wildlife Fund")] is False
    assert roles[("Olga Petrova", "Amur Tiger Fund")] is True


def test_a_body_named_before_a_title_and_a_name_ends_at_the_title() -> None:
    facts = _facts(
        "(C) Alevi Cem Foundation Chairman Izettin Dogan told us that the ruling was very "
        "important."
    )
    orgs = {e.name for e in facts.entities if e.kind == "org"}
    assert orgs == {"Alevi Cem Foundation"}
    roles = {(r.person, r.title, r.organization, r.leadership) for r in facts.roles}
    assert roles == {("Izettin Dogan", "Chairman", "Alevi Cem Foundation", True)}


def test_no_person_opens_with_an_article_or_ends_with_bodies() -> None:
    facts = _facts(
        "(C) The Ehl-i-Beyt and Cem Foundations continue to seek legal recognition of their faith."
    )
    assert not [e.name for e in facts.entities if e.kind == "person"]


COMMENT = (
    "(C) Comment: Though the Cem and Ehl-i-Beyt Foundations share similar complaints against "
    "the Government, their strategies are notably different. Ehl-i-Beyt, with its big tent "
    "approach to membership, takes a collaborative approach. With that goal in mind, the "
    "Foundation is opening an Istanbul-based Academy in April. The Cem Foundation on the other "
    "hand feels it has no choice but to go to court. In the event the court rules against it, "
    "the Foundation is likely to take the case to the ECHR."
)


def _actors_at(facts: CableFacts, offset: int) -> tuple[str, ...]:
    return next(
        (a.actors for a in facts.attributions if a.paragraph == 2 and a.start <= offset < a.end),
        (),
    )


def test_the_head_two_bodies_share_is_not_given_to_the_one_with_a_name() -> None:
    facts = _facts(
        "(C) Frustrated, the Cem Foundation submitted two petitions to the Government.", COMMENT
    )
    assert _actors_at(facts, COMMENT.index("Foundation is opening")) == ()
    assert _actors_at(facts, COMMENT.index("Foundation is likely")) == ("Cem Foundation",)


def test_a_trailing_enthused_makes_the_clause_its_speakers_view() -> None:
    text = (
        "(C) Patrick Utomi spoke at the rally. Chris Ekiyor, the President of the Ijaw Youth "
        'Council, is "very smart", Utomi enthused.'
    )
    facts = _facts(text)
    clause = next(a for a in facts.attributions if a.start <= text.index("Chris") < a.end)
    assert clause.speech
    assert "Ijaw Youth Council" not in clause.actors


def test_a_program_run_by_parties_is_theirs_when_it_acts() -> None:
    text = (
        "(U) An innovative outreach program conducted jointly by the PDI and the International "
        "Organization for Migration (IOM) trained approximately 225 sex workers in five regions."
    )
    facts = _facts(text)
    assert _actors_at_first(facts) == ("PDI", "International Organization for Migration")
    report = "(U) A report conducted by the PDI in 2008 was never published."
    assert _actors_at_first(_facts(report)) == ()


def _actors_at_first(facts: CableFacts) -> tuple[str, ...]:
    return next((a.actors for a in facts.attributions if a.start == 0), ())


def test_a_purpose_before_the_comma_is_an_opening_phrase() -> None:
    text = (
        "(C) To carry out the consensus achieved at the summit of Ijaw Youths held February 6 in "
        "Yenagoa to close the militant camps within 90 days, the Ijaw Youth Council has "
        "advocated amnesty for militants."
    )
    assert _actors_at_first(_facts(text)) == ("Ijaw Youth Council",)


def test_he_after_a_name_written_surname_first_is_that_person() -> None:
    # `Li` is a woman's given name in the dictionary, and a surname here: a name the
    # dictionary gives both genders (or none) tells no gender, and the speaker just named wins.
    second = (
        "(C) CIIS's Li Guofu echoed this approach, saying that China was not convinced that "
        "Iran is pursuing nuclear weapons. He indicated that observers were incorrect."
    )
    facts = _facts(
        "(C) Pressed on how China would respond, Xu said that China took proliferation "
        "concerns seriously. He added that it was still too soon.",
        second,
    )
    clauses = {second[a.start : a.end].strip(): a for a in facts.attributions if a.paragraph == 2}
    echoed = next(a for text, a in clauses.items() if text.startswith("(C) CIIS"))
    he = next(a for text, a in clauses.items() if text.startswith("He indicated"))
    assert echoed.speech  # `echoed this approach, saying ...` is a view, not an act
    assert he.actors == ("Li Guofu",)


def test_gender_comes_only_from_names_of_one_gender() -> None:
    assert gender_of("Li") is None  # F and unisex in the dictionary
    assert gender_of("Ali") is None  # F and M
    assert gender_of("Maria") == "f"
    assert gender_of("Mohammed") == "m"
    assert is_given_name("Li") and is_given_name("Ali")  # still given names


def test_a_role_told_around_a_bodys_name_is_held_in_that_body() -> None:
    facts = _facts(
        "(U) According to the Center for Journalism in Extreme Situations (CJES), coverage "
        "was positive. According to CJES Director Oleg Panfilov, editors rely on judgment.",
        "(SBU) The CG visited the Self Employed Women's Association (SEWA). Reemaben "
        "Nanawati, SEWA General Secretary, told the CG that harmony was only superficial.",
        "(SBU) In contrast, the NGO Citizens in Support of Human Rights (CADHAC) found more "
        "cases. The director of CADHAC, Sister Consuelo Morales, confirmed the figures.",
        "World Food Program (WFP) staff report that food was delivered. World Food Program "
        "Director Mohammed Diab said 9,000 metric tons were delivered.",
        "(C) The Bharatiya Janata Party (BJP) met. BJP Chief Minister Narendra Modi declined.",
    )
    roles = {(r.person, r.title, r.organization, r.leadership) for r in facts.roles}
    assert (
        "Oleg Panfilov",
        "Director",
        "Center for Journalism in Extreme Situations",
        True,
    ) in roles
    assert (
        "Reemaben Nanawati",
        "General Secretary",
        "Self Employed Women's Association",
        True,
    ) in roles
    assert ("Consuelo Morales", "Director", "Citizens in Support of Human Rights", True) in roles
    assert ("Mohammed Diab", "Director", "World Food Program", True) in roles
    # A title of office after a party's name is no role in the party.
    assert not [r for r in facts.roles if r.person == "Narendra Modi" and r.leadership]
    # One role, however many rules read it.
    assert len([r for r in facts.roles if r.person == "Mohammed Diab"]) == 1


def test_the_kind_word_before_a_defined_name_is_not_part_of_it() -> None:
    facts = _facts(
        "(SBU) In contrast, the NGO Citizens in Support of Human Rights (CADHAC) found that "
        "abuses trended sharply upwards in 2007."
    )
    orgs = {e.name: e for e in facts.entities if e.kind == "org"}
    assert "Citizens in Support of Human Rights" in orgs
    assert "NGO Citizens in Support of Human Rights" not in orgs
    assert orgs["Citizens in Support of Human Rights"].org_kind == "ngo"


def test_an_armed_group_is_called_so_never_an_ngo() -> None:
    assert _kind_after("Regarding the Moroccan terrorist group GICM, Ricard said.", "GICM") == (
        "armed"
    )
    text = "France has seen cells with no support from terrorist organizations such as the GICM."
    assert _kind_after(text, "GICM") == "armed"
    assert _kind_after("LeT, a Kashmiri terrorist group, claimed it.", "LeT") == "armed"
    assert _kind_after("The GICM met donors.", "GICM") is None


def test_a_trade_union_by_its_words_or_its_name() -> None:
    text = (
        "The CG visited the Self Employed Women's Association (SEWA), a highly respected trade "
        "union and self-help organization with over 500,000 members throughout Gujarat."
    )
    assert _kind_after(text, "Self Employed Women's Association") == "union"
    assert kind_from_name("South African Council of Trade Unions") == "union"
    assert kind_from_name("General Workers' Union") == "union"
    assert kind_from_name("European Union") == "igo"
    assert kind_from_name("Union Fenosa") is None
    assert kind_from_name("Union of South American Nations") == "igo"


def test_each_body_listed_before_and_other_un_entities_is_intergovernmental() -> None:
    facts = _facts(
        "Efforts of UN High Commissioner for Refugees (UNHCR), Office for the Coordination of "
        "Humanitarian Affairs (OCHA), World Food Program (WFP), and other UN entities to "
        "respond to crises. The Ministry of Health briefed donors; UNICEF and other UN entities "
        "attended."
    )
    kinds = {e.name: e.org_kind for e in facts.entities if e.kind == "org"}
    assert kinds["World Food Program"] == "igo"
    assert kinds["Office for the Coordination of Humanitarian Affairs"] == "igo"
    assert kinds["Ministry of Health"] == "government"  # not in the list


def test_a_demonym_based_body_is_based_in_that_country() -> None:
    facts = _facts(
        "(S/NF) Mendelsohn commended Mabahith for disrupting the terrorist support activities "
        "of the Saudi-based NGO al-Haramain Foundation (AHF), and pledged USG support.",
        "(S) Spillover continues, with the Algerian-based GSPC group and the Moroccan-based "
        "GICM group both present covertly on French soil.",
    )
    bases = {(r.subject, r.object) for r in facts.relations if r.kind == "based_in"}
    assert ("Haramain Foundation", "Saudi Arabia") in bases
    assert ("GICM", "Morocco") in bases
    kinds = {(r.subject, r.object) for r in facts.relations if r.kind == "is_a"}
    assert ("Haramain Foundation", "ngo") in kinds  # `NGO al-Haramain`: the article between


def test_a_sentence_ends_before_a_redaction_mask_or_a_dash_bullet() -> None:
    for text, second in (
        (
            "These xxxxx agree that none is likely. xxxxx, North Korea questions the forecast.",
            "xxxxx, North Korea",
        ),
        ("It has assisted 32 victims. ХХХХХХХХ noted that Turkey issues visas.", "ХХХХХХХХ"),
        ("MSF closed its operation; --Now ICRC is building its own network.", "--Now ICRC"),
    ):
        split = Sentences.split(text)
        assert len(split) == 2
        assert text[split.bounds(1)[0] :].startswith(second)
    assert len(Sentences.split("He saw the xxxxx report. It was thin.")) == 2
