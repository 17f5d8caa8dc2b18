"""Find the program a query names: the passages of the cables about it, from one post.

A passage is a list item (`- Centers for Drug Information (CDI) Training Conference ...`) or
a paragraph without a list. A passage is about the program when it matches every concept of
the query (see program_words): in its own words, or through its context (the paragraph's
heading and the lead of its list; for a place, also the cable's subject and post). A cable
whose subject or summary lead matches is about the program as a whole.

Programs of different posts are never merged unless the user gave the cables: the sheet
keeps the best-matching post and lists the others. When nothing matches, the error lists the
closest passages; when several items of one list match equally, it lists them to choose from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefgen.errors import AmbiguousNameError, NotFoundError
from briefgen.extract import countries
from briefgen.facts import Facts
from briefgen.models import Cable
from briefgen.store import Corpus
from briefgen.store.filters import origin_key
from briefgen.summarize.evidence import Evidence, Sentence, load_evidence, paragraph_sentences
from briefgen.summarize.program_names import capital, name_in, title
from briefgen.summarize.program_passages import (
    Passage,
    Words,
    continues,
    introduces,
    list_lead,
    passages_of,
)
from briefgen.summarize.program_words import (
    KIND_STEMS,
    STOP_WORDS,
    WEAK,
    Concept,
    name_concept,
    query_concepts,
    stem,
    words,
)
from briefgen.summarize.records import Cite, Statement

MAX_CABLES = 40
"""The most cables a sheet reads: the best matches of the full-text search, by bm25 rank."""
SHORT_ITEM = 6
"""A list item of at most this many sentences is about one thing: from the sentence naming the
program to its end, all of it is the program's."""
MAX_CANDIDATES = 5
MAX_OTHERS = 5
"""How many other posts' best matches a sheet lists."""
"""How many closest passages a failed lookup lists."""


@dataclass(frozen=True, slots=True)
class ProgramMatch:
    """What the cables say of the program a query names."""

    name: str
    """The program's name as the best-matching cable writes it (`Centers for Drug Information
    (CDI) Training Conference`), else the query, capitalized as a title."""
    phrase: str
    """The name as it reads inside a sentence (`the Megaports program`'s `Megaports program`,
    `information campaign`)."""
    sentences: tuple[Sentence, ...]
    """Its sentences, in cable order."""
    cables: tuple[Cable, ...]
    """The cables they come from, oldest first."""
    evidence: Evidence
    """Every cable read and its facts."""
    central: frozenset[str]
    """Ids of the cables wholly about the program (their subject or summary names it)."""
    concepts: tuple[Concept, ...]
    """What the query asks for, as the cables' words."""
    other_matches: tuple[Statement, ...] = ()
    """The best passage of each other post that matches the query: other programs, not
    merged into this one."""
    posts: tuple[str, ...] = ()
    """The posts whose cables the sheet draws on, when there are several (the user gave
    cables of several posts); else empty."""


@dataclass(frozen=True, slots=True)
class _Hit:
    passage: Passage
    score: float
    first: int
    """The index, in the passage, of the first sentence naming the program."""
    phrased: bool = False
    """True when the passage has the query's words in its order."""


