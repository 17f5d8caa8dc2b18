"""Summarize one cable into a CableDigest: header facts, summary, figures, entities, references."""

from __future__ import annotations

from collections import Counter

from briefgen.facts import Facts
from briefgen.store import Corpus
from briefgen.summarize.evidence import clean_sentence, load_evidence, marked_paragraph
from briefgen.summarize.figures import key_figures, statistics_paragraphs
from briefgen.summarize.meta import briefing_meta, cable_date, cited_only
from briefgen.summarize.records import (
    CableDigest,
    Cite,
    Count,
    KeyFact,
    Person,
    Reference,
    Statement,
)
from briefgen.summarize.tags import tag_meaning


def cable_digest(
    corpus: Corpus, stored: Facts, cable_id: str, *, include_personal: bool = False
) -> CableDigest:
    """Return the digest of one cable; raise NotFoundError when the corpus does not hold it."""
    cable = corpus.get(cable_id.strip().upper())
    evidence = load_evidence(corpus, stored, [cable.id])
    facts = evidence.facts_of(cable.id)
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
    summary_number = marked_paragraph(cable, "SUMMARY")
    comment_number = marked_paragraph(cable, "COMMENT")
    summary = (
        Statement(clean_sentence(cable.summary), (Cite(cable.id, summary_number),))
        if cable.summary
        else None
    )
    comment = (
        Statement(clean_sentence(cable.comment), (Cite(cable.id, comment_number),))
        if cable.comment
        else None
    )
    view = corpus.view(cable.id)
    references = tuple(
        Reference(r.id, r.subject, _date_of(corpus, r.id) if r.in_corpus else None)
        for r in view.references
    )
    cited_by = tuple(
        Reference(s.id, s.subject, s.created.date().isoformat() if s.created else None)
        for s in corpus.cited_by(cable.id)
    )
    people = {}
    for role in facts.roles:
        if role.person not in people:
            title = f"{role.title}, {role.organization}" if role.organization else role.title
            people[role.person] = Person(role.person, title, Cite.of(role.source))
    orgs = Counter(m.name for m in facts.mentions if m.kind == "org")
    places = Counter(m.name for m in facts.mentions if m.kind == "place")
    meta = briefing_meta(
        kind="cable-digest",
        title=f"Cable digest: {cable.id}",
        subtitle=cable.subject or "(no subject)",
        subject=cable.id,
        cables=[cable],
        summary_lines=(f"{cable.id} ({cable_date(cable)}, {cable.origin}): {cable.subject}",),
        include_personal=include_personal,
    )
    return cited_only(
        CableDigest(
            meta=meta,
            id=cable.id,
            header=tuple(header),
            summary=summary,
            key_figures=key_figures(
                facts.figures,
                include_personal=include_personal,
                context=statistics_paragraphs([cable]),
            ),
            organizations=tuple(Count(n, c) for n, c in orgs.most_common(12)),
            people=tuple(people.values()),
            places=tuple(Count(n, c) for n, c in places.most_common(12)),
            comment=comment,
            references=references,
            cited_by=cited_by,
        )
    )


def _date_of(corpus: Corpus, cable_id: str) -> str | None:
    return cable_date(corpus.get(cable_id))
