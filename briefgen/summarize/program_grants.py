"""The grants table of a program: funder, implementer, amount, period and status, with totals.

Rows come from the funding statements extraction found and from the money the program's own
sentences state (`Centers for Drug Information (CDI) Training Conference in Salta, April
27-May 1, US$ 31,583, with FY 2006 and FY 2007 INCLE funds`), read by the sentence shapes
below. A list item that names no funder or status takes them from its list's lead (`INL
programs incurred US$144,802 ... Programs were as follows:`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from briefgen.extract import Figure, Funding
from briefgen.models import Cable
from briefgen.summarize.evidence import Evidence, Sentence, cited_paragraph
from briefgen.summarize.figures import Place, place_of
from briefgen.summarize.funding import short_name
from briefgen.summarize.program_passages import list_lead
from briefgen.summarize.records import Cite, Grant

_NAME = r"(?P<name>[A-Z][\w/&.'’]*(?:[ -](?:(?:of|for|and|the) )*[A-Z][\w/&.'’]*){0,8})"
"""A capitalized name (`G/TIP`, `Embassy of the Netherlands`)."""
FUNDER_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("name_funded", re.compile(_NAME + r"[- ](?:funded|sponsored|financed|supported)\b")),
    (
        "funded_by",
        re.compile(
            r"\b(?:funded|sponsored|financed|paid for|supported|granted)\s+"
            r"(?:jointly |entirely |in part |partly |fully )?by\s+(?:the\s+)?" + _NAME
        ),
    ),
    (
        "name_funds",
        re.compile(r"\b(?P<name>(?!FY\b)[A-Z][A-Z/&-]+)\s+(?:funds|funding|money|monies)\b"),
    ),
    (
        "name_gave",
        re.compile(
            _NAME + r"\s+(?:has |had |will |also )?(?:provided|granted|allocated|awarded|gave|"
            r"donated|contributed|disbursed|funded|financed|sponsored|paid|pledged)\b"
        ),
    ),
    ("name_grant", re.compile(_NAME + r"(?:'s|’s)?\s+(?:grants?|funding)\b")),
    (
        "from_name",
        re.compile(
            r"\b(?:grants?|funds|funding|money|support|donations?)\s+from\s+(?:the\s+)?" + _NAME
        ),
    ),
)
"""Where a sentence names who paid: `G/TIP-funded`, `funded by USAID`, `with FY 2007 INCLE
funds`, `INL provided ...`, `an INL grant`, `a grant from the Embassy`."""
_LEAD_FUNDER = re.compile(_NAME + r"\s+(?:programs?|projects?|assistance|funding)\b")
"""A list lead's funder (`INL programs incurred ...`)."""
_NOT_NAMES = frozenset(
    "The This These That Those It Its He She They We In On During Following After Before "
    "Since As At For With From Of By An A Also Both Each Total Program Programs".split()
)

STATUS_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "proposed",
        re.compile(
            r"\b(?:propos\w*|request\w*|sought|seek\w*|ask\w* for|push\w* for|call\w* for|urg\w*|"
            r"hop(?:e|es|ed|ing) (?:for|to)|pending|under consideration|plans to|expected to|"
            r"planned|intends? to|pledg\w*|recommended a positive response)\b",
            re.I,
        ),
    ),
    ("spent", re.compile(r"\b(?:spent|incurred|disbursed|expended|used|paid|cost)\b", re.I)),
    (
        "awarded",
        re.compile(
            r"\b(?:funded|granted|awarded|provided|gave|given|received|allocated|approved|"
            r"sponsored|donated|contributed|financed|obligated|grant of)\b|"
            r"-(?:funded|sponsored|approved)\b",
            re.I,
        ),
    ),
)
"""How far money went, by the words of its sentence; the first shape that matches decides."""
STATUS_REACH = 60
"""Characters around a money word where the words telling its status are looked for: `when
seeking jobs abroad` further on says nothing of a grant."""
_STATUS_OF_RECORD = {"requested": "proposed", "pledged": "proposed"}
_MONEY_WORDS = re.compile(
    r"\b(?:funds?|funded|funding|grants?|granted|budget|costs?|incurred|spent|allocat\w*|"
    r"provid\w*|award\w*|contribut\w*|donat\w*|pa(?:y|id)|money|monies|financ\w*|sponsor\w*|"
    r"request\w*|totals?)\b",
    re.I,
)
_FISCAL = re.compile(
    r"\bFY\s?'?\d{2,4}(?:\s*(?:and|to|through|-|–|,|but some|but also)\s*(?:FY\s?'?)?\d{2,4})*",
    re.I,
)
_YEARS = re.compile(
    r"\b(?:from |for |in |during )?((?:19|20)\d\d(?:\s*(?:-|–|to)\s*(?:19|20)\d\d)?)\b"
)
_REFERENCE = re.compile(r"\s*\((?:reftels?|septel|refs? [A-Z](?:(?:,| and) [A-Z])*)\)", re.I)
PURPOSE_WORDS = 12
"""A purpose longer than this is cut in the table; its sentence is cited."""
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_STATUS_GROUPS = {"awarded": "awarded or spent", "spent": "awarded or spent"}


