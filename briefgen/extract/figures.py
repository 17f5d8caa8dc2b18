"""Figure rules: money, counts, percentages and year series, each with its whole phrase.

A figure keeps what gives it its meaning: the currency and scale of an amount (`$2.7 million`,
`eight million tenge ($53,333)`, `USD 150,000/year`), the hedge and both ends of a range (`at
least 40 and possibly as many as 90`), the noun it counts (`177 raids`) and, when a rule is sure,
the party it belongs to. The rules share one reading of a paragraph's numbers (`money.Numbers`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from briefgen.extract import lexicon
from briefgen.extract import money_words as words
from briefgen.extract.context import Context, Para
from briefgen.extract.money import OPEN_RANGE as _OPEN
from briefgen.extract.money import (
    Numbers,
    Reader,
    hedge_before,
    post_currency,
    range_after,
    range_lead,
)
from briefgen.extract.money import read_amount as _read_amount
from briefgen.extract.places import origin_place
from briefgen.extract.records import Figure
from briefgen.extract.text import NUMBER, parse_number

_WHAT_WORD_RE = re.compile(r" ([a-z][a-z-]*|[A-Z]{2,}s?)\b")
_PERCENT_SIGN_RE = re.compile(r" ?(?:%|percent\b|per cent\b)")
_MEASURE_END_RE = re.compile(r"[,;.]| and (?=\d)| and the | while ")
_YEAR = r"(?:19|20)\d\d"
_SERIES_FIRST_RE = re.compile(
    rf"\bIn ({_YEAR}), there (?:were|was) ({NUMBER}) ([a-z][a-z ]*?)(?=,|\.| and | in )"
)
_SERIES_POINT_RE = re.compile(
    rf"({NUMBER}) (?:([a-z][a-z-]*(?: [a-z][a-z-]*){{0,2}}) )?in (?:the [a-z0-9 ]+ of )?({_YEAR})\b"
)
_LEADING_YEAR_RE = re.compile(rf"^(?:In|By|Since|During) ({_YEAR})\b")
_OPENER_RE = re.compile(
    r"\s*(?:\(\w+\)\s*)?(?:During|In|On|After|Following|Since|From|Before|With|At|Despite|Due|Of|"
    r"When|While|According|Per|Under|For|By|As|Although|Though|Last|This|Over)\b"
)
_STOP_WORDS = frozenset(
    [
        "in",
        "at",
        "of",
        "from",
        "to",
        "for",
        "by",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "and",
        "or",
        "but",
        "during",
        "with",
        "on",
        "per",
        "than",
        "as",
        "into",
        "about",
        "across",
        "after",
        "before",
        "since",
        "until",
        "while",
        "when",
        "where",
        "said",
        "also",
        "each",
        "along",
    ]
)
_PLURAL_IRREGULAR = frozenset({"people", "children", "women", "men", "police", "staff", "media"})
_NOT_COUNTS = frozenset(["percent", "per", "cent", "year", "years-old", "day-long"])
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "million",
        "billion",
    ]
)
_OBJECT_WORDS = (
    frozenset(
        [
            "a",
            "an",
            "the",
            "his",
            "her",
            "its",
            "their",
            "this",
            "these",
            "those",
            "our",
            "my",
            "your",
            "them",
            "him",
            "it",
        ]
    )
    | _NUMBER_WORDS
)
"""Words after `of <verb>ing` that make the `-ing` word a verb with an object (`accused two men
of forcing eight women`), so that `of ...` is no part of what is counted."""
_BARE_HEDGES = frozenset(
    {"at least", "more than", "up to", "as many as", "an estimated", "approximately", "nearly"}
)
"""Hedges that make a number a figure even when what it counts cannot be found."""
_LABEL_WORDS = frozenset(
    [
        "law",
        "article",
        "decree",
        "resolution",
        "section",
        "paragraph",
        "para",
        "chapter",
        "tier",
        "no",
        "number",
        "item",
        "annex",
        "room",
        "flight",
        "route",
        "highway",
        "page",
        "case",
        "bill",
        "act",
        "order",
        "code",
        "point",
        "grade",
        "level",
        "phase",
        "unit",
        "block",
        "district",
        "zone",
        "station",
        "camp",
        "gate",
        "terminal",
        "platform",
        "school",
        "hospital",
        "hall",
        "hotel",
        "building",
        *(month.lower() for month in lexicon.MONTH_NAMES),
        *[
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "fy",
        ],
    ]
)
"""Words before a number that name something by it (`Law 26,364`): the number counts nothing."""
_TIME_UNITS = frozenset({"years", "year", "months", "month", "days", "day", "weeks"})
MONEY_KEY = "figures.money"
"""The key of a paragraph's memo under which `rule_money` leaves the amounts it found."""
_Role = Literal["penalty", "price", "funding"]
_DETERMINERS = frozenset(["the", "its", "his", "her", "their", "this", "that", "a", "an", "our"])
_YEAR_WORDS = ("in", "since", "from", "to", "until", "by", "of", "through")


