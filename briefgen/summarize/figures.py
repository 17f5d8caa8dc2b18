"""Pick the figures worth a key-figures panel and the series worth a chart."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable

from briefgen.extract import Figure
from briefgen.models import Cable
from briefgen.summarize.privacy import personal_reason
from briefgen.summarize.records import Chart, Cite, KeyFact, Located

Place = tuple[str, int | None, str | None]
"""A cable id, paragraph number and citation label (18A and 18B share the number 18)."""


def place_of(where: Located) -> Place:
    """Return the paragraph a fact's source or a citation points to, as a Place."""
    return (where.cable_id, where.paragraph, where.label)


def paragraph_places(cable: Cable) -> list[Place]:
    """Return the Place of each paragraph of `cable`, in order."""
    return [
        (cable.id, para.number, label)
        for para, label in zip(cable.paragraphs, cable.cite_labels(), strict=True)
    ]


# What a count measures decides where it belongs; the first matching rule names it.
FIGURE_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Outcome",
        re.compile(
            r"crime|case|arrest|pimp|brothel|prostitut|convict|prosecut|"
            r"trafficker|victims? (?:identified|rescued)",
            re.I,
        ),
    ),
    (
        "Reach",
        re.compile(
            r"people|participant|passenger|student|audience|citizen|media|"
            r"news|stor(?:y|ies)|cit(?:y|ies)|oblast|region|signature|women|men\b|"
            r"school|village|children|officers",
            re.I,
        ),
    ),
    (
        "Output",
        re.compile(
            r"performance|event|flyer|booklet|poster|leaflet|banner|training|"
            r"session|seminar|workshop|conference|meeting|material|copies|dvd",
            re.I,
        ),
    ),
)
STATISTICS = re.compile(
    r"\b(?:statistics?|nationwide|countrywide|nationally|increase in|decrease in)\b",
    re.I,
)
"""A sentence reporting the state of things (`police initiated 18 cases nationwide`) rather than
what a program did: the counts of cases in its paragraph are context, not outcomes."""
_DULL = re.compile(r"^(?:years?|months?|days?|weeks?|times?|hours?|percent)$", re.I)


def statistics_paragraphs(cables: Iterable[Cable]) -> set[Place]:
    """Return the paragraphs of `cables` that report statistics or trends (see STATISTICS)."""
    return {
        place
        for c in cables
        for place, p in zip(paragraph_places(c), c.paragraphs, strict=True)
        if STATISTICS.search(p.text)
    }


def figure_class(figure: Figure, context: Collection[Place] = ()) -> str | None:
    """Return `Funding`, `Outcome`, `Statistic`, `Reach`, `Output` or `Survey` for a figure,
    or None. `context` lists the paragraphs reporting statistics (see STATISTICS)."""
    if figure.role == "penalty" or figure.bare:
        return (
            None  # a fine or prison term is never funding or an outcome; a bare number says nothing
        )
    if figure.kind == "money":
        return "Funding"
    if figure.kind == "percent":
        return "Survey"
    what = figure.what or ""
    if figure.kind != "count" or not what or _DULL.match(what.split(" ", 1)[0]):
        return None
    for name, rule in FIGURE_CLASSES:
        if rule.search(what):
            place = place_of(figure.source)
            if name == "Outcome" and (
                place in context or STATISTICS.search(figure.source.sentence)
            ):
                return "Statistic"
            return name
    return None


def key_figures(
    figures: Iterable[Figure],
    *,
    include_personal: bool = False,
    limit: int = 14,
    context: Collection[Place] = (),
) -> tuple[KeyFact, ...]:
    """Return the key figures: money first, then outcomes, reach, outputs, surveys and
    statistics, in cable order."""
    order = {"Funding": 0, "Outcome": 1, "Reach": 2, "Output": 3, "Survey": 4, "Statistic": 5}
    chosen: dict[str, tuple[int, int, KeyFact]] = {}
    for position, figure in enumerate(figures):
        label = figure_class(figure, context)
        if label is None or (figure.value < 2 and figure.kind == "count"):
            continue
        if not include_personal and personal_reason(figure.source.sentence):
            continue
        value = figure.text if figure.kind != "percent" else f"{figure.text} {figure.what or ''}"
        if figure.kind == "money" and figure.subject:
            value = f"{figure.text} ({_money_context(figure)})"
        key = value.lower()
        if key in chosen:
            continue
        cite = Cite.of(figure.source)
        chosen[key] = (order[label], position, KeyFact(label, value.strip(), (cite,)))
    # A panel of one kind only hides the rest: take the classes in turns, money first.
    by_class: dict[int, list[KeyFact]] = defaultdict(list)
    for rank, _, fact in sorted(chosen.values(), key=lambda t: (t[0], t[1])):
        by_class[rank].append(fact)
    picked: list[KeyFact] = []
    while len(picked) < limit and any(by_class.values()):
        for rank in sorted(by_class):
            if by_class[rank] and len(picked) < limit:
                picked.append(by_class[rank].pop(0))
    return tuple(sorted(picked, key=lambda k: order[k.label]))


def _money_context(figure: Figure) -> str:
    sentence = figure.source.sentence
    if re.search(r"\bgrant\b", sentence, re.I):
        return "grant"
    if re.search(r"\ballocated|provided|paid|spent\b", sentence, re.I):
        return "allocated"
    return "stated"


def series_charts(figures: Iterable[Figure], min_points: int = 3) -> tuple[Chart, ...]:
    """Return a chart for each year series of at least `min_points` points."""
    groups: dict[tuple[Place, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.kind == "series" and figure.year is not None:
            key = (place_of(figure.source), figure.what or "value")
            groups[key].append(figure)
    charts = []
    for (_, what), points in groups.items():
        by_year = {p.year: p for p in points}
        if len(by_year) < min_points:
            continue
        years = sorted(y for y in by_year if y is not None)
        cite = Cite.of(points[0].source)
        charts.append(
            Chart(
                title=f"{what[:1].upper()}{what[1:]} per year",
                labels=tuple(str(y) for y in years),
                values=tuple(by_year[y].value for y in years),
                cites=(cite,),
            )
        )
    return tuple(charts)


def comparison_chart(facts: Iterable[KeyFact], label: str, title: str) -> Chart | None:
    """Return a bar chart of the key figures of one class when there are three or more."""
    picked = [f for f in facts if f.label == label]
    points: list[tuple[str, float, KeyFact]] = []
    for fact in picked:
        match = re.match(r"([\d,\.]+)\s+(.*)", fact.value)
        if match:
            what = match.group(2).split("[")[0].strip()
            label = what if len(what) <= 16 else what[:15].rstrip() + "…"
            if all(label != p[0] for p in points):  # Two bars of one name compare nothing.
                points.append((label, float(match.group(1).replace(",", "")), fact))
    if len(points) < 3:
        return None
    cites = tuple(dict.fromkeys(c for _, _, f in points for c in f.cites))
    return Chart(title, tuple(p[0] for p in points), tuple(p[1] for p in points), cites)
