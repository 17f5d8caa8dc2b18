"""Figures with their units and meaning: each figure shown in the sentence that states it."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from briefgen.extract import Figure
from briefgen.summarize.evidence import clean_sentence
from briefgen.summarize.leads import boilerplate_reason, change_kind
from briefgen.summarize.privacy import personal_reason
from briefgen.summarize.records import Cite, FigureNote

_DULL = re.compile(
    r"^(?:years?|months?|days?|weeks?|hours?|minutes?|times?|percent|sides?|degrees?|ways?|"
    r"parts?|points?|steps?|options?|reasons?|issues?|things?|words?|questions?|rounds?|"
    r"phases?|stages?|levels?|occasions?)$",
    re.I,
)
"""What a count counts when it tells a reader nothing (`two sides`, `180 degrees`)."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def figure_says_something(figure: Figure) -> bool:
    """Return True for a figure a reader needs: money, a percentage, or a count of something
    (not `two months`, `one song`, nor a count the extractor could not tie to a noun)."""
    if bool(getattr(figure, "bare", False)):  # Set by newer extraction rules.
        return False
    if figure.kind in ("money", "percent"):
        return True
    if figure.kind == "series":
        return figure.year is not None
    what = figure.what or ""
    # The first word decides: `eighteen months depends` (a verb read into the noun) is months.
    return bool(what) and not _DULL.match(what.split(" ", 1)[0]) and figure.value >= 2


def figure_notes(
    figures: Iterable[Figure],
    *,
    include_personal: bool = False,
    skip: Collection[str] = (),
    limit: int = 10,
    least: int = 1,
) -> tuple[FigureNote, ...]:
    """Return the figures worth reading, one note per sentence (its figures, the sentence, its
    citation), in cable order; sentences in `skip` (already shown) are left out.

    When there are more than `limit`, the sentences reporting a change (arrests, funding...)
    and those with more figures are kept first. With `least` above 1, a sentence needs that
    many figures, or money, to be noted (a quarter's figures, not its anecdotes).
    """
    groups: dict[tuple[str, int | None, str | None, str], list[Figure]] = {}
    for figure in figures:
        if figure_says_something(figure):
            source = figure.source
            key = (source.cable_id, source.paragraph, source.label, source.sentence)
            groups.setdefault(key, []).append(figure)
    notes: list[tuple[float, int, FigureNote]] = []
    skipped = {_key(text) for text in skip}
    for order, ((cable_id, paragraph, label, raw), members) in enumerate(groups.items()):
        text = clean_sentence(raw)
        if not text or boilerplate_reason(text) or any(_key(text) in k for k in skipped):
            continue
        if " --" in text or len(text.split()) > 80:
            continue  # A list run into one sentence: no excerpt of it reads well.
        if not include_personal and personal_reason(raw):
            continue
        money = any(f.kind == "money" for f in members)
        change = change_kind(text, money=money)
        # A few of something (`two countries`, `three proposals`) is wording, not a figure,
        # unless the sentence reports a change (`arrested three suspects`).
        members = [f for f in members if f.kind != "count" or f.value >= 10 or change]
        values = tuple(dict.fromkeys(_shown(f) for f in sorted(members, key=lambda f: f.start)))
        if not values:
            continue
        if len(values) < least and not money:
            continue  # `nothing is 100 percent guaranteed`: a percentage alone may be a phrase.
        weight = len(values) + (3 if change else 0)
        shown = _trimmed(text, [f.text for f in members])
        notes.append((weight, order, FigureNote(values, shown, Cite(cable_id, paragraph, label))))
    kept = sorted(notes, key=lambda t: (-t[0], t[1]))[:limit]
    return tuple(note for _, _, note in sorted(kept, key=lambda t: t[1]))


def _shown(figure: Figure) -> str:
    """Return a figure as a reader sees it: as written, with the conversion the cable gives."""
    text = figure.text
    # A figure read with the cable's own conversion (`100,000 pesos (about US$27,000)`) has it.
    if figure.converted_value is not None and figure.converted_unit and "(" not in text:
        text = f"{text} (about {figure.converted_unit} {figure.converted_value:,.0f})"
    return text


def _trimmed(text: str, figures: Iterable[str], most: int = 60) -> str:
    """Return a sentence cut to about `most` words around its figures (the cuts marked `…`)
    when it runs longer."""
    words = text.split()
    if len(words) <= most:
        return text
    offsets = [text.find(f) for f in figures if text.find(f) >= 0] or [0]
    first = len(text[: min(offsets)].split())
    last = len(text[: max(offsets)].split())
    begin = max(0, min(first - 12, last + 12 - most))
    end = min(len(words), max(begin + most, last + 12))
    shown = " ".join(words[begin:end]).rstrip(",;:")
    return ("… " if begin > 0 else "") + shown + (" …" if end < len(words) else "")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
