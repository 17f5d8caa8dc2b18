"""Precision and recall of organizations, people and money against the hand-made gold list."""

from __future__ import annotations

from briefgen.extract import CableFacts
from tests.extract import gold_seeds


def _score(found: set[tuple[str, object]], gold: set[tuple[str, object]]) -> tuple[float, float]:
    hits = len(found & gold)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(gold) if gold else 1.0
    return precision, recall


def _found(facts: dict[str, CableFacts]) -> set[tuple[str, object]]:
    result: set[tuple[str, object]] = set()
    for cid, cable_facts in facts.items():
        result.update((cid, ("org", e.name)) for e in cable_facts.entities if e.kind == "org")
        result.update((cid, ("person", e.name)) for e in cable_facts.entities if e.kind == "person")
        result.update(
            (cid, ("money", (f.value, f.unit))) for f in cable_facts.figures if f.kind == "money"
        )
    return result


def _gold() -> set[tuple[str, object]]:
    result: set[tuple[str, object]] = set()
    for cid, names in gold_seeds.ORGS.items():
        result.update((cid, ("org", n)) for n in names)
    for cid, names in gold_seeds.PEOPLE.items():
        result.update((cid, ("person", n)) for n in names)
    for cid, amounts in gold_seeds.MONEY.items():
        result.update((cid, ("money", a)) for a in amounts)
    return result


def test_precision_and_recall_are_at_least_0_9(seed_facts: dict[str, CableFacts]) -> None:
    found = _found(seed_facts)
    gold = _gold()
    precision, recall = _score(found, gold)
    report = (
        f"precision {precision:.3f}, recall {recall:.3f}\n"
        f"extra: {sorted(map(str, found - gold))}\nmissed: {sorted(map(str, gold - found))}"
    )
    print(report)
    assert precision >= 0.9, report
    assert recall >= 0.9, report


def test_each_kind_scores_on_its_own(seed_facts: dict[str, CableFacts]) -> None:
    found = _found(seed_facts)
    gold = _gold()
    for kind in ("org", "person", "money"):
        mine = {x for x in found if x[1][0] == kind}  # type: ignore[index]
        theirs = {x for x in gold if x[1][0] == kind}  # type: ignore[index]
        precision, recall = _score(mine, theirs)
        assert precision >= 0.85 and recall >= 0.85, (kind, precision, recall)


def test_people_of_the_seeds_are_exactly_the_gold_list(seed_facts: dict[str, CableFacts]) -> None:
    for cid, names in gold_seeds.PEOPLE.items():
        found = {e.name for e in seed_facts[cid].entities if e.kind == "person"}
        assert found == names, cid
