"""Attribution: the actor of every clause, with pronouns, descriptions and list entries resolved.

`rule_attribution` reads a cable's paragraphs in order. Each clause's subject comes from
`clauses.read_subject`; a pronoun (`it`, `she`, `their`) or a description (`the NGO`, `the
Ministry`) is resolved to the nearest compatible party acting before it; a clause without a
subject of its own inside a list entry (`--(2) Raices (Roots): Provides training ...`) belongs to
the party the entry is about; bullets hanging from `X urged the government to:` are X's. Where
no rule is sure, a clause gets no actor: a fact with no owner is left out rather than given to
the wrong party.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from briefgen.extract.clauses import (
    DESCRIPTION_HEADS,
    FACILITY_HEADS,
    HUMAN_NOUNS,
    Span,
    Subject,
    read_subject,
)
from briefgen.extract.context import Context, Para
from briefgen.extract.countries import is_country
from briefgen.extract.forenames import gender_of
from briefgen.extract.gifts import NO_GIFT, read_gift
from briefgen.extract.records import Attribution

_ENTRY_MARK_RE = re.compile(
    r"\s*(?:(?:--?|[•*])\s*(?:\(?\d{1,2}\)|\([a-z]\))?|\(\d{1,2}\)|\d{1,2}\)|\([a-z]\))\s*"
)
"""The marker that opens a list entry: `--(2)`, `- `, `(3)`, `2)`, `(b)`, `•`."""
_HEADER_END_RE = re.compile(r"\s*(?:\([^()]{1,120}\)\s*)?(?::|\s[-–—]{1,2}\s|\.\s|\.$|\()")
"""What ends an entry's header after its name: `Raices (Roots):`, `ISIS Internacional.`"""
_PRONOUN_HINT_RE = re.compile(
    r"(?:^|[.;:]\s+|\n-\s*)(?:He|She|It|They|Its|His|Her|Their|The|This|We)\b"
)
_FACILITY_RE = re.compile(r"\b(shelters?|cent(?:er|re)s?|hotlines?|clinics?|schools?)\b")
_THE_FACILITY_RE = re.compile(r"\b(?:the|its|their) (shelter|cent(?:er|re)|hotline|clinic)\b")
_THE_HEAD_RE = re.compile(
    r"\b(?:the|this|that) (group|organi[sz]ation|ngo|foundation|association|network|coalition|"
    r"company|firm|movement|party|committee|council|commission|unit)\b",
    re.I,
)
_SHARED_HEAD_RE = re.compile(r"\b[A-Z][\w'’-]* and (?:the )?[A-Z][\w'’-]* ([A-Z][a-z]+)s\b")
"""Two bodies sharing one head word: `the Cem and Ehl-i-Beyt Foundations`."""
_THE_HEAD_LOWER_RE = re.compile(
    r"th(?<!\wth)(?:e|is|at) (group|organi[sz]ation|ngo|foundation|association|network|"
    r"coalition|company|firm|movement|party|committee|council|commission|unit)\b"
)
"""`_THE_HEAD_RE` for ASCII text in lower case, led by a literal the search can skip to."""
_FACILITY_WORDS = ("shelter", "center", "centre", "hotline", "clinic", "school")
"""The words `_FACILITY_RE` and `_THE_FACILITY_RE` need (a clause without them has none)."""
_WINDOW = 3
"""How many paragraphs back a pronoun or description may find its party."""


@dataclass(slots=True)
class _Actor:
    name: str
    kind: str
    paragraph: int


