"""The slots of a program (who paid, who did it, where, when, who took part) and the opening
synthesis made of them: who funded whom to do what, when and where, with what result."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from briefgen.extract import Event
from briefgen.summarize.evidence import Evidence, Sentence, country_names
from briefgen.summarize.funding import short_name
from briefgen.summarize.program_grants import Total
from briefgen.summarize.program_words import KIND_STEMS, stem, words
from briefgen.summarize.records import Cite, Grant, KeyFact, Statement

_DOES = re.compile(
    r"\b(?:implemented|conducted|organi[sz]ed|carried out|ran|runs|delivered|performed|"
    r"taught)\b(?P<by>\s+by\b)?"
)
"""The verbs of carrying a program out, in lower case (`Organized Crime` is a name); `... by
X` names the doer after them."""
_DOER = re.compile(
    r"(?:^|[,;]\s|\band\s)(?:the\s)?(?P<name>(?!The\b|It\b|They\b|This\b)[A-Z][\w/&.'’-]*"
    r"(?:\s(?:(?:of|for|and|the)\s)*[A-Z][\w/&.'’-]*){0,5})\s(?:has\s|have\s|also\s)?$"
)
"""The capitalized name right before a carrying-out verb, after a clause boundary."""
_KIND_NEAR = re.compile(
    r"\b(?:program\w*|projects?|campaigns?|seminars?|trainings?|courses?|conferences?|"
    r"workshops?|roundtables?|sessions?|performances?|plays?|events?|initiatives?|it|them)\b",
    re.I,
)
"""What is carried out, within a few words of the verb (`conducted G/TIP-funded
anti-trafficking programs`, `the program`); a press conference `launched` by officials is
not carried out by them."""
_PEOPLE = re.compile(
    r"\b(?:officials?|participants?|trainees?|students?|activists?|officers?|police\w*|"
    r"judges?|prosecutors?|teachers?|journalists?|people|persons|women|men|children|youths?|"
    r"members?|representatives?|staff|inspectors?|personnel|workers?|leaders?|delegates?|"
    r"attendees|volunteers?|investigators?|agents?|guards?|soldiers?|cadets?|doctors?|nurses?|"
    r"lawyers?|parliamentarians?|legislators?|educators?|experts?|specialists?|passengers)\b",
    re.I,
)
_TOOK_PART = re.compile(
    r"\b(?:trained|training|attended|attendees|participants?|participated|took part|reached|"
    r"enrolled|graduated|for (?:approximately |about |some |nearly |over |more than )?[\d,]+)\b",
    re.I,
)
_PLACES_OF = re.compile(
    r"\b(?:cit(?:y|ies)|towns?|villages?|provinces?|regions?|oblasts?|districts?|"
    r"municipalit(?:y|ies)) of (?P<names>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*"
    r"(?:(?:, and |, | and )[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)*)"
)
"""Places a sentence lists after the word for them (`the cities of Iquique and Arica`)."""
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
LONG_SENTENCE = 35
LONGEST_SENTENCE = 70
"""Words: the longest sentence an opening quotes when it has nothing shorter to say."""
EVENT_STEMS = frozenset(
    """seminar workshop train course conference roundtable session forum symposium play
    performance exhibition lecture class competition contest festival campaign""".split()
)
"""The kinds of program that take place somewhere on a date (a project or a grant runs)."""
"""Words: a cable sentence longer than this is left out of the synthesis."""


@dataclass(frozen=True, slots=True)
class Slots:
    """What the sheet's opening is made of, each value with where it is stated."""

    name: str
    """The program's name, as a title."""
    phrase: str
    """The program's name as it reads inside a sentence (`information campaign`)."""
    funders: tuple[KeyFact, ...]
    """Who paid, one fact each."""
    implementers: tuple[KeyFact, ...]
    """Who carried it out."""
    places: KeyFact | None
    """Where it took place."""
    when: KeyFact | None
    """When it took place (`January 25-26, 2006`)."""
    future: bool
    """True when it had not yet taken place by the newest cable."""
    event: bool
    """True when it took place on its dates (a training, a seminar, or a program the
    sentence naming it dates to a few days); a project's news has dates, the project none."""
    participants: KeyFact | None
    """Who took part, in numbers (`100 local officials; 160 activists`)."""
    what: Statement | None = None
    """The sentence saying what it is (`The Megaports Initiative is a Department of Energy
    (DOE) program to detect ...`), else the first naming it."""


