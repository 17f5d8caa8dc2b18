"""The quarterly summary of ten cables of nine posts: the developments of the quarter up front,
what changed by kind, a line per country, every entry led by its news, two to five pages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from briefgen.pipeline import BriefingRequest, ingest, render_files, summarize, to_markdown
from briefgen.store import Corpus
from briefgen.summarize.evidence import clean_sentence
from briefgen.summarize.records import QuarterlySummary, Statement
from tests.summarize.quarter_cables import CABLES, write_jsonl


@pytest.fixture(scope="module")
def quarter_db(module_location: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a database holding the ten cables of 2009Q2 and their facts."""
    folder = tmp_path_factory.mktemp("quarter")
    with Corpus.open(module_location) as corpus:
        ingest(corpus, [write_jsonl(folder / "cables.jsonl")], workers=1)
    return module_location


@pytest.fixture()
def corpus(quarter_db: str) -> Iterator[Corpus]:
    with Corpus.open(quarter_db) as opened:
        yield opened


def quarterly(corpus: Corpus, **options: object) -> QuarterlySummary:
    brief = summarize(corpus, BriefingRequest("quarterly", "2009Q2", **options))  # type: ignore[arg-type]
    assert isinstance(brief, QuarterlySummary)
    return brief


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def stated_in_source(corpus: Corpus, statement: Statement) -> bool:
    """Return True when every citation's paragraph holds the statement's sentence (a country
    put before it aside)."""
    text = re.sub(r"^[A-Z][A-Za-z ]+: ", "", statement.text)
    for cite in statement.cites:
        cable = corpus.get(cite.cable_id)
        paragraphs = [p for p in cable.paragraphs if p.number == cite.paragraph]
        if not any(fold(text) in fold(clean_sentence(p.text)) for p in paragraphs):
            return False
    return bool(statement.cites)


def test_the_synthesis_gives_three_to_six_developments_each_cited_and_true(
    corpus: Corpus,
) -> None:
    brief = quarterly(corpus)
    assert 3 <= len(brief.synthesis) <= 6
    for statement in brief.synthesis:
        assert stated_in_source(corpus, statement), statement
    text = " ".join(s.text for s in brief.synthesis)
    # The strongest news of several countries, not the openings of their cables.
    assert "Argentina remains on Tier 2 Watch List" in text
    assert "opened a new shelter" in text
    assert "action cable" not in text and "reftel" not in text


def test_what_changed_is_chosen_by_content(corpus: Corpus) -> None:
    brief = quarterly(corpus)
    kinds = {c.kind: c for c in brief.changes}
    assert {
        "Ratings",
        "Convictions and sentences",
        "Arrests, raids and releases",
        "Laws and decrees",
        "Centres and services opened",
        "Funding",
    } <= set(kinds)
    assert "life in prison" in kinds["Convictions and sentences"].text
    assert "passed a draft law" in kinds["Laws and decrees"].text
    assert "$1.2 million grant" in kinds["Funding"].text
    for change in brief.changes:
        assert stated_in_source(corpus, Statement(change.text, change.cites)), change
    # Grouped by kind in a fixed order: every kind's entries stand together.
    order = [c.kind for c in brief.changes]
    assert order == sorted(order, key=order.index)


def test_every_entry_leads_with_its_news(corpus: Corpus) -> None:
    leads = {lead.id: lead for lead in quarterly(corpus).leads}
    assert len(leads) == len(CABLES)
    assert "Argentina remains on Tier 2 Watch List" in leads["09STATE60490"].lead or (
        "169 raids" in leads["09STATE60490"].lead
    )
    assert leads["09TEGUCIGALPA401"].lead.startswith("On April 14, a court")
    assert leads["09KYIV880"].lead.startswith("On May 5, the Verkhovna Rada passed")
    assert leads["09MANAGUA500"].from_summary
    assert leads["09BUENOSAIRES602"].lead.startswith("On May 20, the Ambassador paid")
    assert leads["09BUENOSAIRES602"].cite.paragraph == 1
    for lead in leads.values():
        assert lead.lead and "Summary" not in lead.lead[:10]


def test_a_line_per_country_when_the_quarter_spans_several_posts(corpus: Corpus) -> None:
    brief = quarterly(corpus)
    countries = {line.country: line for line in brief.countries}
    assert set(countries) == {
        "Argentina",
        "Chile",
        "Honduras",
        "Ukraine",
        "Nicaragua",
        "Tajikistan",
        "Kazakhstan",
        "Turkmenistan",
        "Israel",
    }
    assert countries["Argentina"].cables == ("09BUENOSAIRES602", "09STATE60490")
    one_post = quarterly(corpus, origins=("Kyiv",))
    assert one_post.countries == ()


def test_the_quarterly_reads_clean(corpus: Corpus) -> None:
    markdown = to_markdown(quarterly(corpus))
    body = markdown.split("\n---\n", 1)[1]
    for furniture in (
        "(s)",
        "This is an action cable",
        "entire text of this report",
        "Per reftel",
        "Classified By",
        "strictly protect",
        "(SBU)",
        "(C)",
        "End Summary",
        "),the",
    ):
        assert furniture not in body.replace("\\", ""), furniture
    assert "Marita Veron" not in markdown  # A victim's name stays out by default.
    assert "10 cables from 10 posts" in markdown


def test_a_quarterly_of_ten_cables_fits_two_to_five_pages(corpus: Corpus) -> None:
    request = BriefingRequest("quarterly", "2009Q2", formats=("pdf",))
    pdf = render_files(summarize(corpus, request), request)["pdf"]
    import io

    assert 2 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 5
