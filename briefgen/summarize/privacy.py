"""Victim-safe rules: keep the names, ages and life stories of victims and minors out of briefings.

Anti-trafficking briefings travel by e-mail. Unless the user asks for personal details, a
sentence that tells a victim's or a minor's story is left out, and the speaker of a quote who
is a minor is replaced by a neutral description. Officials and NGO leaders acting in their
public role stay named.
"""

from __future__ import annotations

import re

# Each rule names one way a sentence reveals a person the briefing must protect.
_PERSONAL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("age given", re.compile(r"\b\d{1,2}[- ]years?[- ]old\b|\bage[d]? \d{1,2}\b", re.I)),
    (
        "age in words",
        re.compile(
            r"\b(?:twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
            r"[- ]year[- ]old\b|\bwhen (?:she|he) was \d{1,2}\b",
            re.I,
        ),
    ),
    (
        "abuse story",
        re.compile(
            r"\b(?:raped|abused her|abused him|kicked out of the house|"
            r"gave birth|pregnant|sold (?:her|him) to)\b",
            re.I,
        ),
    ),
    ("forced labour story", re.compile(r"\bforced to (?:work|beg)\b", re.I)),
    ("resident story", re.compile(r"\b(?:current residents?|recounted the story)\b", re.I)),
)

_MINOR_SPEAKER = re.compile(
    r"^(?P<names>[A-Z][\w'-]+(?:(?:, | and |, and )[A-Z][\w'-]+)*),? (?:age|aged) (?P<age>\d{1,2})$"
)


def personal_reason(sentence: str) -> str | None:
    """Return why `sentence` reveals a victim or a minor, or None when it is safe."""
    for name, pattern in _PERSONAL_RULES:
        if pattern.search(sentence):
            return name
    return None


def safe_speaker(speaker: str) -> str:
    """Return a speaker safe to print: minors named with their age become `A student, age 15`."""
    match = _MINOR_SPEAKER.match(speaker.strip())
    if not match:
        return speaker
    many = "," in match["names"] or " and " in match["names"]
    age = int(match["age"])
    who = "Students" if many else "A student"
    return f"{who}, age {age}" if age < 18 else "A participant"
