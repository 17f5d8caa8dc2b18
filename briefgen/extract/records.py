"""The fact records extraction gives: mentions, roles, figures, events and relations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

EntityKind = Literal["org", "person", "place"]


def _fields(record: Any) -> dict[str, Any]:
    # dataclasses.asdict deep-copies every value; these records hold only plain values, so a
    # shallow read of the slots is enough, and many times faster at ingest.
    return {name: getattr(record, name) for name in record.__slots__}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was read: cable, paragraph and the sentence that states it."""

    cable_id: str
    """The cable's canonical id (`09ASTANA2101`)."""
    paragraph: int | None
    """The paragraph number (None for text outside numbered paragraphs)."""
    sentence: str
    """The whole sentence the fact comes from, as the cable gives it."""
    label: str | None = None
    """How a citation names the paragraph when its number does not (`¶18A`, `"THE SHELTER"`,
    `¶(3)`: `Cable.cite_labels`); None for a plain numbered paragraph."""

    def as_dict(self) -> dict[str, Any]:
        """Return the source as a JSON-ready dict."""
        return _fields(self)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a cable where an entity is named."""

    kind: EntityKind
    """`org`, `person` or `place`."""
    text: str
    """The surface text as written (`the Feminist League NGO`, `Morozova`)."""
    name: str
    """The canonical name of the entity meant (`Feminist League`, `Galina Morozova`)."""
    cable_id: str
    """The cable's id."""
    paragraph: int | None
    """The paragraph number, or None for the cable's header (its origin)."""
    start: int
    """Offset of the first character in the paragraph text."""
    end: int
    """Offset just past the last character in the paragraph text."""
    rule: str
    """The name of the rule that found it (`curated`, `acronym`, `title_before_name`...)."""
    label: str | None = None
    """How a citation names the paragraph when its number does not (`¶18A`, `"THE SHELTER"`,
    `¶(3)`: `Cable.cite_labels`); None for a plain numbered paragraph."""

    def as_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-ready dict."""
        return _fields(self)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity known in a cable, with the names it goes by there."""

    kind: EntityKind
    """`org`, `person` or `place`."""
    name: str
    """The canonical name."""
    aliases: tuple[str, ...] = ()
    """Other names used for it in the cable (acronyms, surnames, `the ...` forms)."""
    acronym: str | None = None
    """The acronym defined or known for it (`UCC`), if any."""
    org_kind: str | None = None
    """For an organization, its kind (`ngo`, `igo`, `government`, `party`, `company`,
    `mission`; see `kinds.py`), when a rule could tell; else None."""

    def as_dict(self) -> dict[str, Any]:
        """Return the entity as a JSON-ready dict."""
        return {**_fields(self), "aliases": list(self.aliases)}


