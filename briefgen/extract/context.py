"""The working state of one extraction: paragraph views, the entity table, the mentions found."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeVar, cast

from briefgen.extract import lexicon
from briefgen.extract.clauses import Words, split_clauses
from briefgen.extract.gazetteer import fold
from briefgen.extract.kinds import kind_from_name
from briefgen.extract.names import MULTI_CHAIN_RE, Token, tokens
from briefgen.extract.records import (
    Attribution,
    EntityKind,
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
from briefgen.extract.scan import Scan, scan
from briefgen.extract.text import Sentences, is_caps
from briefgen.models import Cable

T = TypeVar("T")
_START = attrgetter("start")


@dataclass(slots=True)
class Para:
    """One paragraph as the rules see it."""

    index: int
    """Position in the cable, from 0."""
    number: int | None
    """The paragraph number the cable gives."""
    text: str
    """The paragraph text."""
    lowered: str
    """The text in lower case, for case-blind matching."""
    caps: bool
    """True when the paragraph is written in capitals."""
    label: str | None = None
    """How a citation names it when its number does not (`Cable.cite_labels`)."""
    mentions: list[Mention] = field(default_factory=list)
    """Mentions found in it so far, kept in text order by `Context.add_mention`."""
    _sentences: Sentences | None = None
    _scan: Scan | None = None
    _chains: list[list[Token]] | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Return `compute()`, computed once per paragraph under `key` (for rules sharing work)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @property
    def sentences(self) -> Sentences:
        """Return its sentence boundaries (found on first use: most paragraphs need none)."""
        if self._sentences is None:
            self._sentences = Sentences.split(self.text)
        return self._sentences

    @property
    def ascii(self) -> bool:
        """Return True when the text is ASCII: its lower case then has the same offsets, and
        a case-blind pattern may run on `lowered` as a plain one."""
        return self.memo("ascii", self.text.isascii)

    @property
    def folded(self) -> str:
        """Return the text as the name automata scan it (see `gazetteer.fold`)."""
        return self.memo("folded", lambda: fold(self.lowered))

    @property
    def numbers(self) -> list[tuple[int, int]]:
        """Return the offsets of its numbers, in digits or words."""
        return self._scanned().numbers

    @property
    def hints(self) -> frozenset[str]:
        """Return the rule groups (`scan.HINTS`) whose keywords occur in it."""
        return self._scanned().hints

    def _scanned(self) -> Scan:
        if self._scan is None:
            self._scan = scan(self.text, self.lowered)
        return self._scan

    @property
    def chains(self) -> list[list[Token]]:
        """Return its runs of capitalised words, as tokens (shared by the name rules)."""
        if self._chains is None:
            text = self.text
            # One-word runs (a capitalised word opening a sentence) name nothing these rules want.
            self._chains = [tokens(text, m.start(), m.end()) for m in MULTI_CHAIN_RE.finditer(text)]
        return self._chains

    @property
    def words(self) -> Words:
        """Return its tokens, found once and shared by the rules that read clauses."""
        return self.memo("words", lambda: Words.of(self.text))

    @property
    def clauses(self) -> list[tuple[int, int, int]]:
        """Return the clauses of its sentences as (sentence index, start, end), in order."""

        def compute() -> list[tuple[int, int, int]]:
            sentences = self.sentences
            return [
                (index, start, end)
                for index in range(len(sentences))
                for start, end in split_clauses(self.text, *sentences.bounds(index))
            ]

        return self.memo("clauses", compute)

    def sentence(self, offset: int) -> str:
        """Return the sentence holding `offset`."""
        return self.sentences.at(offset)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Return the mentions lying within `[start, end)`, in text order."""
        first = bisect_left(self.mentions, start, key=_START)
        return [m for m in self.mentions[first:] if m.start < end and m.end <= end]

    def covered(self, start: int, end: int) -> bool:
        """Return True when `[start, end)` overlaps a mention found before."""
        # Mentions are kept in text order and never overlap: only the neighbours can.
        mentions = self.mentions
        index = bisect_left(mentions, start, key=_START)
        for near in mentions[max(0, index - 1) : index + 1]:
            if near.start < end and start < near.end:
                return True
        return False


