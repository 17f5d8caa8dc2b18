"""Gifts: who gives and who receives the money, aid or training a clause tells of.

A recipient is named after a giving verb or noun and `to` (`provided a $1 million grant to the
GOK`, `training to Dubai police`), as the object of `train`, `fund` or `support`, as the
subject of `received funding` or of a passive (`is funded by X`), or as the implementer a grant
passes `through` when the cable calls it an NGO. A giver is the subject of a giving verb, or
named after `funded by`, `funding from`, `a grant from`. Letters, complaints and visits are not
gifts: a clause counts only when it speaks of money, aid, equipment or training.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.extract.clauses import Span

_GIFT_WORDS_RE = re.compile(
    r"\b(?:grants?|grant-in-aid|fund(?:s|ing|ed)?|financ(?:e|ed|es|ing)|assistance|aid|donat(?:e|ed|"
    r"es|ion|ions)|loans?|scholarships?|money|budget|allocat(?:e|ed|es|ion)|disburs\w*|"
    r"sponsor(?:s|ed|ship)?|train(?:s|ed|ing)?|equipment|reimburs\w*|contribut\w*|"
    r"USD|EUR|dollars|euros?)|[$€£]",
    re.IGNORECASE,
)
_GIFT_WORDS_LOWER_RE = re.compile(
    r"(?=[abcdefglmrstu$€£])" + _GIFT_WORDS_RE.pattern.replace("USD|EUR", "usd|eur")
)
"""`_GIFT_WORDS_RE` for ASCII text in lower case: case-blind matching tries every letter of
every word at every offset, and most offsets open no gift word (the lookahead skips them)."""
_GIVE_TO_RE = re.compile(
    r"\b(?:provid\w*|gave|give[sn]?|giving|donat\w*|grant(?:ed|s)?|award\w*|allocat\w*|"
    r"disburs\w*|transferr?\w*|sen[dt]s?|deliver\w*|pledg\w*|contribut\w*|offer\w*|extend\w*|"
    r"reimburs\w*|assistance|aid|grants?|funding|funds|loans?|donations?|training|support|"
    r"scholarships?)\b[^.;]{0,90}?\b(?:to|for)\s+(?:the\s+(?:[a-z][\w-]*\s+){0,2})?$",
    re.IGNORECASE,
)
_OBJECT_VERB_RE = re.compile(
    r"\b(?:train(?:s|ed|ing)?|fund(?:s|ed|ing)?|financ(?:e|es|ed|ing)|sponsor(?:s|ed|ing)?|"
    r"reimburs(?:e|es|ed|ing)|gave|give[sn]?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_RECEIVE_RE = re.compile(
    r"^(?:[^.;]{0,40}?\s)?(?:has |have |had |also |recently |reportedly |will |would |"
    r"presently )*(?:receiv\w*|obtain\w*|secured|won|got|gets|accepted|was awarded|were awarded|"
    r"was granted|were granted|was given|were given|is awarded|has been awarded)\b",
    re.IGNORECASE,
)
_PASSIVE_RE = re.compile(
    r"^(?:[^.;]{0,40}?\s)?(?:is|are|was|were|has been|have been|had been|being|will be)\s+"
    r"(?:\w+ly\s+)?(?:funded|financed|sponsored|supported|paid|trained|equipped)\b",
    re.IGNORECASE,
)
_FROM_RE = re.compile(
    r"\b(?:funded|financed|sponsored|paid|supported|donated|provided|granted)\s+by\s+(?:the\s+)?$"
    r"|\b(?:funding|funds|grants?|money|assistance|aid|donations?|support|loans?|capital|"
    r"contributions?)\s+(?:\w+\s+)?from\s+(?:the\s+)?$"
    r"|\bcomes?\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_THROUGH_RE = re.compile(r"\bthrough\s+(?:the\s+)?(?:[\w.-]+-based\s+)?(?:NGO\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Gift:
    """Who a clause says gives and receives money, aid or training."""

    recipients: tuple[str, ...] = ()
    """Canonical names of who receives."""
    givers: tuple[str, ...] = ()
    """Canonical names of who gives, when named after `by` or `from` (not the subject)."""


NO_GIFT = Gift()
"""A clause that tells of no gift (shared: a gift is frozen)."""


def read_gift(
    text: str,
    start: int,
    end: int,
    names: Sequence[Span],
    subject: tuple[str, ...],
    subject_end: int,
    ngos: frozenset[str],
) -> Gift:
    """Return the gift the clause `text[start:end]` tells of; `subject` names its subject, whose
    words end at `subject_end`; `ngos` are the bodies the cable calls NGOs."""
    clause = text[start:end]
    if clause.isascii():
        if _GIFT_WORDS_LOWER_RE.search(clause.lower()) is None:
            return NO_GIFT
    elif _GIFT_WORDS_RE.search(clause) is None:
        return NO_GIFT
    recipients: list[str] = []
    givers: list[str] = []
    for span in names:
        if not start <= span.start < end:
            continue
        before = text[max(start, span.start - 110) : span.start]
        if span.name in subject:
            continue
        if _FROM_RE.search(before):
            givers.append(span.name)
        elif _GIVE_TO_RE.search(before) or _OBJECT_VERB_RE.search(before):
            recipients.append(span.name)
        elif _THROUGH_RE.search(before) and span.name in ngos:
            recipients.append(span.name)  # the NGO a grant passes through runs the program
    if subject:
        rest = text[subject_end:end]
        if _RECEIVE_RE.match(rest) or _PASSIVE_RE.match(rest):
            recipients[:0] = list(subject)
    return Gift(tuple(dict.fromkeys(recipients)), tuple(dict.fromkeys(givers)))
