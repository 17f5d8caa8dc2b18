"""Summarize the cables of one quarter into a QuarterlySummary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from briefgen.errors import NotFoundError
from briefgen.facts import Facts
from briefgen.models import Cable
from briefgen.store import CableSummary, Corpus, parse_quarter
from briefgen.summarize.developments import (
    cable_countries,
    country_lines,
    key_developments,
    what_changed,
)
from briefgen.summarize.evidence import load_evidence
from briefgen.summarize.figure_notes import figure_notes
from briefgen.summarize.figures import key_figures, series_charts, statistics_paragraphs
from briefgen.summarize.leads import (
    Scored,
    lead_sentences,
    request_kind,
    scored_sentences,
    within_quotation,
)
from briefgen.summarize.meta import briefing_meta, cable_date, cited_only
from briefgen.summarize.privacy import personal_reason
from briefgen.summarize.records import CableLead, Cite, Count, QuarterlySummary, Statement
from briefgen.summarize.tags import tag_meaning
from briefgen.summarize.wording import counted

_ADVICE = ("the post recommends",)
"""The request rules (leads.REQUEST_RULES) a quarterly lists as recommendations."""

_QUOTE = re.compile(r"[\"\u201c\u201d]")
"""Quoted words are the speaker's, not the post's advice."""

MAX_DIGESTS = 60
"""The most cables a quarterly summary digests one by one (counts always cover them all)."""

_MONTHS = ("January", "April", "July", "October")
_ENDS = ("March", "June", "September", "December")


def quarterly_summary(
    corpus: Corpus,
    stored: Facts,
    quarter: str,
    *,
    origins: Sequence[str] = (),
    tags: Sequence[str] = (),
    include_personal: bool = False,
) -> QuarterlySummary:
    """Return the summary of the cables of `quarter` (`2009Q4`), optionally of some posts and tags.

    Raises InvalidArgumentError for a malformed quarter, NotFoundError when no cable matches.
    """
    start, _ = parse_quarter(quarter)
    label = f"{start.year}Q{(start.month - 1) // 3 + 1}"
    found: dict[str, CableSummary] = {}
    wanted_origins: list[str | None] = [*origins] or [None]
    wanted_tags: list[str | None] = [*tags] or [None]
    for origin in wanted_origins:
        for tag in wanted_tags:
            for summary in corpus.cables(quarter=label, origin=origin, tag=tag):
                found[summary.id] = summary
    if not found:
        scope = _scope(origins, tags)
        raise NotFoundError(f"no cables found for {label}{scope}")
    # Counts cover every cable of the quarter; the digests, figures and names come from at most
    # MAX_DIGESTS of them, taken in turns from each post so that no post is left out.
    posts = Counter(c.origin or "unknown post" for c in found.values())
    tag_counts = Counter(t for c in found.values() for t in dict.fromkeys(c.tags))
    evidence = load_evidence(corpus, stored, _digest_choice(list(found.values()), MAX_DIGESTS))
    cables = list(evidence.cables)
    all_facts = [evidence.facts_of(c.id) for c in cables]
    scored = {
        c.id: scored_sentences(c, f, include_personal=include_personal)
        for c, f in zip(cables, all_facts, strict=True)
    }
    countries = cable_countries(cables)
    dates = {c.id: cable_date(c) for c in cables}
    leads = tuple(_lead(c, scored[c.id], countries[c.id]) for c in cables)
    figures = [f for facts in all_facts for f in facts.figures]
    # Named in many cables says more of a quarter than named often in one.
    orgs = Counter(
        name for facts in all_facts for name in {m.name for m in facts.mentions if m.kind == "org"}
    )
    officials = {r.person for facts in all_facts for r in facts.roles}
    people = Counter(
        m.name
        for facts in all_facts
        for m in facts.mentions
        if m.kind == "person" and m.name in officials
    )
    recommendations = _recommendations(cables, scored, include_personal)
    synthesis = key_developments(cables, scored, countries)
    changes = what_changed(cables, scored, countries, dates)
    shown = [s.text for s in synthesis] + [c.text for c in changes] + [x.lead for x in leads]
    period = f"{_MONTHS[(start.month - 1) // 3]} to {_ENDS[(start.month - 1) // 3]} {start.year}"
    scope = _scope(origins, tags)
    several = len(set(countries.values())) > 1 or len(posts) > 1
    meta = briefing_meta(
        kind="quarterly-summary",
        title=f"Quarterly summary {label}",
        subtitle=f"{counted(len(found), 'cable')} from {counted(len(posts), 'post')}, "
        f"{period}{scope}",
        subject="-".join([label, *origins, *tags]),
        cables=cables,
        summary_lines=tuple(f"{lead.id}: {lead.subject}" for lead in leads),
        include_personal=include_personal,
    )
    return cited_only(
        QuarterlySummary(
            meta=meta,
            quarter=label,
            period=period,
            total_cables=len(found),
            posts=tuple(Count(n, c) for n, c in sorted(posts.items(), key=lambda t: (-t[1], t[0]))),
            tags=tuple(
                Count(t, n, tag_meaning(t))
                for t, n in sorted(tag_counts.items(), key=lambda x: (-x[1], x[0]))
            ),
            leads=leads,
            key_figures=key_figures(
                figures,
                include_personal=include_personal,
                limit=12,
                context=statistics_paragraphs(cables),
            ),
            # Ties by name: a Counter's order of equal counts is the order names were met,
            # which may change from run to run; the same corpus must give the same briefing.
            organizations=tuple(Count(n, c) for n, c in _most_common(orgs, 8)),
            people=tuple(Count(n, c) for n, c in _most_common(people, 8)),
            charts=series_charts(figures),
            recommendations=recommendations,
            synthesis=synthesis,
            changes=changes,
            countries=country_lines(cables, scored, countries) if several else (),
            figures=figure_notes(
                figures, include_personal=include_personal, skip=shown, limit=4, least=2
            ),
        )
    )


def _recommendations(
    cables: Sequence[Cable],
    scored: Mapping[str, Sequence[Scored]],
    include_personal: bool,
    limit: int = 6,
    per_cable: int = 2,
) -> tuple[Statement, ...]:
    """Return what the cables recommend or ask for, at most `per_cable` of each, in cable
    order; a recommendation several cables share is one statement citing them all."""
    found: dict[str, list[Cite]] = {}
    texts: dict[str, str] = {}
    for cable in cables:
        # What the posts recommend, not the Department's instructions (`please inform ...`).
        asked = [
            (s.sentence.text, s.sentence.cite)
            for s in scored.get(cable.id, ())
            if request_kind(s.sentence.text) in _ADVICE
            and not _QUOTE.search(s.sentence.text)
            and not within_quotation(cable, s.sentence)
        ]
        taken = 0
        for text, cite in asked:
            key = " ".join(text.lower().split())
            if not text or (not include_personal and personal_reason(text)):
                continue
            if key not in found:
                if taken >= per_cable:
                    continue
                taken += 1
            texts.setdefault(key, text)
            found.setdefault(key, []).append(cite)
    return tuple(
        Statement(texts[key], tuple(dict.fromkeys(cites)))
        for key, cites in list(found.items())[:limit]
    )


def _digest_choice(summaries: list[CableSummary], limit: int) -> list[str]:
    """Return up to `limit` cable ids, oldest first within each post, posts taken in turns."""
    by_post: dict[str, list[CableSummary]] = {}
    for summary in sorted(summaries, key=lambda c: (c.created or datetime.min, c.id)):
        by_post.setdefault(summary.origin or "", []).append(summary)
    queues = [by_post[post] for post in sorted(by_post, key=lambda p: (-len(by_post[p]), p))]
    chosen: list[str] = []
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0).id)
    return chosen


def _scope(origins: Sequence[str], tags: Sequence[str]) -> str:
    parts = []
    if origins:
        parts.append("from " + ", ".join(origins))
    if tags:
        parts.append("tagged " + ", ".join(tags))
    return (" " + " ".join(parts)) if parts else ""


def _lead(cable: Cable, scored: Sequence[Scored], country: str | None) -> CableLead:
    """Return the cable's entry: the opening of its summary when it has one, else its most
    telling sentence; never a handling notice, a pointer or a reference list."""
    sentences, from_summary = lead_sentences(cable, scored, max_words=35)
    cite = sentences[0].cite if sentences else Cite(cable.id, None)
    text = " ".join(s.text for s in sentences)
    return CableLead(
        cable.id,
        cable_date(cable),
        cable.origin,
        cable.subject,
        text,
        cite,
        country=country,
        from_summary=from_summary,
    )


def _most_common(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    """Return the `limit` names counted most, ties in name order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