@dataclass(frozen=True, slots=True)
class Role:
    """A title a person holds, and the organization it is held in."""

    person: str
    """The person's canonical name."""
    title: str
    """The title (`President`, `Deputy Director`, `Vice-Minister of Justice`)."""
    organization: str | None
    """The canonical name of the organization (`Feminist League`), if named."""
    leadership: bool
    """True when the title leads the organization (President, Director, Head, Chair...)."""
    source: Source
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the role as a JSON-ready dict."""
        return {**_fields(self), "source": self.source.as_dict()}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number stated in a cable: money, a count, a percentage or a point of a year series."""

    kind: Literal["money", "count", "percent", "series"]
    """What sort of figure it is."""
    value: float
    """The value (`24000`, `8000000`, `41`)."""
    text: str
    """The figure as written (`eight million tenge ($53,333)`)."""
    unit: str | None
    """The currency code (`USD`, `KZT`) for money, `%` for percentages, else None."""
    what: str | None
    """What is counted or measured (`informational flyers`, `said they would inform the police`)."""
    approximate: bool
    """True when the cable hedges it (`approximately`, `about`, `over`, `an estimated`)."""
    converted_value: float | None
    """A conversion the cable states (`$53,333` for eight million tenge), else None."""
    converted_unit: str | None
    """The currency of that conversion."""
    year: int | None
    """The year the figure is for (series points and figures `in 2009`), else None."""
    subject: str | None
    """The canonical name of the entity the sentence is about, when a rule is sure of it."""
    start: int
    """Offset of the figure in the paragraph text."""
    source: Source
    """Where it is stated."""
    high: float | None = None
    """The top of a range (`90` in `at least 40 and possibly as many as 90`), else None; `value`
    is then its bottom."""
    hedge: str | None = None
    """The hedge as written before it (`approximately`, `up to`, `more than`, `an estimated`)."""
    scale: str | None = None
    """The scale word as written (`million` in `$2.7 million`, `M` in `$100M`); `value` already
    includes it."""
    per: str | None = None
    """What a rate is per (`year` for `USD 150,000/year`, `two months`), else None."""
    role: Literal["penalty", "price", "funding"] | None = None
    """What the figure is, when a rule is sure: a `penalty` (a fine, bail, a prison term: never
    funding or an outcome), a `price` (a cost, a payment, a salary, an economic total) or the
    amount of a `funding` statement."""
    bare: bool = False
    """True when what the figure counts could not be found (`what` is None): summaries leave it
    out."""

    def as_dict(self) -> dict[str, Any]:
        """Return the figure as a JSON-ready dict."""
        return {**_fields(self), "source": self.source.as_dict()}


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening (`On September 14, a press conference ...`)."""

    date: str
    """ISO date (`2009-09-14`), resolved against the cable's own date."""
    end_date: str | None
    """ISO date the event ended, for ranges (`November 12-13`), else None."""
    date_text: str
    """The date as written."""
    text: str
    """The clause that says what happened."""
    entities: tuple[str, ...]
    """Canonical names of the entities named in the sentence."""
    source: Source
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the event as a JSON-ready dict."""
        return {
            **_fields(self),
            "entities": list(self.entities),
            "source": self.source.as_dict(),
        }


FundingKind = Literal[
    "grant", "budget", "foreign", "in-kind", "contract", "loan", "donation", "funding"
]
FundingStatus = Literal["proposed", "requested", "pledged", "awarded", "spent"]
"""What sort of money a funding statement is about, and how far it went."""


@dataclass(frozen=True, slots=True)
class Funding:
    """Money or a grant passing from a funder to a recipient."""

    funder: str | None
    """Canonical name of who pays (`INL`, `Embassy of the Netherlands`), if stated."""
    recipient: str | None
    """Canonical name of who receives (`Union of Crisis Centers`, `Galina Morozova`)."""
    recipient_kind: EntityKind | None
    """Whether the recipient is an organization or a person."""
    channel: str | None
    """The body the money passes through (`IOM`, `AATIPCA`), if any."""
    amount: str | None
    """The amount as written (`$24,000`), if stated."""
    value: float | None
    """The amount's value."""
    unit: str | None
    """The amount's currency code."""
    purpose: str | None
    """What the money is for (`to train police officers in Uralsk, ...`)."""
    year: int | None
    """The year it was given, when stated or implied (`this year`)."""
    end_year: int | None
    """The last year, for spans (`From 2001 to 2008`)."""
    source: Source
    """Where it is stated."""
    kind: FundingKind = "funding"
    """What sort of money it is: `grant`, `budget` (a state or agency allocation), `foreign`
    (funds from abroad), `in-kind` (goods, premises, services), `contract`, `loan`, `donation`,
    or plain `funding`."""
    status: FundingStatus | None = None
    """How far it went: `proposed`, `requested`, `pledged`, `awarded` (given or received) or
    `spent`; None when the cable does not say."""
    period: str | None = None
    """The period as written (`for 2009-2010`, `per year`, `in 2008`), else None."""
    per: str | None = None
    """What the amount is per, for a rate (`year` for `USD 150,000/year`), else None."""
    converted_value: float | None = None
    """A conversion of the amount the cable states (`$53,333` for eight million tenge)."""
    converted_unit: str | None = None
    """The currency of that conversion."""
    rule: str = ""
    """The name of the rule that found it (`received_from`, `funded_by`...)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the funding as a JSON-ready dict."""
        return {**_fields(self), "source": self.source.as_dict()}


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two entities or an entity and a year: membership, founding, start."""

    kind: Literal["member_of", "founded", "began", "partner_of", "based_in", "is_a"]
    """The relation."""
    subject: str
    """Canonical name of the entity the relation is about (`Feminist League`)."""
    object: str | None
    """Canonical name of the other entity (`IOM`), what was founded (`a TIP Shelter`), the
    place a body is based in (`based_in`), or the kind the cable calls it (`is_a`: `ngo`)."""
    year: int | None
    """The year, for founding and start facts."""
    text: str
    """The words that state it (`began to combat human trafficking`)."""
    source: Source
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the relation as a JSON-ready dict."""
        return {**_fields(self), "source": self.source.as_dict()}


@dataclass(frozen=True, slots=True)
class Quotation:
    """Words a cable quotes, with who said them."""

    speaker: str
    """Who said it (`Director of School #31`, `Diana age 15`)."""
    text: str
    """The quoted words, without the quotation marks."""
    source: Source
    """Where it is quoted."""

    def as_dict(self) -> dict[str, Any]:
        """Return the quotation as a JSON-ready dict."""
        return {**_fields(self), "source": self.source.as_dict()}


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation a cable reports."""

    text: str
    """The recommendation (`Reintegration of victims be stressed`)."""
    by: str | None
    """Who recommended it (`participants`), when stated."""
    source: Source
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the recommendation as a JSON-ready dict."""
        return {**_fields(self), "source": self.source.as_dict()}


