"""The known total of an organization's funding: each grant once, requests left out."""

from __future__ import annotations

from briefgen.extract.records import Funding, Source
from briefgen.summarize.funding import funding_total


def grant(cable: str, paragraph: int, value: float | None, **fields: object) -> Funding:
    base: dict[str, object] = {
        "funder": None,
        "recipient": "Raices",
        "recipient_kind": "org",
        "channel": None,
        "amount": None if value is None else f"USD {value:,.0f}",
        "value": value,
        "unit": "USD",
        "purpose": None,
        "year": None,
        "end_year": None,
        "source": Source(cable, paragraph, "a sentence"),
    }
    return Funding(**(base | fields))  # type: ignore[arg-type]


def test_one_grant_told_by_two_cables_is_counted_once() -> None:
    # `Raices receives about USD 150,000/year ...` in a 2009 cable and again in a 2010 one.
    told = [
        grant("09SANTIAGO156", 50, 150_000, per="year"),
        grant("10SANTIAGO254", 47, 150_000, per="year"),
    ]
    assert funding_total(told) == "$150,000/year"


def test_requests_are_no_money_received_and_rates_stay_apart() -> None:
    fundings = [
        grant("09X1", 2, 45_000, funder="G/TIP", status="awarded"),
        grant("09X1", 3, 20_000, funder="G/TIP", status="requested"),
        grant("09X2", 4, 30_000, funder="INL", status="awarded"),
        grant("09X2", 5, 10_000, funder="SENAME", per="year"),
    ]
    assert funding_total(fundings) == "$75,000 + $10,000/year"


def test_no_stated_amount_is_no_total() -> None:
    assert funding_total([grant("09X1", 1, None)]) is None