def implementers(
    evidence: Evidence, sentences: Sequence[Sentence], funders: Iterable[str]
) -> tuple[KeyFact, ...]:
    """Return who carried the program out: the organizations doing the carrying-out verbs of
    its sentences (`SERNAM conducted ...`, `... conducted by Morozova`), funders left out."""
    paid = set(funders)
    found: dict[str, list[Cite]] = {}
    for sentence in sentences:
        match = _DOES.search(sentence.text)
        if not match:
            continue
        passive = bool(match.group("by"))
        near = (
            sentence.text[max(0, match.start() - 60) : match.start()]
            if passive
            else sentence.text[match.end() : match.end() + 60]
        )
        if not _KIND_NEAR.search(near):
            continue
        agents = len(found)
        for mention in evidence.facts_of(sentence.cite.cable_id).mentions:
            if mention.kind == "person" and not passive:
                continue
            if mention.kind not in ("org", "person"):
                continue
            if (mention.paragraph, mention.label) != (sentence.cite.paragraph, sentence.cite.label):
                continue
            position = sentence.text.find(mention.text)
            if position < 0:
                continue
            before = sentence.text[:position]
            agent = (
                position >= match.end() and match.end() >= position - 6
                if passive
                else position < match.start()
                and "cooperation" not in before
                # `a visitor from the Council ... who conducted`: where the doer comes from.
                and not re.search(r"\b(?:with|for|to|by|of|from)\s+(?:the\s+)?$", before)
            )
            name = short_name(evidence, sentence.cite.cable_id, mention.name)
            if agent and name not in paid:
                found.setdefault(name, []).append(sentence.cite)
        # A body extraction did not name: the capitalized words right before the verb
        # (`On January 25-26, 2006, SERNAM conducted ...`).
        doer = _DOER.search(sentence.text[: match.start()])
        if len(found) == agents and not passive and doer and doer.group("name") not in paid:
            found.setdefault(doer.group("name"), []).append(sentence.cite)
    return tuple(
        KeyFact("Implemented by", name, tuple(dict.fromkeys(cites))[:2])
        for name, cites in list(found.items())[:4]
    )


def places(evidence: Evidence, sentences: Sequence[Sentence]) -> KeyFact | None:
    """Return where the program took place: the cities and regions its sentences name, those
    of its first sentences first; countries only when no city is named."""
    known = country_names()
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    cites: dict[str, Cite] = {}
    for order, sentence in enumerate(sentences):
        named = [
            (sentence.text.find(m.text), m.name)
            for m in evidence.facts_of(sentence.cite.cable_id).mentions
            if m.kind == "place"
            and (m.paragraph, m.label) == (sentence.cite.paragraph, sentence.cite.label)
            and m.text in sentence.text
        ]
        # `the northern cities of Iquique and Arica`: towns a gazetteer may not know.
        for match in _PLACES_OF.finditer(sentence.text):
            names = [n for n in re.split(r",? and |, ", match.group("names")) if n]
            named += [(sentence.text.find(n, match.start()), n) for n in names]
        for name in dict.fromkeys(n for _, n in sorted(named)):
            counts[name] += 1
            first_seen.setdefault(name, order)
            cites.setdefault(name, sentence.cite)
    cities = [n for n in counts if n not in known] or list(counts)
    if not cities:
        return None
    top = sorted(cities, key=lambda n: (first_seen[n] > 2, -counts[n], first_seen[n]))[:4]
    return KeyFact("Where", _joined(top), tuple(dict.fromkeys(cites[n] for n in top)))


@dataclass(frozen=True, slots=True)
class Span:
    """When something took place, as its sentences' dated events tell."""

    fact: KeyFact
    """The span as a key fact (`When: January 25-26, 2006`)."""
    future: bool
    """True when it ends after the newest cable: a plan, not yet a fact."""
    days: int | None
    """How many days it spans (None when a date is only a month or a year)."""


