"""Summarize what the cables say of one NGO into an NgoProfile."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from briefgen.extract import Funding
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
    marked_paragraph,
    sentences_about,
)
from briefgen.summarize.funding import funding_rows, funding_total
from briefgen.summarize.meta import briefing_meta, cited_only
from briefgen.summarize.records import Cite, FundingRow, KeyFact, NgoProfile, Person, Statement

# Sections of a profile, each a named rule over a sentence; the first that matches wins.
_SECTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "facilities",
        re.compile(
            r"\b(?:shelter|hotline|bedrooms?|house up to|social worker|"
            r"psychologist|premises|cent(?:er|re) for)\b",
            re.I,
        ),
    ),
    ("networks", re.compile(r"\b(?:network|member of|partner|coalition|participate in)\w*", re.I)),
    (
        "assessment",
        re.compile(
            r"\b(?:prais\w*|influence|effective|experienced|respected|"
            r"success\w*|according to|oldest|credib\w*|force behind)\b",
            re.I,
        ),
    ),
    (
        "programs",
        re.compile(
            r"\b(?:train\w*|campaign|play|performances?|seminar|workshop|"
            r"program\w*|project|roundtable|lecture|conference|book)\b",
            re.I,
        ),
    ),
)
MAX_CABLES = 20
"""The most cables a profile reads: those that mention the NGO most (a profile is four pages)."""

_NOISE = re.compile(r"\b(?:septel|will report)\b", re.I)
_SPAN = re.compile(r"[Ff]rom ((?:19|20)\d\d) (?:to|until|through) ((?:19|20)\d\d)\b")
_THIS_YEAR = re.compile(r"\bthis year\b", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_CAPACITY = re.compile(r"\b(?:house up to|capacity of|capacity for|up to|beds? for)\b", re.I)


def ngo_profile(
    corpus: Corpus, stored: Facts, name: str, *, include_personal: bool = False
) -> NgoProfile:
    """Return the profile of the NGO `name` means (forgiving case, articles and small typos).

    Raises NotFoundError (with the closest names) or AmbiguousNameError (with the candidates).
    """
    org = stored.entity(name, "org", max_cables=MAX_CABLES)
    leaders = _leaders(org.name, org.roles)
    names = {org.name} | {p.name for p in leaders}
    cable_ids = set(org.cables)
    for leader in leaders:
        cable_ids.update(stored.entity(leader.name, "person", max_cables=MAX_CABLES // 4).cables)
    evidence = load_evidence(corpus, stored, cable_ids)
    about = [
        (s, role)
        for cable in evidence.cables
        for s, role in sentences_about(cable, evidence.facts_of(cable.id), names)
        if include_personal or not s.personal
    ]
    # Cables that only mention a leader in passing still count; cables that don't mention the
    # NGO or its leaders at all (references, say) never reach the profile.
    used = [c for c in evidence.cables if any(s.cite.cable_id == c.id for s, _ in about)]
    acronym = org.acronym
    fundings = [
        f
        for cid in (c.id for c in used)
        for f in evidence.facts_of(cid).fundings
        if f.recipient in names and f.funder not in names
    ]
    rows = _name_networks(
        funding_rows(fundings, evidence, org.name), _networks(evidence, used, org.name)
    )
    money_sentences = {f.source.sentence for f in _other_money(evidence, names)}
    sections: dict[str, list[Statement]] = {key: [] for key, _ in _SECTION_RULES}
    timeline: list[Statement] = []
    statements: list[Statement] = []
    for sentence, role in about:
        if sentence.text in money_sentences or _NOISE.search(sentence.text):
            continue  # Money given to someone else must never read as theirs.
        if role == "says":
            statements.append(Statement(sentence.text, (sentence.cite,)))
            continue
        if role != "acts":
            continue  # named while another party acts: not a fact of its own
        year = _year_of(sentence, evidence)
        if year:
            timeline.append(Statement(sentence.text, (sentence.cite,), year))
            continue
        for key, rule in _SECTION_RULES:
            if rule.search(sentence.text):
                sections[key].append(Statement(sentence.text, (sentence.cite,)))
                break
        else:
            sections["programs"].append(Statement(sentence.text, (sentence.cite,)))
    sections["assessment"].extend(_comments(evidence, used, names))
    direct = {s.text for s, role in about if role == "acts"}
    networks = _networks(evidence, used, org.name)
    location = _location(evidence, used, names)
    active = _active_since(evidence, used, names)
    capacity = _capacity([s for s, role in about if role == "acts"])
    total = funding_total(fundings)
    kind = _org_kind(evidence, used, names)
    key_facts = _key_facts(leaders, location, active, networks, capacity, total, rows, kind)
    subject = org.name
    meta = briefing_meta(
        kind="ngo-profile",
        title=f"{org.name}: NGO profile",
        subtitle=_subtitle(acronym, location, len(used), org.total_cables, kind),
        subject=subject,
        cables=used,
        summary_lines=tuple(f"{k.label}: {k.value}" for k in key_facts),
        include_personal=include_personal,
    )
    return cited_only(
        NgoProfile(
            meta=meta,
            name=org.name,
            acronym=acronym,
            aliases=tuple(a for a in org.aliases if a != acronym),
            location=location[0] if location else None,
            leaders=tuple(leaders),
            active_since=active,
            key_facts=key_facts,
            timeline=tuple(sorted(timeline, key=lambda s: (s.date or "", str(s.cites[0])))),
            funding=rows,
            funding_total=total,
            networks=_pick(
                sections["networks"] + [s for s, _ in networks], direct, _CAPS["networks"]
            ),
            facilities=_pick(sections["facilities"], direct, _CAPS["facilities"]),
            programs=_pick(sections["programs"], direct, _CAPS["programs"]),
            assessment=_pick(sections["assessment"], direct, _CAPS["assessment"]),
            statements=_pick(statements, direct, _CAPS["statements"]),
            kind=KIND_LABELS.get(kind or "", None),
        )
    )


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
        if event.source.paragraph == sentence.cite.paragraph and event.source.sentence in (
            sentence.text,
        ):
            return event.date
    return _cable_year(sentence, evidence) if this_year else None


def _cable_year(sentence: Sentence, evidence: Evidence) -> str | None:
    cable = next(c for c in evidence.cables if c.id == sentence.cite.cable_id)
    return str(cable.created.year) if cable.created else None


def _other_money(evidence: Evidence, names: set[str]) -> Iterable[Funding]:
    for facts in evidence.facts.values():
        for funding in facts.fundings:
            if funding.recipient not in names and funding.amount:
                yield funding


def _networks(
    evidence: Evidence, used: Iterable[Cable], org_name: str
) -> list[tuple[Statement, str]]:
    found: dict[str, tuple[Statement, str]] = {}
    for cable in used:
        facts = evidence.facts_of(cable.id)
        for relation in facts.relations:
            if relation.kind == "member_of" and relation.object == org_name:
                member = relation.subject
                ent = facts.entity(member)
                cite = Cite.of(relation.source)
                text = f"Network member: {member}."
                found.setdefault("member:" + member, (Statement(text, (cite,)), ""))
                continue
            if relation.kind in ("member_of", "partner_of") and relation.subject == org_name:
                other = relation.object or ""
                ent = facts.entity(other)
                short = ent.acronym if ent and ent.acronym else other
                full = f"{other} ({ent.acronym})" if ent and ent.acronym else other
                text = f"Member of {full}." if relation.kind == "member_of" else f"Partner: {full}."
                cite = Cite.of(relation.source)
                found.setdefault(other, (Statement(text, (cite,)), short))
    return list(found.values())


def _comments(evidence: Evidence, used: Iterable[Cable], names: set[str]) -> list[Statement]:
    """Return the COMMENT of each cable centred on the NGO: the post's own assessment."""
    out = []
    for cable in used:
        lead = " ".join(filter(None, [cable.subject, cable.summary]))
        facts = evidence.facts_of(cable.id)
        central = any(
            m.name in names and m.paragraph == marked_paragraph(cable, "SUMMARY")
            for m in facts.mentions
        ) or any(n.lower() in lead.lower() for n in names)
        if not central or not cable.comment:
            continue
        number = marked_paragraph(cable, "COMMENT")
        text = clean_sentence(cable.comment)
        out.append(Statement(f"Post comment: {text}", (Cite(cable.id, number),)))
    return out


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