@dataclass(slots=True)
class _State:
    """What the reader of a cable remembers: who acted last, most recent first."""

    recent: list[_Actor] = field(default_factory=list)
    last: tuple[_Actor, ...] = ()
    last_kind: str = "other"
    people_named: tuple[_Actor, ...] = ()
    """People named in the clause before, in text order (`she` may mean one of them)."""
    human: bool = False
    """True when the clause before had a person no name names as subject (`the girl`)."""
    speaker_for: _Actor | None = None
    """The body a person spoke or acted for in the clause before (`INL Officer said`)."""
    facilities: dict[str, _Actor] = field(default_factory=dict)
    """The party each facility word was last said to run (`shelter`: the NGO that opened it)."""
    unresolved_heads: set[str] = field(default_factory=set)
    """Description words (`group`) the paragraph used for a body it does not name."""
    shared_heads: set[str] = field(default_factory=set)
    """Head words the paragraph gave two bodies at once (`the Cem and Ehl-i-Beyt Foundations`):
    a later `the Foundation` may mean either."""
    orgs_named: list[_Actor] = field(default_factory=list)
    """Organizations named so far, most recent first (a description may mean one of them)."""
    item_people: list[_Actor] | None = None
    """Inside a list item, the people it has named so far: a `she` in an item means one of
    them, never someone named before the list."""

    def acted(self, actors: tuple[_Actor, ...], kind: str) -> None:
        self.last = actors
        self.last_kind = kind
        for actor in reversed(actors):
            self.recent = [a for a in self.recent if a.name != actor.name]
            self.recent.insert(0, actor)
        del self.recent[24:]

    def forget(self) -> None:
        self.last, self.last_kind = (), "other"


def rule_attribution(ctx: Context) -> None:
    """Record the actor of every clause of the cable (see the module docstring)."""
    state = _State()
    for para in ctx.paras:
        # A country acts as its government does (`China provided a grant to Kenya`).
        spans = [
            Span(m.start, m.end, m.name, m.kind)
            for m in para.mentions
            if m.kind in ("org", "person") or (m.kind == "place" and is_country(m.name))
        ]
        if not spans and (not state.recent or not _PRONOUN_HINT_RE.search(para.text)):
            state.forget()
            state.people_named, state.human, state.speaker_for = (), False, None
            continue
        _read_paragraph(ctx, para, spans, state)


def _read_paragraph(ctx: Context, para: Para, spans: list[Span], state: _State) -> None:
    text = para.text
    span_starts = [s.start for s in spans]
    state.item_people = None
    state.unresolved_heads = set()
    state.shared_heads = set()
    sentences = para.sentences
    entry_party: str | None = None
    in_entry = False
    lead: tuple[tuple[_Actor, ...], bool] | None = None
    previous_sentence = -1
    for index, clause_start, clause_end in para.clauses:
        start, end = sentences.bounds(index)
        number = 0 if index != previous_sentence else 1  # the clause's place in its sentence
        previous_sentence = index
        marker = _ENTRY_MARK_RE.match(text, clause_start, clause_end)
        opens_entry = (
            marker is not None and marker.end() > clause_start and _is_marker(marker.group(0))
        )
        if index == 0 and number == 0 and not opens_entry:
            # A paragraph written as one entry: `IOM (intergovernmental): Led by ...`.
            header = _header_party(text, start, end, spans)
            entry_party, in_entry = header, header is not None
        elif opens_entry:
            assert marker is not None
            state.item_people = []
            entry_party = _header_party(text, marker.end(), clause_end, spans)
            if not in_entry and clause_start > 0:
                previous = text[:clause_start].rstrip()
                if previous.endswith(":") and state.last:
                    lead = (state.last, state.last_kind in ("speech", "tag"))
            in_entry = True
        # Mentions never overlap and are kept in text order: the clause's names are a slice.
        first = bisect_left(span_starts, clause_start)
        names = spans[first : bisect_left(span_starts, clause_end, first)]
        if not (names or entry_party or opens_entry or _may_refer(text, clause_start, state)):
            # No name, no list, no word that may stand for a party: nothing to attribute.
            state.forget()
            state.people_named, state.human, state.speaker_for = (), False, None
            continue
        subject = read_subject(para.words, clause_start, clause_end, names)
        found = (
            _THE_HEAD_LOWER_RE.finditer(para.lowered, clause_start, clause_end)
            if para.ascii
            else _THE_HEAD_RE.finditer(text, clause_start, clause_end)
        )
        # `the NGO National Citizen Femicide Observatory`: a word describing the name after it.
        unnamed = [m.group(1) for m in found if not text[m.end() + 1 : m.end() + 2].isupper()]
        # Only an item's opening clause hangs from the list's lead (`- Raise the profile`).
        item_lead = lead if opens_entry else None
        _attribute(
            ctx, para, state, (clause_start, clause_end), subject, names, entry_party, item_lead
        )
        state.people_named = tuple(
            _Actor(n.name, "person", para.index) for n in names if n.kind == "person"
        )
        for span in names:
            if span.kind == "org":
                state.orgs_named = [a for a in state.orgs_named if a.name != span.name]
                state.orgs_named.insert(0, _Actor(span.name, "org", para.index))
        del state.orgs_named[24:]
        if state.item_people is not None:
            state.item_people[:0] = reversed(state.people_named)
        state.human = subject.kind == "other" and subject.head in HUMAN_NOUNS
        # A `the group` this clause does not resolve to anyone stays unnamed for the paragraph.
        resolved = subject.word if subject.kind == "description" else None
        state.unresolved_heads.update(h.lower() for h in unnamed if h.lower() != resolved)
        if text.find(" and ", clause_start, clause_end) >= 0:  # the pattern needs one
            state.shared_heads.update(
                h.lower() for h in _SHARED_HEAD_RE.findall(text, clause_start, clause_end)
            )
        state.speaker_for = (
            _Actor(subject.names[0], "org", para.index)
            if subject.represented and subject.names
            else None
        )


