"""A profile's legal status is the organization's own, never another body's in its sentence."""

from __future__ import annotations

from briefgen.summarize.ngo_sections import legal_concerns


def test_a_body_another_shut_down_is_not_the_profiles_subject() -> None:
    text = (
        "Instead, the Greens and the pro-EU Liberal Party were the big winners -- along with the "
        "new Pirate Party, which found support from young voters unhappy with the government's "
        "decision to shut down The Pirate Bay, a file-sharing bit torrent site that had become a "
        "target of the Motion Picture Association of America (and USTR)."
    )
    assert not legal_concerns(text, {"Motion Picture Association of America", "MPAA"}, False)


def test_the_organization_before_or_after_the_word_of_its_status() -> None:
    forms = {"Feminist League"}
    assert legal_concerns("The Feminist League was officially registered in 2001.", forms, True)
    assert legal_concerns(
        "In 2005 the Ministry of Justice revoked the registration of the Feminist League.",
        forms,
        False,
    )
    assert legal_concerns(
        "Human Rights Watch (HRW) was warned by the prosecutor.", {"Human Rights Watch"}, True
    )
    # No name written: the organization that acts in the sentence (`It`).
    assert legal_concerns("It was registered in 2003 as a public association.", forms, True)
    assert not legal_concerns("It was registered in 2003 as a public association.", forms, False)
    assert not legal_concerns(
        "The Feminist League said the Ministry of Justice warned Nadezhda.", forms, True
    )
