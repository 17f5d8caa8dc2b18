"""Summarize what the cables say of one program, campaign, play or grant into a ProgramSheet.

The program is found by program_lookup (the user's words to the cables' words), its money by
program_grants, its slots and opening synthesis by program_synthesis; this module sorts its
sentences into the sheet's sections and assembles the sheet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from briefgen.errors import InvalidArgumentError
from briefgen.extract import Figure
from briefgen.facts import Facts
from briefgen.models import Cable
from briefgen.store import Corpus
from briefgen.summarize.evidence import Evidence, Sentence
from briefgen.summarize.figures import (
    comparison_chart,
    key_figures,
    paragraph_places,
    place_of,
    series_charts,
    statistics_paragraphs,
)
from briefgen.summarize.meta import briefing_meta, cited_only
from briefgen.summarize.privacy import safe_speaker
from briefgen.summarize.program_grants import Total, program_grants
from briefgen.summarize.program_lookup import ProgramMatch, find_program
from briefgen.summarize.program_passages import names_program
from briefgen.summarize.program_sections import (
    readable,
    room_left,
    section_of,
    sort_sentences,
    within_budget,
)
from briefgen.summarize.program_synthesis import (
    Slots,
    implementers,
    is_event,
    participants,
    places,
    synthesis,
    what_it_is,
    when,
)
from briefgen.summarize.records import Cite, Grant, KeyFact, ProgramSheet, Quote, Statement

MAX_QUOTES = 3
QUOTE_WORDS = 25
"""A quotation longer than this is cut at a sentence end (`…`)."""
KEY_FIGURES = 5
EVENT_DAYS = 31
"""The most days a program dated by the sentence naming it may span to be told as an event."""
MAX_RECOMMENDATIONS = 3


def program_sheet(
    corpus: Corpus,
    stored: Facts,
    query: str,
    *,
    cables: Sequence[str] = (),
    include_personal: bool = False,
) -> ProgramSheet:
    """Return the impact sheet of the program `query` names (its name, or words naming it:
    an acronym, the implementer, the kind of program, the place).

    With `cables`, only those cables are read. Raises NotFoundError (listing the closest
    passages) when no cable speaks of it, AmbiguousNameError when several programs of one
    list match alike.
    """
    phrase = " ".join(query.split())
    if len(phrase) < 3:
        raise InvalidArgumentError("a program name or phrase needs at least three characters")
    match = find_program(corpus, stored, phrase, cables)
    evidence = match.evidence
    chosen = readable(match.sentences, include_personal)
    owns = {place for c in match.cables if c.id in match.central for place in paragraph_places(c)}
    grants, totals = program_grants(chosen, evidence, "", owns)
    grants = _not_itself(grants, match.name)
    funders = _funders(grants)
    found = _recipients(grants) + implementers(evidence, chosen, [f.value for f in funders])
    doers = tuple(
        d
        for n, d in enumerate(found)
        if d.value not in {e.value for e in found[:n]} and not _is_itself(d.value, match.name)
    )
    grants = _with_implementer(grants, doers)
    quoted = _quotations(evidence, match, {s.cite for s in chosen}, include_personal)
    quotes = [replace(q, text=_cut(q.text)) for q in quoted[:MAX_QUOTES]]
    recommendations = _recommendations(evidence, match, {s.cite for s in chosen})
    sections = sort_sentences(match.cables, match.central, chosen, quoted, recommendations)
    recommendations = recommendations[:MAX_RECOMMENDATIONS]
    stats = statistics_paragraphs(match.cables)
    told = [s for s in chosen if section_of(s, sections) not in ("", "background", "context")]
    figures = _figures(evidence, match.cables, told)
    # Statistics beside the program are context (its own section), not its figures.
    figures_panel = tuple(
        k
        for k in key_figures(
            figures, include_personal=include_personal, context=stats, limit=KEY_FIGURES
        )
        if k.label != "Statistic"
    )
    figures_panel = _distinct(figures_panel)
    own = [f for f in figures if place_of(f.source) not in stats]
    series = series_charts(own)
    chart = series[0] if series else comparison_chart(figures_panel, "Outcome", "Results reported")
    newest = max((c.created.date().isoformat() for c in match.cables if c.created), default=None)
    dated = [s for s in chosen if section_of(s, sections) not in ("background", "context")]
    doing = [s for s in chosen if section_of(s, sections) in ("activities", "reach")]
    # Where it took place: said where the sentences name it, else where it was done.
    naming = [s for s in doing if names_program(s.text, match.concepts)]
    span = when(evidence, dated or chosen, newest)
    # A training took place on its dates, and so did a program the sentence naming it dates
    # to a few days (`On January 25-26, SERNAM conducted ... programs`); the dates of a
    # project's news are not the project's.
    named = when(evidence, [s for s in dated if names_program(s.text, match.concepts)], newest)
    event = (
        is_event(match.name)
        # A cable wholly about it says what it was (`TRAFFICKING AWARENESS CAMPAIGN COMPLETED`).
        or any(is_event(c.subject or "") for c in match.cables if c.id in match.central)
        or (named is not None and named.days is not None and named.days <= EVENT_DAYS)
    )
    time = span.fact if span else None
    where = places(evidence, naming or doing or dated or chosen)
    if not event:
        # The dates and places a project's sentences give are those of its news.
        time = replace(time, label="Dates reported") if time else None
        where = replace(where, label="Places named") if where else None
    slots = Slots(
        name=match.name,
        phrase=match.phrase,
        funders=funders,
        implementers=doers,
        places=where,
        when=time,
        future=bool(span and span.future),
        event=event,
        participants=participants(evidence, chosen, include_personal),
        what=what_it_is(
            [s for s in dated if section_of(s, sections)],
            lambda text: names_program(text, match.concepts, strong=True),
        ),
    )
    described = [s for s in chosen if section_of(s, sections) != "context"]
    overview = _overview(slots, grants, totals, evidence, described)
    meta = briefing_meta(
        kind="program-impact",
        title=f"{match.name}: program impact",
        subtitle=_subtitle(match),
        subject=match.name,
        cables=match.cables,
        summary_lines=tuple(f"{k.label}: {k.value}" for k in (*overview, *figures_panel[:2])),
        include_personal=include_personal,
    )
    opening = synthesis(slots, grants, totals, sections)
    # A sentence the opening quotes is not repeated below it.
    said = {s.text for s in opening}
    room = room_left(opening, overview, figures_panel, grants, grants, quotes, recommendations)
    sections = within_budget(
        {key: [s for s in items if s.text not in said] for key, items in sections.items()},
        room - (1400 if chart else 0),
    )
    return cited_only(
        ProgramSheet(
            meta=meta,
            name=match.name,
            overview=overview,
            key_figures=figures_panel,
            chart=chart,
            funding=grants,
            activities=tuple(sections["activities"]),
            reach=tuple(sections["reach"]),
            outcomes=tuple(sections["outcomes"]),
            context=tuple(sections["context"]),
            feedback=tuple(quotes),
            recommendations=tuple(recommendations),
            synthesis=opening,
            funding_totals=tuple(str(t) for t in totals),
            background=tuple(sections["background"]),
            next_steps=tuple(sections["next_steps"]),
            reception=tuple(sections["reception"]),
            post_view=tuple(sections["post_view"]),
            other_matches=match.other_matches,
            posts=match.posts,
        )
    )


def _is_itself(party: str, name: str) -> bool:
    """Return True when `party` is the program `name` itself, by its name or its acronym
    (`EXBS` of `Export Control and Related Border Security (EXBS) Program`)."""

    def folded(text: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())

    full = folded(re.sub(r"\s*\([^)]*\)", "", name))
    acronyms = {folded(a) for a in re.findall(r"\(([^)]*)\)", name)}
    return folded(party) in ({full} | acronyms) - {""}


def _not_itself(grants: tuple[Grant, ...], name: str) -> tuple[Grant, ...]:
    """Return the grants without the program named as its own funder (`seek Millennium
    Challenge Account funding` names the program, not who pays it)."""
    kept = (replace(g, funder="") if g.funder and _is_itself(g.funder, name) else g for g in grants)
    return tuple(g for g in kept if g.funder or g.amount or g.implementer)


def _funders(grants: Sequence[Grant]) -> tuple[KeyFact, ...]:
    found: dict[str, list[Cite]] = {}
    for grant in grants:
        if grant.funder:
            found.setdefault(grant.funder, []).append(grant.cite)
    return tuple(
        KeyFact("Funded by", name, tuple(dict.fromkeys(cites))[:3]) for name, cites in found.items()
    )


def _recipients(grants: Sequence[Grant]) -> tuple[KeyFact, ...]:
    """Return the bodies the program's grants went to: its implementers."""
    return tuple(
        KeyFact("Implemented by", g.implementer, (g.cite,)) for g in grants if g.implementer
    )