_REFERRING_RE = re.compile(
    r"[\s\-–•*()\d.]*(?:\((?:U|C|S|SBU|LOU)[^)]{0,8}\)\s*)?(?:(?:and|but|while|yet) )?"
    r"(?:[A-Za-z][\w'’-]*,? ){0,8}?"
    r"(?:he|she|it|they|his|her|its|their|we|our|the|this|these|that|post|embassy|emboffs?|"
    r"poloffs?|econoffs?)\b",
    re.IGNORECASE,
)


def _may_refer(text: str, start: int, state: _State) -> bool:
    """Return True when a clause naming no one may still refer to a party: by a pronoun, a
    description or the post near its start, or by carrying on the clause before."""
    if state.last:
        return True
    return _REFERRING_RE.match(text, start, start + 120) is not None


def _is_marker(marker: str) -> bool:
    stripped = marker.strip()
    return bool(stripped) and (stripped[0] in "-•*(" or stripped[0].isdigit())


def _header_party(text: str, start: int, end: int, spans: list[Span]) -> str | None:
    """Return the party an entry's header names (`Raices (Roots):` at its start), or None."""
    head = start
    if text.startswith(("The ", "THE "), head):
        head += 4
    for span in spans:
        if span.start > head + 1:
            return None
        if span.start >= start and span.start <= head + 1:
            return (
                span.name if _HEADER_END_RE.match(text, span.end, min(end + 1, len(text))) else None
            )
    return None


def _attribute(
    ctx: Context,
    para: Para,
    state: _State,
    bounds: tuple[int, int],
    subject: Subject,
    names: list[Span],
    entry_party: str | None,
    lead: tuple[tuple[_Actor, ...], bool] | None,
) -> None:
    start, end = bounds
    actors: tuple[_Actor, ...] = ()
    rule: str = subject.kind
    speech = subject.speech
    number = para.index
    entry = (_Actor(entry_party, ctx.kind_of(entry_party) or "org", number),) if entry_party else ()
    if subject.kind == "named":
        actors = tuple(_Actor(n, ctx.kind_of(n) or "org", number) for n in subject.names)
    elif subject.kind in ("pronoun", "description"):
        actors = _resolve(ctx, state, subject, entry_party, number)
        if subject.word == "we":
            rule = "post"
        elif entry and actors == entry:
            rule = "entry"
    elif subject.kind == "none" or (subject.kind == "other" and subject.bare):
        # No subject of its own (`Provides training ...`, `- Raise the profile of ...`): the
        # entry's party, else the one the list hangs from, else the clause this one continues.
        if entry:
            actors, rule = entry, "entry"
        elif lead is not None:
            actors, rule, speech = lead[0], "list_lead", lead[1]
        elif state.last and state.last_kind != "other" and _continues(para.text, start):
            actors, rule = state.last, "elided"
    elif subject.kind == "other" and entry:
        actors, rule = entry, "entry"
    if not actors and subject.kind != "named":
        # `4 victims reside in the shelter, which can house up to 15`: about the shelter of
        # the party said to run it.
        clause = para.text[start:end]
        owned = (
            _THE_FACILITY_RE.search(para.text, start, end)
            if any(word in clause for word in _FACILITY_WORDS[:5])
            else None
        )
        if owned is not None and owned.group(1).rstrip("s") in state.facilities:
            actors, rule = (state.facilities[owned.group(1).rstrip("s")],), "facility"
    if subject.owned is not None and actors:
        # `Rubio's organization`, `his own group`: the body the person leads, or no one.
        actors = _organization_of(ctx, actors[0].name, number)
        rule = "possessive"
    reporter = subject.reporter
    actor_names = tuple(dict.fromkeys(a.name for a in actors))
    # What a speaker says was given is the speaker's claim, not a gift this clause records.
    gift = (
        NO_GIFT
        if speech
        else read_gift(
            para.text,
            start,
            end,
            names,
            actor_names,
            subject.end if subject.end is not None else start,
            ctx.ngos(),
        )
    )
    if actors or reporter or gift.recipients or gift.givers:
        ctx.attributions.append(
            Attribution(
                para.number,
                start,
                end,
                actor_names,
                speech,
                reporter,
                gift.recipients,
                gift.givers,
                rule,
                para.label,
            )
        )
    if not actors and reporter:
        # `According to the NGO X, seven of ten ... This NGO also reports`: X spoke last.
        state.acted(tuple(_Actor(n, ctx.kind_of(n) or "org", number) for n in reporter), "tag")
    elif actors and rule != "list_lead":
        state.acted(actors, "tag" if subject.tagged else "speech" if speech else "act")
        if not speech and actors[0].kind == "org":
            lowered = para.lowered[start:end] if para.ascii else para.text[start:end].lower()
            if any(word in lowered for word in _FACILITY_WORDS):
                for word in _FACILITY_RE.findall(lowered):
                    state.facilities[word.rstrip("s")] = actors[0]
    else:
        # An item hanging from `X recounted:` tells of others: `she` in it is not X.
        state.forget()


