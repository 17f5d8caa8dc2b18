"""A program sheet puts money and work on the right party, on the shapes of real cables: the
program is not its own funder, money sought is not money given, where a visitor comes from or
who paid is not who carried the work out, and a list item's heading is no statement."""

from __future__ import annotations

from briefgen.extract import extract
from briefgen.models import Cable, Paragraph
from briefgen.summarize.evidence import Evidence, paragraph_sentences
from briefgen.summarize.program import _is_itself, _not_itself
from briefgen.summarize.program_grants import status_of
from briefgen.summarize.program_synthesis import _first_fit, implementers
from briefgen.summarize.records import Cite, Grant, Statement


def test_the_program_is_not_its_own_funder_and_money_sought_is_proposed() -> None:
    cite = Cite("07TESTPOST1", 1)
    itself = Grant("Millennium Challenge Account", "", "", "", "", "", cite)
    paid = Grant("USAID", "", "$5 million", "", "awarded", "", cite)
    kept = _not_itself((itself, paid), "Millennium Challenge Account (MCA)")
    assert kept == (paid,)
    by_acronym = Grant("MCA", "", "$461 million", "", "", "", cite)
    assert _not_itself((by_acronym,), "Millennium Challenge Account (MCA)")[0].funder == ""
    assert _is_itself("EXBS", "Export Control and Related Border Security (EXBS) Program")
    assert not _is_itself("INECP", "Export Control and Related Border Security (EXBS) Program")
    sought = "The VP will likely push for ATPDEA extension and seek Millennium Challenge funding."
    assert status_of(sought) == "proposed"
    assert status_of("INL funded the training with $30,000.") == "awarded"


def _implementers_of(text: str) -> list[str]:
    cable = Cable(
        id="05TESTPOST2",
        origin="Embassy Test",
        paragraphs=(Paragraph(number=1, heading=None, text=text),),
    )
    evidence = Evidence((cable,), {cable.id: extract(cable)})
    sentences = paragraph_sentences(cable.id, cable.paragraphs[0])
    return [fact.value for fact in implementers(evidence, sentences, [])]


def test_where_a_doer_comes_from_or_who_paid_is_not_who_did_the_work() -> None:
    visitor = (
        "Embassy staff hosted an international visitor from the Council on Islamic Education "
        "who conducted a series of workshops for Muslim youth."
    )
    assert "Council on Islamic Education" not in _implementers_of(visitor)
    paid = (
        "The International Nonproliferation Export Control Program, through funding provided by "
        "the Department of State, conducted a training for customs officers in Dubai."
    )
    assert "Department of State" not in _implementers_of(paid)


def test_a_list_items_heading_never_opens_a_sheet() -> None:
    cite = Cite("09TESTPOST3", 6)
    sections = {
        "background": [
            Statement("Visas for American staff and the Fulbright issue.", (cite,)),
            Statement("The Fulbright program will grow by half this year.", (cite,)),
        ]
    }
    pick = _first_fit(sections, ("background",), set())
    assert pick is not None and pick.text.startswith("The Fulbright program")
