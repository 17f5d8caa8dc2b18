"""Who gives and who receives in a funding sentence: the parties a slot of words names.

Kept apart from the funding rules so that the way a clause's subject is read can change (to the
clause and actor reading of `attribution`) in this one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.extract import funding_words as fw
from briefgen.extract import lexicon
from briefgen.extract.context import Context, Para

_OPENER_RE = re.compile(
    r"\s*(?:\([A-Z/]+\)\s*)?(?:-+\s*)?(?:During|In|On|After|Following|Since|From|Before|With|At|"
    r"Despite|Due|Of|When|While|According|Per|Under|For|By|As|Although|Though|Last|This|Over|"
    r"Between|Until|Through|Additionally|Also|However|Meanwhile|Furthermore|Moreover|Separately|"
    r"Currently|Recently|Previously|Today|Yesterday|Earlier|Later|Finally|Similarly|Likewise)\b"
)
_CLAUSE_MARKS = ("; ", " that ", ": ")
_LEAD_WORDS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "this", "these", "that", "those", "some",
     "many", "most", "all", "both", "each", "several", "one", "two", "three", "local", "also"]
)  # fmt: skip
_NAME_RE = re.compile(r"[A-Z][\w.&'’-]*(?: (?:of|and|for|the|de|del|la) ?| [A-Z][\w.&'’-]*){0,5}")
"""Capitalised words (with `of`, `and`, `for` between them): a name."""
_ENTRY_RE = re.compile(r"(?:^|\s)-*\s*\(?\d{1,2}\)\s+([A-Z][^:;.]{1,90}?):\s")
"""A numbered list entry (`--(2) Raices (Roots): The premiere NGO ...`): its name."""
_NOUN_AFTER_PLACE = frozenset(
    ["elections", "election", "project", "projects", "program", "programs", "office", "fund",
     "reconstruction", "government", "police", "army", "ministry", "embassy", "conference"]
)  # fmt: skip
"""Words that, after a place, make the slot something of the place, not the place itself."""
_POST_WORDS = frozenset({"post", "embassy", "we", "mission"})
_AUXILIARIES = frozenset(
    ["has", "have", "had", "will", "would", "is", "are", "was", "were", "can", "could", "may",
     "might", "should", "must", "did", "does", "do", "also", "not", "already", "still", "to",
     "plans", "planned", "agreed", "intends", "expects", "hopes", "wants", "decided", "recently",
     "reportedly", "then", "now", "just", "further", "again", "once", "jointly", "together",
     "never", "both", "all", "been", "being", "promised", "offered", "pledged", "continues",
     "be", "in", "part", "n't"]
)  # fmt: skip
_DESCRIPTION_RE = re.compile(
    r"^(?:(?:an?|the|some|several|many|most|two|three|local|other|its|their|his|her|\w+-based) )*"
    r"(?:[a-z][\w.-]* ){0,3}?[a-z][\w-]*$"
)
_NOT_IN_DESCRIPTIONS = frozenset(
    ["for", "in", "to", "with", "by", "on", "at", "from", "of", "into", "had", "has", "have",
     "is", "are", "was", "were", "will", "would", "not", "that", "which", "who", "and", "or",
     "this", "these", "those", "it", "they", "we", "he", "she", "said", "says", "one"]
)  # fmt: skip
"""Words a short description of a giver or receiver never holds (`the costs for programs`)."""


def _description(words: str) -> Party | None:
    """Return a short description (`a private foundation`, `foreign donors`) as a party."""
    parts = words.lower().split()
    if (
        len(parts) > 5
        or _NOT_IN_DESCRIPTIONS.intersection(parts[1:])
        or parts[0] in ("this", "these", "those", "it", "they", "we", "one", "that", "which")
    ):
        return None
    if parts[-1].strip(".'’") not in fw.AGENT_NOUNS:
        return None  # a thing (`massive borrowing`, `the project`), not a giver or receiver
    return Party(words, False) if _DESCRIPTION_RE.match(words.lower()) else None


@dataclass(frozen=True, slots=True)
class Party:
    """A giver, receiver or channel of money."""

    name: str
    """The canonical name of a known entity, or the words of a description (`a private
    foundation`, `foreign donors`) when the cable names no one."""
    named: bool
    """True for a known entity, False for a description."""


def party_in(ctx: Context, para: Para, start: int, end: int, places: bool = False) -> Party | None:
    """Return the party the words `para.text[start:end]` name: the first entity mentioned in
    them, the one a pronoun or `the NGO` stands for, or a short description; else None. With
    `places`, a country or city that is the whole slot counts (`provide Kyrgyzstan $3 billion`)."""
    names = ctx.names_in(para, start, end)
    if names:
        return Party(names[0], True)
    if places:
        # A country or city that opens the slot (`to Iraq`, `to Kyrgyzstan`), not one inside a
        # description (`to the Iraq elections`).
        slot = para.text[start:end].strip().removeprefix("the ")
        for mention in para.mentions_between(start, end):
            if mention.kind == "place" and slot.startswith(mention.text):
                rest = slot[len(mention.text) :].split()
                if not rest or (rest[0][:1].islower() and rest[0] not in _NOUN_AFTER_PLACE):
                    return Party(mention.name, True)
            break
    words = para.text[start:end].strip().rstrip(",;:")
    if " and the " in words:
        words = words.split(" and the ", 1)[0]  # `the Frontier Corps and the NWFP police`
    if words.endswith(".") and not re.search(r"\b[A-Z]\.$", words):
        words = words[:-1]  # a full stop, not the last of `U.S.`
    if not words:
        return None
    first = words.split(" ", 1)[0].lower()
    if first in ("his", "her", "its", "their") and len(words.split()) > 1:
        return None  # `his group`: someone's body the cable does not name
    if first in fw.PRONOUNS_PERSON:
        person = ctx.person_before(para, start)
        return Party(person, True) if person else None
    if first in fw.PRONOUNS_ORG:
        return org_before(ctx, para, start)
    last = words.split()[-1]
    head = last.lower()
    if first == "the" and head in fw.DESCRIPTIONS and len(words.split()) <= 3 and last.islower():
        return org_before(ctx, para, start)  # `the NGO`: the organization named before
    bare = words.removeprefix("the ").removeprefix("The ")
    known = ctx.lookup(bare)
    if known is None and bare.isupper() and len(bare) >= 5:
        known = ctx.near_acronym(bare)  # `ATIPCA` for `AATIPCA`: a misspelt acronym
    if known is not None:
        return Party(known, True)
    if bare.lower() in _POST_WORDS or bare.lower() == "u.s. embassy":
        return _post(ctx)
    if _NAME_RE.fullmatch(bare) and not fw.MONEY_NOUNS.intersection(bare.lower().split()):
        return Party(bare, False)  # a name the entity rules did not know (`the Ford Foundation`)
    return _description(words)  # `a private foundation`, `foreign donors`, `the government`


def org_before(ctx: Context, para: Para, offset: int) -> Party | None:
    """Return the organization `it`, `its` or `the NGO` at `offset` stands for: the entry of a
    list it sits in (`--(6) PAICABI: ... Its programs`), else the one that opens the sentence
    before (or this one), in this paragraph."""
    entry = entry_at(ctx, para, offset)
    if entry is not None:
        return entry
    index = para.sentences.index(offset)
    for sentence in range(index, max(-1, index - 2), -1):
        start, end = para.sentences.bounds(sentence)
        for mention in para.mentions_between(start, min(end, offset)):
            if mention.kind == "org" and para.text.count(" ", start, mention.start) <= 3:
                return Party(mention.name, True)
            break
    return None


def entry_at(ctx: Context, para: Para, offset: int) -> Party | None:
    """Return the body a list entry holding `offset` is about (`--(2) Raices (Roots): ...`
    until the next entry), or None outside a list."""
    text = para.text
    last = None
    for match in _ENTRY_RE.finditer(text, 0, offset):
        last = match
    if last is None:
        return None
    start, end = last.span(1)
    names = [m for m in para.mentions_between(start, end) if m.kind == "org"]
    if names:
        return Party(names[0].name, True)
    name = last.group(1).split(" (", 1)[0].strip()
    return Party(name, False) if name[:1].isupper() and len(name.split()) <= 6 else None


def actor(
    ctx: Context,
    para: Para,
    sentence_start: int,
    offset: int,
    pronoun_only: bool = False,
    adjacent: bool = False,
) -> Party | None:
    """Return the subject of the clause holding `offset`: the entity (or pronoun, or `the NGO`,
    or short description) that opens the clause, before `offset`; None when none does."""
    text = para.text
    start = sentence_start
    if not pronoun_only:
        opener = _OPENER_RE.match(text, start)
        if opener is not None:
            comma = text.find(", ", start, offset)
            if comma >= 0:
                start = comma + 2
        for mark in _CLAUSE_MARKS:
            cut = text.rfind(mark, start, offset)
            if cut >= 0:
                start = cut + len(mark)
    while start < offset and text[start] in " (-\"'":
        start += 1
    for mention in para.mentions_between(start, offset):
        # A country or a city can give or receive money: a place that opens the clause counts.
        if text.count(" ", start, mention.start) > 2:
            break
        if adjacent and not _only_auxiliaries(text, mention.end, offset):
            break  # `X ... and sponsored event`: the name is not the verb's subject
        return Party(mention.name, True)
    head = text[start:offset].split(" ", 4)
    first = head[0].lower().strip(",")
    if (
        adjacent
        and first in ("he", "she", "it", "they")
        and not _only_auxiliaries(text, start + len(first), offset)
    ):
        return None
    if first in fw.PRONOUNS_PERSON and first in ("he", "she"):
        person = ctx.person_before(para, start)
        return Party(person, True) if person else None
    if first in ("it", "its", "they", "their"):
        return org_before(ctx, para, start)
    if pronoun_only:
        return None
    second = head[1].lower().strip(",") if len(head) > 1 else ""
    if first in _POST_WORDS or (first == "the" and second in ("embassy", "mission", "post")):
        return _post(ctx)
    if first == "the" and len(head) > 1:
        acronym = head[1].strip(",").removesuffix("'s").removesuffix("’s")
        after = text.find(acronym, start) + len(acronym)
        if (
            acronym.isupper()
            and acronym.isalpha()
            and acronym.lower() not in fw.DESCRIPTIONS
            and len(acronym) >= 2
            and (not adjacent or _only_auxiliaries(text, after, offset))
        ):
            return Party(acronym, False)  # `the GOC`: an acronym the entity rules did not know
    if (first == "the" and second in fw.DESCRIPTIONS and not head[1][:1].isupper()) or (
        first == "the" and second == "ngo"
    ):
        return org_before(ctx, para, start)  # `the NGO` (not `the Ford Foundation`)
    name = head[0].rstrip(",")
    if (
        name[:1].isupper()
        and name.isalpha()
        and name.lower() not in fw.AGENT_NOUNS
        and name not in lexicon.NOT_NAME_WORDS
        and not name.endswith("ly")
        and (not adjacent or _only_auxiliaries(text, start + len(name), offset))
        and _ends_subject(text, start + len(head[0]), offset)
    ):
        return Party(name, False)  # `Raices receives`: a name the entity rules did not know
    # A short description as subject (`the government`, `a local NGO`): every word before the
    # verb but its auxiliaries (`has`, `would`, `plans to`) belongs to it.
    words = text[start:offset].split()
    while words and (words[-1].lower() in _AUXILIARIES or words[-1].endswith("ly")):
        words.pop()
    if len(words) == 1 and words[0].isupper() and words[0].isalpha() and len(words[0]) >= 2:
        return Party(words[0], False)  # an acronym the entity rules did not know (`SDF`)
    if not 2 <= len(words) <= 4 or not (words[0].lower() in _LEAD_WORDS or words[0].istitle()):
        return None
    phrase = " ".join(words)
    return _description(phrase) if phrase[-1].isalpha() else None


def _ends_subject(text: str, end: int, offset: int) -> bool:
    """Return True when a one-word name ending at `end` is a whole subject: a comma, an
    auxiliary or the verb at `offset` follows it (`Raices receives`, not `Chinese contractors`)."""
    if text.startswith(",", end) or end >= offset - 1:
        return True
    following = text[end:offset].split(" ", 2)
    word = following[1].lower() if len(following) > 1 else ""
    return word in _AUXILIARIES or word.endswith("ly")


def _only_auxiliaries(text: str, start: int, end: int) -> bool:
    """Return True when the words between a subject and its verb are auxiliaries or adverbs, or
    an apposition between commas (`Galina Morozova, Director of the League, requested`)."""
    between = text[start:end]
    if between.startswith(", ") and 0 < between.rfind(", ") <= 90:
        between = between[between.rfind(", ") + 2 :]
    words = between.replace("’s", " ").replace("'s", " ").replace(",", " ").split()
    return all(w.lower() in _AUXILIARIES or w.endswith("ly") or w.startswith("(") for w in words)


def _post(ctx: Context) -> Party | None:
    known = ctx.lookup("Embassy")
    if known is not None:
        return Party(known, True)
    origin = ctx.cable.origin
    return Party(origin, True) if origin else None