@dataclass(frozen=True, slots=True)
class _Row:
    grant: Grant
    value: float | None
    unit: str | None
    level: bool = False
    """True for one of several levels a sentence gives one budget (`rise from $503,000 in
    2008 to $6 million in 2010`): shown, never summed."""


def program_grants(
    sentences: Sequence[Sentence],
    evidence: Evidence,
    implementer: str,
    owns: Iterable[Place] = (),
) -> tuple[tuple[Grant, ...], tuple[Total, ...]]:
    """Return the grants table of a program and its totals.

    `sentences` are the program's; money stated in them is the program's, except in the
    paragraphs of `owns` (cables wholly about the program), where a sentence must also speak
    of a program, project or grant: such cables also report other bodies' money.
    """
    broad = set(owns)
    rows: list[_Row] = []
    for sentence in sentences:
        if not _MONEY_WORDS.search(sentence.text):
            continue
        place = place_of(sentence.cite)
        if place in broad and not _PROGRAM_MONEY.search(sentence.text):
            continue
        cable = next(c for c in evidence.cables if c.id == sentence.cite.cable_id)
        lead = _lead_of(cable, sentence)
        rows.extend(_rows_of(sentence, lead, evidence, implementer))
    kept = _deduplicated(rows)
    return tuple(r.grant for r in kept), _totals(kept)


_PROGRAM_MONEY = re.compile(
    r"\b(?:programs?|projects?|grants?|campaigns?|trainings?|seminars?|courses?|"
    r"conferences?|workshops?|performances?|initiatives?|-funded|-sponsored)\b",
    re.I,
)


def _rows_of(
    sentence: Sentence, lead: str | None, evidence: Evidence, implementer: str
) -> list[_Row]:
    """Return the rows one sentence gives: its funding records, then the money it states."""
    cable_id = sentence.cite.cable_id
    facts = evidence.facts_of(cable_id)
    text = sentence.text
    own = funder_in(text, evidence, cable_id)
    # A list's lead names who paid for the money its items state, not for every word of
    # funding in them (`... to plan for funding their own facilities`).
    funder = own or (funder_in(lead, evidence, cable_id, lead=True) if lead else "")
    status = status_of(text) or (status_of(lead) if lead else "")
    period = period_of(text)
    out: list[_Row] = []
    covered: set[float] = set()
    for funding in facts.fundings:
        if not _same_sentence(funding.source.sentence, text):
            continue
        value = funding.value
        if value is not None:
            covered.add(value)
        out.append(_record_row(funding, sentence, evidence, funder, status, period, implementer))
    money = [
        f
        for f in facts.figures
        if f.kind == "money"
        and f.value not in covered
        and _same_sentence(f.source.sentence, text)
        and not _penalty(f)
    ]
    levels = len(money) > 1 and bool(_LEVELS.search(text))
    for figure in money:
        if figure.value in covered:
            continue
        covered.add(figure.value)
        # Each amount of several has its own year (`$503,000 in 2008 to $6 million in 2010`).
        own_period = _year_after(text, figure.text) if len(money) > 1 else ""
        grant = Grant(
            funder,
            implementer,
            amount_text(figure.text),
            own_period or period,
            status,
            "",
            sentence.cite,
        )
        out.append(_Row(grant, figure.value, figure.unit, levels))
    if not out and own and _FUNDED.search(text):
        grant = Grant(own, implementer, "", period, status, "", sentence.cite)
        out.append(_Row(grant, None, None))
    return out