def _is_plural(word: str) -> bool:
    return word in _PLURAL_IRREGULAR or (word.endswith("s") and not word.endswith("ss"))


@lru_cache(maxsize=512)
def _post_currency(origin: str | None) -> str | None:
    return post_currency(origin_place(origin))


def _reader(ctx: Context, para: Para) -> tuple[Reader, Numbers]:
    """Return the paragraph's number reader, made once and shared by the figure rules."""

    def make() -> tuple[Reader, Numbers]:
        numbers: list[tuple[int, int]] = []
        for span in para.numbers:
            # The scan lists the `million` of `600 million` again as a number word of its own.
            if not numbers or span[0] >= numbers[-1][1]:
                numbers.append(span)
        origin = ctx.cable.origin
        reader = Reader(para.text, para.lowered, numbers, lambda: _post_currency(origin))
        return reader, Numbers(numbers)

    return para.memo("figures.reader", make)


def _party(ctx: Context, para: Para, offset: int) -> str | None:
    """Return the party a figure at `offset` belongs to: the organization or person opening its
    clause (`the Union ... printed 80,000 flyers`), or None when no rule is sure of one."""
    start, _ = para.sentences.bounds(para.sentences.index(offset))
    text = para.text
    clause = start
    if _OPENER_RE.match(text, start):
        comma = text.find(", ", start, offset)
        if comma < 0:
            return None  # the whole sentence is an opening phrase: no subject before the figure
        clause = comma + 2
    that = text.rfind(" that ", clause, offset)
    if that >= 0:
        clause = that + 6  # `X said that Y trained 100 officers`: Y's figure, not X's
    for mention in para.mentions_between(clause, offset):
        if mention.kind == "place":
            continue
        # The subject opens the clause; a name further in is an object or a complement.
        if text.count(" ", clause, mention.start) > 2:
            return None
        return mention.name
    return None


def _year_of(para: Para, offset: int, end: int | None = None) -> int | None:
    text = para.text
    if end is not None and text.startswith((" in ", " for ", " during "), end):
        word = text[end + 1 : end + 12].split(" ", 2)[1] if " " in text[end + 1 :] else ""
        year = word.rstrip(".,;:)").removeprefix("FY")
        if len(year) == 4 and year.isdigit() and year[:2] in ("19", "20"):
            return int(year)
    start, _ = para.sentences.bounds(para.sentences.index(offset))
    if not text.startswith(("In ", "By ", "Since ", "During "), start):
        return None
    match = _LEADING_YEAR_RE.match(text, start)
    return int(match.group(1)) if match else None


def _words_before(lowered: str, offset: int, count: int) -> list[str]:
    """Return up to `count` words before `offset` within its clause (stopping at `,` or `;`)."""
    window = lowered[max(0, offset - 12 * count) : offset]
    for stop in (";", ",", ". ", "("):
        cut = window.rfind(stop)
        if cut >= 0:
            window = window[cut + 1 :]
    return [w.strip(".:\"'") for w in window.split()[-count:]]


def _money_noun(
    reader: Reader, lead: int, end: int, per: str | None = None
) -> tuple[str | None, _Role | None]:
    """Return the noun an amount is written with (`grant` in `a grant of $X`, `fines` in `fines of
    up to $X`, `aid` in `$X in aid`) and the role it gives the amount (`penalty`, `price`)."""
    lowered = reader.lowered
    noun: str | None = None
    before = _words_before(lowered, lead, 6)
    if (
        len(before) >= 2
        and before[-1] in ("of", "totaling", "totalling", "worth")
        and (before[-2] in words.MONEY_NOUNS or before[-2] in words.PRICE_WORDS)
    ):
        noun = before[-2]
    if noun is None and end < len(lowered) and lowered[end] == " ":
        after = lowered[end + 1 : end + 24].split(" ", 2)
        first = after[0].strip(".,;:)")
        if first in words.MONEY_NOUNS:
            noun = first
        elif first == "in" and len(after) > 1 and after[1].strip(".,;:)") in words.MONEY_NOUNS:
            noun = after[1].strip(".,;:)")
    role: _Role | None = None
    if (noun in words.PENALTY_WORDS) or words.PENALTY_WORDS.intersection(before):
        role = "penalty"
    elif per is not None and per not in words.TIME_AND_PEOPLE:
        role = "price"  # `$147/barrel`, `$50 per TCM`: a price of goods
    elif noun in words.PRICE_WORDS or words.PRICE_WORDS.intersection(before[-3:]):
        role = "price"
    return noun, role


