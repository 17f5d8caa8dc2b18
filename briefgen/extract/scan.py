"""One Aho-Corasick pass per paragraph: where its numbers are and which rules can apply.

Most paragraphs hold no money, no date, no grant; a rule whose keywords are absent is skipped
without running its regular expressions. The same pass finds the number words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from briefgen.extract import lexicon

HINTS: dict[str, tuple[str, ...]] = {
    "money": (
        *(f" {w.lower()}" for w, _ in lexicon.CURRENCY_WORDS if len(w) > 3),
        *(f" {w.lower()} " for w, _ in lexicon.CURRENCY_WORDS if len(w) <= 3),
    ),
    "percent": ("percent", "per cent"),
    "date": tuple(
        m.lower()
        for m in [
            *lexicon.MONTH_NAMES,
        ]
    ),
    "funding": ("fund", "grant", "allocated", "sponsored"),
    "member": ("member of",),
    "founding": (
        "began",
        "started",
        "since",
        "established",
        "founded",
        "created",
        "opened",
        "set up",
        "launched",
    ),
    "recommend": ("recommend",),
    "region": ("oblast", "region", "province", "krai"),
    "party": ("party",),
    "ngo": ("ngo",),
    "branch": ("(the ",),
    "list": ("ministries of", "departments of"),
    "age": ("year-old", " age "),
    "year": (" 19", " 20"),
    "speech": tuple(
        f" {verb}"
        for verb in (
            "said|says|told|noted|added|explained|stated|claimed|countered|argued|asked|"
            "commented|complained|insisted|opined|observed|warned|emphasized|stressed|believes|"
            "believed|thinks|thought|recalled|replied|responded|agreed|acknowledged|confirmed|"
            "lamented|cautioned|suggested|recommended|urged|alleged|expressed|according to|mr|"
            "ms|mrs|dr"
        ).split("|")
    ),
}
"""Rule groups and the lower-case keywords without which their rules find nothing."""

_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
_SCALES = ("hundred", "thousand", "million", "billion")
# A plain character class scans several times faster than the exact number pattern; the exact
# pattern then trims each run (`14,798`, `2.5`, not `2008,` or `1.`).
_DIGIT_RUN_RE = re.compile(r"[0-9][0-9,.]*")
_DIGIT_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALE_SUFFIXES = (" million", " billion", " thousand")
_NUMBER_JOINS = frozenset({" ", "-", " and ", "-and-"})
_NUMBER = "#"


@dataclass(frozen=True, slots=True)
class Scan:
    """What one pass over a paragraph found."""

    hints: frozenset[str]
    """The rule groups whose keywords occur."""
    numbers: list[tuple[int, int]]
    """Offsets of every number, in digits or words, in text order."""


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    machine = ahocorasick.Automaton()
    for group, words in HINTS.items():
        for word in words:
            machine.add_word(word, (group, len(word)))
    # Number words are keyed with the character before them, so that words merely containing
    # one (`often`, `done`) never match.
    for word in (*_UNITS, *_SCALES):
        for lead in (" ", "-", "(", '"'):
            machine.add_word(lead + word, (_NUMBER, len(word)))
    machine.make_automaton()
    return machine


def scan(text: str, lowered: str) -> Scan:
    """Return the hints and number offsets of one paragraph (`lowered` is `text.lower()`)."""
    hints: set[str] = set()
    words: list[tuple[int, int]] = []
    size = len(lowered)
    for last, (group, length) in _automaton().iter(" " + lowered):
        if group != _NUMBER:
            hints.add(group)
            continue
        start = last - length  # the scanned text has one extra leading space
        end = last
        if end < size and lowered[end].isalpha():
            continue
        if words and lowered[words[-1][1] : start] in _NUMBER_JOINS:
            words[-1] = (words[-1][0], end)
        else:
            words.append((start, end))
    numbers: list[tuple[int, int]] = []
    for run in _DIGIT_RUN_RE.finditer(text):
        start = run.start()
        token = run.group(0)
        if token.isdigit():
            end = run.end()
        else:
            exact = _DIGIT_RE.match(token)
            end = start + (exact.end() if exact else 1)
        for scale in _SCALE_SUFFIXES:
            if lowered.startswith(scale, end):
                end += len(scale)
                break
        numbers.append((start, end))
    if words:
        numbers.extend(words)
        numbers.sort()
    # Single characters are cheaper to test with `in` than to collect from the automaton.
    for group, chars in _CHAR_HINTS:
        if any(char in text for char in chars):
            hints.add(group)
    return Scan(frozenset(hints), numbers)


_CHAR_HINTS = (
    ("money", "$€£¥"),
    ("percent", "%"),
    ("quote", '"“'),
    ("paren", "("),
)
