"""Text helpers every rule shares: sentences, numbers written in digits or words, capitals."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from text_to_num import text2num

_UNITS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_SCALES = "hundred|thousand|million|billion"
_MORE_WORDS = rf"(?:[ -](?:and[ -])?(?:{_UNITS}|{_SCALES}))*"
_WORD_NUMBER = rf"(?:(?:{_UNITS}){_MORE_WORDS}|a (?:{_SCALES}){_MORE_WORDS})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

NUMBER = rf"(?:(?:{_DIGITS})(?: (?i:million|billion|thousand))?|\b(?i:{_WORD_NUMBER})\b)"
"""A regular expression (no groups) matching a number in digits or words."""

NUMBER_RE = re.compile(NUMBER)

_SCALE_VALUES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vs",
        "e.g",
        "i.e",
        "etc",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "gov",
        "amb",
        "art",
        "para",
        "ref",
    ]
)
_BOUNDARY_RE = re.compile(
    r"[.!?:;][\"')\]]*\s+(?=[\"'(\-]?[A-Z0-9]|--?\s?\(\d|--[A-Z]|x{5}|Х{3})|\n(?=[-•] [A-Z\"])"
    r"|\s(?=--\s?\(?\d{1,2}\))"
)
"""Where a sentence may end: after its stop before a capital, a redaction mask (`xxxxx`, or
Cyrillic `ХХХ`) or a `--` bullet, or before a list marker (`- ` at a line's start, `--(2)`)
that opens an entry of its own."""
_BOUNDARY_NO_DASH_RE = re.compile(
    r"[.!?:;][\"')\]]*\s+(?=[\"'(\-]?[A-Z0-9]|--?\s?\(\d|x{5}|Х{3})|\n(?=[-•] [A-Z\"])"
)
"""`_BOUNDARY_RE` for a text without `--`, where no space can open a `--(2)` marker: the search
need not stop at every space."""
_LOWER_WORD_RE = re.compile(r"[a-z]{3}")
_UPPER_RE = re.compile(r"[A-Z]")


def parse_number(text: str) -> float | None:
    """Return the value of a number written in digits or words (`14,798`, `eight million`)."""
    text = text.strip()
    head, _, tail = text.rpartition(" ")
    if head and head[0].isdigit() and tail.lower() in _SCALE_VALUES:
        base = parse_number(head)
        return None if base is None else base * _SCALE_VALUES[tail.lower()]
    if text[:1].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    words = text.lower().replace("-", " ")
    if words.startswith("a "):
        words = "one " + words[2:]
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


def is_caps(text: str) -> bool:
    """Return True when a text is written in capitals (as most cables before 2008 are)."""
    if text.isupper():
        return True
    # Mixed-case prose has lower-case words everywhere; capitals may hold a stray `e.g.` or
    # `kg`, but not a run of three lower-case letters. Three samples stay cheap on long text
    # and are not fooled by a paragraph that opens with a heading in capitals.
    size = len(text)
    middle = size // 2
    for start in (0, max(0, middle - 200), max(0, size - 400)):
        if _LOWER_WORD_RE.search(text, start, start + 400) is not None:
            return False
    return _UPPER_RE.search(text) is not None


@dataclass(slots=True)
class Sentences:
    """The sentence boundaries of one paragraph, to find the sentence around any offset."""

    text: str
    """The paragraph text."""
    starts: list[int] = field(default_factory=list)
    """Offsets where sentences begin (the first is 0)."""

    @classmethod
    def split(cls, text: str) -> Sentences:
        """Return the sentences of `text`, not breaking after abbreviations or initials."""
        starts = [0]
        for match in (_BOUNDARY_RE if "--" in text else _BOUNDARY_NO_DASH_RE).finditer(text):
            stop = match.start()
            word_start = text.rfind(" ", 0, stop) + 1
            word = text[word_start:stop].lower().strip("(\"'")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if len(word) >= 2 and word[-2] == "." and word[-1].isalpha():
                continue  # `U.S.`: a run of initials, not a sentence end
            starts.append(match.end())
        return cls(text, starts)

    def index(self, offset: int) -> int:
        """Return the number of the sentence holding `offset`, from 0."""
        return bisect_right(self.starts, offset) - 1

    def bounds(self, index: int) -> tuple[int, int]:
        """Return the start and end offsets of sentence `index`."""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def at(self, offset: int) -> str:
        """Return the sentence holding `offset`, stripped."""
        start, end = self.bounds(self.index(offset))
        return self.text[start:end].strip()

    def __len__(self) -> int:
        return len(self.starts)