def find_program(
    corpus: Corpus, stored: Facts, query: str, cables: Sequence[str] = ()
) -> ProgramMatch:
    """Return the passages of the cables about the program `query` names.

    With `cables`, only those cables are read, and programs of several posts among them are
    merged (the match lists the posts). Raise NotFoundError, listing the closest passages,
    when no passage matches; AmbiguousNameError when several items of one list match alike.
    """
    concepts = query_concepts(query)
    ids = list(cables) if cables else _search(corpus, concepts, [])
    evidence = load_evidence(corpus, stored, ids)
    refined = query_concepts(query, _Known(evidence))
    if not cables and refined != concepts:
        ids = _search(corpus, refined, ids)
        evidence = load_evidence(corpus, stored, ids)
    concepts = refined
    if not any(c.required for c in concepts):
        raise NotFoundError(
            f"no program, campaign or grant matching {query!r}: no words to look for"
        )
    passages = [p for c in evidence.cables for p in passages_of(c)]
    hits = [h for h in (_score(p, concepts) for p in passages) if h is not None]
    if sum(1 for c in concepts if c.kind == "word") >= 2 and any(h.phrased for h in hits):
        # A name of several words (`Public Protection Program`) is found as written where
        # the cables write it; elsewhere its words are only words.
        hits = [h for h in hits if h.phrased]
    central = {c.id for c in evidence.cables if _central(c, concepts)}
    # A cable without paragraphs (a header and nothing else) has no passage to stand for it.
    hits += [
        _central_hit(c, passages, concepts)
        for c in evidence.cables
        if c.id in central and c.paragraphs
    ]
    if not hits:
        raise NotFoundError(_not_found(query, passages, concepts, cables))
    groups: dict[str, list[_Hit]] = {}
    for hit in hits:
        groups.setdefault(origin_key(hit.passage.cable.origin) or "", []).append(hit)
    ranked = sorted(groups.values(), key=_group_rank, reverse=True)
    chosen = [h for g in ranked for h in g] if cables else ranked[0]
    chosen = _one_per_list(query, chosen, central, concepts)
    sentences = _program_sentences(chosen, concepts, central)
    name = _name(query, chosen, concepts)
    used = tuple(c for c in evidence.cables if any(s.cite.cable_id == c.id for s in sentences))
    posts = tuple(dict.fromkeys(c.origin or "an unnamed post" for c in used))
    return ProgramMatch(
        name=capital(name),
        phrase=name,
        sentences=sentences,
        cables=used,
        evidence=evidence,
        central=frozenset(central & {c.id for c in used}),
        concepts=tuple(concepts),
        other_matches=() if cables else tuple(_best_of(g) for g in ranked[1 : 1 + MAX_OTHERS]),
        posts=posts if len(posts) > 1 else (),
    )


# --- finding candidate cables --------------------------------------------------------------


def _search(corpus: Corpus, concepts: Sequence[Concept], already: Sequence[str]) -> list[str]:
    """Return the ids of the cables best matching the concepts (those in `already` first).

    Every required concept must match (places too, then without them); failing that, any.
    """
    required = [c for c in concepts if c.required]
    found: list[str] = list(already)
    for group in (required, [c for c in required if c.kind != "place"], list(concepts)):
        terms = [t for t in (_fts_group(c) for c in group) if t]
        if not terms:
            continue
        joiner = " AND " if group is not concepts else " OR "
        query = joiner.join(f"({t})" for t in terms)
        found += [s.id for s in corpus.cables(search=query, limit=MAX_CABLES)]
        if len(dict.fromkeys(found)) > len(already):
            break
    return list(dict.fromkeys(found))[: max(MAX_CABLES, len(already))]


def _fts_group(concept: Concept) -> str:
    """Return the FTS5 alternatives of one concept (`"g tip" OR "office to monitor ..."`)."""
    alternatives = {'"' + " ".join(re.findall(r"\w+", " ".join(p))) + '"' for p in concept.phrases}
    for word_stem in concept.stems:
        plain = " ".join(re.findall(r"\w+", word_stem))
        if plain:
            # A stem of four letters or more finds its forms as a prefix (`traffick*`).
            alternatives.add(f'"{plain}"' + ("*" if len(plain) >= 4 else ""))
    alternatives.discard('""')
    return " OR ".join(sorted(alternatives))


class _Known:
    """The organizations, people and places of the cables read, by the words of their names."""

    def __init__(self, evidence: Evidence) -> None:
        self.names: dict[tuple[str, ...], Concept] = {}
        for facts in evidence.facts.values():
            for entity in facts.entities:
                forms = {entity.name, *entity.aliases}
                if entity.acronym:
                    forms.add(entity.acronym)
                place = entity.kind == "place"
                for form in forms:
                    key = tuple(words(form))
                    # One short word is a name only as an acronym (`CDI`), never `Police`.
                    if not key or (len(key) == 1 and not (form.isupper() and len(form) >= 2)):
                        continue
                    if key not in self.names or len(forms) > len(self.names[key].phrases):
                        self.names[key] = name_concept(entity.name, forms, place=place)

    def __call__(self, written: Sequence[str], start: int) -> tuple[Concept, int] | None:
        lowered = [w.lower() for w in written]
        for size in range(min(8, len(written) - start), 0, -1):
            concept = self.names.get(tuple(lowered[start : start + size]))
            if concept is not None:
                return concept, size
        return None


# --- passages and how well they match ------------------------------------------------------