def when(evidence: Evidence, sentences: Sequence[Sentence], newest: str | None) -> Span | None:
    """Return when the program took place, from the dated events of its sentences."""
    texts = [s.text for s in sentences]
    events: list[Event] = []
    for cable_id in dict.fromkeys(s.cite.cable_id for s in sentences):
        for event in evidence.facts_of(cable_id).events:
            said = " ".join(event.source.sentence.split()).lstrip("- ")
            if any(said[:50] in t or t[:50] in said for t in texts):
                events.append(event)
    if not events:
        return None
    # Sort on the dates and where they are stated, never on the records (issue 13).
    events.sort(key=_event_order)
    first = events[0]
    last = max(events, key=lambda e: (e.end_date or e.date, e.source.cable_id))
    span = date_span(first.date, last.end_date or last.date)
    cites = tuple(dict.fromkeys([Cite.of(first.source), Cite.of(last.source)]))
    future = bool(newest) and (last.end_date or last.date) > (newest or "")
    start, end = _parse(first.date), _parse(last.end_date or last.date)
    days = None
    if start and end and start[2] and end[2]:
        days = (date(*end) - date(*start)).days
    return Span(KeyFact("When", span, cites), future, days)


def _event_order(event: Event) -> tuple[str, str, str, int]:
    return (
        event.date,
        event.end_date or event.date,
        event.source.cable_id,
        event.source.paragraph or 0,
    )


def date_span(start: str, end: str) -> str:
    """Return a span of ISO dates as a U.S. reader writes it (`April 27-May 1, 2009`)."""
    a, b = _parse(start), _parse(end)
    if a is None or b is None:
        return start if start == end else f"{start} to {end}"
    (ya, ma, da), (yb, mb, db) = a, b
    if (ya, ma, da) == (yb, mb, db):
        return _one(ya, ma, da)
    if ya != yb:
        return f"{_one(ya, ma, da)} to {_one(yb, mb, db)}"
    if ma and mb and ma == mb and da and db:
        return f"{_MONTHS[ma - 1]} {da}-{db}, {ya}"
    if ma and mb and da and db:
        return f"{_MONTHS[ma - 1]} {da} to {_MONTHS[mb - 1]} {db}, {ya}"
    return f"{_one(ya, ma, da)} to {_one(yb, mb, db)}"


def _parse(text: str) -> tuple[int, int, int] | None:
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", text)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)


def _one(year: int, month: int, day: int) -> str:
    if not month:
        return str(year)
    if not day:
        return f"{_MONTHS[month - 1]} {year}"
    return date(year, month, day).strftime("%B ") + f"{day}, {year}"


def participants(
    evidence: Evidence, sentences: Sequence[Sentence], include_personal: bool
) -> KeyFact | None:
    """Return how many people took part or were trained, as its sentences count them."""
    chosen: dict[str, Cite] = {}
    heads: set[tuple[float, str]] = set()
    texts = {s.text: s for s in sentences if include_personal or not s.personal}
    for cable_id in dict.fromkeys(s.cite.cable_id for s in sentences):
        for figure in evidence.facts_of(cable_id).figures:
            if figure.kind != "count" or not figure.what or figure.value < 2:
                continue
            said = " ".join(figure.source.sentence.split()).lstrip("- ")
            sentence = next((s for t, s in texts.items() if said[:60] in t or t[:60] in said), None)
            if sentence is None or not _TOOK_PART.search(sentence.text):
                continue
            if not _PEOPLE.search(figure.what):
                continue
            # `100 local officials` and, in the next cable, `100 local government officials`.
            head = (figure.value, figure.what.split()[-1].lower())
            if head in heads:
                continue
            heads.add(head)
            chosen.setdefault(" ".join(figure.text.split()), sentence.cite)
    if not chosen:
        return None
    top = list(chosen)[:4]
    return KeyFact("Participants", "; ".join(top), tuple(dict.fromkeys(chosen[t] for t in top)))


