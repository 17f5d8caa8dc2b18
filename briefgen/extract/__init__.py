"""Rule-based fact extraction: entities, figures, events and relations, each with its source.

Pure: a Cable in, its CableFacts out; no SQL and no corpus (the facts store is briefgen.facts).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:  # the same names for type checkers, which do not run __getattr__
    from briefgen.extract.rules import ENTITY_RULES as ENTITY_RULES
    from briefgen.extract.rules import FACT_RULES as FACT_RULES
    from briefgen.extract.rules import extract as extract

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

_RULES = {"ENTITY_RULES", "FACT_RULES", "extract"}
"""The names that come from rules.py, imported on first use: compiling the rules' ~330
patterns is a tenth of a second that reading stored facts (a briefing, `entity`) never needs."""


def __getattr__(name: str) -> Any:
    """Return a rules name, importing the rules on first use."""
    if name not in _RULES:
        raise AttributeError(f"module 'briefgen.extract' has no attribute {name!r}")
    value = getattr(import_module("briefgen.extract.rules"), name)
    globals()[name] = value
    return value