def _org_kind(evidence: Evidence, used: Iterable[Cable], names: set[str]) -> str | None:
    """Return the kind most cables give the organization (`ngo`, `igo`...), or None."""
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
            ):
                cite = Cite.of(relation.source)
                candidate = Statement(
                    clean_sentence(relation.source.sentence), (cite,), str(relation.year)
                )
                if best is None or (candidate.date or "") < (best.date or ""):
                    best = candidate
    return best


def _capacity(about: list[Sentence]) -> tuple[str, Cite] | None:
    for sentence in about:
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
    leaders: list[Person],
    location: tuple[str, Cite] | None,
    active: Statement | None,
    networks: list[tuple[Statement, str]],
    capacity: tuple[str, Cite] | None,
    total: str | None,
    rows: tuple[FundingRow, ...],
    kind: str | None,
) -> tuple[KeyFact, ...]:
    facts: list[KeyFact] = []
    if kind:
        facts.append(KeyFact("Type", KIND_LABELS[kind].capitalize(), ()))
    for leader in leaders[:2]:
        facts.append(KeyFact("Leader", f"{leader.name}, {leader.title}", (leader.cite,)))
    if location:
        facts.append(KeyFact("Based in", location[0], (location[1],)))
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
    grants = len(rows)
    if total:
        facts.append(KeyFact("Known funding", f"{total} stated in {grants} grant(s)", ()))
    elif grants:
        facts.append(KeyFact("Known funding", f"{grants} grant(s) reported; no amounts stated", ()))
    return tuple(facts)


def _subtitle(
    acronym: str | None,
    location: tuple[str, Cite] | None,
    cables: int,
    total: int,
    kind: str | None,
) -> str:
    parts = [
        f"also known as {acronym}" if acronym else "",
        f"based in {location[0]}" if location else "",
    ]
    lead = ", ".join(p for p in parts if p)
    drawn = f"drawn from {cables} cable{'s' if cables != 1 else ''}"
    if total > MAX_CABLES:
        drawn += f", those that say most of it, of {total:,} that mention it"
    label = KIND_LABELS[kind].capitalize() if kind else "Organization"
    return f"{label}, {lead}; {drawn}" if lead else f"{label}; {drawn}"


_CAPS = {"networks": 6, "facilities": 5, "programs": 8, "assessment": 5, "statements": 6}
"""How many statements each section keeps: a profile is read in two to four pages."""


def _pick(statements: list[Statement], direct: set[str], cap: int) -> tuple[Statement, ...]:
    """Return at most `cap` statements in their order, those naming the NGO or leader first."""
    unique = _dedupe(statements)
    ranked = sorted(range(len(unique)), key=lambda i: (unique[i].text not in direct, i))
    keep = sorted(ranked[:cap])
    return tuple(unique[i] for i in keep)


def _dedupe(statements: list[Statement]) -> list[Statement]:
    seen: set[str] = set()
    out = []
    for statement in statements:
        if statement.text not in seen:
            seen.add(statement.text)
            out.append(statement)
    return out