def _with_implementer(grants: tuple[Grant, ...], doers: Sequence[KeyFact]) -> tuple[Grant, ...]:
    """Return the rows with the program's implementer where a row names no recipient."""
    if not doers or len(doers) > 2:
        return grants
    names = " and ".join(d.value for d in doers)
    return tuple(g if g.implementer else replace(g, implementer=names) for g in grants)


def _distinct(facts: tuple[KeyFact, ...]) -> tuple[KeyFact, ...]:
    """Return the key figures without repeats (`10 performances` and `10 performances of
    the play`)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for fact in facts:
        words = fact.value.lower().split()
        key = (words[0], words[1] if len(words) > 1 else "")
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return tuple(out)


def _figures(
    evidence: Evidence, cables: Sequence[Cable], chosen: Sequence[Sentence]
) -> list[Figure]:
    """Return the counts and percentages the program's sentences state (money is in the
    grants table)."""
    cited = {place_of(s.cite) for s in chosen}
    texts = {s.text for s in chosen}
    out: list[Figure] = []
    for cable in cables:
        for figure in evidence.facts_of(cable.id).figures:
            if figure.kind == "money":
                continue
            if place_of(figure.source) not in cited:
                continue
            said = " ".join(figure.source.sentence.split())
            if any(said[:60] in t or t[:60] in said for t in texts):
                out.append(figure)
    return out


def _quotations(
    evidence: Evidence, match: ProgramMatch, cites: set[Cite], personal: bool
) -> list[Quote]:
    """Return the quotations of the program's paragraphs, speakers made safe."""
    quotes = []
    for cable in match.cables:
        for q in evidence.facts_of(cable.id).quotations:
            if Cite.of(q.source) not in cites:
                continue
            speaker = q.speaker if personal else safe_speaker(q.speaker)
            quotes.append(Quote(speaker, q.text, Cite.of(q.source)))
    return quotes


