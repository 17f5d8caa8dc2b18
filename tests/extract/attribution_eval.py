"""Score attribution on the hand-labelled statements (`fixtures/attribution_labels.jsonl`)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from briefgen.extract import CableFacts, extract
from briefgen.models import Cable, Paragraph

LABELS = Path(__file__).parent / "fixtures" / "attribution_labels.jsonl"
EARLIER = Path(__file__).parent / "fixtures" / "attribution_earlier.json"
"""The paragraphs before each labelled one (up to 1,500 characters), copied from the real
cables, so that a pronoun or an acronym defined there can be followed as the product would."""
OWNING = ("actor", "speaker", "recipient")


@dataclass(frozen=True)
class Label:
    """One hand-labelled statement."""

    cable: str
    paragraph: int | str | None
    context: str
    sentence: str
    party: str
    label: str
    why: str


@dataclass
class Result:
    """Counts of predictions against labels."""

    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def precision(self) -> float:
        """Return the share of statements given to a party that the label gives to it."""
        given = sum(n for (gold, got), n in self.pairs.items() if got != "none")
        right = sum(n for (gold, got), n in self.pairs.items() if got != "none" and gold != "none")
        return right / given if given else 1.0

    def recall(self) -> float:
        """Return the share of statements the label gives to a party that briefgen gives it."""
        owned = sum(n for (gold, got), n in self.pairs.items() if gold != "none")
        found = sum(n for (gold, got), n in self.pairs.items() if gold != "none" and got != "none")
        return found / owned if owned else 1.0

    def report(self) -> str:
        """Return the scores as lines of text."""
        lines = [
            f"statements: {sum(self.pairs.values())}",
            f"attribution precision: {self.precision():.3f}",
            f"attribution recall:    {self.recall():.3f}",
            "labelled -> predicted:",
        ]
        for (gold, got), n in sorted(self.pairs.items()):
            lines.append(f"  {gold:9} -> {got:9} {n}")
        return "\n".join(lines)


def load_labels(path: Path = LABELS) -> list[Label]:
    """Return the labelled statements."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                Label(
                    row["cable"],
                    row["paragraph"],
                    row["context"],
                    row["sentence"],
                    row["party"],
                    row["label"],
                    row.get("why", ""),
                )
            )
    return out


_CACHE: dict[tuple[str, str], tuple[str, CableFacts]] = {}


def facts_of(label: Label) -> tuple[str, CableFacts]:
    """Return the paragraph text (context and sentence) and the facts extracted from it."""
    key = (label.cable, label.context + "\x00" + label.sentence)
    if key not in _CACHE:
        context = label.context.rstrip()
        sep = "" if not context or context.endswith(("--", "(")) else " "
        text = f"{context}{sep}{label.sentence}" if context else label.sentence
        earlier = _earlier().get(f"{label.cable} {label.paragraph}", "")
        before = tuple(
            Paragraph(number, None, para)
            for number, para in enumerate(earlier.split("\n\n") if earlier else (), start=1)
        )
        cable = Cable(
            id=label.cable,
            origin=None,
            created=datetime(2009, 1, 1),
            paragraphs=(*before, Paragraph(len(before) + 1, None, text)),
        )
        _CACHE[key] = (text, extract(cable))
    return _CACHE[key]


@lru_cache(maxsize=1)
def _earlier() -> dict[str, str]:
    data: dict[str, str] = json.loads(EARLIER.read_text(encoding="utf-8"))
    return data


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", name.lower()).strip()


def _is_party(label: Label, facts: CableFacts, name: str) -> bool:
    """Return True when the canonical `name` is the labelled party."""
    party = _norm(label.party)
    entity = facts.entity(name)
    forms = {
        name,
        *(entity.aliases if entity else ()),
        *((entity.acronym,) if entity and entity.acronym else ()),
    }
    for mention in facts.mentions:
        if mention.name == name:
            forms.add(mention.text)
    initials = "".join(w[0] for w in party.split() if w not in ("of", "for", "and", "the"))
    for form in forms:
        norm = _norm(form)
        if not norm:
            continue
        if form.isupper() and 2 <= len(form) <= 6 and norm == initials:
            return True  # `PC` for `Poder Ciudadano`, defined earlier in the cable
        if norm == party or (len(norm) > 3 and (norm in party or party in norm)):
            return True
        if (
            party.split()
            and norm.split()
            and party.split()[-1] == norm.split()[-1]
            and len(norm.split()[-1]) > 3
        ):
            return True  # `Morozova` for `Galina Morozova`
    return False


def predict(label: Label) -> str:
    """Return the role extraction gives the labelled party in the sentence."""
    text, facts = facts_of(label)
    start = len(text) - len(label.sentence)
    end = len(text)
    role = "none"
    last = len(_earlier().get(f"{label.cable} {label.paragraph}", "").split("\n\n")) + 1
    if not _earlier().get(f"{label.cable} {label.paragraph}"):
        last = 1
    for attribution in facts.attributions:
        if attribution.paragraph != last:
            continue
        if attribution.end <= start + 4 or attribution.start >= end:
            continue  # a clause of the context, not of the labelled sentence
        if any(_is_party(label, facts, a) for a in attribution.recipients):
            return "recipient"
        if any(_is_party(label, facts, a) for a in attribution.reporter):
            role = "speaker"
        if any(_is_party(label, facts, a) for a in attribution.givers):
            role = "actor"
        if any(_is_party(label, facts, a) for a in attribution.actors):
            if attribution.reporter:
                continue  # `According to X, Y did ...`: X's account, not a fact of Y's
            return "speaker" if attribution.speech else "actor"
    return role


def evaluate(labels: list[Label]) -> Result:
    """Return the counts of every (label, prediction) pair."""
    result = Result()
    for label in labels:
        got = predict(label)
        result.pairs[(label.label, got)] += 1
        if (got == "none") != (label.label == "none"):
            result.misses.append(
                f"[{label.label} -> {got}] {label.cable} {label.party!r}: {label.sentence[:160]}"
                f"  ({label.why})"
            )
    return result