def _gender(ctx: Context, person: str) -> str | None:
    """Return `m` or `f` when the cable or the person's given name tells, else None."""
    said = ctx.gender_of(person)
    if said is not None:
        return said
    return gender_of(person.split()[0]) if " " in person else None


def _organization_of(ctx: Context, person: str, paragraph: int) -> tuple[_Actor, ...]:
    """Return the organization `person` holds a title in (a leading one first), if any."""
    held = [r for r in ctx.roles if r.person == person and r.organization]
    held.sort(key=lambda r: not r.leadership)
    if not held or held[0].organization is None:
        return ()
    return (_Actor(held[0].organization, "org", paragraph),)


def _continues(text: str, start: int) -> bool:
    """Return True when a clause carries on the one before it (`, and trained ...`)."""
    before = text[max(0, start - 6) : start]
    return before.rstrip().endswith((",", ";")) or before.endswith(("and ", "but "))


def _resolve(
    ctx: Context,
    state: _State,
    subject: Subject,
    entry_party: str | None,
    paragraph: int,
) -> tuple[_Actor, ...]:
    word = subject.word or ""
    if word == "we":
        origin = ctx.cable.origin
        return (_Actor(origin, "org", paragraph),) if origin else ()
    recent = [a for a in state.recent if paragraph - a.paragraph <= _WINDOW]
    if word in ("he", "she", "his", "her"):
        if entry_party is not None and ctx.kind_of(entry_party) == "person":
            return (_Actor(entry_party, "person", paragraph),)
        if state.human:
            return ()  # `the girl learned ... She now plans`: no one named
        if state.speaker_for is not None:
            return (state.speaker_for,)  # `INL Officer raised ..., but he ...`
        gender = "f" if word in ("she", "her") else "m"
        earlier = (
            state.item_people
            if state.item_people is not None
            else [a for a in recent if a.kind == "person" and paragraph - a.paragraph <= 1]
        )
        candidates = [
            *(a for a in state.last if a.kind == "person"),
            *state.people_named,
            *earlier,
        ]
        for actor in candidates:
            if _gender(ctx, actor.name) in (None, gender):
                return (actor,)
        return ()
    if word in ("it", "its", "they", "their"):
        if entry_party is not None and ctx.kind_of(entry_party) == "org":
            return (_Actor(entry_party, "org", paragraph),)
        # Only a party that acted in the clause just before: `it` after a clause about a law or
        # a campaign is that law or campaign, which no rule here can name. Nor after words a
        # speech tag reports (`Sebastian, he said, was specific about the Commission's work:
        # It will ...`): their subject is not the speaker.
        if state.last_kind == "tag":
            return ()
        orgs = tuple(a for a in state.last if a.kind == "org")
        if word in ("it", "its"):
            return orgs[:1] if len(orgs) == 1 else ()
        return orgs
    if word in DESCRIPTION_HEADS:
        found = _description(ctx, state, word, recent, entry_party)
        if found or word not in FACILITY_HEADS:
            return found
    if word in FACILITY_HEADS and word in state.facilities:
        # `The shelter can house up to 15 victims`: the shelter of the party that runs it.
        return (state.facilities[word],)
    return ()


