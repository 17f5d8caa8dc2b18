"""Decide what to extract before a question is asked, and read the facts it needs.

`ensure_facts` is where briefgen decides whether facts are extracted now or left for later;
the Facts it returns is all that summarizers and entity questions read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.errors import InvalidArgumentError
from briefgen.extract.records import CableFacts
from briefgen.facts import store
from briefgen.facts.query import (
    EntityProfile,
    EntitySummary,
    find_entities,
    get_entity,
    profile_by_text,
)
from briefgen.store import Corpus

if TYPE_CHECKING:
    from briefgen.cluster import Cluster


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts of one corpus as `ensure_facts` left them: what briefings and questions read.

    Complete (not `deferred`), every cable is extracted and reading never writes. Deferred,
    the whole-corpus pass is left for later: an entity is found by full-text search and the
    cables a lookup reads are extracted then, and kept (see lazy.py).
    """

    corpus: Corpus
    """The corpus the facts are stored in."""
    deferred: bool = False
    """True while more than LAZY_BACKLOG cables await the whole-corpus pass."""
    extracted: int = 0
    """How many cables `ensure_facts` extracted."""

    def of(self, cable_ids: Iterable[str]) -> list[CableFacts]:
        """Return the facts of these cables in the order given (cables without facts left out)."""
        if self.deferred:
            return store.facts_for(self.corpus, cable_ids)
        return store.stored_facts(self.corpus, cable_ids)

    def entity(
        self, name: str, kind: str | None = None, *, max_cables: int | None = None
    ) -> EntityProfile:
        """Return the profile of the entity `name` means, drawn from at most `max_cables`
        cables (the ones mentioning it most; all of them when None)."""
        if self.deferred:
            if max_cables is None:
                raise self._whole_corpus("an entity's every cable")
            return profile_by_text(self.corpus, name, kind, max_cables)
        return get_entity(self.corpus, name, kind, max_cables=max_cables)

    def entities(
        self, kind: str | None = None, search: str | None = None, limit: int | None = None
    ) -> list[EntitySummary]:
        """Return the entities of the corpus, most mentioned first (see `find_entities`)."""
        if self.deferred:
            raise self._whole_corpus("a list of entities")
        return find_entities(self.corpus, kind, search, limit)

    @staticmethod
    def _whole_corpus(what: str) -> InvalidArgumentError:
        return InvalidArgumentError(
            f"{what} needs the facts of the whole corpus: call ensure_facts without defer"
        )


def ensure_facts(
    corpus: Corpus,
    *,
    defer: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cluster: Cluster | None = None,
) -> Facts:
    """Extract the cables the facts store lacks, now or later, and return the facts to read.

    Without `defer`, every cable new, changed or extracted by older rules is extracted now
    (nothing to do costs two meta reads), on `workers` processes (default: every core for a
    large backlog) or on the Dask `cluster`, calling `progress(done, total)` as batches are
    written. With `defer`, a
    backlog of more than LAZY_BACKLOG cables is left for later and the Facts returned is
    deferred: rule matching costs about three times what reading and storing does, and a
    briefing must not wait for a whole Cablegate corpus.
    """
    if defer and store.backlog_is_large(corpus):
        return Facts(corpus, deferred=True)
    done = store.update_facts(corpus, workers=workers, progress=progress, cluster=cluster)
    return Facts(corpus, extracted=done)
