"""Rule-based fact extraction: entities, figures, events and relations, each with its source."""

from __future__ import annotations

from briefgen.extract.query import (
    EntityProfile,
    EntitySummary,
    find_entities,
    get_entity,
    resolve_name,
)
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
from briefgen.extract.storage import FACTS_VERSION, facts_for, update_facts

__all__ = [
    "ENTITY_RULES",
    "FACTS_VERSION",
    "FACT_RULES",
    "CableFacts",
    "EntityProfile",
    "EntityRef",
    "EntitySummary",
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
    "facts_for",
    "find_entities",
    "get_entity",
    "resolve_name",
    "update_facts",
]