def _cut(text: str) -> str:
    words = text.split()
    if len(words) <= QUOTE_WORDS:
        return text
    head = " ".join(words[:QUOTE_WORDS])
    end = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    return (head[: end + 1] if end > 40 else head) + " …"


def _recommendations(evidence: Evidence, match: ProgramMatch, cites: set[Cite]) -> list[Statement]:
    return [
        Statement(r.text, (Cite.of(r.source),))
        for c in match.cables
        for r in evidence.facts_of(c.id).recommendations
        if Cite.of(r.source) in cites
    ]


def _overview(
    slots: Slots,
    grants: Sequence[Grant],
    totals: Sequence[Total],
    evidence: Evidence,
    chosen: Sequence[Sentence],
) -> tuple[KeyFact, ...]:
    """Return the key facts: funders, implementers, where, when, participants, money stated
    (the program's name is the sheet's title)."""
    facts: list[KeyFact] = []
    if slots.funders:
        facts.append(_merged("Funded by", slots.funders))
    if slots.implementers:
        facts.append(_merged("Implemented by", slots.implementers))
    facts.extend(f for f in (slots.places, slots.when, slots.participants) if f is not None)
    if totals:
        cites = tuple(dict.fromkeys(g.cite for g in grants if g.amount))
        facts.append(KeyFact("Funding stated", "; ".join(str(t) for t in totals), cites[:3]))
    return tuple(facts)


def _merged(label: str, facts: Sequence[KeyFact]) -> KeyFact:
    names = [f.value for f in facts]
    cites = tuple(dict.fromkeys(c for f in facts for c in f.cites))[:4]
    return KeyFact(label, ", ".join(names), cites)


def _subtitle(match: ProgramMatch) -> str:
    count = len(match.cables)
    cables = "one cable" if count == 1 else f"{count} cables"
    if match.posts:
        return f"Drawn from {cables} of {len(match.posts)} posts: {', '.join(match.posts)}"
    post = match.cables[0].origin if match.cables and match.cables[0].origin else ""
    return f"Drawn from {cables}" + (f" of {post}" if post else "")
