"""Funding rules: grants and other money flows, with funder, recipient, channel and purpose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.extract.context import Context, Para
from briefgen.extract.records import Figure, Funding

_TRIGGER_RE = re.compile(
    r"\b(?:grant|grants|granted|fund|funds|funded|funding|allocated|sponsored)\b"
)
_PRONOUNS = frozenset({"she", "he", "She", "He"})


@dataclass(slots=True)
class Slots:
    """The parts of a funding sentence one pattern found, as offsets in the paragraph."""

    funder: tuple[int, int] | None = None
    recipient: tuple[int, int] | None = None
    channel: tuple[int, int] | None = None
    purpose: tuple[int, int] | None = None


def _span(match: re.Match[str], group: str, base: int) -> tuple[int, int] | None:
    if match.groupdict().get(group) is None:
        return None
    start, end = match.span(group)
    return base + start, base + end


# A slot is a few words without punctuation; bounded, so that a failed search stays linear.
_X = r"[A-Za-z][\w'’./-]*(?: [A-Za-z0-9(][\w'’./()-]*){0,7}?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "provided_grant_to",
        re.compile(
            rf"(?P<funder>{_X}) provided an? (?:[^ ]+ )?grant to (?P<recipient>{_X})(?:,|\.|$| to )"
        ),
    ),
    (
        "received_grant",
        re.compile(
            rf"(?P<recipient>\b{_X}) received (?:her|his|its|their|an?|the)? ?(?:first |direct )?"
            rf"(?:(?P<funder_adj>[A-Z][\w/]*) )?grant(?: from (?P<funder>{_X}))?"
            rf"(?: through (?P<channel>{_X}))?(?: (?P<purpose>to .+?))?(?:\.|$)"
        ),
    ),
    (
        "funds_provided_by",
        re.compile(
            rf"with funds provided by (?P<funder>{_X})(?: through an? grant to (?P<channel>{_X}))?"
            r"(?:[,.]|$)"
        ),
    ),
    (
        "funded_by",
        re.compile(
            rf"funded by (?P<funder>{_X})(?: through an? grant to (?P<channel>{_X}))?(?:[,.]|$)"
        ),
    ),
    ("with_grant", re.compile(r"with an? (?P<funder>[A-Z][\w/]*) grant\b")),
    (
        "receives_funding",
        re.compile(
            rf"(?P<recipient>{_X}) receives? (?:[a-z]+ )?funding from (?P<funder>{_X})(?:\.|$)"
        ),
    ),
    (
        "granted_amount",
        re.compile(
            r"(?P<funder>(?:\b[Tt]he )?\b[A-Za-z][\w/-]*) (?:granted|allocated|gave|donated) "
            r"(?:(?P<recipient>an? [a-z ]+?NGO) )?"
            r".*?(?P<purpose>to (?:support|pay|fund|buy|build|train|help) .+?)(?:\.|$)"
        ),
    ),
    (
        "funded_what",
        re.compile(
            r"(?P<funder>\b[A-Z][\w/]*) (?:funded|sponsored|financed) (?P<purpose>.+?)(?:\.|$)"
        ),
    ),
    (
        "sponsored_adj",
        re.compile(
            r"(?P<funder>\b[A-Z][\w/]*)-(?:sponsored|funded) (?P<purpose>[a-z -]+?)"
            r"(?= aimed| was| were| is| has| had| included|[,.;]|$)"
        ),
    ),
)


_KEYWORDS = {
    "provided_grant_to": " provided ",
    "received_grant": " received ",
    "funds_provided_by": "funds provided by",
    "funded_by": "funded by",
    "with_grant": " grant",
    "receives_funding": "funding from",
    "granted_amount": "",
    "funded_what": "",
    "sponsored_adj": "-",
}
"""A literal each pattern needs, checked before the pattern runs."""


def rule_funding(ctx: Context, para: Para) -> None:
    """Find grants and funding flows; the first pattern that fits a sentence wins."""
    text = para.text
    if "funding" not in para.hints:
        return
    done: set[int] = set()
    for trigger in _TRIGGER_RE.finditer(text):
        index = para.sentences.index(trigger.start())
        if index in done:
            continue
        start, end = para.sentences.bounds(index)
        sentence = text[start:end].rstrip()
        for name, pattern in _PATTERNS:
            if _KEYWORDS[name] not in sentence:
                continue
            match = pattern.search(sentence)
            if match is None:
                continue
            done.add(index)
            ctx.fundings.append(_build(ctx, para, match, start, end))
            break


def _build(ctx: Context, para: Para, match: re.Match[str], start: int, end: int) -> Funding:
    groups = match.groupdict()

    def resolve(span: tuple[int, int] | None) -> str | None:
        return _resolve(ctx, para, span)

    funder = resolve(_span(match, "funder", start))
    if funder is None and groups.get("funder_adj"):
        funder = resolve(_span(match, "funder_adj", start))
    recipient_span = _span(match, "recipient", start)
    recipient = resolve(recipient_span)
    if recipient is None and "recipient" not in groups:
        # `..., Morozova operated a hotline ... with a USAID grant`: the sentence's subject.
        names = [n for n in ctx.names_in(para, start, start + match.start()) if n != funder]
        recipient = names[-1] if names else None
    channel = resolve(_span(match, "channel", start))
    purpose_span = _span(match, "purpose", start)
    purpose = para.text[purpose_span[0] : purpose_span[1]].strip() if purpose_span else None
    if purpose is None and "recipient" not in groups and "channel" not in groups:
        # `From 2001 to 2008, Morozova operated a hotline ... with a USAID grant`.
        head = start
        for mention in para.mentions_between(start, start + match.start()):
            if mention.name == recipient:
                head = mention.end
        purpose = para.text[head : start + match.start()].strip(" ,") or None
    elif purpose is None and groups.get("channel") is not None and recipient:
        head = start
        for mention in para.mentions_between(start, start + match.start()):
            if mention.name == recipient:
                head = mention.end
                break
        purpose = para.text[head : start + match.start()].strip(" ,") or None
    if purpose is not None and len(purpose.split()) < 2:
        purpose = None
    money = _money_in(ctx, para, start, end)
    year, end_year = _years(ctx, para.text[start:end])
    recipient_kind = ctx.kind_of(recipient) if recipient else None
    return Funding(
        funder,
        recipient,
        recipient_kind if recipient_kind != "place" else None,
        channel,
        money.text if money else None,
        money.value if money else None,
        money.unit if money else None,
        purpose,
        year,
        end_year,
        ctx.source(para, start),
    )


def _resolve(ctx: Context, para: Para, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    words = para.text[span[0] : span[1]].strip().rstrip(".,;:")
    if words.split(" ", 1)[0] in _PRONOUNS:
        return ctx.person_before(para, span[0])
    names = ctx.names_in(para, span[0], span[1])
    if names:
        return names[0]
    known = ctx.lookup(words.removeprefix("the ").removeprefix("The "))
    if known is None and words.isupper() and len(words) >= 5:
        known = ctx.near_acronym(words)
    return known or (words or None)


def _money_in(ctx: Context, para: Para, start: int, end: int) -> Figure | None:
    for figure in ctx.figures:
        if (
            figure.kind == "money"
            and figure.source.paragraph == para.number
            and start <= figure.start < end
        ):
            return figure
    return None


_SPAN_RE = re.compile(r"\b[Ff]rom ((?:19|20)\d\d) to ((?:19|20)\d\d)\b")
_IN_YEAR_RE = re.compile(r"\b(?:[Ii]n|[Ss]ince) ((?:19|20)\d\d)\b")


def _years(ctx: Context, sentence: str) -> tuple[int | None, int | None]:
    span = _SPAN_RE.search(sentence)
    if span:
        return int(span.group(1)), int(span.group(2))
    single = _IN_YEAR_RE.search(sentence)
    if single:
        return int(single.group(1)), None
    if re.search(r"\b[Tt]his year\b", sentence) and ctx.created is not None:
        return ctx.created.year, None
    return None, None
