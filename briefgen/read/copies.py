"""Make one cable of several copies of it: the most complete text, the most specific marking.

The same cable reaches a user in several layouts (a mirror page, a text copy, a JSON
record), some cut off (`This record is a partial extract`), some with a plainer marking
(`UNCLASSIFIED` where the page says `UNCLASSIFIED//FOR OFFICIAL USE ONLY`). Whoever keeps
one cable per id (the store) merges each new copy into the one it holds with merge_copies.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen.models import Cable

_LEVELS = ("UNCLASSIFIED", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET", "TOP SECRET")


def merge_copies(held: Cable, other: Cable) -> Cable:
    """Return one cable of two copies of it (same id).

    The text (paragraphs, summary, comment, signers) is the most complete copy's: the one
    with more text, so that a cut-off copy never shadows the whole one. The classification
    is the most specific either gives. Fields the kept copy lacks come from the other.
    """
    kept, spare = (other, held) if _text_size(other) > _text_size(held) else (held, other)
    filled = replace(
        kept,
        created=kept.created or spare.created,
        origin=kept.origin or spare.origin,
        classification=most_specific(kept.classification, spare.classification),
        classified_by=kept.classified_by or spare.classified_by,
        nondisclosure_deadline=kept.nondisclosure_deadline or spare.nondisclosure_deadline,
        subject=kept.subject or spare.subject,
        tags=kept.tags or spare.tags,
        references=kept.references or spare.references,
        recipients=kept.recipients or spare.recipients,
        info_recipients=kept.info_recipients or spare.info_recipients,
        signers=kept.signers or spare.signers,
        summary=kept.summary or spare.summary,
        comment=kept.comment or spare.comment,
        given_id=kept.given_id or spare.given_id,
    )
    return filled


def most_specific(first: str | None, second: str | None) -> str | None:
    """Return the more specific of two classifications of one cable.

    `UNCLASSIFIED//FOR OFFICIAL USE ONLY` is more specific than `UNCLASSIFIED`, and
    `SECRET//NOFORN` than `SECRET`; between two levels the higher one is kept.
    """
    if not first or not second:
        return first or second
    return max(first, second, key=_specificity)


def _specificity(marking: str) -> tuple[int, int, int]:
    parts = [part.strip() for part in marking.upper().split("//") if part.strip()]
    level = _LEVELS.index(parts[0]) if parts and parts[0] in _LEVELS else -1
    return (level, len(parts), len(marking))


def _text_size(cable: Cable) -> int:
    return sum(len(paragraph.text) for paragraph in cable.paragraphs)
