"""Summarize what the cables say of one program, campaign, play or grant into a ProgramSheet."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from briefgen.errors import InvalidArgumentError, NotFoundError
from briefgen.extract import CableFacts, Figure, Funding
from briefgen.facts import Facts
from briefgen.models import Cable
from briefgen.store import Corpus
from briefgen.summarize.evidence import (
    Evidence,
    Sentence,
    country_names,
    load_evidence,
    paragraph_sentences,
)
from briefgen.summarize.figures import (
    comparison_chart,
    key_figures,
    series_charts,
    statistics_paragraphs,
)
from briefgen.summarize.funding import funding_rows, short_name
from briefgen.summarize.meta import briefing_meta, cited_only
from briefgen.summarize.privacy import safe_speaker
from briefgen.summarize.records import Cite, FundingRow, KeyFact, ProgramSheet, Quote, Statement

# Where a sentence goes on the sheet: the first rule that matches names its section.
_SECTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # Results: something done to cases, crimes or people (`initiated 28 criminal cases`,
        # `arrested 67 pimps`), or cases counted (`two cases of trafficking`); not a play's
        # plot that leads its heroine to a brothel.
        "outcomes",
        re.compile(
            r"(?<!-)\b(?:arrest(?:ed|s)?|convicted|convictions?|prosecuted|prosecutions?|"
            r"rescued|uncovered|initiated|opened|closed|registered|identified|detained|"
            r"sentenced)\b(?: [\w-]+){0,4}? (?:cases?|crimes?|traffickers?|victims?|pimps?|"
            r"brothels?|prostitutes?|suspects?|people|persons)\b(?!['’])|"
            r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"\w+teen|\w+ty(?:-\w+)?) (?:new |criminal |more )?(?:cases?|convictions|arrests)\b",
            re.I,
        ),
    ),
    (
        "reach",
        re.compile(
            r"\b(?:people|participants?|passengers|students|reached|audience|"
            r"media|news|outlets|signatures|polled|surveyed|attended)\b",
            re.I,
        ),
    ),
    (
        "activities",
        re.compile(
            r"\b(?:perform\w*|events?|conference|roundtable|train\w*|seminar|"
            r"workshop|flyers?|booklets?|posters?|materials|launched|"
            r"distributed|printed|play|campaign|lecture|exhibited)\b",
            re.I,
        ),
    ),
)
_LEAD_IN = re.compile(r"(?::|\b(?:recommended|suggested|proposed|agreed) that)$")
"""A sentence that only introduces a list (`participants recommended that`)."""
_CASES = re.compile(r"\b(?:cases?|crimes?|complaints?)\b", re.I)
MAX_CABLES = 40
"""The most cables a sheet reads: the best matches of the full-text search, by bm25 rank."""

_PROGRAM_WORDS = re.compile(
    r"\b(?:campaign|project|program\w*|play|performances?|training|"
    r"initiative|grant)\b",
    re.I,
)
_IMPLEMENTED = re.compile(r"\b(?:implemented|conducted by|organized by|performed\b.*?\bby)\b", re.I)


def program_sheet(
    corpus: Corpus,
    stored: Facts,
    query: str,
    *,
    cables: Sequence[str] = (),
    include_personal: bool = False,
) -> ProgramSheet:
    """Return the impact sheet of the program `query` names (a name or key phrase).

    With `cables`, only those cables are read. Raises NotFoundError when no cable speaks of it.
    """
    phrase = " ".join(query.split())
    if len(phrase) < 3:
        raise InvalidArgumentError("a program name or phrase needs at least three characters")
    ids = list(cables) if cables else _cables_naming(corpus, phrase)
    evidence = load_evidence(corpus, stored, ids)
    chosen: list[Sentence] = []
    used: list[Cable] = []
    for cable in evidence.cables:
        picked = _relevant(cable, phrase)
        if picked:
            used.append(cable)
            chosen.extend(s for s in picked if include_personal or not s.personal)
    if not used:
        where = f" in {', '.join(cables)}" if cables else ""
        raise NotFoundError(f"no program, campaign or grant matching {query!r} found{where}")
    places = {(s.cite.cable_id, s.cite.paragraph) for s in chosen}
    texts = {s.text for s in chosen}
    figures = [
        f
        for c in used
        for f in evidence.facts_of(c.id).figures
        if (f.source.cable_id, f.source.paragraph) in places and _in_sentences(f, texts)
    ]
    fundings = [
        f
        for c in used
        for f in evidence.facts_of(c.id).fundings
        if (f.source.cable_id, f.source.paragraph) in places
        and _in_sentences(f, texts)
        and _is_program_money(f, c, phrase)
    ]
    rows = funding_rows(fundings, evidence, phrase)
    quotes = _quotes(evidence, used, places, include_personal)
    recommendations = [
        Statement(r.text, (Cite.of(r.source),))
        for c in used
        for r in evidence.facts_of(c.id).recommendations
        if (r.source.cable_id, r.source.paragraph) in places
    ]
    # Words already shown as feedback or as a recommendation are not repeated in a section.
    shown = [" ".join(q.text.split()) for q in quotes]
    shown += [" ".join(r.text.split()) for r in recommendations]
    sections: dict[str, list[Statement]] = {key: [] for key, _ in _SECTION_RULES}
    sections["context"] = []
    # A paragraph citing statistics or trends reports the state of things, all of it.
    stats = statistics_paragraphs(used)
    for sentence in chosen:
        if _LEAD_IN.search(sentence.text) or any(
            sentence.text.strip('"“” ;.') in text or text[:40] in sentence.text for text in shown
        ):
            continue
        if (sentence.cite.cable_id, sentence.cite.paragraph) in stats and _CASES.search(
            sentence.text
        ):
            sections["context"].append(Statement(sentence.text, (sentence.cite,)))
            continue
        for key, rule in _SECTION_RULES:
            if rule.search(sentence.text):
                sections[key].append(Statement(sentence.text, (sentence.cite,)))
                break
    figures_panel = key_figures(figures, include_personal=include_personal, context=stats)
    series = series_charts(figures)
    chart = series[0] if series else comparison_chart(figures_panel, "Outcome", "Results reported")
    overview = _overview(evidence, used, chosen, rows, phrase)
    name = _display_name(phrase, chosen)
    meta = briefing_meta(
        kind="program-impact",
        title=f"{name}: program impact",
        subtitle=f"What the cables report of {name}, drawn from {len(used)} cable(s)"
        + (", the best matches of the corpus" if len(ids) >= MAX_CABLES else ""),
        subject=name,
        cables=used,
        summary_lines=tuple(f"{k.label}: {k.value}" for k in (*overview, *figures_panel[:4])),
        include_personal=include_personal,
    )
    return cited_only(
        ProgramSheet(
            meta=meta,
            name=name,
            overview=overview,
            key_figures=figures_panel,
            chart=chart,
            funding=rows,
            activities=tuple(sections["activities"]),
            reach=tuple(sections["reach"]),
            outcomes=tuple(sections["outcomes"]),
            context=tuple(sections["context"]),
            feedback=tuple(quotes),
            recommendations=tuple(recommendations),
        )
    )


def _cables_naming(corpus: Corpus, phrase: str) -> list[str]:
    quoted = '"' + phrase.replace('"', " ") + '"'
    return [c.id for c in corpus.cables(search=quoted, limit=MAX_CABLES)]


def _has(text: str | None, phrase: str) -> bool:
    return bool(text) and phrase.lower() in " ".join(str(text).split()).lower()


def _relevant(cable: Cable, phrase: str) -> list[Sentence]:
    """Return the sentences of `cable` about the program.

    A cable whose subject or summary lead names the program is about it as a whole; in any
    other cable, the paragraphs it heads (names in their first sentence) and the sentences
    naming it count.
    """
    lead = _first_sentence(cable.summary or "")
    central = _has(cable.subject, phrase) or _has(lead, phrase)
    out = []
    for para in cable.paragraphs:
        sentences = paragraph_sentences(cable.id, para)
        if central or _has(para.heading, phrase) or (sentences and _has(sentences[0].text, phrase)):
            out.extend(sentences)
        else:
            out.extend(s for s in sentences if _has(s.text, phrase))
    return out


def _first_sentence(text: str) -> str:
    text = re.sub(r"^\s*SUMMARY\s*:\s*", "", text)
    match = re.search(r"[.!?](?:\s|$)", text)
    return text[: match.end()] if match else text


def _in_sentences(figure: Figure | Funding, texts: set[str]) -> bool:
    sentence = " ".join(figure.source.sentence.split())
    return any(sentence[:60] in t or t[:60] in sentence for t in texts)


def _is_program_money(funding: Funding, cable: Cable, phrase: str) -> bool:
    sentence = funding.source.sentence
    para = cable.paragraph(funding.source.paragraph) if funding.source.paragraph else None
    heading = para.heading if para else None
    return any(
        _has(text, phrase) or bool(text and _PROGRAM_WORDS.search(text))
        for text in (sentence, heading, funding.purpose)
    )


def _quotes(
    evidence: Evidence, used: list[Cable], places: set[tuple[str, int | None]], personal: bool
) -> list[Quote]:
    quotes = []
    for cable in used:
        for q in evidence.facts_of(cable.id).quotations:
            if (q.source.cable_id, q.source.paragraph) not in places:
                continue
            speaker = q.speaker if personal else safe_speaker(q.speaker)
            quotes.append(Quote(speaker, q.text, Cite.of(q.source)))
    return quotes


def _overview(
    evidence: Evidence,
    used: list[Cable],
    chosen: list[Sentence],
    rows: Sequence[FundingRow],
    phrase: str,
) -> tuple[KeyFact, ...]:
    facts: list[KeyFact] = []
    what = next((s for s in chosen if _has(s.text, phrase)), chosen[0] if chosen else None)
    if what is not None:
        facts.append(KeyFact("What", what.text, (what.cite,)))
    funders = list(dict.fromkeys(r.funder for r in rows if r.funder))
    funder_cites = tuple(dict.fromkeys(r.cite for r in rows))
    if funders:
        facts.append(KeyFact("Funded by", ", ".join(funders), funder_cites))
    implementers, impl_cites = _implementers(evidence, chosen, rows)
    if implementers:
        facts.append(KeyFact("Implemented by", ", ".join(implementers), impl_cites))
    where, where_cites = _places(evidence, chosen)
    if where:
        facts.append(KeyFact("Where", ", ".join(where), where_cites))
    dates = sorted(
        (e.date, e.source)
        for c in used
        for e in evidence.facts_of(c.id).events
        if any(e.source.sentence[:50] in s.text or s.text[:50] in e.source.sentence for s in chosen)
    )
    if dates:
        first, last = dates[0], dates[-1]
        span = first[0] if first[0] == last[0] else f"{first[0]} to {last[0]}"
        cites = tuple(dict.fromkeys([Cite.of(first[1]), Cite.of(last[1])]))
        facts.append(KeyFact("When", span, cites))
    return tuple(facts)


def _implementers(
    evidence: Evidence, chosen: list[Sentence], rows: Sequence[FundingRow]
) -> tuple[list[str], tuple[Cite, ...]]:
    names: dict[str, Cite] = {}
    for row in rows:
        if row.recipient:
            names.setdefault(row.recipient, row.cite)
    for sentence in chosen:
        match = _IMPLEMENTED.search(sentence.text)
        if not match:
            continue
        facts: CableFacts = evidence.facts_of(sentence.cite.cable_id)
        for m in facts.mentions:
            if m.kind != "org" or m.paragraph != sentence.cite.paragraph:
                continue
            position = sentence.text.find(m.text)
            if position < 0:
                continue
            before = sentence.text[:position]
            passive = match.group(0).lower().endswith("by")
            # `X implemented ...`: the agent stands before the verb; `... conducted by X`: after.
            agent = (
                position >= match.end() - 3
                if passive
                else position < match.start() and "cooperation" not in before
            )
            if agent:
                names.setdefault(
                    short_name(evidence, sentence.cite.cable_id, m.name), sentence.cite
                )
    return list(names), tuple(dict.fromkeys(names.values()))


def _places(evidence: Evidence, chosen: list[Sentence]) -> tuple[list[str], tuple[Cite, ...]]:
    countries = country_names()
    counts: Counter[str] = Counter()
    cites: dict[str, Cite] = {}
    for sentence in chosen:
        for m in evidence.facts_of(sentence.cite.cable_id).mentions:
            if (
                m.kind == "place"
                and m.paragraph == sentence.cite.paragraph
                and m.text in sentence.text
            ):
                if m.name in countries:
                    continue
                counts[m.name] += 1
                cites.setdefault(m.name, sentence.cite)
    top = [name for name, _ in counts.most_common(6)]
    return top, tuple(dict.fromkeys(cites[n] for n in top))


def _display_name(phrase: str, chosen: list[Sentence]) -> str:
    """Return the program's name as the cables write it (`Night Stars`), else the phrase."""
    for sentence in chosen:
        match = re.search(re.escape(phrase), sentence.text, re.I)
        if match and any(ch.isupper() for ch in match.group(0)):
            return match.group(0).strip("\"'")
    return phrase[:1].upper() + phrase[1:]
