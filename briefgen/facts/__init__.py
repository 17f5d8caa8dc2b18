"""The facts store: extracted facts kept in the corpus database, and the questions asked of them.

    facts = ensure_facts(corpus)                 # extract what is not yet extracted
    facts.entity("Feminist League", "org", max_cables=20)
    facts.of(["09ASTANA2101"])                   # the CableFacts of these cables

Extraction itself (a Cable in, its CableFacts out) is briefgen.extract; this subpackage keeps
the facts (store.py), the names table (catalog.py), the questions (query.py), the lookup by
full-text search while the whole-corpus pass is left for later (lazy.py), and their plain-text
views (present.py). `ensure_facts` is the one place that decides when to extract.
"""

from __future__ import annotations

from briefgen.facts.access import Facts, ensure_facts
from briefgen.facts.query import EntityProfile, EntitySummary
from briefgen.facts.store import FACTS_VERSION, LAZY_BACKLOG

__all__ = [
    "FACTS_VERSION",
    "LAZY_BACKLOG",
    "EntityProfile",
    "EntitySummary",
    "Facts",
    "ensure_facts",
]