@dataclass(frozen=True, slots=True)
class Attribution:
    """The parties one clause of a cable is about: who does, has or says what it states."""

    paragraph: int | None
    """The paragraph number."""
    start: int
    """Offset of the clause in the paragraph text."""
    end: int
    """Offset just past the clause."""
    actors: tuple[str, ...]
    """Canonical names of its subject: who does, has, is or says what the clause states."""
    speech: bool
    """True when the clause reports what its actors said, claimed or judged (not a fact)."""
    reporter: tuple[str, ...]
    """Who the clause is reported by (`According to X, ...`), else empty."""
    recipients: tuple[str, ...]
    """Who receives the money, aid or training the clause tells of (`a grant to X`, `X received
    funding`, `X is funded by Y`), else empty."""
    givers: tuple[str, ...]
    """Who gives it, when named after `by` or `from` rather than as the subject."""
    rule: str
    """How the actors were found: `named`, `pronoun`, `description`, `entry` (the list entry
    the clause sits in), `list_lead` (the sentence a list hangs from), `elided`, `post`."""
    label: str | None = None
    """How a citation names the paragraph when its number does not (`¶18A`, `"THE SHELTER"`,
    `¶(3)`: `Cable.cite_labels`); None for a plain numbered paragraph."""

    def as_dict(self) -> dict[str, Any]:
        """Return the attribution as a JSON-ready dict."""
        return {
            **_fields(self),
            "actors": list(self.actors),
            "reporter": list(self.reporter),
            "recipients": list(self.recipients),
            "givers": list(self.givers),
        }


@dataclass(frozen=True, slots=True)
class CableFacts:
    """Everything extraction found in one cable."""

    cable_id: str
    """The cable's id."""
    entities: tuple[EntityRef, ...] = ()
    """The entities named, one per canonical name."""
    mentions: tuple[Mention, ...] = ()
    """Every mention, in text order."""
    roles: tuple[Role, ...] = ()
    """Titles and affiliations of people."""
    figures: tuple[Figure, ...] = ()
    """Money, counts, percentages and series points."""
    events: tuple[Event, ...] = ()
    """Dated events."""
    fundings: tuple[Funding, ...] = ()
    """Grants and other funding flows."""
    relations: tuple[Relation, ...] = ()
    """Memberships, foundings and start years."""
    quotations: tuple[Quotation, ...] = ()
    """Quoted words with their speakers."""
    recommendations: tuple[Recommendation, ...] = ()
    """Recommendations reported."""
    attributions: tuple[Attribution, ...] = ()
    """The actor of every clause that has one, in text order."""

    def entity(self, name: str) -> EntityRef | None:
        """Return the entity with this canonical name or alias, or None."""
        for ent in self.entities:
            if ent.name == name or name in ent.aliases:
                return ent
        return None

    def as_dict(self) -> dict[str, Any]:
        """Return every fact as a JSON-ready dict."""
        return {
            "cable_id": self.cable_id,
            "entities": [e.as_dict() for e in self.entities],
            "mentions": [m.as_dict() for m in self.mentions],
            "roles": [r.as_dict() for r in self.roles],
            "figures": [f.as_dict() for f in self.figures],
            "events": [e.as_dict() for e in self.events],
            "fundings": [f.as_dict() for f in self.fundings],
            "relations": [r.as_dict() for r in self.relations],
            "quotations": [q.as_dict() for q in self.quotations],
            "recommendations": [r.as_dict() for r in self.recommendations],
            "attributions": [a.as_dict() for a in self.attributions],
        }


def facts_from_dict(data: dict[str, Any]) -> CableFacts:
    """Return the CableFacts that `CableFacts.as_dict()` gave `data` (for the stored cache)."""

    def src(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "source": Source(**item["source"])}

    return CableFacts(
        cable_id=data["cable_id"],
        entities=tuple(
            EntityRef(e["kind"], e["name"], tuple(e["aliases"]), e["acronym"], e.get("org_kind"))
            for e in data["entities"]
        ),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        roles=tuple(Role(**src(r)) for r in data["roles"]),
        figures=tuple(Figure(**src(f)) for f in data["figures"]),
        events=tuple(Event(**{**src(e), "entities": tuple(e["entities"])}) for e in data["events"]),
        fundings=tuple(Funding(**src(f)) for f in data["fundings"]),
        relations=tuple(Relation(**src(r)) for r in data["relations"]),
        quotations=tuple(Quotation(**src(q)) for q in data["quotations"]),
        recommendations=tuple(Recommendation(**src(r)) for r in data["recommendations"]),
        attributions=tuple(
            Attribution(
                **{
                    **a,
                    **{k: tuple(a[k]) for k in ("actors", "reporter", "recipients", "givers")},
                }
            )
            for a in data.get("attributions", ())
        ),
    )