def rule_money(ctx: Context, para: Para) -> None:
    """Find amounts of money with their currency, scale, hedge, range, rate and any conversion
    (`eight million tenge ($53,333)`, `USD 150,000/year`, `fines of up to $10,000`)."""
    if "money" not in para.hints:
        return
    reader, numbers = _reader(ctx, para)
    text = para.text
    claimed = ctx.claimed.setdefault(para.index, set())
    count = len(reader.numbers)
    found = para.memo(MONEY_KEY, list[Figure])
    index = 0
    while index < count:
        amount = _read_amount(reader, numbers, index)
        if amount is None:
            index += 1
            continue
        lead, end = amount.lead, amount.end
        while index < count and reader.numbers[index][0] < end:
            index += 1  # the numbers the amount took (its range, conversion, scale word)
        written = text[lead:end].replace("\\$", "$")
        if amount.scale and amount.scale not in written:
            written += f" [{amount.scale}]"  # `from $15 to $8 million`: the first in millions
        noun, role = _money_noun(reader, lead, end, amount.per)
        found.append(
            Figure(
                "money",
                amount.value,
                written,
                amount.unit,
                noun,
                amount.hedge is not None,
                amount.converted_value,
                amount.converted_unit,
                _year_of(para, lead, end),
                _party(ctx, para, lead),
                lead,
                ctx.source(para, lead),
                high=amount.high,
                hedge=amount.hedge,
                scale=amount.scale,
                per=amount.per,
                role=role,
            )
        )
        claimed.update(range(lead, end))
    ctx.figures.extend(found)


def _words_after(text: str, position: int, limit: int) -> list[tuple[str, int]]:
    """Return up to `limit` words after `position` that can name what is counted (lower-case
    words, or acronyms such as `TIP`), each with its end, stopping at punctuation or a stop word.

    String tests rather than a pattern per word: this runs for most numbers of every cable."""
    found: list[tuple[str, int]] = []
    size = len(text)
    while len(found) < limit and position < size and text[position] == " ":
        start = position + 1
        end = start
        while end < size and (text[end].isalpha() or text[end] == "-"):
            end += 1
        word = text[start:end]
        if not word or not _is_word(word) or word in _STOP_WORDS:
            break
        found.append((word, end))
        position = end
    return found


def _is_word(word: str) -> bool:
    first = word[0]
    if "a" <= first <= "z":
        return word.islower() or not any(c.isupper() for c in word)
    core = word[:-1] if word.endswith("s") else word
    return len(core) >= 2 and core.isupper() and "-" not in core


_TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})


def _what(text: str, position: int, value: float) -> str | None:
    """Return the noun phrase a number at `position` counts (`police officers`), or None."""
    found = _words_after(text, position, 4)
    plural = [i for i, (w, _) in enumerate(found) if _is_plural(w)]
    if value == 1 and found:
        # `one close observer reminds`: a single thing ends before the first plural-looking word
        last = (plural[0] if plural else len(found)) - 1
        if last < 0:
            return None
    elif plural:
        last = plural[-1]
    else:
        return None
    # A span of time ends the noun: `eighteen months depends largely on ...` counts months.
    last = next((i for i, (w, _) in enumerate(found[:last]) if w in _TIME_UNITS), last)
    kept = [w for w, _ in found[: last + 1]]
    if kept[0] in _NOT_COUNTS or kept[0] in _NUMBER_WORDS:
        return None
    tail = found[last][1]
    if text.startswith(" of ", tail):
        kept += _of_phrase(text, tail + 3)
    return " ".join(kept)


def _of_phrase(text: str, position: int) -> list[str]:
    """Return `of` and up to two words after it (`cases of trafficking`), or [] when they are not
    part of the noun (`two men of forcing eight women`: a verb and its object)."""
    extra: list[str] = []
    if text.startswith(" the ", position):
        extra.append("the")
        position += 4
    for word, end in _words_after(text, position, 3 - len(extra)):
        if word in _OBJECT_WORDS and extra and extra[-1].endswith("ing"):
            return []
        if word in _NUMBER_WORDS or len(extra) == 2:
            break
        extra.append(word)
        position = end
    if not extra or extra[-1] == "the":
        return []
    if extra[0].endswith("ing") and len(extra) == 1:
        following = _words_after(text, position, 1)
        if following and following[0][0] in _OBJECT_WORDS:
            return []
        if text[position : position + 2].strip()[:1].isdigit():
            return []
    return ["of", *extra]


