"""A program sheet opens with three to five cited sentences, each true to the paragraphs it
cites: who funded whom to do what, when and where, who took part, with what result."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from briefgen.store import Corpus
from briefgen.summarize.program_synthesis import date_span
from briefgen.summarize.records import Cite, ProgramSheet, Statement
from tests.summarize.program_corpus import fold, make_corpus, sheet

PROGRAMS = [
    ("CDI",),
    ("G/TIP-funded anti-trafficking programs", "06SANTIAGO538", "06SANTIAGO539"),
    ("G/TIP seminars for judges",),
    ("Pen Link software",),
]
_MONTHS = set(
    "January February March April May June July August September October November December".split()
)
_FRAME = {"It", "The", "A", "An", "In", "On", "From", "To", "With"}
"""Words of the sentence frame a rule writes, not facts a cable must state."""


@pytest.fixture(scope="module")
def program_db(module_location: str) -> str:
    return make_corpus(module_location)


@pytest.fixture()
def corpus(program_db: str) -> Iterator[Corpus]:
    with Corpus.open(program_db) as opened:
        yield opened


def cited_text(corpus: Corpus, statement: Statement) -> str:
    """Return the text of the paragraphs a statement cites, `US$ 31,583` read as `$31,583`."""
    parts = []
    for cite in statement.cites:
        cable = corpus.get(cite.cable_id)
        para = cable.paragraph(cite.paragraph) if cite.paragraph else None
        parts.append(para.text if para else " ".join(p.text for p in cable.paragraphs))
    return re.sub(r"us\$\s*", "$", fold(" ".join(parts)))


def facts_of(sentence: str) -> list[str]:
    """Return what a sentence asserts that a cable must state: names, numbers, amounts."""
    found = re.findall(r"\$[\d,]*\d|\d(?:[\d,]*\d)?|[A-Z][\w/&'’-]*", sentence)
    return [f for f in found if f not in _FRAME and f not in _MONTHS]


@pytest.mark.parametrize("args", PROGRAMS, ids=lambda a: a[0])
def test_the_synthesis_is_three_to_five_cited_sentences(corpus: Corpus, args: tuple[str]) -> None:
    brief = sheet(corpus, *args)
    assert 3 <= len(brief.synthesis) <= 5
    for statement in brief.synthesis:
        assert statement.cites, statement.text
        assert statement.text[:1].isupper() and statement.text.endswith(".")


@pytest.mark.parametrize("args", PROGRAMS, ids=lambda a: a[0])
def test_each_sentence_is_true_to_its_source(corpus: Corpus, args: tuple[str]) -> None:
    brief = sheet(corpus, *args)
    years = {s.date[:4] for s in brief.meta.sources if s.date}
    for statement in brief.synthesis:
        source = cited_text(corpus, statement)
        if fold(statement.text) in source:
            continue  # a sentence of the cable, quoted whole
        for fact in facts_of(statement.text):
            # A year the cable's date gives (`April 27-May 1` of a cable of 2009) is its own.
            if fact in years:
                continue
            assert fold(fact) in source, (fact, statement.text)


def test_who_funded_whom_to_do_what_when_where_and_with_what_result(corpus: Corpus) -> None:
    brief = sheet(corpus, "G/TIP-funded anti-trafficking programs", "06SANTIAGO538")
    said = [s.text for s in brief.synthesis]
    assert said[0] == "G/TIP funded the anti-trafficking programs, carried out by SERNAM."
    assert said[1] == "It took place in Iquique and Arica on January 25-26, 2006."
    assert said[2] == (
        "The four seminars reached a total of 100 local officials and 160 activists in the two "
        "cities."
    )


def test_the_synthesis_states_the_money_given_and_the_post_s_view(corpus: Corpus) -> None:
    brief = sheet(corpus, "G/TIP seminars for judges")
    said = " ".join(s.text for s in brief.synthesis)
    assert "with $45,000" in said and "$20,000" not in said  # a request is not money given
    assert "Post believes the seminars will improve sentencing" in said


def test_a_sentence_the_opening_quotes_is_not_repeated_below(corpus: Corpus) -> None:
    brief: ProgramSheet = sheet(corpus, "CDI")
    opening = {s.text for s in brief.synthesis}
    below = [
        s.text
        for key in ("activities", "reach", "outcomes", "reception", "background", "post_view")
        for s in getattr(brief, key)
    ]
    assert below and not opening & set(below)


@pytest.mark.parametrize(
    ("start", "end", "written"),
    [
        ("2006-01-25", "2006-01-26", "January 25-26, 2006"),
        ("2009-04-27", "2009-05-01", "April 27 to May 1, 2009"),
        ("2009-09-22", "2009-09-22", "September 22, 2009"),
        ("2009-12-30", "2010-01-02", "December 30, 2009 to January 2, 2010"),
        ("2009-05", "2009-05", "May 2009"),
        ("2009", "2010", "2009 to 2010"),
    ],
)
def test_dates_read_as_a_us_reader_writes_them(start: str, end: str, written: str) -> None:
    assert date_span(start, end) == written


def test_events_of_one_date_do_not_break_the_sheet(corpus: Corpus) -> None:
    # Two events on September 22 once made sorting compare their Source records (issue 13).
    brief = sheet(corpus, "G/TIP-funded anti-trafficking seminars", "09ASTANA777")
    when = next(k for k in brief.overview if k.label == "When")
    assert when.value == "September 22, 2009"


def test_a_sentence_leaning_back_or_a_list_fragment_never_opens_a_sheet() -> None:
    from briefgen.summarize.program_synthesis import _first_fit

    cite = Cite("09STATE114986", 2)
    sections = {
        "activities": [
            Statement("This includes equipment needed to facilitate information sharing.", (cite,)),
            Statement("Providing training based upon the findings of the assessments.", (cite,)),
            Statement("The advisor trained 40 police officers in firearms tracing.", (cite,)),
        ]
    }
    pick = _first_fit(sections, ("activities",), set())
    assert pick is not None and pick.text.startswith("The advisor trained")