_LEVELS = re.compile(
    r"\b(?:rise|rising|rose|increase[sd]?|increasing|grow|grew|growing|fall|fell|drop(?:ped)?|"
    r"decrease[sd]?|go|went)\b[^.;]*\bfrom\b[^.;]*\bto\b|\bfrom\b[^.;]*\bto\b[^.;]*\bin \d{4}\b",
    re.I,
)
"""A sentence giving one budget at several times (`expected to rise from $503,000 in 2008 to $6
million in 2010`): its amounts are levels, not grants to add."""


def _year_after(text: str, amount: str) -> str:
    """Return the year stated right after an amount (`$6 million in 2010`), else empty."""
    folded, written = " ".join(text.split()), " ".join(amount.split())
    at = folded.find(written)
    if at < 0:
        return ""
    after = _YEAR_AFTER.match(folded[at + len(written) :])
    return after.group(1) if after else ""


_YEAR_AFTER = re.compile(r"[^.;,]{0,40}?\b(?:in|for|during|by) ((?:FY\s?)?(?:19|20)\d\d)\b")
"""A year right after an amount (` in 2010`)."""


_FUNDED = re.compile(
    r"-(?:funded|sponsored)\b|\b(?:funded|sponsored|financed|granted|grant|funding)\b", re.I
)


def _record_row(
    funding: Funding,
    sentence: Sentence,
    evidence: Evidence,
    funder: str,
    status: str,
    period: str,
    implementer: str,
) -> _Row:
    """Return the row of an extracted funding statement, its gaps filled from the sentence."""
    cable_id = sentence.cite.cable_id
    recorded = getattr(funding, "status", None)
    years = ""
    if funding.year is not None:
        years = str(funding.year)
        if funding.end_year and funding.end_year != funding.year:
            years = f"{funding.year}-{funding.end_year}"
    recipient = funding.recipient
    cable = evidence.cable(cable_id)
    if cable is not None and recipient and recipient == cable.origin:
        # The post asked for or received the money to pass on (`Post has requested $20,000
        # for the second round`): who carries the work out is the program's implementer.
        recipient = None
    grant = Grant(
        short_name(evidence, cable_id, funding.funder) or funder,
        short_name(evidence, cable_id, recipient) or implementer,
        amount_text(funding.amount or ""),
        period or getattr(funding, "period", None) or years,
        _STATUS_OF_RECORD.get(recorded, recorded) if recorded else status,
        _purpose(funding.purpose),
        Cite(cable_id, funding.source.paragraph, funding.source.label),
    )
    return _Row(grant, funding.value, funding.unit)


def funder_in(text: str | None, evidence: Evidence, cable_id: str, *, lead: bool = False) -> str:
    """Return who paid, as a sentence names them (its short name), or empty."""
    if not text:
        return ""
    shapes = [*FUNDER_SHAPES, ("lead", _LEAD_FUNDER)] if lead else FUNDER_SHAPES
    for _, shape in shapes:
        for match in shape.finditer(text):
            # A sentence's full stop is no part of a name; `U.S.`'s is.
            name = re.sub(r"(?<![A-Z]\.[A-Z])\.$", "", match.group("name").strip(" -"))
            if name.split(" ")[0] in _NOT_NAMES or len(name) < 2:
                continue
            return short_name(evidence, cable_id, _canonical(evidence, cable_id, name))
    return ""


def _canonical(evidence: Evidence, cable_id: str, written: str) -> str:
    """Return the canonical name of the entity a name as written stands for (the longest
    organization named inside it: `State Department's Bureau of International Narcotics and
    Law Enforcement Affairs` is INL's), else itself."""
    inside = [
        m
        for m in evidence.facts_of(cable_id).mentions
        if m.kind == "org" and len(m.text) >= 3 and m.text in written
    ]
    best = max(inside, key=lambda m: len(m.text), default=None)
    return best.name if best else written


_AMOUNT_ANCHOR = re.compile(
    r"[$€£]\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:USD|EUR|dollars|euros?)\b",
    re.I,
)
"""An amount of money (`$24,000`, `235 million USD`), around which its status is read."""


def status_of(text: str | None) -> str:
    """Return `proposed`, `spent` or `awarded` as the words around a sentence's money tell
    (within STATUS_REACH characters of an amount, else of a money word), else empty."""
    if not text:
        return ""
    # Around the amounts when it states any: `fully funding 235 million USD ..., the Inspector
    # General has repeatedly requested U.S. assistance in providing assets` asks for other
    # help than the money it states.
    anchors = list(_AMOUNT_ANCHOR.finditer(text)) or [
        m for m in _MONEY_WORDS.finditer(text) if not m.group(0).lower().startswith("total")
    ]
    spans = [text[max(0, m.start() - STATUS_REACH) : m.end() + STATUS_REACH] for m in anchors] + [
        m.group(0) for m in re.finditer(r"-(?:funded|sponsored|approved)\b", text)
    ]
    for status, shape in STATUS_SHAPES:
        if any(shape.search(span) for span in spans):
            return status
    return ""