def _score(passage: Passage, concepts: Sequence[Concept]) -> _Hit | None:
    """Return the passage as a hit when it matches every required concept, else None."""
    own, around = Words(passage.text), Words(passage.context)
    lead = Words(list_lead(passage.paragraph) or "") if passage.listed else None
    cable = _cable_words(passage.cable)
    score = 0.0
    mine = strong = False
    for concept in concepts:
        if own.has(concept):
            score += 1.0 if concept.required else 0.3
            mine = mine or concept.required
            strong = strong or concept.kind not in WEAK
        elif around.has(concept) or (concept.kind == "place" and _in_cable(cable, concept)):
            score += 0.6 if concept.required else 0.0
            # A list's lead speaks for its items (`INL programs ... as follows: - training`).
            strong = strong or (concept.kind not in WEAK and lead is not None and lead.has(concept))
        elif concept.required:
            return None
    if not mine or (not strong and any(c.kind not in WEAK and c.required for c in concepts)):
        return None  # matched only through its heading or list lead, like every sibling
    row = " " + " ".join(stem(w) for w in words(passage.text) if w not in STOP_WORDS) + " "
    if _phrase(concepts, ("word", "kind")) in row:
        score += 1.0  # the query's words in its order: the program's own name
    return _Hit(passage, score, _first(passage, concepts), _phrase(concepts, ("word",)) in row)


def _central_hit(cable: Cable, passages: Sequence[Passage], concepts: Sequence[Concept]) -> _Hit:
    """Return the hit standing for a cable wholly about the program: its passage naming the
    program best (else its first), ranked above any other."""
    own = [p for p in passages if p.cable.id == cable.id]
    scored = [h for h in (_score(p, concepts) for p in own) if h is not None]
    best = max(scored, key=lambda h: h.score, default=_Hit(own[0], 0.0, 0) if own else None)
    if best is None:
        para = cable.paragraphs[0]
        sentences = tuple(paragraph_sentences(cable.id, para, cable.cite_labels()[0]))
        best = _Hit(Passage(cable, para, sentences, 0, ""), 0, 0)
    return _Hit(best.passage, best.score + 10.0, best.first, best.phrased)


def _first(passage: Passage, concepts: Sequence[Concept]) -> int:
    """Return the index of the passage's sentence naming the program best: the first of
    those matching the most of the query's distinctive concepts, then of all of them."""
    strong = _strong(concepts)
    required = [c for c in concepts if c.required and c.kind != "place"]
    counts = [(_named(s, strong), _named(s, required)) for s in passage.sentences]
    best = max(counts, default=(0, 0))
    return counts.index(best) if best[0] else 0


def _strong(concepts: Sequence[Concept]) -> list[Concept]:
    """Return the concepts that tell the program apart (not its kind or place), else all."""
    return [c for c in concepts if c.required and c.kind not in WEAK] or [
        c for c in concepts if c.required
    ]


def _named(sentence: Sentence, strong: Sequence[Concept]) -> int:
    """Return how many of the distinctive concepts a sentence matches."""
    own = Words(sentence.text)
    return sum(1 for c in strong if own.has(c))


def _phrase(concepts: Sequence[Concept], kinds: Sequence[str]) -> str:
    """Return the stems of the query's words of these kinds, spaced, to find them in a row
    (stop words left out on both sides: `Partnership for Peace`)."""
    stems = [
        stem(w) for c in concepts if c.kind in kinds for w in words(c.label) if w not in STOP_WORDS
    ]
    return " " + " ".join(stems) + " " if len(stems) >= 2 else "\0"


def _cable_words(cable: Cable) -> Words:
    """Return the words of a cable's subject and its post's country, for places."""
    post = (cable.origin or "").split(" ", 1)[-1] if cable.origin else ""
    country = countries.country_of_place(post) if post else None
    return Words(" ".join(t for t in (cable.subject, post, country) if t))


def _in_cable(cable: Words, concept: Concept) -> bool:
    return cable.has(concept)


def _central(cable: Cable, concepts: Sequence[Concept]) -> bool:
    """Return True when the cable's subject or summary lead names the program (a kind of
    program or a place alone names none)."""
    if not any(c.required and c.kind not in WEAK for c in concepts):
        return False
    cable_words = _cable_words(cable)
    for text in (cable.subject or "", _first_sentence(cable.summary or "")):
        own = Words(text)
        if text and all(
            own.has(c) or (c.kind == "place" and cable_words.has(c)) for c in concepts if c.required
        ):
            return True
    return False


