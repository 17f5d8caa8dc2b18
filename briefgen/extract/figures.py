"""Figure rules: money with conversions, counts with what they count, percentages, year series."""

from __future__ import annotations

import re

from briefgen.extract import lexicon
from briefgen.extract.context import Context, Para
from briefgen.extract.records import Figure
from briefgen.extract.text import NUMBER, parse_number

_HEDGE = (
    r"(?:(?i:approximately|about|around|over|more than|nearly|almost|some|an estimated|"
    r"estimated|up to|roughly|a total of|at least|less than|fewer than) )"
)
_SIGN = r"\\?[$€£¥]"
_CURRENCY = "|".join(re.escape(w) for w, _ in lexicon.CURRENCY_WORDS)
_CURRENCY_CODES = {w.lower(): code for w, code in lexicon.CURRENCY_WORDS}
_CURRENCY_AFTER_RE = re.compile(rf" ({_CURRENCY})\b")
_CONVERSION_RE = re.compile(rf" \((?:{_HEDGE})?({_SIGN}) ?({NUMBER})\)")
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
    r"\s*(?:During|In|On|After|Following|Since|From|Before|With|At|Despite|Due|Of|When|While)\b"
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


def _is_plural(word: str) -> bool:
    return word in _PLURAL_IRREGULAR or (word.endswith("s") and not word.endswith("ss"))


def _money_code(sign: str | None, word: str | None) -> str:
    if sign:
        return lexicon.CURRENCY_SIGNS.get(sign.lstrip("\\"), "USD")
    return _CURRENCY_CODES.get((word or "").lower(), "USD")


def _subject(para: Para, offset: int) -> str | None:
    # The entity named first in the sentence, before the figure, is what the sentence is about.
    start, _ = para.sentences.bounds(para.sentences.index(offset))
    if _OPENER_RE.match(para.text, start):
        comma = para.text.find(", ", start, offset)
        start = comma if comma >= 0 else start
    for mention in para.mentions_between(start, offset):
        if mention.kind != "place":
            return mention.name
    return None


def _year_of(para: Para, offset: int) -> int | None:
    start, _ = para.sentences.bounds(para.sentences.index(offset))
    match = _LEADING_YEAR_RE.match(para.text, start)
    return int(match.group(1)) if match else None


def rule_money(ctx: Context, para: Para) -> None:
    """Find amounts of money, with any conversion stated (`eight million tenge ($53,333)`)."""
    if "money" not in para.hints:
        return
    text = para.text
    claimed = ctx.claimed.setdefault(para.index, set())
    reach = -1
    for start, end in para.numbers:
        if start < reach:
            continue  # the conversion of the amount before
        sign, lead = _sign_before(text, start)
        currency: str | None = None
        tail = end
        if sign is None:
            after = _CURRENCY_AFTER_RE.match(text, end)
            if after is None:
                continue
            currency, tail = after.group(1), after.end()
        value = parse_number(text[start:end])
        if value is None:
            continue
        conversion = _CONVERSION_RE.match(text, tail)
        converted_value = parse_number(conversion.group(2)) if conversion else None
        reach = conversion.end() if conversion else tail
        hedge = _hedge_before(text, lead)
        ctx.figures.append(
            Figure(
                "money",
                value,
                text[lead:reach].replace("\\$", "$"),
                _money_code(sign, currency),
                None,
                hedge is not None,
                converted_value,
                _money_code(conversion.group(1), None) if conversion else None,
                _year_of(para, lead),
                _subject(para, lead),
                lead,
                ctx.source(para, lead),
            )
        )
        claimed.update(range(lead, reach))


def _sign_before(text: str, start: int) -> tuple[str | None, int]:
    lead = start - 1 if start > 0 and text[start - 1] == " " else start
    if lead > 0 and text[lead - 1] in lexicon.CURRENCY_SIGNS:
        lead -= 1
        if lead > 0 and text[lead - 1] == "\\":
            lead -= 1  # `\$53,333`: a Markdown escape left in the text
        return text[lead:start].strip(" \\"), lead
    return None, start


_HEDGE_WORDS = (
    "approximately ",
    "about ",
    "around ",
    "over ",
    "some ",
    "estimated ",
    "roughly ",
    "almost ",
    "nearly ",
    "more than ",
    "up to ",
    "a total of ",
    "at least ",
    "less than ",
    "fewer than ",
)


