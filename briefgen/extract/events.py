"""Event rules: dated events, memberships, foundings, quotations and recommendations."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from briefgen.extract.context import Context, Para
from briefgen.extract.records import Event, Quotation, Recommendation, Relation

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_NAMES = tuple(_MONTHS.split("|"))
_MONTHS_AT_WORD_START = "|".join(
    f"{first}(?<!\\w{first})(?:{'|'.join(m[1:] for m in _MONTHS.split('|') if m[0] == first)})"
    for first in dict.fromkeys(m[0] for m in _MONTHS.split("|"))
)
"""The month names grouped by first letter, testing the word boundary after it, so that a search
skips to those capitals instead of trying every offset (same matches as `\\b(?:months)`)."""
_DATE_RE = re.compile(
    rf"({_MONTHS_AT_WORD_START}) (\d{{1,2}})(?:-(\d{{1,2}}))?(?:, ((?:19|20)\d\d))?\b"
)
_MEMBER_RE = re.compile(r"\bis (?:a|an|one) (?:member|founding member) of\b")
_BEGAN_RE = re.compile(r"\bIn ((?:19|20)\d\d),? when (.+?) (began|started) (.+?)(?=[,.;]|$)")
_SINCE_RE = re.compile(r"\bsince ((?:19|20)\d\d)\b")
_HAS_DONE_RE = re.compile(r"\bhas (?:been )?([a-z]+ed\b[^,.;]*?)\s*$")
_FOUNDED_RE = re.compile(r"\b(established|founded|created|opened|set up|launched) (?=an? )")
_OBJECT_END_RE = re.compile(r" with | through | by |[,.;]")
_YEAR_RE = re.compile(r"\b(?:[Ii]n|[Ss]ince) ((?:19|20)\d\d)\b")
_QUOTE_MARK_RE = re.compile(r"[\"“”]")
_SPEAKER_BEFORE_RE = re.compile(r"(?:^|\s[-•]\s|^[-•]\s)([^\"“:]{2,80}?):\s*$")
_SAID_RE = re.compile(r"([A-Z][\w .'-]{1,60}?) (?:said|stated|noted|told [a-z ]+|added),?\s*$")
_RECOMMEND_RE = re.compile(r"\b(recommended that|recommendations were made to)\b")
_BULLET_RE = re.compile(r"(?:^|\s)[-•*]\s+")


def rule_dated_events(ctx: Context, para: Para) -> None:
    """Find dated events and resolve `On September 14` with the cable's own date."""
    created = ctx.created
    if "date" not in para.hints:
        return
    for match in _DATE_RE.finditer(para.text):
        month, day, end_day, year = match.groups()
        when = _resolve(f"{month} {day}", year, created)
        if when is None:
            continue
        until = _resolve(f"{month} {end_day}", year, created) if end_day else None
        start, end = para.sentences.bounds(para.sentences.index(match.start()))
        sentence = para.text[start:end].strip()
        clause = sentence
        prefix = _date_prefix(sentence, match.group(0))
        if prefix:
            clause = sentence[prefix:]
        ctx.events.append(
            Event(
                when.isoformat(),
                until.isoformat() if until else None,
                match.group(0),
                clause,
                tuple(ctx.names_in(para, start, end)),
                ctx.source(para, match.start()),
            )
        )


def _date_prefix(sentence: str, written: str) -> int:
    """Return the length of a sentence's opening `On <date>, ` (or `<date> `), else 0."""
    position = 3 if sentence.startswith(("On ", "on ")) and sentence.startswith(written, 3) else 0
    if not sentence.startswith(written, position):
        return 0
    position += len(written)
    if sentence.startswith(", ", position):
        return position + 2
    return position + 1 if sentence.startswith(" ", position) else 0


def _resolve(text: str, year: str | None, created: datetime | None) -> date | None:
    if year is None and created is None:
        return None
    month_name, _, day = text.partition(" ")
    try:
        when = date(
            int(year) if year else created.year,  # type: ignore[union-attr]
            _MONTH_NAMES.index(month_name) + 1,
            int(day),
        )
    except ValueError:
        return None  # `February 30`
    if year is None and created is not None and when > created.date() + timedelta(days=31):
        # A cable reports what happened: a date far after it is last year's.
        when = when.replace(year=when.year - 1)
    return when