def period_of(text: str) -> str:
    """Return the fiscal years (`FY 2006 and FY 2007`) or years a sentence states, else empty."""
    fiscal = _FISCAL.search(text)
    if fiscal:
        return fiscal.group(0)
    years = _YEARS.search(text)
    return years.group(1) if years else ""


def amount_text(text: str) -> str:
    """Return an amount as written, tidied (`US$ 31,583` -> `$31,583`)."""
    text = re.sub(r"\bUS\s?\$\s*", "$", text)
    return re.sub(r"\$\s+(?=\d)", "$", " ".join(text.split()))


def _lead_of(cable: Cable, sentence: Sentence) -> str | None:
    """Return the lead of the list a sentence is an item of, or None."""
    para = cited_paragraph(cable, sentence.cite)
    if para is None:
        return None
    lead = list_lead(para)
    if lead is None or sentence.start < len(lead):
        return None
    return lead


def _same_sentence(source: str, text: str) -> bool:
    source = " ".join(source.split()).lstrip("- ")
    return source[:60] in text or text[:60] in source


def _penalty(figure: Figure) -> bool:
    return getattr(figure, "role", None) == "penalty"


def _purpose(text: str | None) -> str:
    if not text or len(text.split()) < 2:
        return ""
    words = _REFERENCE.sub("", text).strip().rstrip(".,;")
    if len(words.split()) > PURPOSE_WORDS:
        words = " ".join(words.split()[:PURPOSE_WORDS]).rstrip(".,;") + " …"
    return words[:1].upper() + words[1:]


def _deduplicated(rows: list[_Row]) -> list[_Row]:
    """Return the rows without repeats: one row per funder and amount; a row without an
    amount only when no row of its funder states one."""
    kept: list[_Row] = []
    seen: set[tuple[str, str, float | str]] = set()
    for row in rows:
        grant = row.grant
        amount: float | str = row.value if row.value is not None else grant.amount
        key = (grant.funder, grant.implementer, amount or grant.purpose[:25].lower())
        if key in seen:
            continue
        seen.add(key)
        kept.append(row)
    # A grant told twice, once without its amount (`INL funded an information campaign`,
    # then `INL provided a $24,000 grant to ...`): one row, with what each telling adds.
    out: list[_Row] = []
    purposes: dict[int, str] = {}
    for row in kept:
        grant = row.grant
        same = next(
            (
                r
                for r in kept
                if r.grant.amount
                and r.grant.funder == grant.funder
                and grant.implementer in ("", r.grant.implementer)
            ),
            None,
        )
        if grant.amount or same is None:
            out.append(row)
        elif grant.purpose:
            purposes.setdefault(id(same), grant.purpose)
    return [
        _Row(replace(r.grant, purpose=purposes[id(r)]), r.value, r.unit)
        if id(r) in purposes and not r.grant.purpose
        else r
        for r in out
    ]


@dataclass(frozen=True, slots=True)
class Total:
    """The sum of the amounts of one currency and status group."""

    amount: str
    """The sum (`$30,000`)."""
    status: str
    """`spent`, `awarded or spent`, `proposed` or `status not stated`."""

    def __str__(self) -> str:
        return f"{self.amount} {self.status}"


def _totals(rows: Sequence[_Row]) -> tuple[Total, ...]:
    """Return the sum of the amounts per currency and status, when any amount is stated:
    proposed money is never added to money awarded or spent."""
    sums: dict[tuple[str, str], float] = defaultdict(float)
    statuses: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.value is None or not row.unit or row.level:
            continue
        status = row.grant.status
        group = _STATUS_GROUPS.get(status, status or "status not stated")
        sums[(row.unit, group)] += row.value
        statuses[(row.unit, group)].add(status)
    out = []
    for (unit, group), total in sorted(sums.items()):
        sign = _SYMBOLS.get(unit)
        amount = f"{sign}{total:,.0f}" if sign else f"{total:,.0f} {unit}"
        # `awarded or spent` only when both occur.
        found = statuses[(unit, group)]
        out.append(Total(amount, found.pop() if len(found) == 1 and found != {""} else group))
    return tuple(out)
