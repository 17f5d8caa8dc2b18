"""Summarize one cable into a CableDigest: the bottom line first, then what it asks for, its
news, figures with their meaning, people and organizations with their roles, references."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from briefgen.extract import CableFacts
from briefgen.extract.kinds import KIND_LABELS
from briefgen.facts import Facts
from briefgen.models import Cable
from briefgen.store import Corpus
from briefgen.summarize.evidence import Sentence, clean_sentence, load_evidence
from briefgen.summarize.figure_notes import figure_notes
from briefgen.summarize.figures import key_figures, statistics_paragraphs
from briefgen.summarize.leads import (
    Scored,
    best_sentences,
    quotable,
    request_kind,
    scored_sentences,
    section_sentences,
    within_quotation,
)
from briefgen.summarize.meta import briefing_meta, cable_date, cited_only
from briefgen.summarize.privacy import personal_reason
from briefgen.summarize.records import (
    CableDigest,
    Cite,
    Count,
    Development,
    KeyFact,
    Party,
    Person,
    Reference,
    Statement,
)
from briefgen.summarize.tags import tag_meaning

MAX_REQUESTS = 8
"""The most recommendations and requests a digest lists."""
MAX_POINTS = 6
"""The most news sentences from the body a digest lists beside the summary."""


def cable_digest(
    corpus: Corpus, stored: Facts, cable_id: str, *, include_personal: bool = False
) -> CableDigest:
    """Return the digest of one cable; raise NotFoundError when the corpus does not hold it."""
    cable = corpus.get(cable_id.strip().upper())
    evidence = load_evidence(corpus, stored, [cable.id])
    facts = evidence.facts_of(cable.id)
    scored = scored_sentences(cable, facts, include_personal=include_personal)
    summary_sentences = [
        s for s in section_sentences(cable, "SUMMARY") if quotable(s, include_personal=True)
    ]
    comment_sentences = [
        s for s in section_sentences(cable, "COMMENT") if quotable(s, include_personal=True)
    ]
    summary = _section(cable, cable.summary, summary_sentences, include_personal)
    comment = _section(cable, cable.comment, comment_sentences, include_personal)
    requests = _requests(cable, facts, scored, include_personal)
    in_sections = {_place(s) for s in (*summary_sentences, *comment_sentences)}
    main_points = _main_points(scored, in_sections)
    synthesis = _bottom_line(scored, summary_sentences, comment_sentences, requests, main_points)
    shown = [s.text for s in synthesis] + [p.text for p in main_points]
    meta = briefing_meta(
        kind="cable-digest",
        title=f"Cable digest: {cable.id}",
        subtitle=cable.subject or "(no subject)",
        subject=cable.id,
        cables=[cable],
        summary_lines=(f"{cable.id} ({cable_date(cable)}, {cable.origin}): {cable.subject}",),
        include_personal=include_personal,
    )
    people = _people(facts)
    places = Counter(m.name for m in facts.mentions if m.kind == "place")
    return cited_only(
        CableDigest(
            meta=meta,
            id=cable.id,
            header=_header(cable),
            summary=summary,
            key_figures=key_figures(
                facts.figures,
                include_personal=include_personal,
                context=statistics_paragraphs([cable]),
            ),
            organizations=tuple(Count(p.name, p.mentions) for p in _parties(facts, people)),
            people=people,
            places=tuple(Count(n, c) for n, c in places.most_common(12)),
            comment=comment,
            references=_references(corpus, cable),
            cited_by=tuple(
                Reference(s.id, s.subject, s.created.date().isoformat() if s.created else None)
                for s in corpus.cited_by(cable.id)
            ),
            synthesis=synthesis,
            requests=requests,
            main_points=main_points,
            figures=figure_notes(facts.figures, include_personal=include_personal, skip=shown),
            parties=_parties(facts, people),
        )
    )


def _header(cable: Cable) -> tuple[KeyFact, ...]:
    whole: tuple[Cite, ...] = ()  # Header facts describe the whole cable: no paragraph to cite.
    tags = ", ".join(f"{t} ({tag_meaning(t)})" if tag_meaning(t) else t for t in cable.tags)
    header = [
        KeyFact("Date", f"{cable_date(cable) or 'unknown'}", whole),
        KeyFact("Post", cable.origin or "unknown", whole),
        KeyFact("Classification", cable.classification or "not marked", whole),
    ]
    if cable.classified_by:
        header.append(KeyFact("Classified by", cable.classified_by, whole))
    if tags:
        header.append(KeyFact("Tags", tags, whole))
    if cable.recipients:
        header.append(KeyFact("To", "; ".join(cable.recipients), whole))
    if cable.signers:
        header.append(KeyFact("Signed", ", ".join(cable.signers), whole))
    return tuple(header)


def _place(sentence: Sentence) -> tuple[Cite, int, int]:
    return (sentence.cite, sentence.start, sentence.end)


def _section(
    cable: Cable, found: str | None, sentences: Sequence[Sentence], include_personal: bool
) -> Statement | None:
    """Return a SUMMARY or COMMENT section as one statement citing its paragraphs, or None.

    Victims' details are left out sentence by sentence, unless `include_personal`.
    """
    kept = [s for s in sentences if include_personal or not s.personal]
    if kept:
        cites = tuple(dict.fromkeys(s.cite for s in kept))
        return Statement(" ".join(s.text for s in kept), cites)
    if found and not sentences:
        # The reader found the section but no paragraph holds it (a page that sets it apart).
        text = clean_sentence(found)
        if text and (include_personal or not personal_reason(text)):
            return Statement(text, (Cite(cable.id, None),))
    return None


def _requests(
    cable: Cable, facts: CableFacts, scored: Sequence[Scored], include_personal: bool
) -> tuple[Statement, ...]:
    """Return the recommendations and requests for action, in cable order, once each."""
    found: dict[tuple[int, int], Statement] = {}
    said: set[str] = set()
    for item in scored:
        key = " ".join(item.sentence.text.lower().split())
        if (
            request_kind(item.sentence.text)
            and key not in said
            and not within_quotation(cable, item.sentence)
        ):
            said.add(key)
            found[item.position] = Statement(item.sentence.text, (item.sentence.cite,))
    known = {" ".join(s.text.lower().split()) for s in found.values()}
    extra = []
    for recommendation in facts.recommendations:
        text = clean_sentence(recommendation.text)
        key = " ".join(text.lower().split())
        if not text or key in known or (not include_personal and personal_reason(text)):
            continue
        if not any(key in k or k in key for k in known):
            known.add(key)
            extra.append(Statement(text, (Cite.of(recommendation.source),)))
    ordered = [found[k] for k in sorted(found)] + extra
    return tuple(ordered[:MAX_REQUESTS])


def _main_points(
    scored: Sequence[Scored], in_sections: set[tuple[Cite, int, int]]
) -> tuple[Development, ...]:
    """Return the news of the body beyond its summary and comment: the changes it reports
    (convictions, arrests, laws...), the most telling first, listed in cable order."""
    changes = [
        s
        for s in scored
        if s.change is not None and _place(s.sentence) not in in_sections and s.score > 0
    ]
    chosen = sorted(best_sentences(changes, MAX_POINTS), key=lambda s: s.position)
    return tuple(
        Development(kind=s.change or "", text=s.sentence.text, cites=(s.sentence.cite,))
        for s in chosen
    )


def _bottom_line(
    scored: Sequence[Scored],
    summary: Sequence[Sentence],
    comment: Sequence[Sentence],
    requests: Sequence[Statement],
    main_points: Sequence[Development],
) -> tuple[Statement, ...]:
    """Return three to five sentences: the opening of the summary (else the sentences that
    tell most), the comment's opening, the first recommendation or request, then the body's
    strongest news until there are three."""
    quotable_places = {_place(s.sentence) for s in scored}
    summary = [s for s in summary if _place(s) in quotable_places]
    comment = [s for s in comment if _place(s) in quotable_places]
    chosen: list[Statement] = []
    if summary:
        chosen.extend(Statement(s.text, (s.cite,)) for s in summary[:2])
    else:
        best = sorted(
            best_sentences([s for s in scored if s.score > 0], 2), key=lambda s: s.position
        )
        chosen.extend(Statement(s.sentence.text, (s.sentence.cite,)) for s in best)
    # The comment's judgement, unless it only repeats the summary (`The operation is a clear
    # victory ...` in both): then its next sentence.
    fresh = [s for s in comment if not any(_similar(s.text, c.text) for c in chosen)]
    if fresh:
        chosen.append(Statement(fresh[0].text, (fresh[0].cite,)))
    if requests:
        chosen.append(requests[0])
    for point in main_points:
        if len(chosen) >= 3:
            break
        if not any(_similar(point.text, c.text) for c in chosen):
            chosen.append(Statement(point.text, point.cites))
    if len(chosen) < 3:
        for extra in summary[2:]:
            if len(chosen) >= 3:
                break
            chosen.append(Statement(extra.text, (extra.cite,)))
    unique = {s.text: s for s in chosen}
    return tuple(unique.values())[:5]


def _similar(one: str, other: str) -> bool:
    """Return True when two sentences share most of their words."""
    a, b = set(one.lower().split()), set(other.lower().split())
    return len(a & b) >= 0.6 * min(len(a), len(b))


def _people(facts: CableFacts) -> tuple[Person, ...]:
    """Return the officials named, each with the title the cable gives first."""
    people: dict[str, Person] = {}
    for role in facts.roles:
        if role.person not in people:
            title = f"{role.title}, {role.organization}" if role.organization else role.title
            people[role.person] = Person(role.person, title, Cite.of(role.source))
    return tuple(people.values())


def _parties(facts: CableFacts, people: Sequence[Person], limit: int = 12) -> tuple[Party, ...]:
    """Return the organizations named, most named first, each with what it is."""
    counts = Counter(m.name for m in facts.mentions if m.kind == "org")
    first: dict[str, Cite] = {}
    for mention in facts.mentions:
        if mention.kind == "org" and mention.name not in first:
            first[mention.name] = Cite(facts.cable_id, mention.paragraph, mention.label)
    # A person's name taken for a body (`Fernandez`) is not an organization of the cable.
    person_words = {w for p in people for w in p.name.split()}
    parties = []
    for name, count in counts.most_common():
        if name in person_words or len(name) < 2:
            continue
        entity = facts.entity(name)
        kind = entity.org_kind if entity is not None else None
        parties.append(Party(name, KIND_LABELS.get(kind or "", ""), count, first[name]))
    return tuple(parties[:limit])


def _references(corpus: Corpus, cable: Cable) -> tuple[Reference, ...]:
    view = corpus.view(cable.id)
    return tuple(
        Reference(r.id, r.subject, cable_date(corpus.get(r.id)) if r.in_corpus else None)
        for r in view.references
    )