def _description(
    ctx: Context,
    state: _State,
    head: str,
    recent: list[_Actor],
    entry_party: str | None,
) -> tuple[_Actor, ...]:
    """Resolve `the NGO`, `the Ministry`, `the firm`: the latest body named whose name has the
    head word, else the list entry's party, else the one that acted just before when its kind
    fits the word, unless the paragraph spoke of such a body before without naming it."""
    singular = head[:-1] if head.endswith("s") and head not in ("ngos", "press") else head
    if singular in state.shared_heads:
        # The paragraph spoke of two such bodies: only the one acting just before is sure.
        last = [a for a in state.last if a.kind == "org"]
        sure = len(last) == 1 and singular in last[0].name.lower().replace("-", " ").split()
        return (last[0],) if sure else ()
    named = [
        a for a in state.orgs_named if a.paragraph >= (recent[0].paragraph - 1 if recent else 0)
    ]
    candidates = [a for a in recent if a.kind == "org"] + named
    for actor in candidates:
        if singular in actor.name.lower().replace("-", " ").split():
            return (actor,)
    if (
        entry_party is not None
        and ctx.kind_of(entry_party) == "org"
        and _fits(ctx, entry_party, head)
    ):
        return (_Actor(entry_party, "org", recent[0].paragraph if recent else 0),)
    if state.unresolved_heads and singular in state.unresolved_heads:
        # `the formation of the group ... The group is willing to meet`: the paragraph already
        # spoke of a group no name names; a later `the group` is that one.
        return ()
    last = [a for a in state.last if a.kind == "org"]
    # A plural (`Regional NGOs met the trains`) means other bodies than the one that acted
    # just before; it may mean several that acted together (`X and Y trained ... The NGOs`).
    if head.endswith("s") and head not in ("press", "embassy"):
        fit = len(last) >= 2 and all(_fits(ctx, a.name, head) for a in last)
        return tuple(last) if fit else ()
    if len(last) == 1 and _fits(ctx, last[0].name, head):
        return (last[0],)
    # `Alonso indicated that PC will also conduct a study. The NGO is working on a report`:
    # the body of that kind that acted last, in this paragraph or the one before.
    near = [a for a in recent if a.kind == "org" and recent[0].paragraph - a.paragraph <= 1]
    for actor in near:
        if ctx.org_kind(actor.name) is not None and _fits(ctx, actor.name, head):
            return (actor,)
    if len({a.name for a in near}) == 1 and ctx.org_kind(near[0].name) is None:
        # The only body acting there, of no kind the cable states: `the firm` is that one.
        return (near[0],) if head in _HEAD_FITS and head not in ("ministry", "embassy") else ()
    if head == "embassy" and ctx.cable.origin:
        # `the Embassy` with no other embassy named is the post that wrote the cable.
        return (_Actor(ctx.cable.origin, "org", recent[0].paragraph if recent else 0),)
    return ()


_HEAD_FITS: dict[str, tuple[str | None, ...]] = {
    "ngo": ("ngo", None),
    "ngos": ("ngo", None),
    "organization": ("ngo", "igo", "armed", "union", None),
    "organisation": ("ngo", "igo", "armed", "union", None),
    "group": ("ngo", "party", "company", "armed", None),
    "movement": ("ngo", "party", "armed", None),
    "foundation": ("ngo", None),
    "association": ("ngo", None),
    "network": ("ngo", None),
    "coalition": ("ngo", "party", None),
    "company": ("company",),
    "firm": ("company",),
    "corporation": ("company",),
    "party": ("party",),
    "ministry": ("government",),
    "agency": ("government", "igo"),
    "embassy": ("mission",),
}
"""The kinds of body a description's head word may stand for (None: a body of no known kind)."""


def _fits(ctx: Context, name: str, head: str) -> bool:
    allowed = _HEAD_FITS.get(head)
    return allowed is not None and ctx.org_kind(name) in allowed
