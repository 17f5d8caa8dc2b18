"""Runs of capitalised words, the raw material of organization and person names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.extract import lexicon

CAPWORD = r"(?:[A-Z](?:\.[A-Z])+\.|[A-Z][A-Za-z’'&\-]*|#\d+)"
JOINER = r"(?:of|for(?: an?)?|and|on|against|to|in|the)"
CHAIN_RE = re.compile(rf"\b{CAPWORD}(?:[ ](?:{JOINER}[ ])*{CAPWORD})*")
"""A run of capitalised words, allowing small words between them."""

_WORD = r"[A-Z][A-Za-z’'&\-]*(?:\.[A-Z]\.?)*"
MULTI_CHAIN_RE = re.compile(rf"{_WORD}(?: (?:{JOINER} )*(?:{_WORD}|#\d+))+")
"""A run of at least two capitalised words: the same runs as CHAIN_RE less the one-word ones,
written without alternations or word boundaries at the start, which makes it twice as fast."""

TITLE_WORDS = frozenset(w for title in lexicon.TITLES for w in title.replace("-", " ").split())
"""Every word of a title (`Minister`, `Deputy`, `Secretary`)."""
TITLE_RE = re.compile(
    "|".join(sorted((re.escape(t) for t in lexicon.TITLES), key=len, reverse=True))
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a run, with its offsets in the paragraph."""

    word: str
    """The word, without a trailing full stop or possessive."""
    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last kept character."""
    possessive: bool
    """True when written with `'s`."""

    @property
    def capital(self) -> bool:
        """Return True for a capitalised word (not a joiner)."""
        return self.word[:1].isupper() or self.word[:1] == "#"

    @property
    def is_head(self) -> bool:
        """Return True for an organization word (`League`, `Ministry`...)."""
        return self.word in lexicon.ORG_HEADS or self.word == "NGO"


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Return the words of `text[start:end]` with their offsets."""
    result: list[Token] = []
    offset = start
    for raw in text[start:end].split(" "):
        word_start = offset
        offset += len(raw) + 1
        word = raw
        possessive = False
        # `'s`, `’s`, `s'` or `s’`: told by the last two characters, read once per word.
        if len(word) > 2:
            last, before = word[-1], word[-2]
            if last == "s" and before in "'’":
                possessive, word = True, word[:-2]
            elif before == "s" and last in "'’":
                possessive, word = True, word[:-1]
        word = word.rstrip("-")
        if word:
            result.append(Token(word, word_start, word_start + len(word), possessive))
    return result


def span_text(text: str, items: list[Token]) -> str:
    """Return the text from the first to the last of `items` as written."""
    return text[items[0].start : items[-1].end]


def looks_like_surname(word: str) -> bool:
    """Return True for a word shaped like the region's surnames (`Morozova`, `Triszh`)."""
    return (
        len(word) > 3
        and word[0].isupper()
        and word[1:].islower()
        and word.endswith(lexicon.SURNAME_ENDINGS)
        and word not in lexicon.NOT_NAME_WORDS
    )


def looks_like_name_word(word: str) -> bool:
    """Return True for a capitalised word that may be part of a person's name."""
    return (
        len(word) > 1
        and word[0].isupper()
        and word[1:].islower()
        and word.isalpha()
        and word not in lexicon.NOT_NAME_WORDS
        and word not in lexicon.ORG_HEADS
        and word not in TITLE_WORDS
    )
