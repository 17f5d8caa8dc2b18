"""The corpus store: cables in one SQLite file, filled by ingest and queried by every stage.

from briefgen.store import Corpus
with Corpus.open("briefgen.db") as corpus:
    corpus.ingest(["examples/cables"])
    corpus.cables(origin="Astana", quarter="2009Q4", search="shelter")
"""

from __future__ import annotations

from briefgen.store.corpus import Corpus
from briefgen.store.filters import origin_key, parse_quarter
from briefgen.store.records import (
    CableSummary,
    CableView,
    CorpusStats,
    IngestReport,
    ReferenceView,
)
from briefgen.store.schema import LATEST as SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "CableSummary",
    "CableView",
    "Corpus",
    "CorpusStats",
    "IngestReport",
    "ReferenceView",
    "origin_key",
    "parse_quarter",
]
