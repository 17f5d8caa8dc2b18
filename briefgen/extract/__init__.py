"""Rule-based fact extraction: entities, figures, events and relations, each with its source.

Pure: a Cable in, its CableFacts out; no SQL and no corpus (the facts store is briefgen.facts).
"""

from __future__ import annotations

from briefgen.extract.records import (
    CableFacts,
    EntityRef,
    Event,
    Figure,
    Funding,
    Mention,
    Quotation,
    Recommendation,
    Relation,
    Role,
    Source,
)
from briefgen.extract.rules import ENTITY_RULES, FACT_RULES, extract

__all__ = [
    "ENTITY_RULES",
    "FACT_RULES",
    "CableFacts",
    "EntityRef",
    "Event",
    "Figure",
    "Funding",
    "Mention",
    "Quotation",
    "Recommendation",
    "Relation",
    "Role",
    "Source",
    "extract",
]