def synthesis(
    slots: Slots,
    grants: Sequence[Grant],
    totals: Sequence[Total],
    sections: dict[str, list[Statement]],
) -> tuple[Statement, ...]:
    """Return three to five cited sentences: who funded whom to do what; when and where; who
    took part; with what result; what the post thinks or what follows."""
    out: list[Statement] = []
    first = _who_funded_whom(slots, grants, totals)
    if first:
        out.append(first)
    elif slots.what is not None:
        out.append(slots.what)  # no funder or doer to name: what it is comes first
    where_when = _when_where(slots, subject="It" if first else _subject(slots.phrase))
    if where_when:
        out.append(where_when)
    used = {s.text for s in out}
    # The rest by priority (who took part, the result, what the post thinks or what
    # follows, how it was received), shown in the order a reader asks.
    picked: dict[int, Statement] = {}
    wanted = (
        (0, ("reach",), True),
        (1, ("outcomes",), False),
        (3, ("post_view", "next_steps"), False),
        (2, ("reception",), False),
        (4, ("activities",), False),
        (5, ("background",), False),
    )
    for order, keys, numbers in wanted:
        if len(out) + len(picked) >= 5 or (order >= 4 and len(out) + len(picked) >= 3):
            break
        pick = _first_fit(sections, keys, used | {s.text for s in out}, numbers=numbers)
        if pick:
            picked[order] = pick
            used.add(pick.text)
    out.extend(picked[k] for k in sorted(picked))
    # A thin sheet still opens with what it has, long sentences included.
    for group in (("activities", "reach", "outcomes"), ("background", "post_view", "next_steps")):
        if len(out) >= 3:
            break
        pick = _first_fit(sections, group, {s.text for s in out}, longest=LONGEST_SENTENCE)
        if pick:
            out.append(pick)
    return tuple(out[:5])


def _who_funded_whom(
    slots: Slots, grants: Sequence[Grant], totals: Sequence[Total]
) -> Statement | None:
    funders = [_named(f.value) for f in slots.funders]
    doers = [_named(i.value) for i in slots.implementers]
    if not funders and not doers:
        return None
    name = _object(slots.phrase, funders)
    cites = [c for f in (*slots.funders, *slots.implementers) for c in f.cites]
    # The money given or spent; amounts proposed are in the grants table, not said as given.
    # With a funder named, only that funder's money: a sum the cables give no funder for is
    # never said to be theirs.
    givers = {f.value for f in slots.funders}
    amounts = [
        g
        for g in grants
        if g.amount and g.status != "proposed" and (not givers or g.funder in givers)
    ]
    totals = [t for t in totals if t.status != "proposed"]
    if givers and len(amounts) != len([g for g in grants if g.amount and g.status != "proposed"]):
        totals = []  # a total over every row would hold sums of no stated funder
    money = ""
    if len(amounts) == 1:
        grant = amounts[0]
        money = f" with {grant.amount}" + (f" ({grant.period})" if grant.period else "")
        cites.insert(0, grant.cite)
    elif len(totals) == 1 and amounts:
        money = f" ({totals[0].amount} in all)"
        cites[:0] = [g.cite for g in amounts]
    if funders:
        theirs = [g for g in grants if g.funder in givers]
        proposed = bool(theirs) and all(g.status == "proposed" for g in theirs)
        verb = "was asked to fund" if proposed else "funded"
        text = f"{_joined(funders)} {verb} {name}{money}"
        if doers:
            text += f", carried out by {_joined(doers)}"
    else:
        text = f"{_joined(doers)} carried out {name}"
    return Statement(text[:1].upper() + text[1:] + ".", tuple(dict.fromkeys(cites)))


def _when_where(slots: Slots, subject: str) -> Statement | None:
    """Return where and when it took place, for an event (a training, a seminar, a play), or
    a program with its dates; a force, a center or a project without dates takes no place."""
    # Only an event took place, and only on a date the cables give: the dates of a program's
    # meetings are not the program's, and a place without a date may be a plan.
    if not slots.event or slots.when is None:
        return None
    verb = "is planned" if slots.future else "took place"
    parts = [f"{subject} {verb}"]
    cites: list[Cite] = []
    if slots.places is not None:
        parts.append(f"in {slots.places.value}")
        cites.extend(slots.places.cites)
    if slots.when is not None:
        parts.append(_date_phrase(slots.when.value))
        cites.extend(slots.when.cites)
    return Statement(" ".join(parts) + ".", tuple(dict.fromkeys(cites)))


_DEFINES = re.compile(r"\b(?:is|are|was|were) (?:a|an|the)\b|\baims? to\b|\bdesigned to\b")


def what_it_is(sentences: Sequence[Sentence], names: Callable[[str], bool]) -> Statement | None:
    """Return the sentence saying what the program is (`... is a DOE program to ...`), else
    the first naming it, of at most LONG_SENTENCE words."""
    fit = [s for s in sentences if names(s.text) and len(s.text.split()) <= LONG_SENTENCE]
    best = next((s for s in fit if _DEFINES.search(s.text)), fit[0] if fit else None)
    return Statement(best.text, (best.cite,)) if best else None