@dataclass(slots=True)
class _Entity:
    kind: EntityKind
    name: str
    aliases: set[str] = field(default_factory=set)
    acronym: str | None = None
    kinds_said: list[str] = field(default_factory=list)


def canonical_org(text: str) -> str:
    """Return the canonical form of an organization name (no article, `NGO` suffix, `'s`)."""
    name = " ".join(text.split())
    for prefix in ("the ", "The ", "THE "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for suffix in (" NGO", " group", " network", " Group"):
        if name.endswith(suffix) and len(name) > len(suffix) + 3:
            name = name[: -len(suffix)]
    return lexicon.ORG_SYNONYMS.get(name, name)


_LOWER_WORD_RE = re.compile(r"[a-z][a-z'’-]*")
"""A word written in lower case: it stands alone when no word character, apostrophe or hyphen
comes before it and no lower-case letter, apostrophe or hyphen after it."""
_GOES_ON = frozenset("abcdefghijklmnopqrstuvwxyz'’-")


def _written_alone(text: str, word: str) -> bool:
    """Return True when `word` (lower case) stands as a whole word somewhere in `text`."""
    position = text.find(word)
    while position != -1:
        end = position + len(word)
        before = text[position - 1] if position else " "
        if not (before.isalnum() or before in "_'’-") and (
            end == len(text) or text[end] not in _GOES_ON
        ):
            return True
        position = text.find(word, position + 1)
    return False


class Context:
    """Hold what extraction knows about one cable while its rules run."""

    def __init__(self, cable: Cable) -> None:
        self.cable = cable
        self.created: datetime | None = cable.created
        self.paras: list[Para] = []
        labels = cable.cite_labels()
        for index, para in enumerate(cable.paragraphs):
            text = para.text
            self.paras.append(
                Para(index, para.number, text, text.lower(), is_caps(text), labels[index])
            )
        self._entities: dict[str, _Entity] = {}
        self._alias: dict[str, str] = {}
        self._ambiguous: set[str] = set()
        self.roles: list[Role] = []
        self.figures: list[Figure] = []
        self.events: list[Event] = []
        self.fundings: list[Funding] = []
        self.relations: list[Relation] = []
        self.quotations: list[Quotation] = []
        self.recommendations: list[Recommendation] = []
        self.attributions: list[Attribution] = []
        self.claimed: dict[int, set[int]] = {}
        """Offsets (per paragraph index) that a figure rule has used, so counts skip them."""
        self.origin_mentions: list[Mention] = []
        self._ngos: frozenset[str] | None = None
        self._lower_words: dict[str, bool] = {}
        self._called: dict[str, bool] = {}

    # --- entities -------------------------------------------------------------------------

    def register(
        self,
        kind: EntityKind,
        name: str,
        aliases: tuple[str, ...] = (),
        acronym: str | None = None,
    ) -> str:
        """Record an entity (or add names to a known one) and return its canonical name."""
        known = self.lookup(name) or (self.lookup(acronym) if acronym else None)
        if known is not None and self._entities[known].kind == kind:
            name = known
        entity = self._entities.get(name)
        if entity is None:
            entity = self._entities[name] = _Entity(kind, name)
        if acronym and entity.acronym is None:
            entity.acronym = acronym
        for alias in (*aliases, *((acronym,) if acronym else ())):
            if alias and alias != name:
                entity.aliases.add(alias)
                self._bind(alias, name)
        self._bind(name, name)
        return name

    def _bind(self, alias: str, name: str) -> None:
        # An alias two entities share (`Tarasov` for two Tarasovs) names neither of them.
        key = alias.lower()
        if key in self._ambiguous:
            return
        bound = self._alias.get(key)
        if bound is None:
            self._alias[key] = name
        elif bound != name:
            del self._alias[key]
            self._ambiguous.add(key)

    def lookup(self, name: str | None) -> str | None:
        """Return the canonical name a name or alias stands for in this cable, or None."""
        if not name:
            return None
        return self._alias.get(name.lower())

    def spelt_by(self, acronym: str) -> str | None:
        """Return the one organization named so far whose capitalised words' initials spell
        `acronym` (`Human Rights Watch` for `HRW`), or None."""
        wanted = acronym.lower()
        found = {
            e.name
            for e in self._entities.values()
            if e.kind == "org"
            and len(e.name.split()) == len(acronym)
            and "".join(w[0] for w in e.name.split() if w[:1].isupper()).lower() == wanted
        }
        return found.pop() if len(found) == 1 else None

    def near_acronym(self, acronym: str) -> str | None:
        """Return the entity whose acronym is one letter off (`ATIPCA` for `AATIPCA`), or None."""
        from rapidfuzz.distance import Levenshtein

        found = {
            e.name
            for e in self._entities.values()
            if e.acronym and len(e.acronym) >= 5 and Levenshtein.distance(e.acronym, acronym) <= 1
        }
        return found.pop() if len(found) == 1 else None

    def longer_org(self, name: str) -> str | None:
        """Return the one organization named before as `<Word> name` (`Akmolinskaya Department
        of Justice` for a later `Department of Justice`), or None."""
        found = [
            e.name
            for e in self._entities.values()
            if e.kind == "org"
            and e.name.endswith(" " + name)
            and " " not in e.name[: -len(name) - 1]
        ]
        return found[0] if len(found) == 1 else None

    def written_lower(self, word: str) -> bool:
        """Return True when the cable writes `word` in lower case somewhere (a common word)."""
        key = word.lower()
        known = self._lower_words.get(key)
        if known is None:
            # Looked for where asked, word by word: most cables ask of a few words only.
            known = _LOWER_WORD_RE.fullmatch(key) is not None and any(
                _written_alone(p.text, key) for p in self.paras if not p.caps
            )
            self._lower_words[key] = known
        return known

    def called_a_body(self, word: str) -> bool:
        """Return True when the cable calls `word` an NGO, a group or another kind of body
        where it names it (`X, a local NGO,`, `the NGO X`, `X is a national organization`)."""
        known = self._called.get(word)
        if known is not None:
            return known
        from briefgen.extract.kinds import kind_from_context

        found = False
        for para in self.paras:
            if para.caps or word not in para.text:
                continue
            position = para.text.find(word)
            while position != -1 and not found:
                end = position + len(word)
                whole = (position == 0 or not para.text[position - 1].isalnum()) and (
                    end == len(para.text) or not para.text[end].isalnum()
                )
                found = whole and kind_from_context(para.text, position, end) is not None
                position = para.text.find(word, end)
            if found:
                break
        self._called[word] = found
        return found

    def capitalised_inside(self, word: str) -> bool:
        """Return True when the cable writes `word` capitalised inside a sentence."""
        needle = " " + word
        for para in self.paras:
            position = para.text.find(needle)
            while position != -1:
                before = para.text[max(0, position - 2) : position]
                if not before.endswith((".", "!", "?", ":", ";", "-")) and before.strip():
                    return True
                position = para.text.find(needle, position + 1)
        return False

    def gender_of(self, person: str) -> str | None:
        """Return `m` or `f` when the cable writes the person with Mr., Ms. or Mrs., else None."""
        for para in self.paras:
            for mention in para.mentions:
                if mention.name == person and mention.kind == "person":
                    before = para.text[max(0, mention.start - 5) : mention.start]
                    if before.endswith(("Mr. ", "Mr ")):
                        return "m"
                    if before.endswith(("Ms. ", "Mrs. ", "Ms ", "Mrs ")):
                        return "f"
        return None

    def ngos(self) -> frozenset[str]:
        """Return the organizations of the cable whose kind is `ngo`."""
        if self._ngos is None:
            self._ngos = frozenset(
                e.name for e in self._entities.values() if self.org_kind(e.name) == "ngo"
            )
        return self._ngos

    def say_kind(self, name: str, kind: str, para: Para | None = None, offset: int = 0) -> None:
        """Record that the cable calls the organization `name` a body of `kind` (`ngo`...);
        with `para`, also where it says so (an `is_a` relation a briefing can cite)."""
        entity = self._entities.get(name)
        if entity is None:
            return
        entity.kinds_said.append(kind)
        if para is not None and not any(
            r.kind == "is_a" and r.subject == name for r in self.relations
        ):
            from briefgen.extract.kinds import KIND_LABELS

            self.relations.append(
                Relation("is_a", name, kind, None, KIND_LABELS[kind], self.source(para, offset))
            )

    def org_kind(self, name: str) -> str | None:
        """Return the kind of the organization `name`: what the cable calls it most, else what
        its name tells, else None."""
        entity = self._entities.get(name)
        if entity is None or entity.kind != "org":
            return None
        if entity.kinds_said:
            # On a tie, the kind said first: a set's order changes from process to process.
            return max(entity.kinds_said, key=entity.kinds_said.count)
        for candidate in (entity.name, *sorted(entity.aliases)):
            kind = kind_from_name(candidate)
            if kind is not None:
                return kind
        return None

    def kind_of(self, name: str) -> EntityKind | None:
        """Return the kind of a canonical name, or None."""
        entity = self._entities.get(name)
        return entity.kind if entity else None

    def aliases(self) -> dict[str, str]:
        """Return every alias (as written by the cable) with its canonical name."""
        result: dict[str, str] = {}
        for entity in self._entities.values():
            result.setdefault(entity.name, entity.name)
            for alias in entity.aliases:
                result.setdefault(alias, entity.name)
        return result

    def entity_refs(self) -> tuple[EntityRef, ...]:
        """Return the entities that have at least one mention, sorted by kind and name."""
        named = {m.name for p in self.paras for m in p.mentions}
        named.update(m.name for m in self.origin_mentions)
        return tuple(
            EntityRef(e.kind, e.name, tuple(sorted(e.aliases)), e.acronym, self.org_kind(e.name))
            for e in sorted(self._entities.values(), key=lambda e: (e.kind, e.name))
            if e.name in named
        )

    # --- mentions -------------------------------------------------------------------------

    def add_mention(
        self,
        para: Para,
        kind: EntityKind,
        start: int,
        end: int,
        name: str,
        rule: str,
        over_places: bool = False,
    ) -> Mention | None:
        """Add a mention unless its span overlaps one found before; return it or None.

        With `over_places`, place mentions lying inside the new span give way to it (the place
        in `Embassy of the Netherlands` belongs to the organization's name).
        """
        if start >= end:
            return None
        if over_places:
            para.mentions[:] = [
                m
                for m in para.mentions
                if not (m.kind == "place" and start <= m.start and m.end <= end)
            ]
        if para.covered(start, end):
            return None
        mention = Mention(
            kind,
            para.text[start:end],
            name,
            self.cable.id,
            para.number,
            start,
            end,
            rule,
            para.label,
        )
        para.mentions.insert(bisect_left(para.mentions, start, key=_START), mention)
        return mention

    def source(self, para: Para, offset: int) -> Source:
        """Return the source of a fact found at `offset` of `para`."""
        return Source(self.cable.id, para.number, para.sentence(offset), para.label)

    def names_in(self, para: Para, start: int, end: int, people: bool = True) -> list[str]:
        """Return the canonical names of orgs (and people) mentioned in `[start, end)`."""
        kinds = ("org", "person") if people else ("org",)
        names: list[str] = []
        for mention in para.mentions_between(start, end):
            if mention.kind in kinds and mention.name not in names:
                names.append(mention.name)
        return names

    def person_before(self, para: Para, offset: int) -> str | None:
        """Return who a pronoun at `offset` means: the person first named (the subject) in the
        nearest sentence before it that names one, in this paragraph or the ones before."""
        for index in range(para.index, -1, -1):
            here = self.paras[index]
            limit = offset if index == para.index else len(here.text)
            current = (
                here.sentences.index(limit) if index == para.index else len(here.sentences) - 1
            )
            people = [m for m in here.mentions if m.kind == "person" and m.end <= limit]
            for sentence in range(current, -1, -1):
                start, end = here.sentences.bounds(sentence)
                named = [m for m in people if start <= m.start < end]
                if named:
                    return named[0].name
        return None
