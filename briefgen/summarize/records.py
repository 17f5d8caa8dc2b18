"""The briefing records summarizers give and templates receive: every fact with its citation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol


class Located(Protocol):
    """Anything that knows its cable and paragraph (an extracted fact's Source)."""

    @property
    def cable_id(self) -> str: ...

    @property
    def paragraph(self) -> int | None: ...

    @property
    def label(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Cite:
    """A pointer to the cable paragraph a statement comes from, named as the cable names it.

    Printed `09BISHKEK1021 ¶18`, `09BISHKEK1021 ¶18A`, `06X123 "THE SHELTER"`, `06X123 ¶(3)`
    (see docs/architecture.md, Citations).
    """

    cable_id: str
    """The cable's canonical id (`09ASTANA2101`)."""
    paragraph: int | None
    """The paragraph number (18 for 18A), or None for an unnumbered paragraph or the cable as
    a whole."""
    label: str | None = None
    """How the citation names the paragraph when its number does not (`¶18A`, `¶2.b`,
    `"THE SHELTER"`, `"THE SHELTER" ¶2`, `¶(3)`: `Cable.cite_labels`); None for a plain
    numbered paragraph (`¶18`) and for the cable as a whole."""

    @classmethod
    def of(cls, source: Located) -> Cite:
        """Return the citation of an extracted fact's source."""
        return cls(source.cable_id, source.paragraph, source.label)

    def __str__(self) -> str:
        if self.label is not None:
            return f"{self.cable_id} {self.label}"
        return self.cable_id if self.paragraph is None else f"{self.cable_id} ¶{self.paragraph}"

    def as_dict(self) -> dict[str, Any]:
        """Return the citation as a JSON-ready dict."""
        return {
            "cable_id": self.cable_id,
            "paragraph": self.paragraph,
            "label": self.label,
            "text": str(self),
        }


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence of the briefing and the paragraphs that state it."""

    text: str
    """The sentence, as the cable words it (trimmed, victims' details removed)."""
    cites: tuple[Cite, ...]
    """Where it is stated."""
    date: str | None = None
    """An ISO date or year the statement is tied to, for timelines."""

    def as_dict(self) -> dict[str, Any]:
        """Return the statement as a JSON-ready dict."""
        return {"text": self.text, "cites": [c.as_dict() for c in self.cites], "date": self.date}


@dataclass(frozen=True, slots=True)
class KeyFact:
    """One line of a key-facts box: a label, a short value and its source."""

    label: str
    """What the value is (`Leader`, `Shelter capacity`)."""
    value: str
    """The value, short (`Galina Morozova, President`)."""
    cites: tuple[Cite, ...]
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the key fact as a JSON-ready dict."""
        return {
            "label": self.label,
            "value": self.value,
            "cites": [c.as_dict() for c in self.cites],
        }


@dataclass(frozen=True, slots=True)
class FundingRow:
    """One row of a funding table."""

    year: str
    """The year or span (`2000`, `2001-2008`), or empty when the cable gives none."""
    funder: str
    """Who paid (`USAID`)."""
    recipient: str
    """Who received it."""
    channel: str
    """The body the money passed through (`IOM`), or empty."""
    amount: str
    """The amount as the cable states it, or empty."""
    purpose: str
    """What it paid for."""
    cite: Cite
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the row as a JSON-ready dict."""
        return {**asdict(self), "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class Grant:
    """One row of a program's grants table: who paid whom, how much, when, how far it went."""

    funder: str
    """Who paid (`G/TIP`, `INCLE`), or empty when the cables do not say."""
    implementer: str
    """Who received the money or carried the program out, or empty."""
    amount: str
    """The amount as the cable states it (`$31,583`), or empty."""
    period: str
    """The period the money is for (`FY 2006 and FY 2007`, `2009`), or empty."""
    status: str
    """How far it went: `proposed` (proposed, requested, pledged), `awarded` or `spent`; empty
    when the cables do not say."""
    purpose: str
    """What it paid for, or empty."""
    cite: Cite
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the row as a JSON-ready dict."""
        return {**asdict(self), "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class Person:
    """A named official or leader in a public role, with the title the cables give."""

    name: str
    """The person's full name."""
    title: str
    """The title and organization (`President, Feminist League`)."""
    cite: Cite
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the person as a JSON-ready dict."""
        return {**asdict(self), "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class Quote:
    """Words quoted in a cable, with a speaker safe to name."""

    speaker: str
    """Who said it (a neutral description for minors and victims)."""
    text: str
    """The quoted words."""
    cite: Cite
    """Where it is quoted."""

    def as_dict(self) -> dict[str, Any]:
        """Return the quote as a JSON-ready dict."""
        return {**asdict(self), "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class Chart:
    """Comparable numbers to draw as a bar chart."""

    title: str
    """What the chart shows."""
    labels: tuple[str, ...]
    """One label per bar (`2006`, `2007`, ...)."""
    values: tuple[float, ...]
    """One value per bar."""
    cites: tuple[Cite, ...]
    """Where the numbers are stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the chart as a JSON-ready dict."""
        return {
            "title": self.title,
            "labels": list(self.labels),
            "values": list(self.values),
            "cites": [c.as_dict() for c in self.cites],
        }


@dataclass(frozen=True, slots=True)
class SourceCable:
    """A cable a briefing draws on, for its Sources list."""

    id: str
    """The cable's id."""
    date: str | None
    """The date it was sent (`2009-12-01`)."""
    origin: str | None
    """The sending post."""
    classification: str | None
    """Its classification."""
    subject: str | None
    """Its subject line."""

    def as_dict(self) -> dict[str, Any]:
        """Return the source as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BriefingMeta:
    """What every briefing carries on its title block and in its file name."""

    kind: str
    """`ngo-profile`, `program-impact`, `quarterly-summary` or `cable-digest`."""
    title: str
    """The document title."""
    subtitle: str
    """The line under the title."""
    date: str
    """The briefing's date: that of its newest source (ISO), so output is reproducible."""
    classification: str
    """The highest classification among its sources."""
    subject: str
    """What the briefing is about, for the file name and the e-mail subject."""
    slug: str
    """The safe base file name (`feminist-league_ngo-profile_2009-12-01`)."""
    sources: tuple[SourceCable, ...]
    """Every cable the briefing cites, oldest first."""
    summary_lines: tuple[str, ...] = ()
    """Two to four plain lines saying what the briefing holds, for e-mail bodies."""
    include_personal: bool = False
    """True when the user asked to keep victims' and minors' personal details."""
    consulted: tuple[SourceCable, ...] = ()
    """Cables read for the briefing that its text does not cite, oldest first."""

    def as_dict(self) -> dict[str, Any]:
        """Return the metadata as a JSON-ready dict."""
        data = asdict(self)
        data["sources"] = [s.as_dict() for s in self.sources]
        data["consulted"] = [s.as_dict() for s in self.consulted]
        data["summary_lines"] = list(self.summary_lines)
        return data


def _dump(value: Any) -> Any:
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class NgoProfile:
    """The data of an NGO profile."""

    meta: BriefingMeta
    """Title block, classification, sources."""
    name: str
    """The NGO's name (`Feminist League`)."""
    acronym: str | None
    """Its acronym, if the cables give one."""
    aliases: tuple[str, ...]
    """Other names the cables use for it."""
    location: str | None
    """Where it is based (the place named most often with it)."""
    leaders: tuple[Person, ...]
    """Its leadership with titles."""
    active_since: Statement | None
    """The earliest year the cables say it was active, with the sentence."""
    key_facts: tuple[KeyFact, ...]
    """The key-facts box."""
    timeline: tuple[Statement, ...]
    """History and milestones, oldest first."""
    funding: tuple[FundingRow, ...]
    """Its funding table: one row per grant or funding flow the cables state."""
    funding_total: str | None
    """The sum of the amounts stated, per currency, or None when no amount is stated."""
    networks: tuple[Statement, ...]
    """Networks and partners."""
    facilities: tuple[Statement, ...]
    """Facilities and services (shelters, hotlines)."""
    programs: tuple[Statement, ...]
    """Programs and activities."""
    assessment: tuple[Statement, ...]
    """What officials and the post said of it (COMMENT sections, quoted officials)."""
    statements: tuple[Statement, ...] = ()
    """What it (or its leaders) said, claimed or urged, as the cables report it."""
    kind: str | None = None
    """What kind of body it is (`non-governmental organization`, `intergovernmental
    organization`), when the cables tell; else None."""
    legal_status: tuple[Statement, ...] = ()
    """What the cables say of its registration, warnings, bans or closure."""
    funding_statements: tuple[Statement, ...] = ()
    """Every sentence telling of money, aid or training it receives, as the cables word it."""
    last_contact: Statement | None = None
    """The post's latest meeting with it or its leaders, dated by its cable."""
    also_reported: tuple[Statement, ...] = ()
    """What others did or said of it (it is named; another party acts)."""
    not_stated: tuple[str, ...] = ()
    """Key facts the cables leave out (`who funds it`), for a short line instead of a gap."""

    synthesis: tuple[Statement, ...] = ()
    """Three to five cited sentences a reader takes in at a glance, made by rules from the
    briefing's facts."""

    def as_dict(self) -> dict[str, Any]:
        """Return the profile as a JSON-ready dict."""
        return {name: _dump(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class ProgramSheet:
    """The data of a program-impact sheet."""

    meta: BriefingMeta
    """Title block, classification, sources."""
    name: str
    """The program, campaign, play, training or grant asked for."""
    overview: tuple[KeyFact, ...]
    """What, who funded, who implemented, where, when."""
    key_figures: tuple[KeyFact, ...]
    """The key-figures panel."""
    chart: Chart | None
    """Comparable numbers as a chart, when there are several."""
    funding: tuple[Grant, ...]
    """The grants table: every statement of money for the program, with its status."""
    activities: tuple[Statement, ...]
    """Activities and outputs: events, performances, materials."""
    reach: tuple[Statement, ...]
    """Participants, people trained, cities and media reached."""
    outcomes: tuple[Statement, ...]
    """Results: cases opened, arrests."""
    context: tuple[Statement, ...]
    """Statistics officials reported alongside it (cases nationwide, trends), not its results."""
    feedback: tuple[Quote, ...]
    """Participants' feedback."""
    recommendations: tuple[Statement, ...]
    """Recommendations made."""

    synthesis: tuple[Statement, ...] = ()
    """Three to five cited sentences a reader takes in at a glance, made by rules from the
    briefing's facts."""
    funding_totals: tuple[str, ...] = ()
    """The stated amounts summed per currency and status (`$55,583 awarded or spent`)."""
    background: tuple[Statement, ...] = ()
    """What came before it: earlier phases, support it builds on."""
    next_steps: tuple[Statement, ...] = ()
    """What follows: plans, next phases, what it will become."""
    reception: tuple[Statement, ...] = ()
    """How participants and officials received it."""
    post_view: tuple[Statement, ...] = ()
    """The post's own judgement of it and what the post recommends."""
    other_matches: tuple[Statement, ...] = ()
    """Passages of other posts' cables the query also matches: other programs, not merged."""
    posts: tuple[str, ...] = ()
    """The posts the sheet draws on when there are several (cables given together); else
    empty."""

    def as_dict(self) -> dict[str, Any]:
        """Return the sheet as a JSON-ready dict."""
        return {name: _dump(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class CableLead:
    """One cable of a quarter in a paragraph: subject, date and the lead of its summary."""

    id: str
    """The cable's id."""
    date: str | None
    """The date it was sent."""
    origin: str | None
    """The sending post."""
    subject: str | None
    """Its subject."""
    lead: str
    """The first sentences of its summary (or of its first paragraph)."""
    cite: Cite
    """Where the lead comes from."""
    country: str | None = None
    """The country it reports on (its post's, else its first country tag), or None."""
    from_summary: bool = False
    """True when the lead opens the cable's own summary; else it is the sentence that tells
    most (never a handling notice, a pointer or a reference list)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the lead as a JSON-ready dict."""
        return {**asdict(self), "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class Development:
    """A change a cable reports: a conviction, arrests, a law passed or drafted, a centre
    opened, funding, a rating such as a Tier placement, an agreement."""

    kind: str
    """What kind of change (`Ratings`, `Convictions and sentences`, `Arrests, raids and
    releases`, `Laws and decrees`, `Centres and services opened`, `Funding`, `Agreements`,
    `Appointments and resignations`, `Elections and votes`, `Security incidents`)."""
    text: str
    """The sentence reporting it, as the cable words it."""
    cites: tuple[Cite, ...]
    """Where it is stated (several cables when they share the sentence)."""
    country: str | None = None
    """The country the reporting cable covers, or None."""
    date: str | None = None
    """The date of the reporting cable."""

    def as_dict(self) -> dict[str, Any]:
        """Return the development as a JSON-ready dict."""
        return {**asdict(self), "cites": [c.as_dict() for c in self.cites]}


@dataclass(frozen=True, slots=True)
class CountryLine:
    """One country of a quarter in a line: its cables and what they tell most."""

    country: str
    """The country (`Other and multilateral` for cables of no one country)."""
    cables: tuple[str, ...]
    """The ids of its cables, oldest first."""
    statement: Statement | None
    """The sentence that tells most of its cables (a change where one is reported)."""
    kinds: tuple[str, ...] = ()
    """The kinds of change its cables report (`Ratings`, `Arrests, raids and releases`), in
    the order of `Development.kind`."""

    def as_dict(self) -> dict[str, Any]:
        """Return the line as a JSON-ready dict."""
        return {
            "country": self.country,
            "cables": list(self.cables),
            "statement": self.statement.as_dict() if self.statement else None,
            "kinds": list(self.kinds),
        }


@dataclass(frozen=True, slots=True)
class Count:
    """A name and how often it occurs, with an explanation where one helps."""

    name: str
    """The tag, post or entity."""
    count: int
    """How many cables (or mentions)."""
    note: str = ""
    """What a tag means in words (`Trafficking in Persons`)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the count as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QuarterlySummary:
    """The data of a quarterly summary."""

    meta: BriefingMeta
    """Title block, classification, sources."""
    quarter: str
    """The quarter (`2009Q4`)."""
    period: str
    """The quarter in words (`October to December 2009`)."""
    total_cables: int
    """How many cables the quarter holds (the digests cover at most 60 of them)."""
    posts: tuple[Count, ...]
    """Cables per post."""
    tags: tuple[Count, ...]
    """Cables per tag, explained in words."""
    leads: tuple[CableLead, ...]
    """One digest paragraph per cable, oldest first."""
    key_figures: tuple[KeyFact, ...]
    """Key figures across the cables, by class (the packaged template shows `figures`, each
    with the sentence saying what it means, instead)."""
    organizations: tuple[Count, ...]
    """Organizations most mentioned."""
    people: tuple[Count, ...]
    """People most mentioned (officials in their public role)."""
    charts: tuple[Chart, ...]
    """Statistics series found in the quarter."""
    recommendations: tuple[Statement, ...]
    """Recommendations reported."""

    synthesis: tuple[Statement, ...] = ()
    """The three to six developments of the quarter a reader takes in first, each a cited
    sentence of its cable, the strongest first."""
    changes: tuple[Development, ...] = ()
    """What changed, chosen by content (convictions, arrests, laws, openings, funding,
    ratings, agreements), grouped by kind."""
    countries: tuple[CountryLine, ...] = ()
    """One line per country, when the quarter's cables cover several; else empty."""
    figures: tuple[FigureNote, ...] = ()
    """Figures the sections above do not show, each with the sentence saying what they mean."""

    def as_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        return {name: _dump(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class Reference:
    """A cable referenced by or citing the digested cable."""

    id: str
    """The referenced cable's id."""
    subject: str | None
    """Its subject, when the corpus holds it."""
    date: str | None
    """Its date, when the corpus holds it."""

    def as_dict(self) -> dict[str, Any]:
        """Return the reference as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FigureNote:
    """Figures of one sentence with what they mean: the sentence that states them."""

    values: tuple[str, ...]
    """The figures as written, with their units (`177 raids`, `100,000 pesos`, `$27,000`)."""
    text: str
    """The sentence stating them, which says what they count and whose they are."""
    cite: Cite
    """Where it is stated."""

    def as_dict(self) -> dict[str, Any]:
        """Return the note as a JSON-ready dict."""
        return {"values": list(self.values), "text": self.text, "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class Party:
    """An organization a cable names, with what it is and how often the cable names it."""

    name: str
    """Its name (`Ministry of Justice`)."""
    role: str
    """What it is (`government body`, `non-governmental organization`), or empty when no
    rule could tell."""
    mentions: int
    """How many times the cable names it."""
    cite: Cite
    """Where it is first named."""

    def as_dict(self) -> dict[str, Any]:
        """Return the party as a JSON-ready dict."""
        return {**asdict(self), "cite": self.cite.as_dict()}


@dataclass(frozen=True, slots=True)
class CableDigest:
    """The data of a one-cable digest."""

    meta: BriefingMeta
    """Title block, classification, sources."""
    id: str
    """The cable's id."""
    header: tuple[KeyFact, ...]
    """Header facts: date, origin, classification, tags, signer..."""
    summary: Statement | None
    """The cable's own summary."""
    key_figures: tuple[KeyFact, ...]
    """Key figures, by class (the packaged template shows `figures`, each with the sentence
    saying what it means, instead)."""
    organizations: tuple[Count, ...]
    """Organizations named, by mentions."""
    people: tuple[Person, ...]
    """Officials named with their titles."""
    places: tuple[Count, ...]
    """Places named, by mentions."""
    comment: Statement | None
    """The post's COMMENT."""
    references: tuple[Reference, ...]
    """Cables it references, with subjects where known."""
    cited_by: tuple[Reference, ...] = field(default_factory=tuple)
    """Cables in the corpus that cite it."""

    synthesis: tuple[Statement, ...] = ()
    """The bottom line in three to five cited sentences: the opening of its summary (else the
    sentences that tell most), the post's comment and what it recommends or asks."""
    requests: tuple[Statement, ...] = ()
    """Recommendations and requests for action, in cable order."""
    main_points: tuple[Development, ...] = ()
    """What the body reports beyond its summary, chosen by content (convictions, arrests,
    laws, openings, funding, ratings, agreements), in cable order."""
    figures: tuple[FigureNote, ...] = ()
    """Figures with their units, each with the sentence saying what they mean."""
    parties: tuple[Party, ...] = ()
    """Organizations named, with what each is, most named first."""

    def as_dict(self) -> dict[str, Any]:
        """Return the digest as a JSON-ready dict."""
        return {name: _dump(getattr(self, name)) for name in self.__dataclass_fields__}
