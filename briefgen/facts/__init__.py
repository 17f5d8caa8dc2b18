"""The facts store: extracted facts kept in the corpus database, and the questions asked of them."""

from __future__ import annotations

from briefgen.facts.query import (
    EntityProfile,
    EntitySummary,
    find_entities,
    get_entity,
    resolve_name,
)
from briefgen.facts.store import FACTS_VERSION, facts_for, update_facts

__all__ = [
    "FACTS_VERSION",
    "EntityProfile",
    "EntitySummary",
    "facts_for",
    "find_entities",
    "get_entity",
    "resolve_name",
    "update_facts",
]