def _count_role(lowered: str, start: int, end: int, what: str | None) -> _Role | None:
    """Return `penalty` for a prison term (`sentences of 4 to 12 years`), else None."""
    if what is None or what.split(" ", 1)[0] not in _TIME_UNITS:
        return None
    if words.PENALTY_WORDS.intersection(_words_before(lowered, start, 8)):
        return "penalty"
    after = lowered[end : end + 30].replace("'", " ").replace("’", " ").split()
    if words.PENALTY_WORDS.intersection(after[:4]):
        return "penalty"
    return None


def rule_counts(ctx: Context, para: Para) -> None:
    """Find counts with what they count (`80,000 informational flyers`, `nine NGOs`), ranges whole
    (`between 10 and 20 victims`, `at least 40 and possibly as many as 90`) and prison terms."""
    text = para.text
    size = len(text)
    claimed = ctx.claimed.get(para.index, set())
    if not para.numbers or para.caps:
        return  # in capitals, a count's noun cannot be told from an acronym
    reader: Reader | None = None
    numbers: Numbers | None = None
    reach = skip_until = -1
    for start, end in para.numbers:
        if start < reach:
            continue  # the `million` of `600 million`, listed again as a number word
        reach = end
        if start < skip_until or start in claimed or end + 1 >= size:
            continue
        joint = text[end]
        following = text[end + 1]
        closed = False  # punctuation right after: a bare figure at most (`more than 200,`)
        if joint == " ":
            if not following.isalpha() or (
                following.isupper() and not text[end + 2 : end + 3].isupper()
            ):
                continue  # no noun can follow (`14 September`, `2009.`)
        elif joint in ",.;:)" and following in " \n":
            closed = True
        elif joint not in "-–" or not following.isdigit():
            continue  # no noun and no range can follow
        number = text[start:end]
        if number[0].isalpha() and not (number.islower() or number[1:].islower()):
            continue  # `ONE` in capitals, `One` is fine
        if text.startswith(" percent", end):
            continue
        lowered = para.lowered
        hedge = hedge_before(text, lowered, start)
        if closed and (hedge is None or hedge[0] not in _BARE_HEDGES):
            continue
        lead = hedge[1] if hedge is not None else start
        before = text[max(0, lead - 20) : lead].rstrip().rsplit(" ", 1)[-1]
        if (before[:1].isupper() and before not in lexicon.NOT_NAME_WORDS) or (
            before.lower().rstrip(".") in _LABEL_WORDS
        ):
            continue  # `Article 128`, `Tier 3`, `September 14`, `Law 26,364`
        if before.endswith(("#", "-", "/")) or (start > 0 and text[start - 1] in "#-/$"):
            continue
        high: float | None = None
        stop = end
        joined: tuple[int, str] | None = None
        if (joint != " " and not closed) or text.startswith((" to ", " and ", " or "), end):
            if reader is None or numbers is None:
                reader, numbers = _reader(ctx, para)
            joined = range_after(reader, numbers, reader.numbers.index((start, end)), end)
        if joined is not None and reader is not None:
            top = reader.numbers[joined[0]]
            if top[0] not in claimed and text.startswith(" ", top[1]):
                high = parse_number(text[top[0] : top[1]])
                stop = top[1]
        elif joint != " " and not closed:
            continue
        if text.startswith(" percent", stop):
            continue
        value = parse_number(number)
        if value is None:
            continue
        if high is not None and high <= value and (joined is None or joined[1] not in _OPEN):
            continue  # `a 60-40 split`: a ratio, not a range
        year_like = len(number) == 4 and number.isdigit() and 1900 <= value <= 2099
        if year_like and (high is not None or before.lower() in _YEAR_WORDS):
            continue  # a year or a span of years, not a count
        what = _what(text, stop, value if high is None else high)
        if year_like and (
            what is None or not _is_plural(what.split(" ", 1)[0]) or before.lower() in _DETERMINERS
        ):
            continue  # `the 2006 results`, `2008 budget`: a year before its noun
        hedge_word = hedge[0] if hedge is not None else None
        if what is None and high is None and hedge_word not in _BARE_HEDGES:
            continue
        if high is not None:
            skip_until = stop  # the top of the range is no count of its own
        phrase_end = stop if what is None else stop + 1 + len(what)
        ctx.figures.append(
            Figure(
                "count",
                value,
                text[lead:phrase_end],
                None,
                what,
                hedge is not None,
                None,
                None,
                _year_of(para, start),
                _party(ctx, para, lead),
                lead,
                ctx.source(para, start),
                high=high,
                hedge=hedge_word,
                role=_count_role(lowered, lead, phrase_end, what),
                bare=what is None,
            )
        )


