"""The cable digest: the bottom line first (summary and comment), then what the post recommends
or asks, the body's news, figures with their meaning, people and organizations with roles."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from briefgen.facts import ensure_facts
from briefgen.pipeline import BriefingRequest, ingest, summarize, to_markdown
from briefgen.store import Corpus
from briefgen.summarize.evidence import clean_sentence
from briefgen.summarize.leads import scored_sentences
from briefgen.summarize.records import CableDigest, Statement
from tests.summarize.quarter_cables import write_jsonl


@pytest.fixture(scope="module")
def digest_db(module_location: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("digest")
    with Corpus.open(module_location) as corpus:
        ingest(corpus, [write_jsonl(folder / "cables.jsonl")], workers=1)
    return module_location


@pytest.fixture()
def corpus(digest_db: str) -> Iterator[Corpus]:
    with Corpus.open(digest_db) as opened:
        yield opened


def digest(corpus: Corpus, cable_id: str, **options: object) -> CableDigest:
    brief = summarize(corpus, BriefingRequest("cable", cable_id, **options))  # type: ignore[arg-type]
    assert isinstance(brief, CableDigest)
    return brief


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def true_to_source(corpus: Corpus, statement: Statement) -> bool:
    """Return True when the paragraphs it cites hold the statement's words."""
    cited = " ".join(
        clean_sentence(p.text)
        for c in statement.cites
        for p in corpus.get(c.cable_id).paragraphs
        if p.number == c.paragraph
    )
    return bool(statement.cites) and fold(statement.text) in fold(cited)


def test_the_bottom_line_opens_with_the_summary_and_the_comment(corpus: Corpus) -> None:
    brief = digest(corpus, "09BUENOSAIRES602")
    assert 3 <= len(brief.synthesis) <= 5
    for statement in brief.synthesis:
        assert true_to_source(corpus, statement), statement
    texts = [s.text for s in brief.synthesis]
    assert texts[0].startswith("On May 20, the Ambassador paid a farewell call")
    assert any("most accessible and forward-leaning" in t for t in texts)
    assert any("We recommend that Washington invite him" in t for t in texts)


def test_requests_news_figures_and_roles(corpus: Corpus) -> None:
    brief = digest(corpus, "09BUENOSAIRES602")
    assert [r.text for r in brief.requests] == [
        "We recommend that Washington invite him to the regional TIP conference in September."
    ]
    points = " ".join(p.text for p in brief.main_points)
    assert "177 raids, made 206 arrests, and rescued 287 TIP victims" in points
    assert "Susana Trimarco to set up specialized anti-trafficking units" in points
    money = [f for f in brief.figures if any(v.startswith("100,000 pesos") for v in f.values)]
    assert money and "Trimarco's anti-TIP foundation 100,000 pesos" in money[0].text
    assert money[0].cite.paragraph == 2
    people = {p.name: p.title for p in brief.people}
    assert people["Anibal Fernandez"].startswith("Minister of Justice")
    assert brief.summary is not None and "End summary" not in brief.summary.text
    assert brief.comment is not None and brief.comment.cites[0].paragraph == 5


def test_a_victims_name_stays_out_of_the_digest(corpus: Corpus) -> None:
    assert "Marita Veron" not in to_markdown(digest(corpus, "09BUENOSAIRES602"))
    cable = corpus.get("09BUENOSAIRES602")
    facts = ensure_facts(corpus, defer=True).of([cable.id])[0]

    def quoted(include_personal: bool) -> str:
        scored = scored_sentences(cable, facts, include_personal=include_personal)
        return " ".join(s.sentence.text for s in scored)

    # The sentence naming the kidnapped daughter is quotable only on request.
    assert "Marita Veron" not in quoted(False) and "Marita Veron" in quoted(True)


def test_an_action_cable_leads_with_its_news_and_lists_its_request(corpus: Corpus) -> None:
    brief = digest(corpus, "09STATE60490")
    texts = " ".join(s.text for s in brief.synthesis)
    assert 3 <= len(brief.synthesis) <= 5
    assert "Argentina remains on Tier 2 Watch List" in texts
    assert "This is an action cable" not in to_markdown(brief)
    assert brief.requests[0].text.startswith("Action Request: please inform")
    for statement in brief.synthesis:
        assert true_to_source(corpus, statement), statement


def test_a_first_paragraph_ending_end_summary_is_shown_as_the_summary(corpus: Corpus) -> None:
    brief = digest(corpus, "09MANAGUA500")
    assert brief.summary is not None
    assert brief.summary.text == (
        "Nicaraguan National Police arrested 12 members of a trafficking ring in Chinandega on "
        "June 3 and freed 30 women. The arrests followed a two-year investigation by the police."
    )
    markdown = to_markdown(brief)
    assert "no SUMMARY section" not in markdown and "End Summary" not in markdown
    assert brief.synthesis[0].text.startswith("Nicaraguan National Police arrested 12 members")


def test_a_short_cable_still_gets_a_cited_synthesis(corpus: Corpus) -> None:
    brief = digest(corpus, "09ASHGABAT700")
    assert 1 <= len(brief.synthesis) <= 5
    assert brief.synthesis[0].text.startswith("USAID awarded a $1.2 million grant")
    for statement in brief.synthesis:
        assert true_to_source(corpus, statement)