def _first_sentence(text: str) -> str:
    text = re.sub(r"^\s*(?:\([A-Z/]+\)\s*)?SUMMARY\s*:\s*", "", text, flags=re.I)
    match = re.search(r"[.!?](?:\s|$)", text)
    return text[: match.end()] if match else text


# --- choosing among the hits ---------------------------------------------------------------


def _group_rank(hits: list[_Hit]) -> tuple[float, int, str]:
    best = max(h.score for h in hits)
    return (best, len(hits), "".join(sorted(h.passage.cable.id for h in hits))[:40])


def _one_per_list(
    query: str, hits: list[_Hit], central: set[str], concepts: Sequence[Concept]
) -> list[_Hit]:
    """Return the hits without the weaker items of a list another item matches better.

    Items of one list are different programs: when several match alike (`INL training` in a
    list of five trainings), raise AmbiguousNameError listing them.
    """
    lists: dict[tuple[str, int], list[_Hit]] = {}
    for hit in hits:
        if hit.passage.listed and hit.passage.cable.id not in central:
            key = (hit.passage.cable.id, _place(hit.passage))
            lists.setdefault(key, []).append(hit)
    # A list's lead naming the program (`INL programs ... as follows:`) stands for the whole
    # list only when no item of it matches: else the items are the programs.
    dropped: set[int] = {
        id(h)
        for h in hits
        if h.passage.item == 0
        and h.passage.cable.id not in central
        and (h.passage.cable.id, _place(h.passage)) in lists
    }
    for items in lists.values():
        best = max(h.score for h in items)
        top = [h for h in items if h.score == best]
        names = {name_in(h.passage.sentences[h.first].text, concepts) for h in top}
        # Items naming the program alike (`Night Stars` in two) tell of one program.
        if len(top) > 1 and (None in names or len(names) > 1):
            labels = "; ".join(f"«{_label(h)}»" for h in top[:MAX_CANDIDATES])
            raise AmbiguousNameError(
                f"{query!r} matches {len(top)} programs listed in {_cite(top[0])}: "
                f"{labels}; name one of them"
            )
        dropped.update(id(h) for h in items if h.score < best)
    kept = [h for h in hits if id(h) not in dropped]
    if not any(c.required and c.kind not in WEAK for c in concepts):
        # Only a kind of program or a place (`training`): one passage, or a choice to make.
        distinct = {(h.passage.cable.id, _place(h.passage), h.passage.item) for h in kept}
        if len(distinct) > 1 and not central:
            top = sorted(kept, key=lambda h: -h.score)[:MAX_CANDIDATES]
            labels = "; ".join(f"«{_label(h)}» ({_cite(h)})" for h in top)
            raise AmbiguousNameError(
                f"{query!r} matches {len(distinct)} passages; name the program, its funder, "
                f"its implementer or its place: {labels}"
            )
    return kept


def _program_sentences(
    hits: Iterable[_Hit], concepts: Sequence[Concept], central: set[str]
) -> tuple[Sentence, ...]:
    """Return the sentences about the program: whole cables about it, and from each other
    passage the sentence naming it and those going on about it."""
    # Keyed by cable, paragraph place and sentence: 18A and 18B share the number 18.
    chosen: dict[tuple[str, int, int], Sentence] = {}
    strong = _strong(concepts)
    for hit in hits:
        passage = hit.passage
        if passage.cable.id in central:
            cable = passage.cable
            labels = cable.cite_labels()
            for place, para in enumerate(cable.paragraphs):
                for s in paragraph_sentences(cable.id, para, labels[place]):
                    chosen[(s.cite.cable_id, place, s.index)] = s
            continue
        place = _place(passage)
        for s in _taken(passage, hit.first, strong):
            chosen[(s.cite.cable_id, place, s.index)] = s
    order = {c.id: n for n, c in enumerate(_cables_of(hits))}
    return tuple(chosen[k] for k in sorted(chosen, key=lambda k: (order.get(k[0], 0), *k)))


def _place(passage: Passage) -> int:
    """Return the place of a passage's paragraph in its cable, from 0."""
    for place, para in enumerate(passage.cable.paragraphs):
        if para is passage.paragraph:
            return place
    return len(passage.cable.paragraphs)