def rule_membership(ctx: Context, para: Para) -> None:
    """Find `X is a member of ...: A, B and C` and record one membership per body."""
    if "member" not in para.hints:
        return
    for match in _MEMBER_RE.finditer(para.text):
        start, end = para.sentences.bounds(para.sentences.index(match.start()))
        before = ctx.names_in(para, start, match.start())
        members = [n for n in ctx.names_in(para, match.end(), end, people=False)]
        if not before or not members:
            continue
        subject = before[-1]
        for body in members:
            if body != subject:
                ctx.relations.append(
                    Relation(
                        "member_of",
                        subject,
                        body,
                        None,
                        para.text[match.start() : end].strip(),
                        ctx.source(para, match.start()),
                    )
                )


def rule_founding(ctx: Context, para: Para) -> None:
    """Find start years (`In 1998 when the Feminist League began ...`, `... since 2004`)."""
    text = para.text
    if "founding" not in para.hints:
        return
    began = "when " in text and (" began " in text or " started " in text)
    for match in _BEGAN_RE.finditer(text) if began else ():
        names = ctx.names_in(para, match.start(2), match.end(2))
        if names:
            ctx.relations.append(
                Relation(
                    "began",
                    names[0],
                    None,
                    int(match.group(1)),
                    f"{match.group(3)} {match.group(4)}",
                    ctx.source(para, match.start()),
                )
            )
    for match in _SINCE_RE.finditer(text):
        start, _ = para.sentences.bounds(para.sentences.index(match.start()))
        done = _HAS_DONE_RE.search(text, start, match.start())
        names = ctx.names_in(para, start, done.start()) if done else []
        if done and names:
            ctx.relations.append(
                Relation(
                    "began",
                    names[0],
                    None,
                    int(match.group(1)),
                    done.group(1),
                    ctx.source(para, match.start()),
                )
            )
    for match in _FOUNDED_RE.finditer(text):
        start, end = para.sentences.bounds(para.sentences.index(match.start()))
        names = ctx.names_in(para, start, match.start())
        if not names:
            continue
        stop = _OBJECT_END_RE.search(text, match.end(), end)
        what = text[match.end() : stop.start() if stop else end].strip()
        year = _YEAR_RE.search(text, start, end)
        ctx.relations.append(
            Relation(
                "founded",
                names[0],
                what,
                int(year.group(1)) if year else None,
                f"{match.group(1)} {what}",
                ctx.source(para, match.start()),
            )
        )


def rule_quotations(ctx: Context, para: Para) -> None:
    """Find quoted words with their speaker (`- Director of School #31: "..."`)."""
    text = para.text
    if "quote" not in para.hints:
        return
    marks = [m.start() for m in _QUOTE_MARK_RE.finditer(text)]
    # Quotation marks pair up in order: `"Night Stars" performances` must not open a quotation.
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        quoted = text[opening + 1 : closing].strip()
        if len(quoted.split()) < 4:
            continue  # a title such as "Night Stars", not words someone said
        head = text[max(0, opening - 100) : opening]
        speaker_match = _SPEAKER_BEFORE_RE.search(head) or _SAID_RE.search(head)
        if speaker_match is None:
            continue
        speaker = speaker_match.group(1).strip(" -•")
        ctx.quotations.append(Quotation(speaker, quoted, ctx.source(para, opening)))


def rule_recommendations(ctx: Context, para: Para) -> None:
    """Find recommendations: bullets after `recommended that`, or a `;` list after `made to`."""
    text = para.text
    if "recommend" not in para.hints:
        return
    for match in _RECOMMEND_RE.finditer(text):
        rest = text[match.end() :]
        start, _ = para.sentences.bounds(para.sentences.index(match.start()))
        by_words = text[start : match.start()].split()
        by = by_words[-1] if by_words and match.group(1) == "recommended that" else None
        if _BULLET_RE.match(rest):
            items = [i for i in _BULLET_RE.split(rest) if i.strip()]
        else:
            items = re.split(r";\s*(?:and\s+)?", rest.split(". ")[0])
        for item in items:
            item = item.strip().rstrip(";.").strip()
            if item.startswith("and "):
                item = item[4:]
            if len(item) > 3:
                item = item[0].upper() + item[1:]
                ctx.recommendations.append(
                    Recommendation(item, by, ctx.source(para, match.start()))
                )