def is_event(name: str) -> bool:
    """Return True when a program's name makes it an event (a training, a seminar, a play)."""
    return bool({stem(w) for w in words(name)} & EVENT_STEMS)


def _date_phrase(span: str) -> str:
    """Return a date span with its preposition (`on January 25-26, 2006`, `in May 2009`)."""
    if re.fullmatch(r"(?:[A-Z][a-z]+ )?\d{4}", span):
        return f"in {span}"
    return f"from {span}" if " to " in span else f"on {span}"


_LEANS_BACK = re.compile(
    r"^(?:It|They|He|She|Its|Their|His|Her|However|Moreover|Also|But|And|In addition|"
    r"Additionally|Furthermore|For example|Meanwhile|(?:This|These|That|Those) (?:is|are|was|"
    r"were|will|would|has|have|had|includes?|included|means|also)\b)"
)
"""A sentence standing on the one before it (`This includes ...`); `This INL-approved
purchase provided ...` names what it speaks of and stands alone."""
_FRAGMENT = re.compile(r"^(?:[A-Z][a-z]+ing|To|Implement|Provide|Ensure|Support)\b(?! is\b)")
"""A list item's fragment (`Providing training ...`, `Implement activities ...`): no subject."""


_VERB_LIKE = re.compile(
    r"^(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|might|must|"
    r"do|does|did|said|says|\w+ed|\w+[^s']s)$"
)


def _verbless(text: str) -> bool:
    """Return True for a short sentence with no word a verb could be (`Visas for American
    staff and the Fulbright issue.`): a list item's heading, not a statement."""
    tokens = re.findall(r"[A-Za-z']+", text)
    return len(tokens) < 12 and not any(_VERB_LIKE.match(t) for t in tokens if t[:1].islower())


def _first_fit(
    sections: dict[str, list[Statement]],
    keys: Sequence[str],
    used: set[str],
    *,
    numbers: bool = False,
    longest: int = LONG_SENTENCE,
) -> Statement | None:
    said = {w for t in used for w in words(t)}
    for key in keys:
        for statement in sections.get(key, []):
            text = statement.text
            if text in used or len(text.split()) > longest or text.endswith(":"):
                continue
            if _LEANS_BACK.match(text) or _FRAGMENT.match(text) or _verbless(text):
                continue  # `This includes ...`, `Providing training ...`: not on its own
            own = set(words(text))
            if own and len(own & said) >= 0.6 * len(own):
                continue  # it says again what the opening already says
            if numbers and not re.search(r"\d", text):
                continue
            return statement
    return None


def _object(name: str, funders: Sequence[str]) -> str:
    """Return the program's name as the object of `funded` (`the ... Conference`)."""
    for funder in funders:
        # `G/TIP funded G/TIP-funded seminars` says it twice.
        name = re.sub(
            rf"^(?:the )?{re.escape(funder)}(?:-funded|-sponsored)?\s+", "", name, flags=re.I
        )
    last = words(name)[-1:] if words(name) else []
    if name[:1].isupper() and last and stem(last[0]) in KIND_STEMS | {"center", "centre", "fund"}:
        return "the " + name
    if name[:1].isupper() and (_BODY_WORDS.search(name) or re.search(r"\b(?:Force|Unit)s?$", name)):
        return "the " + name  # `the Afghan Eradication Force`
    # A common noun (`project`, `anti-trafficking programs`) is the one the cables tell of.
    return name if name[:1].isupper() else "the " + name


def _subject(name: str) -> str:
    text = _object(name, [])
    return text[:1].upper() + text[1:]


_BODY_WORDS = re.compile(
    r"\b(?:Union|Ministry|League|Theater|Theatre|Center|Centre|Council|Committee|Association|"
    r"Federation|Service|Department|Bureau|Agency|Office|Institute|Foundation|Network|"
    r"Coalition|Commission|Court|Police|Organization|Organisation|Fund|Society|University|"
    r"Academy|Party|Movement|Alliance|Group|Forum|Embassy|Government|Assembly|Parliament)\b"
)
"""Words that make a name a body's (`Union of Crisis Centers`), which English names with
`the`; a person's name or an acronym (`SERNAM`) takes none."""


def _named(name: str) -> str:
    return f"the {name}" if _BODY_WORDS.search(name) and not name.startswith("the ") else name


def _joined(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
