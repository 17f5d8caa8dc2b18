"""A program named in the user's words is found through the cables' words, or the closest
candidates are listed; items of one list and programs of different posts stay apart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import AmbiguousNameError, BriefgenError, NotFoundError
from briefgen.facts import ensure_facts
from briefgen.store import Corpus
from briefgen.summarize.program_lookup import find_program
from briefgen.summarize.program_words import query_concepts, stem
from tests.summarize.program_corpus import all_text, make_corpus, sheet


@pytest.fixture(scope="module")
def program_db(module_location: str) -> str:
    return make_corpus(module_location)


@pytest.fixture()
def corpus(program_db: str) -> Iterator[Corpus]:
    with Corpus.open(program_db) as opened:
        yield opened


def texts(corpus: Corpus, query: str, *cables: str) -> list[str]:
    match = find_program(corpus, ensure_facts(corpus), query, cables)
    return [s.text for s in match.sentences]


def test_an_acronym_finds_the_program_the_cables_name_in_full(corpus: Corpus) -> None:
    brief = sheet(corpus, "CDI")
    assert brief.name == "Centers for Drug Information (CDI) Training Conference"
    assert [s.id for s in brief.meta.sources] == ["09BUENOSAIRES901"]
    said = all_text(brief)
    assert "southern cone" in said and "appropriate use of the cdi" in said
    # The other items of the list are other programs, with their own money and places.
    for other in ("24,000", "65,046", "pen link", "bariloche", "mendoza", "144,802"):
        assert other not in said, other


def test_the_full_name_and_the_acronym_find_the_same_program(corpus: Corpus) -> None:
    assert texts(corpus, "Centers for Drug Information") == texts(corpus, "CDI")
    assert texts(corpus, "CDI conference in Argentina") == texts(corpus, "CDI")


def test_the_implementer_the_kind_and_the_place_find_a_program(corpus: Corpus) -> None:
    found = " ".join(texts(corpus, "SERNAM anti-trafficking seminars in Arica"))
    assert "100 local officials and 160 activists" in found
    assert "GTZ" not in found and "Antofagasta" not in found


def test_synonyms_find_a_program_its_cable_words_otherwise(corpus: Corpus) -> None:
    # TIP is trafficking, a training a program; the cable says `anti-trafficking programs`.
    found = " ".join(texts(corpus, "anti-TIP training in Arica"))
    assert "SERNAM conducted G/TIP-funded anti-trafficking programs" in found


def test_a_program_mentioned_in_passing_keeps_to_its_sentences(corpus: Corpus) -> None:
    found = texts(corpus, "G/TIP-funded anti-trafficking programs", "06SANTIAGO539")
    assert found == [
        "In January 2006, nearly 100 local government officials in northern Chile attended "
        "G/TIP-funded seminars on recognizing TIP, prosecuting it using existing laws, and "
        "protecting victims."
    ]


def test_no_match_lists_the_closest_candidates(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match="the closest: «Centers for Drug Information"):
        sheet(corpus, "CDI workshop in Mendoza")
    with pytest.raises(NotFoundError, match="no program"):
        sheet(corpus, "Moon landing")


def test_items_of_one_list_matching_alike_are_a_choice_to_make(corpus: Corpus) -> None:
    with pytest.raises(AmbiguousNameError, match="3 programs listed in 09BUENOSAIRES901 ¶10"):
        sheet(corpus, "training")
    with pytest.raises(AmbiguousNameError, match="labor rights seminars"):
        sheet(corpus, "SERNAM seminars in Iquique")


def test_programs_of_two_posts_are_never_merged(corpus: Corpus) -> None:
    brief = sheet(corpus, "G/TIP-funded anti-trafficking seminars")
    origins = {s.origin for s in brief.meta.sources}
    assert len(origins) == 1
    others = " ".join(s.text for s in brief.other_matches)
    assert others and not any(origin and origin in others for origin in origins)


def test_cables_of_two_posts_given_together_are_merged_and_the_sheet_says_so(
    corpus: Corpus,
) -> None:
    brief = sheet(corpus, "G/TIP-funded anti-trafficking seminars", "09ASTANA777", "06SANTIAGO538")
    assert set(brief.posts) == {"Embassy Astana", "Embassy Santiago"}
    assert brief.other_matches == ()
    assert "2 posts" in brief.meta.subtitle


def test_query_words_become_stems_synonyms_and_names() -> None:
    assert stem("trafficking") == stem("trafficked") == "traffick"
    assert stem("seminars") == "seminar" and stem("courses") == "course"
    kinds = {c.kind for c in query_concepts("G/TIP-funded seminars in Chile")}
    assert kinds == {"name", "kind", "funding", "place"}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(min_size=3, max_size=40))
def test_any_query_gives_a_sheet_or_a_clear_error(corpus: Corpus, query: str) -> None:
    try:
        sheet(corpus, query)
    except BriefgenError as error:
        assert str(error) and "\n" not in str(error)


def test_a_name_is_no_clause() -> None:
    from briefgen.summarize.program_names import name_in
    from briefgen.summarize.program_words import query_concepts

    concepts = query_concepts("Millennium Challenge Corporation threshold program")
    # The query's words around a verb make a sentence, not the program's name.
    clause = "In 2007, the Millennium Challenge Corporation (MCC) initiated a threshold program."
    assert name_in(clause, concepts) is None
    named = "The Millennium Challenge Corporation (MCC) Threshold Program ended in 2009."
    assert name_in(named, concepts) == "Millennium Challenge Corporation (MCC) Threshold Program"
