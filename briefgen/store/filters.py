"""Turn what users type (posts, dates, quarters, ids) into the keys the corpus stores."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from briefgen.errors import InvalidArgumentError

_POST_WORDS = re.compile(
    r"^(?:u\.?s\.?\s+)?(?:embassy|consulate(?:\s+general)?|mission|amembassy|amconsul|"
    r"usmission|us\s*mission|usoffice|us\s*office|american\s+(?:embassy|consulate))\s+",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[qQ](\d+)\s*$|^\s*[qQ](\d+)\s*[-/ ]?\s*(\d{4})\s*$")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_CABLE_ID = re.compile(r"^(\d{2})([A-Z]+)0*(\d+)$")


def origin_key(origin: str | None) -> str | None:
    """Return the matching key of a post: `Embassy Manama`, `MANAMA` and `Manama` -> `manama`."""
    if origin is None:
        return None
    text = " ".join(origin.split())
    text = _POST_WORDS.sub("", text)
    key = text.casefold()
    return key or None


def parse_quarter(text: str) -> tuple[date, date]:
    """Return the first day of a quarter (`2009Q4`) and the first day of the next one."""
    match = _QUARTER.match(text)
    if match is None:
        raise InvalidArgumentError(
            f"invalid quarter {text!r}: expected a year and quarter like 2009Q4"
        )
    year = int(match.group(1) or match.group(4))
    quarter = int(match.group(2) or match.group(3))
    if not 1 <= quarter <= 4:
        raise InvalidArgumentError(
            f"invalid quarter {text!r}: the quarter must be Q1 to Q4, like 2009Q4"
        )
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def parse_day(value: str | date, *, end: bool = False) -> date:
    """Return the first day a date bound covers, or with `end` the day after its last day.

    `2009`, `2009-11` and `2009-11-10` are accepted, so `--to 2009` means up to the end of 2009.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value + timedelta(days=1) if end else value
    match = _DATE.match(value)
    if match is None:
        raise InvalidArgumentError(
            f"invalid date {value!r}: expected YYYY-MM-DD (or YYYY-MM, or YYYY)"
        )
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day is not None:
            first = date(int(year), int(month), int(day))
            return first + timedelta(days=1) if end else first
        if month is not None:
            first = date(int(year), int(month), 1)
            if not end:
                return first
            return date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return date(int(year) + 1, 1, 1) if end else date(int(year), 1, 1)
    except ValueError:
        raise InvalidArgumentError(f"invalid date {value!r}: no such day") from None


def id_candidates(cable_id: str) -> list[str]:
    """Return the spellings an id may be stored under: as given, upper case, zeros dropped."""
    raw = cable_id.strip()
    upper = raw.upper()
    candidates = [raw, upper]
    match = _CABLE_ID.match(upper)
    if match:
        candidates.append(f"{match.group(1)}{match.group(2)}{int(match.group(3))}")
    return list(dict.fromkeys(candidates))


def day_key(day: date) -> str:
    """Return the stored-timestamp prefix that sorts at the start of `day`."""
    return day.strftime("%Y-%m-%dT00:00:00Z")