def rule_percent(ctx: Context, para: Para) -> None:
    """Find percentages with what they measure (`41% said they would inform the police`), ranges
    whole (`10-20 percent`, `between 10 and 20 percent`, `30 percent to 40 percent`)."""
    text = para.text
    if "percent" not in para.hints:
        return
    reader, numbers = _reader(ctx, para)
    spans = reader.numbers
    claimed = ctx.claimed.setdefault(para.index, set())
    skip_to = -1
    for index, (start, end) in enumerate(spans):
        if index <= skip_to:
            continue
        sign = _PERCENT_SIGN_RE.match(text, end)
        if sign is None and not (
            text[end : end + 1] in ("-", "–")
            or text.startswith((" to ", " and ", " or ", " - ", " – "), end)
        ):
            continue  # neither a percentage nor the bottom of a range of them
        high: float | None = None
        if sign is None or text.startswith((" to ", "-", " and "), sign.end()):
            # The top of a range may carry the sign (`10-20 percent`) or repeat it.
            joined = range_after(reader, numbers, index, sign.end() if sign else end)
            top = spans[joined[0]] if joined is not None else None
            top_sign = _PERCENT_SIGN_RE.match(text, top[1]) if top is not None else None
            if top is None or top_sign is None:
                if sign is None:
                    continue
            else:
                high = parse_number(text[top[0] : top[1]])
                sign = top_sign
                skip_to = index + 1
                claimed.add(top[0])
        value = parse_number(text[start:end])
        if value is None or sign is None:
            continue
        if high is not None and high <= value:
            high = None
        hedge = hedge_before(text, para.lowered, start)
        lead = hedge[1] if hedge else range_lead(para.lowered, start) if high else start
        rest = text[sign.end() : sign.end() + 160]
        rest = _MEASURE_END_RE.split(rest, maxsplit=1)[0].strip()
        if rest.startswith("of "):
            rest = rest[3:]
        ctx.figures.append(
            Figure(
                "percent",
                value,
                text[lead : sign.end()],
                "%",
                rest or None,
                hedge is not None,
                None,
                None,
                _year_of(para, start),
                _party(ctx, para, lead),
                lead,
                ctx.source(para, start),
                high=high,
                hedge=hedge[0] if hedge else None,
            )
        )
        claimed.add(start)


def rule_year_series(ctx: Context, para: Para) -> None:
    """Find year series (`In 2006, there were seven cases ..., 14 in 2007, 16 in 2008`)."""
    text = para.text
    if "year" not in para.hints or len(para.numbers) < 4:
        return
    # A series has at least two points `N ... in YEAR`: count the years written after `in` or
    # `of` among the paragraph's numbers before splitting sentences or running a pattern.
    lowered = para.lowered
    years = 0
    for start, end in para.numbers:
        if (
            end - start == 4
            and text[start : start + 2] in ("19", "20")
            and lowered.endswith(("in ", "of "), 0, start)
        ):
            years += 1
    if years < 2:
        return
    sentences = para.sentences
    for index in range(len(sentences)):
        start, end = sentences.bounds(index)
        sentence = text[start:end]
        if sentence.count("19") + sentence.count("20") < 2:
            continue
        points: list[tuple[int, float, str | None, int, str]] = []
        first = _SERIES_FIRST_RE.search(sentence)
        what: str | None = None
        if first:
            value = parse_number(first.group(2))
            what = first.group(3).strip()
            if value is not None:
                points.append((int(first.group(1)), value, what, first.start(2), first.group(2)))
        for match in _SERIES_POINT_RE.finditer(sentence, first.end() if first else 0):
            value = parse_number(match.group(1))
            if value is None or (first and match.start() < first.end()):
                continue
            what = match.group(2) or what
            points.append((int(match.group(3)), value, what, match.start(1), match.group(0)))
        if len({p[0] for p in points}) < 2:
            continue
        claimed = ctx.claimed.setdefault(para.index, set())
        for year, value, point_what, offset, written in points:
            claimed.add(start + offset)
            ctx.figures.append(
                Figure(
                    "series",
                    value,
                    written,
                    None,
                    point_what,
                    False,
                    None,
                    None,
                    year,
                    _party(ctx, para, start + offset),
                    start + offset,
                    ctx.source(para, start + offset),
                )
            )