def _cables_of(hits: Iterable[_Hit]) -> list[Cable]:
    seen = {h.passage.cable.id: h.passage.cable for h in hits}
    return sorted(seen.values(), key=lambda c: (c.created.isoformat() if c.created else "", c.id))


def _taken(passage: Passage, first: int, strong: Sequence[Concept]) -> list[Sentence]:
    """Return the sentences of one passage about the program, from the one naming it on:
    all of a short list item, else those naming it as well or going on about it."""
    sentences = list(passage.sentences)
    # A paragraph opening with the program is about it; one that names it deep in a long
    # first sentence (`a range of problems: ..., the Fulbright program, ...`) is not.
    opens = first == 0 and _opening(sentences[0].text, strong)
    lead = list_lead(passage.paragraph)
    whole = passage.item == 0 and (opens or (lead is not None and introduces(lead)))
    if whole:
        return sentences
    if passage.listed and len(sentences) <= SHORT_ITEM:
        return sentences  # a short item is one program, its title first
    naming = _named(sentences[first], strong)
    taken = [sentences[first]]
    for sentence in sentences[first + 1 :]:
        if (naming and _named(sentence, strong) >= naming) or continues(sentence.text):
            taken.append(sentence)
        else:
            break
    return taken


OPENING_WORDS = 15
"""A paragraph is about the program when its first sentence names it within these words."""


def _opening(text: str, strong: Sequence[Concept]) -> bool:
    return any(Words(" ".join(text.split()[:OPENING_WORDS])).has(c) for c in strong)


def _best_of(hits: list[_Hit]) -> Statement:
    """Return a line naming the best hit of another post: its post and naming sentence."""
    best = max(hits, key=lambda h: h.score)
    cable = best.passage.cable
    return Statement(f"{cable.origin or cable.id}: {_label(best, 160)}", (_cite(best),))


def _cite(hit: _Hit) -> Cite:
    return hit.passage.sentences[hit.first].cite


def _label(hit: _Hit, limit: int = 90) -> str:
    text = hit.passage.sentences[hit.first].text
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _not_found(
    query: str, passages: Sequence[Passage], concepts: Sequence[Concept], cables: Sequence[str]
) -> str:
    """Return the message for a query nothing matches, with the closest passages."""
    where = f" in {', '.join(cables)}" if cables else ""
    message = f"no program, campaign or grant matching {query!r} found{where}"
    required = [c for c in concepts if c.required]
    scored: list[tuple[float, int, Passage]] = []
    for n, passage in enumerate(passages):
        own = Words(passage.text)
        matched = [c for c in required if own.has(c)]
        if (
            required
            and len(matched) * 2 >= len(required)
            and any(c.kind not in WEAK for c in matched)
        ):
            scored.append((len(matched) / len(required), -n, passage))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if not scored:
        return message
    closest = "; ".join(
        f"«{_label(_Hit(p, 0.0, _first(p, concepts)), 70)}» ({p.sentences[0].cite})"
        for _, _, p in scored[:MAX_CANDIDATES]
    )
    return f"{message}; the closest: {closest}"


# --- the program's name --------------------------------------------------------------------


def _name(query: str, hits: Sequence[_Hit], concepts: Sequence[Concept]) -> str:
    """Return the program's name as running text writes it: as the best-matching sentence
    has it (or, when that is only a body's name, its list item's title), else the query."""
    for hit in sorted(hits, key=lambda h: (-h.score, h.first)):
        sentence = hit.passage.sentences[hit.first].text
        name = name_in(sentence, concepts)
        if name and any(stem(w) in KIND_STEMS for w in words(name)):
            return _running(name, sentence.lstrip("\"'“ ").startswith(name))
        heading = title(hit.passage)
        if heading:
            return _running(heading, True)
        if name:
            return _running(name, sentence.lstrip("\"'“ ").startswith(name))
    return query


def _running(name: str, opens: bool) -> str:
    """Return a name as it reads inside a sentence: a capital that only opens the sentence or
    a title (`One-year rent for ...`, `Information campaign`) is dropped, a name's kept."""
    written = name.split()
    following = [w for w in written[1:] if w.lower() not in STOP_WORDS]
    if opens and following and written[0][1:].islower() and following[0][:1].islower():
        return written[0].lower() + name[len(written[0]) :]
    return name