def _hedge_before(text: str, start: int) -> int | None:
    """Return where a hedge (`approximately `) just before `start` begins, or None."""
    window = text[max(0, start - 16) : start].lower()
    if window.endswith(_HEDGE_WORDS):
        for word in _HEDGE_WORDS:
            if window.endswith(word):
                return start - len(word)
    return None


def _what(text: str, position: int, value: float) -> str | None:
    words: list[tuple[str, int]] = []
    while len(words) < 4:
        match = _WHAT_WORD_RE.match(text, position)
        if match is None or match.group(1) in _STOP_WORDS:
            break
        words.append((match.group(1), match.end()))
        position = match.end()
    plural = [i for i, (w, _) in enumerate(words) if _is_plural(w)]
    if plural:
        last = plural[-1]
    elif value == 1 and words:
        last = 0
    else:
        return None
    kept = [w for w, _ in words[: last + 1]]
    if kept[0] in _NOT_COUNTS:
        return None
    tail = words[last][1]
    if text.startswith(" of ", tail):
        position = tail + 3
        extra: list[str] = []
        while len(extra) < 2:
            more = _WHAT_WORD_RE.match(text, position)
            if more is None or (
                more.group(1) in _STOP_WORDS and not (more.group(1) == "the" and not extra)
            ):
                break
            extra.append(more.group(1))
            position = more.end()
        if extra and extra[-1] != "the":
            kept += ["of", *extra]
    return " ".join(kept)


def rule_counts(ctx: Context, para: Para) -> None:
    """Find counts with what they count (`80,000 informational flyers`, `nine NGOs`)."""
    text = para.text
    claimed = ctx.claimed.get(para.index, set())
    for start, end in para.numbers:
        number = text[start:end]
        if start in claimed or not text.startswith(" ", end) or text.startswith(" percent", end):
            continue
        if number[0].isalpha() and not (number.islower() or number[1:].islower()):
            continue  # `ONE` in capitals, `One` is fine
        hedge = _hedge_before(text, start)
        lead = hedge if hedge is not None else start
        before = text[max(0, lead - 20) : lead].rstrip().rsplit(" ", 1)[-1]
        if before[:1].isupper() and before not in lexicon.NOT_NAME_WORDS:
            continue  # `Article 128`, `Tier 3`, `September 14`
        if before.endswith(("#", "-", "/")) or (start > 0 and text[start - 1] in "#-/$"):
            continue
        value = parse_number(number)
        if value is None:
            continue
        if (
            len(number) == 4
            and number.isdigit()
            and 1900 <= value <= 2099
            and before.lower() in ("in", "since", "from", "to", "until", "by", "of", "through")
        ):
            continue  # a year, not a count
        what = _what(text, end, value)
        if what is None:
            continue
        ctx.figures.append(
            Figure(
                "count",
                value,
                f"{number} {what}",
                None,
                what,
                hedge is not None,
                None,
                None,
                _year_of(para, start),
                _subject(para, start),
                start,
                ctx.source(para, start),
            )
        )


def rule_percent(ctx: Context, para: Para) -> None:
    """Find percentages with what they measure (`41% said they would inform the police`)."""
    text = para.text
    if "percent" not in para.hints:
        return
    for start, end in para.numbers:
        sign = _PERCENT_SIGN_RE.match(text, end)
        if sign is None:
            continue
        value = parse_number(text[start:end])
        if value is None:
            continue
        rest = text[sign.end() : sign.end() + 160]
        rest = _MEASURE_END_RE.split(rest, maxsplit=1)[0].strip()
        if rest.startswith("of "):
            rest = rest[3:]
        ctx.figures.append(
            Figure(
                "percent",
                value,
                text[start : sign.end()],
                "%",
                rest or None,
                _hedge_before(text, start) is not None,
                None,
                None,
                _year_of(para, start),
                _subject(para, start),
                start,
                ctx.source(para, start),
            )
        )
        ctx.claimed.setdefault(para.index, set()).add(start)


def rule_year_series(ctx: Context, para: Para) -> None:
    """Find year series (`In 2006, there were seven cases ..., 14 in 2007, 16 in 2008`)."""
    text = para.text
    if "year" not in para.hints:
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
                    _subject(para, start + offset),
                    start + offset,
                    ctx.source(para, start + offset),
                )
            )
