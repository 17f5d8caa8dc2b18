"""Summarize what the cables say of one NGO into an NgoProfile."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from briefgen.extract import CableFacts
from briefgen.extract.kinds import KIND_LABELS
from briefgen.extract.records import Role
from briefgen.facts import Facts
from briefgen.models import Cable
from briefgen.store import Corpus
from briefgen.summarize.evidence import (
    Evidence,
    Sentence,
    clean_sentence,
    load_evidence,
    paragraph_sentences,
    sentences_about,
)
from briefgen.summarize.funding import funding_rows, funding_total
from briefgen.summarize.meta import briefing_meta, cited_only
from briefgen.summarize.ngo_sections import (
    Placed,
    allocate,
    best_activity,
    legal_concerns,
    route,
)
from briefgen.summarize.records import Cite, FundingRow, KeyFact, NgoProfile, Person, Statement
from briefgen.summarize.synthesis import identity, join, leadership, quoted

MAX_CABLES = 20
"""The most cables a profile reads: those that mention the NGO most (a profile is four pages)."""

_SPAN = re.compile(r"[Ff]rom ((?:19|20)\d\d) (?:to|until|through) ((?:19|20)\d\d)\b")
_THIS_YEAR = re.compile(r"\bthis year\b", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_RECEIVES = re.compile(
    r"\b(?:receiv\w*|\w+-(?:funded|financed|sponsored|supported)|funded by|financed by|"
    r"sponsored by|supported by|funding (?:comes )?from|"
    r"grants? from|with (?:funding|funds|a grant|support) from|funds? from|budget|allocat\w*|"
    r"comes from)\b",
    re.I,
)
_ENDED = re.compile(
    r"(?:closed|banned|suspended|frozen|shut|dissolved|inactive|dormant|outlawed|disbanded|"
    r"liquidated|halted|stopped|detained|jailed|imprisoned|barred)\b",
    re.I,
)
"""`its office has been closed since 2005`: since when it stopped, not since when it acts."""
_OTHER_RECIPIENT = re.compile(r"\s+(?:received\s+)?(?:by|to)\s+(?!(?:it|its|them|us)\b)", re.I)
"""After `allocation` or `received`: the party that receives is named next, not the subject."""
_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
    r"thousands?)\b(?! (?:19|20)\d\d)"
)
_MASK = re.compile(r"[XxХх]{3,}(?:[\s/-]+[XxХх]{3,})*")
"""A redaction mask (`XXXXXXXXXXXX`, in Latin or Cyrillic letters)."""
_CAPS = {
    "legal_status": 4,
    "assessment": 5,
    "funding": 6,
    "statements": 6,
    "facilities": 5,
    "networks": 6,
    "programs": 12,
    "also_reported": 6,
}
"""The most statements each section keeps."""
_ORDER = (
    "legal_status",
    "funding",
    "programs",
    "assessment",
    "facilities",
    "networks",
    "statements",
    "also_reported",
)
"""The sections in the order they are given room when a profile must be cut."""
_BUDGET = 6000
"""The most characters of cited sentences a profile holds besides its synthesis, key facts
and timeline (fewer for fewer cables): with them, two to four pages."""


def ngo_profile(
    corpus: Corpus, stored: Facts, name: str, *, include_personal: bool = False
) -> NgoProfile:
    """Return the profile of the NGO `name` means (forgiving case, articles and small typos).

    Raises NotFoundError (with the closest names) or AmbiguousNameError (with the candidates).
    """
    org = stored.entity(name, "org", max_cables=MAX_CABLES)
    leaders = _leaders(org.name, org.roles)
    cable_ids = set(org.cables)
    for leader in leaders:
        cable_ids.update(stored.entity(leader.name, "person", max_cables=MAX_CABLES // 4).cables)
    evidence = load_evidence(corpus, stored, cable_ids)
    forms = {org.name, *org.aliases}
    leader_names = {p.name for p in leaders}
    placed: list[Placed] = []
    names_by_cable: dict[str, set[str]] = {}
    for cable in evidence.cables:
        facts = evidence.facts_of(cable.id)
        names = _names_in(facts, forms) | leader_names
        names_by_cable[cable.id] = names
        foreign = _foreign_blocks(cable, facts, names)
        for sentence, role in sentences_about(cable, facts, names):
            if sentence in foreign:
                continue
            if include_personal or not sentence.personal:
                placed.append(_place(cable, facts, names, leader_names, sentence, role))
    # Cables that only mention a leader in passing still count; cables that don't mention the
    # NGO or its leaders at all (references, say) never reach the profile.
    used = [c for c in evidence.cables if any(p.sentence.cite.cable_id == c.id for p in placed)]
    sections = route(placed)
    all_names = set().union(*names_by_cable.values()) if names_by_cable else {org.name}
    fundings = [
        f
        for cable in used
        for f in evidence.facts_of(cable.id).fundings
        if f.recipient in names_by_cable[cable.id] and f.funder not in names_by_cable[cable.id]
    ]
    networks = _networks(evidence, used, all_names)
    rows = tuple(
        # A funder the cable withholds (`funding for the shelter from XXXXXXXXXXXX`) is named by
        # no one: the row stays, its funder is not stated.
        replace(row, funder="not stated") if _MASK.fullmatch(row.funder) else row
        for row in _name_networks(funding_rows(fundings, evidence, org.name), networks)
    )
    timeline = _take_dated(sections, evidence)
    active = _active_since(evidence, used, all_names)
    if active is not None and not any(s.text == active.text for s in timeline):
        timeline.append(active)
    in_timeline = {s.text for s in timeline}
    sections["also_reported"] = [
        p for p in sections["also_reported"] if p.sentence.text not in in_timeline
    ]
    location = _location(evidence, used, all_names)
    kind = _org_kind(evidence, used, all_names)
    kind_cite = _kind_cite(evidence, used, all_names, kind)
    first_cite = kind_cite or (placed[0].sentence.cite if placed else None)
    budget = min(_BUDGET, 2500 + 1500 * len(used))
    kept = allocate(sections, _ORDER, _CAPS, budget)
    statements = {key: _statements(kept.get(key, items)) for key, items in sections.items()}
    last_contact = _last_contact(sections["last_contact"], evidence)
    doing = best_activity(
        [*sections["programs"], *sections["facilities"], *sections["networks"]], org.name
    )
    total = funding_total(fundings)
    capacity = _capacity(sections["facilities"])
    key_facts = _key_facts(
        kind=(
            (KIND_LABELS[kind].capitalize() + ("" if kind_cite else " (by its name)"), first_cite)
            if kind and first_cite
            else None
        ),
        leaders=leaders,
        location=location,
        legal=statements["legal_status"][:1],
        active=active,
        networks=networks,
        capacity=capacity,
        total=total,
        rows=rows,
        funding=statements["funding"],
        last_contact=last_contact,
    )
    label = KIND_LABELS.get(kind or "", None)
    synthesis = join(
        [
            # A kind read from the name alone (`... Foundation`) is not stated as a fact here.
            identity(
                org.name,
                org.acronym,
                (label, kind_cite) if label and kind_cite else None,
                location,
            ),
            leadership(org.name, leaders),
            quoted(_statement(doing), org.name),
            _funding_sentence(org.name, rows, total)
            or quoted(_first(statements["funding"]), org.name),
            quoted(_first(statements["assessment"]), org.name),
        ],
        fillers=(
            # A body the cables only mention (a think tank whose experts talk to the post)
            # still opens with what its people said and what is said of it.
            quoted(s, org.name)
            for s in [
                *statements["programs"],
                *statements["facilities"],
                *timeline,
                *statements["statements"],
                *statements["also_reported"],
            ]
        ),
    )
    meta = briefing_meta(
        kind="ngo-profile",
        title=f"{org.name}: NGO profile" if kind in (None, "ngo") else f"{org.name}: profile",
        subtitle=_subtitle(org.acronym, location, org.total_cables, kind),
        subject=org.name,
        cables=used,
        summary_lines=tuple(f"{k.label}: {k.value}" for k in key_facts),
        include_personal=include_personal,
    )
    return cited_only(
        NgoProfile(
            meta=meta,
            name=org.name,
            acronym=org.acronym,
            aliases=tuple(a for a in org.aliases if a != org.acronym),
            location=location[0] if location else None,
            leaders=tuple(leaders),
            active_since=active,
            key_facts=key_facts,
            timeline=tuple(sorted(timeline, key=lambda s: (s.date or "", str(s.cites[0]))))[:10],
            funding=rows,
            funding_total=total,
            networks=_cap(statements["networks"], "networks"),
            facilities=_cap(statements["facilities"], "facilities"),
            programs=_cap(statements["programs"], "programs"),
            assessment=_cap(statements["assessment"], "assessment"),
            statements=_cap(statements["statements"], "statements"),
            kind=label,
            synthesis=synthesis,
            legal_status=_cap(statements["legal_status"], "legal_status"),
            funding_statements=_cap(statements["funding"], "funding"),
            last_contact=last_contact,
            also_reported=_cap(statements["also_reported"], "also_reported"),
            not_stated=_not_stated(kind, location, leaders, rows, statements),
        )
    )


def _foreign_blocks(cable: Cable, facts: CableFacts, names: set[str]) -> set[Sentence]:
    """Return the sentences of blocks that share their paragraph number with another block
    (`6. Terrorist Financing Issues` then three `USG Concern:` entries) and never name the
    organization: facts are keyed by paragraph number and offset, so such a block would take
    the facts of its sibling that does name it (another NGO's entry given to this one)."""
    counts = Counter(p.number for p in cable.paragraphs if p.number is not None)
    shared = {number for number, count in counts.items() if count > 1}
    if not shared:
        return set()
    mentions = [m for m in facts.mentions if m.paragraph in shared and m.name in names]
    foreign: set[Sentence] = set()
    for para in cable.paragraphs:
        if para.number not in shared:
            continue
        if any(
            m.paragraph == para.number and para.text[m.start : m.end] == m.text for m in mentions
        ):
            continue
        foreign.update(paragraph_sentences(cable.id, para))
    return foreign


def _names_in(facts: CableFacts, forms: set[str]) -> set[str]:
    """Return the canonical names a cable gives the organization (`Cuba en Transicion` where
    another cable says `Cuba in Transition`)."""
    found = set()
    for entity in facts.entities:
        if entity.kind == "org" and ({entity.name, *entity.aliases} & forms):
            found.add(entity.name)
    return found or set(forms)


def _place(
    cable: Cable,
    facts: CableFacts,
    names: set[str],
    leaders: set[str],
    sentence: Sentence,
    role: str,
) -> Placed:
    """Return the sentence with what routes it: its role, whether the post acts in it, whether
    it is the cable's COMMENT, and whether the organization receives money in it."""
    origin = cable.origin or ""
    post = post_says = receives = others_say = False
    for attribution in facts.attributions:
        if (attribution.paragraph, attribution.label) != (
            sentence.cite.paragraph,
            sentence.cite.label,
        ):
            continue  # 18A and 18B share the number 18: the label tells them apart
        if not sentence.start <= attribution.start < sentence.end:
            continue
        if origin and origin in attribution.actors:
            post = True
            post_says = post_says or attribution.speech
        elif attribution.speech and attribution.actors and not names & set(attribution.actors):
            others_say = True
        receives = receives or bool(names.intersection(attribution.recipients))
    comment = bool(cable.comment) and _normal(sentence.text) in _normal(cable.comment or "")
    if role == "acts" and not receives and _receives_itself(sentence.text):
        receives = True
    by_leader = role != "named" and not _acts_in(facts, sentence, names - leaders)
    figures = bool(_NUMBER.search(sentence.text))
    forms = set(names) | {
        m.text for m in facts.mentions if m.name in names and m.paragraph == sentence.cite.paragraph
    }
    return Placed(
        sentence,
        role,
        post,
        comment,
        receives=receives,
        by_leader=by_leader,
        post_says=post_says,
        figures=figures,
        others_say=others_say,
        legal=legal_concerns(sentence.text, forms, role == "acts"),
    )


def _receives_itself(text: str) -> bool:
    """Return True when a word of receiving money in `text` is not followed by another party
    that receives it (`criticized the security allocation received by the states`)."""
    for match in _RECEIVES.finditer(text):
        if match.group(0).lower().startswith(("receiv", "allocat")) and _OTHER_RECIPIENT.match(
            text, match.end()
        ):
            continue
        return True
    return False


def _acts_in(facts: CableFacts, sentence: Sentence, names: set[str]) -> bool:
    """Return True when one of `names` acts, speaks or receives in the sentence."""
    return any(
        (a.paragraph, a.label) == (sentence.cite.paragraph, sentence.cite.label)
        and sentence.start <= a.start < sentence.end
        and bool(names.intersection(a.actors) or names.intersection(a.recipients))
        for a in facts.attributions
    )


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def _statements(items: list[Placed]) -> list[Statement]:
    return [s for s in (_statement(p) for p in items) if s is not None]


def _statement(item: Placed | None) -> Statement | None:
    if item is None:
        return None
    return Statement(item.sentence.text, tuple(dict.fromkeys((item.sentence.cite, *item.also))))


def _text(item: Placed | None) -> str | None:
    return item.sentence.text if item else None


def _first(statements: list[Statement]) -> Statement | None:
    return statements[0] if statements else None


def _cap(statements: list[Statement], section: str) -> tuple[Statement, ...]:
    return tuple(statements[: _CAPS[section]])


_DATED_SECTIONS = ("programs", "facilities", "networks", "legal_status")
"""Sections whose dated sentences move to the timeline. Funding stays whole under Funding,
where a donor looks for it (its table has a year column)."""


def _take_dated(sections: dict[str, list[Placed]], evidence: Evidence) -> list[Statement]:
    """Move what the organization did in a stated year out of its sections into the timeline,
    so that each fact is told once, in order."""
    timeline: list[Statement] = []
    for name in _DATED_SECTIONS:
        rest = []
        for item in sections[name]:
            year = _year_of(item.sentence, evidence) if item.role == "acts" else None
            if year is None:
                rest.append(item)
                continue
            cites = tuple(dict.fromkeys((item.sentence.cite, *item.also)))
            timeline.append(Statement(item.sentence.text, cites, year))
        sections[name] = rest
    return timeline


def _last_contact(items: list[Placed], evidence: Evidence) -> Statement | None:
    """Return the post's latest meeting with the organization or its leaders, dated."""
    best: Statement | None = None
    for item in items:
        cable = evidence.cable(item.sentence.cite.cable_id)
        date = cable.created.date().isoformat() if cable and cable.created else None
        candidate = Statement(item.sentence.text, (item.sentence.cite,), date)
        if best is None or (candidate.date or "") > (best.date or ""):
            best = candidate
    return best


def _funding_sentence(
    name: str, rows: tuple[FundingRow, ...], total: str | None
) -> Statement | None:
    """Return `The cables name its funders: A, B (total $X).`, citing each row."""
    funders = [r.funder for r in rows if r.funder and r.funder != "not stated"]
    if not funders:
        return None
    names = list(dict.fromkeys(funders))
    text = f"The cables name {name}'s funders: {', '.join(names[:4])}"
    if total:
        text += f" (amounts stated: {total})"
    return Statement(text + ".", tuple(dict.fromkeys(r.cite for r in rows)))


def _not_stated(
    kind: str | None,
    location: tuple[str, Cite] | None,
    leaders: list[Person],
    rows: tuple[FundingRow, ...],
    statements: dict[str, list[Statement]],
) -> tuple[str, ...]:
    """Return the key facts the cables leave out, for a short `not stated` line."""
    missing = []
    if kind is None:
        missing.append("what kind of body it is")
    if location is None:
        missing.append("where it is based")
    if not leaders:
        missing.append("who leads it")
    if not rows and not statements["funding"]:
        missing.append("who funds it")
    if not statements["legal_status"]:
        missing.append("its legal status")
    return tuple(missing)


def _name_networks(
    rows: tuple[FundingRow, ...], networks: list[tuple[Statement, str]]
) -> tuple[FundingRow, ...]:
    """Name the networks a row's funder only alludes to (`all three networks`)."""
    shorts = [short for _, short in networks if short]
    if not shorts:
        return rows
    return tuple(
        replace(row, funder=f"Its networks ({', '.join(shorts)})")
        if re.search(r"\bnetworks\b", row.funder, re.I) and row.funder not in shorts
        else row
        for row in rows
    )


def _leaders(org_name: str, roles: Iterable[Role]) -> list[Person]:
    people: dict[str, Person] = {}
    for role in roles:
        if role.organization != org_name or not role.leadership:
            continue
        person = role.person
        if person in people:
            continue
        cite = Cite.of(role.source)
        people[person] = Person(person, f"{role.title}, {org_name}", cite)
    return list(people.values())


def _year_of(sentence: Sentence, evidence: Evidence) -> str | None:
    match = _YEAR.search(sentence.text)
    this_year = _THIS_YEAR.search(sentence.text)
    # What the sentence dates first counts: `participated in this year's program ... and in
    # the ... program in 2003` happened this year.
    if this_year and match and this_year.start() < match.start():
        return _cable_year(sentence, evidence)
    if match and not re.search(r"\b(?:years?|months?) ago\b", sentence.text):
        span = _SPAN.match(sentence.text, max(0, match.start() - 5))
        return f"{span.group(1)}-{span.group(2)}" if span else match.group(0)
    for event in evidence.facts_of(sentence.cite.cable_id).events:
        source = event.source
        if (source.paragraph, source.label) == (
            sentence.cite.paragraph,
            sentence.cite.label,
        ) and source.sentence in (sentence.text,):
            return event.date
    return _cable_year(sentence, evidence) if this_year else None


def _cable_year(sentence: Sentence, evidence: Evidence) -> str | None:
    cable = next(c for c in evidence.cables if c.id == sentence.cite.cable_id)
    return str(cable.created.year) if cable.created else None


def _networks(
    evidence: Evidence, used: Iterable[Cable], names: set[str]
) -> list[tuple[Statement, str]]:
    found: dict[str, tuple[Statement, str]] = {}
    for cable in used:
        facts = evidence.facts_of(cable.id)
        for relation in facts.relations:
            if relation.kind == "member_of" and relation.object in names:
                member = relation.subject
                ent = facts.entity(member)
                cite = Cite.of(relation.source)
                text = f"Network member: {member}."
                found.setdefault("member:" + member, (Statement(text, (cite,)), ""))
                continue
            if relation.kind in ("member_of", "partner_of") and relation.subject in names:
                other = relation.object or ""
                ent = facts.entity(other)
                short = ent.acronym if ent and ent.acronym else other
                full = f"{other} ({ent.acronym})" if ent and ent.acronym else other
                text = f"Member of {full}." if relation.kind == "member_of" else f"Partner: {full}."
                cite = Cite.of(relation.source)
                found.setdefault(other, (Statement(text, (cite,)), short))
    return list(found.values())


def _location(
    evidence: Evidence, used: Iterable[Cable], names: set[str]
) -> tuple[str, Cite] | None:
    """Return where the cables say it is based (`based in`, `X-based`, `its office in`)."""
    counts: Counter[str] = Counter()
    first: dict[str, Cite] = {}
    for cable in used:
        for relation in evidence.facts_of(cable.id).relations:
            if relation.kind == "based_in" and relation.subject in names and relation.object:
                counts[relation.object] += 1
                first.setdefault(relation.object, Cite.of(relation.source))
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    return name, first[name]


def _kind_cite(
    evidence: Evidence, used: Iterable[Cable], names: set[str], kind: str | None
) -> Cite | None:
    """Return where a cable says the organization is of `kind` (`X, a local NGO,`), if one does;
    a kind read from the name alone (`Ministry of ...`) is cited where the name stands."""
    for cable in used:
        for relation in evidence.facts_of(cable.id).relations:
            if relation.kind == "is_a" and relation.subject in names and relation.object == kind:
                return Cite.of(relation.source)
    return None


def _org_kind(evidence: Evidence, used: Iterable[Cable], names: set[str]) -> str | None:
    """Return the kind most cables give the organization (`ngo`, `igo`...), or None. A kind a
    cable states (`the NLD party`) wins over kinds read from the name (`League`)."""
    stated: Counter[str] = Counter(
        relation.object
        for cable in used
        for relation in evidence.facts_of(cable.id).relations
        if relation.kind == "is_a" and relation.subject in names and relation.object
    )
    if stated:
        return stated.most_common(1)[0][0]
    kinds: Counter[str] = Counter()
    for cable in used:
        for entity in evidence.facts_of(cable.id).entities:
            if entity.name in names and entity.kind == "org" and entity.org_kind:
                kinds[entity.org_kind] += 1
    return kinds.most_common(1)[0][0] if kinds else None


def _active_since(evidence: Evidence, used: Iterable[Cable], names: set[str]) -> Statement | None:
    best: Statement | None = None
    for cable in used:
        for relation in evidence.facts_of(cable.id).relations:
            if (
                relation.kind in ("began", "founded")
                and relation.subject in names
                and relation.year
                and not _ENDED.match(relation.text)
            ):
                cite = Cite.of(relation.source)
                candidate = Statement(
                    clean_sentence(relation.source.sentence), (cite,), str(relation.year)
                )
                if best is None or (candidate.date or "") < (best.date or ""):
                    best = candidate
    return best


def _capacity(items: list[Placed]) -> tuple[str, Cite] | None:
    for sentence in (p.sentence for p in items):
        if "shelter" not in sentence.text.lower():
            continue
        match = re.search(
            r"\b(?:house|accommodate|hold|shelter)s? up to (\d+) (\w+)|capacity (?:of|for) (\d+) "
            r"(\w+)|(\d+) beds\b",
            sentence.text,
            re.I,
        )
        if match:
            number = match.group(1) or match.group(3) or match.group(5)
            what = match.group(2) or match.group(4) or "beds"
            return f"up to {number} {what}", sentence.cite
    return None


def _key_facts(
    *,
    kind: tuple[str, Cite] | None,
    leaders: list[Person],
    location: tuple[str, Cite] | None,
    legal: list[Statement],
    active: Statement | None,
    networks: list[tuple[Statement, str]],
    capacity: tuple[str, Cite] | None,
    total: str | None,
    rows: tuple[FundingRow, ...],
    funding: list[Statement],
    last_contact: Statement | None,
) -> tuple[KeyFact, ...]:
    facts: list[KeyFact] = []
    if kind:
        facts.append(KeyFact("Type", kind[0], (kind[1],)))
    if location:
        facts.append(KeyFact("Based in", location[0], (location[1],)))
    for leader in leaders[:2]:
        facts.append(KeyFact("Leader", f"{leader.name}, {leader.title}", (leader.cite,)))
    if legal:
        facts.append(KeyFact("Legal status", _legal_word(legal[0].text), legal[0].cites))
    if active and active.date:
        facts.append(KeyFact("Active since", active.date, active.cites))
    if any(short for _, short in networks):
        facts.append(
            KeyFact(
                "Networks",
                ", ".join(short for _, short in networks if short),
                tuple(dict.fromkeys(c for s, _ in networks for c in s.cites)),
            )
        )
    if capacity:
        facts.append(KeyFact("Shelter capacity", capacity[0], (capacity[1],)))
    cites = tuple(dict.fromkeys(r.cite for r in rows))
    funders = list(dict.fromkeys(r.funder for r in rows if r.funder and r.funder != "not stated"))
    if total:
        facts.append(KeyFact("Known funding", f"{total} stated by the cables", cites))
    elif funders:
        facts.append(KeyFact("Funders named", ", ".join(funders[:4]), cites))
    elif funding:
        facts.append(KeyFact("Funding", "reported; amounts not stated", funding[0].cites))
    if last_contact and last_contact.date:
        facts.append(KeyFact("Last contact with the post", last_contact.date, last_contact.cites))
    return tuple(facts)


_LEGAL_WORDS = (
    ("unregistered", "unregistered"),
    ("deregist", "deregistered"),
    ("re-regist", "re-registration"),
    ("liquidat", "liquidated"),
    ("dissol", "dissolved"),
    ("banned", "banned"),
    ("suspend", "suspended"),
    ("warn", "warned by the authorities"),
    ("closed", "closed"),
    ("registered", "registered"),
    ("registration", "registration"),
    ("licen", "licensing"),
    ("designated", "designated a terrorist entity"),
)


_LEGAL_ANY = re.compile(
    r"\b(?:shut down|closed down|raided|outlawed|banned|suspended|warned|dissolved|"
    r"liquidated)\b",
    re.I,
)


def _legal_word(text: str) -> str:
    """Return the legal status a sentence tells in a word or two (`registered`, `warned`)."""
    lowered = text.lower()
    for stem, word in _LEGAL_WORDS:
        if stem in lowered:
            return word
    match = _LEGAL_ANY.search(text)
    return match.group(0).lower() if match else "see Legal status"


def _subtitle(
    acronym: str | None, location: tuple[str, Cite] | None, total: int, kind: str | None
) -> str:
    parts = [
        f"also known as {acronym}" if acronym else "",
        f"based in {location[0]}" if location else "",
    ]
    if total > MAX_CABLES:
        parts.append(f"drawn from the {MAX_CABLES} of {total:,} cables that say most of it")
    label = KIND_LABELS[kind].capitalize() if kind else "Organization"
    return ", ".join([label, *(p for p in parts if p)])
