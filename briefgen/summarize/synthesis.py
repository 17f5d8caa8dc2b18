"""Synthesis: the few cited sentences a briefing opens with, made by rules from its facts.

Each sentence either states a structured fact in briefgen's words (`X is a non-governmental
organization based in Y.`) citing where the fact was read, or is the cable's own sentence that
best answers a question (what does it do? who funds it? what does the post think of it?), made
to stand alone: a leading `It` or `The NGO` becomes the organization's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefgen.summarize.records import Cite, Person, Statement

_LEADING_REFERENCE = re.compile(
    r"^(?:(?:In|By|Since|From) [^,]{1,40}, )?(It|Its|They|Their|The (?:NGO|organi[sz]ation|group|"
    r"foundation|association|network))\b"
)


def standalone(text: str, name: str) -> str:
    """Return a sentence that opens with a pronoun or description of `name` with the name."""
    match = _LEADING_REFERENCE.match(text)
    if match is None:
        return text
    word = match.group(1)
    replacement = f"{name}'s" if word in ("Its", "Their") else name
    return text[: match.start(1)] + replacement + text[match.end(1) :]


def article(noun: str) -> str:
    """Return `a` or `an` for a noun phrase."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def identity(
    name: str,
    acronym: str | None,
    kind: tuple[str, Cite] | None,
    base: tuple[str, Cite] | None,
) -> Statement | None:
    """Return `X (ACR) is a <kind> based in <base>.`, citing where kind and base are stated."""
    if kind is None and base is None:
        return None
    label = f"{name} ({acronym})" if acronym and acronym != name else name
    what = kind[0] if kind else "organization"
    text = f"{label} is {article(what)} {what}"
    if base is not None:
        text += f" based in {base[0]}"
    cites = tuple(
        dict.fromkeys(c for c in (kind[1] if kind else None, base[1] if base else None) if c)
    )
    return Statement(text + ".", cites)


def leadership(name: str, leaders: Sequence[Person]) -> Statement | None:
    """Return `It is led by A, President (and B, Director).`, citing each title."""
    if not leaders:
        return None
    parts = [f"{p.name}, {p.title.split(',')[0]}" for p in leaders[:2]]
    return Statement(f"{name} is led by {' and '.join(parts)}.", tuple(p.cite for p in leaders[:2]))


def quoted(statement: Statement | None, name: str) -> Statement | None:
    """Return the cable's sentence made to stand alone, with its citation."""
    if statement is None:
        return None
    return Statement(standalone(statement.text, name), statement.cites, statement.date)


def join(
    statements: Iterable[Statement | None],
    fillers: Iterable[Statement | None] = (),
    limit: int = 5,
    least: int = 3,
) -> tuple[Statement, ...]:
    """Return the synthesis: the `statements` given (the questions it answers), in order, none
    repeated, at most `limit`; when fewer than `least` answer, `fillers` complete them."""
    out: list[Statement] = []
    seen: set[str] = set()
    for statement in statements:
        if statement is not None and statement.text not in seen and len(out) < limit:
            seen.add(statement.text)
            out.append(statement)
    for statement in fillers:
        if len(out) >= least:
            break
        if statement is not None and statement.text not in seen:
            seen.add(statement.text)
            out.append(statement)
    return tuple(out)
