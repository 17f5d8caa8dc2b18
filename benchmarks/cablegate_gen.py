"""Generate a Cablegate-style cables.csv, deterministically, from the seed cables' paragraphs.

The rows have the shape of the September 2011 dump: no header, eight quoted fields
(row number, `M/D/YYYY H:MM`, reference id, origin, classification, references joined by `|`,
routing header, body), quotes and apostrophes escaped with a backslash. Origins follow a
Zipf-like spread over posts, years the release's own skew towards 2004-2010, body sizes a
log-normal with a mean near the real 6-7 KB; words are sprinkled from a generated vocabulary so
the full-text index sees a realistic number of distinct terms.

    python benchmarks/cablegate_gen.py --cables 2000 out.csv
"""

from __future__ import annotations

import argparse
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "cables"
CABLEGATE_SIZE = 251_287
RARE_WORD = "Zyxomantic"
"""A word put in one cable in 20,000: the rare term of the search benchmark."""
RARE_EVERY = 20_000
COMMON_WORD = "trafficking"
"""A word in most seed paragraphs: the common term of the search benchmark."""


def _words(text: str) -> list[str]:
    return text.split()


POSTS = _words(
    "Baghdad Ankara Tokyo Cairo Madrid Paris Moscow Beijing London Rome Brasilia Islamabad "
    "Kabul Berlin Tel_Aviv Amman Seoul Mexico Bogota Caracas Buenos_Aires Santiago Lima "
    "Manila Jakarta Bangkok Hanoi Kuala_Lumpur New_Delhi Dhaka Colombo Kathmandu Astana "
    "Tashkent Bishkek Dushanbe Ashgabat Baku Tbilisi Yerevan Kyiv Minsk Warsaw Prague "
    "Budapest Bucharest Sofia Belgrade Zagreb Sarajevo Skopje Tirana Athens Nicosia Beirut "
    "Damascus Riyadh Kuwait Doha Manama Abu_Dhabi Muscat Sanaa Tripoli Tunis Algiers Rabat "
    "Khartoum Addis_Ababa Nairobi Kampala Kigali Dar_Es_Salaam Lusaka Harare Pretoria Maputo "
    "Luanda Kinshasa Lagos Abuja Accra Dakar Bamako Ouagadougou Niamey Ndjamena Yaounde "
    "Libreville Brussels The_Hague Luxembourg Bern Vienna Copenhagen Oslo Stockholm Helsinki "
    "Reykjavik Dublin Lisbon Valletta Ljubljana Bratislava Vilnius Riga Tallinn Ottawa "
    "Havana Port_Au_Prince Santo_Domingo Kingston Panama San_Jose Managua Tegucigalpa "
    "San_Salvador Guatemala Quito La_Paz Asuncion Montevideo Canberra Wellington Suva "
    "Port_Moresby Rangoon Phnom_Penh Vientiane Ulaanbaatar Singapore Taipei"
)
CONSULATES = _words("Jeddah Sao_Paulo Istanbul Karachi Lahore Mumbai Chennai Shanghai Guangzhou")
MISSIONS = _words("USNATO USEU_Brussels UNVIE_Vienna USUN_New_York Geneva")
TAGS = _words(
    "PREL PGOV PHUM ECON PINR KDEM PTER MARR ETRD EFIN EAID KTIP SOCI ELAB SMIG KCRM ENRG "
    "PARM MOPS KNNP SNAR ASEC CASC OVIP KPAO EINV EAGR SENV TBIO KWMN KIRF PREF"
)
CLASSIFICATIONS = (
    ("CONFIDENTIAL", 39),
    ("UNCLASSIFIED", 30),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 23),
    ("SECRET", 4.5),
    ("CONFIDENTIAL//NOFORN", 2),
    ("SECRET//NOFORN", 1.5),
)
YEARS = {1966: 0.1, 1975: 0.2, 1979: 0.1, 1985: 0.3, 1989: 0.4, 1990: 0.5, 1995: 0.6}
YEARS |= {1996 + i: w for i, w in enumerate((0.8, 0.9, 1.0, 1.2))}
YEARS |= {2000: 3.0, 2001: 4.0, 2002: 5.0, 2003: 7.0, 2004: 17.0, 2005: 30.0, 2006: 47.0}
YEARS |= {2007: 48.0, 2008: 45.0, 2009: 38.0, 2010: 6.6}
MONTHS = _words("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC")
SYLLABLES = _words(
    "ka ri to mu sa ne lo vi da ze po gu ha mi ta ro shi an el or is um ba ko de fa ju ly"
)


@dataclass(frozen=True, slots=True)
class Post:
    """A sending post of the generated corpus."""

    origin: str
    """The WikiLeaks origin (`Embassy Astana`)."""
    key: str
    """The reference-id spelling (`ASTANA`)."""
    city: str
    """The city as telegrams name it (`ASTANA`, `NEW DELHI`)."""


def seed_paragraphs(folder: Path = SEEDS) -> tuple[list[str], list[str]]:
    """Return the body paragraphs and section headings of the seed cables."""
    paragraphs: list[str] = []
    headings: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\\", "")
        for block in re.split(r"\n\s*\n", text):
            line = " ".join(block.split())
            if line.startswith("#"):
                headings.append(line.lstrip("# "))
            elif re.match(r"^(?:¶)?\d+\.\s", line) and len(line) > 60:
                paragraphs.append(re.sub(r"^(?:¶)?\d+\.\s+", "", line))
    return paragraphs, headings


def posts() -> list[Post]:
    """Return every post, most prolific first."""
    found = [Post("Secretary of State", "STATE", "STATE")]
    for name in POSTS:
        city = name.replace("_", " ").upper()
        found.append(Post(f"Embassy {name.replace('_', ' ')}", city.replace(" ", ""), city))
    for name in CONSULATES:
        city = name.replace("_", " ").upper()
        found.append(Post(f"Consulate {name.replace('_', ' ')}", city.replace(" ", ""), city))
    for name in MISSIONS:
        city = name.replace("_", " ").upper()
        found.append(Post(f"Mission {name.replace('_', ' ')}", city.split()[0], city))
    return found


def _vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _escape(field: str) -> str:
    return '"' + field.replace('"', '\\"').replace("'", "\\'") + '"'


def rows(count: int, seed: int = 2010) -> Iterator[str]:
    """Yield `count` CSV rows (with their line end), the same rows for the same seed."""
    rng = random.Random(seed)
    paragraphs, headings = seed_paragraphs()
    vocabulary = _vocabulary(rng)
    all_posts = posts()
    post_weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(all_posts))]
    years = list(YEARS)
    year_weights = list(YEARS.values())
    classes = [c for c, _ in CLASSIFICATIONS]
    class_weights = [w for _, w in CLASSIFICATIONS]
    serials: dict[tuple[str, int], int] = {}
    recent: dict[str, list[str]] = {}
    for number in range(1, count + 1):
        post = rng.choices(all_posts, post_weights)[0]
        year = rng.choices(years, year_weights)[0]
        serial = serials.get((post.key, year), 0) + rng.randint(1, 9)
        serials[(post.key, year)] = serial
        cable_id = f"{year % 100:02d}{post.key}{serial}"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        hour, minute = rng.randint(0, 23), rng.randint(0, 59)
        classification = rng.choices(classes, class_weights)[0]
        tags = [*rng.sample(TAGS, rng.randint(1, 5)), post.key[:2]]
        earlier = recent.setdefault(post.key, [])
        references = rng.sample(earlier, min(len(earlier), rng.randint(1, 3)))
        if rng.random() > 0.35:
            references = []
        earlier.append(cable_id)
        del earlier[:-50]
        size = min(60_000, int(math.exp(rng.gauss(math.log(4300), 0.85))))
        body_paragraphs = []
        length = 0
        while length < size:
            text = rng.choice(paragraphs)
            words = text.split()
            for _ in range(max(1, len(words) // 15)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            if number % RARE_EVERY == 0 and not body_paragraphs:
                words.insert(3, RARE_WORD)
            body_paragraphs.append(" ".join(words))
            length += len(body_paragraphs[-1])
        subject = f"{post.city}: " + " ".join(rng.choice(paragraphs).split()[:8]).upper()
        mark = classification.split("//")[0].replace("UNCLASSIFIED", "UNCLAS")
        lines = [f"{mark} {post.city} {serial:06d} ", " ", "SIPDIS ", " "]
        lines += [f"E.O. 12958: DECL: {month}/{day}/{year + 10} ", f"TAGS: {', '.join(tags)} "]
        lines += [f"SUBJECT: {subject} ", " "]
        if references:
            cited = "; ".join(f"{post.city} {r[len(post.key) + 2 :]}" for r in references)
            lines += [f"REF: {cited}", " "]
        for index, text in enumerate(body_paragraphs, start=1):
            if index > 2 and rng.random() < 0.08:
                lines += [rng.choice(headings), " "]
            lines += [f"{index}. {text} ", " "]
        lines.append(rng.choice(("HOAGLAND", "SPRATLEN", "SMITH", "JONES", "GARCIA")) + " ")
        header = (
            f"VZCZCXYZ{number % 10000:04d}\nPP RUEHWEB\n\nDE RUEH #{serial % 10000:04d} "
            f"{rng.randint(1, 365):03d}{hour:02d}{minute:02d}\nZNR UUUUU ZZH\n"
            f"P {day:02d}{hour:02d}{minute:02d}Z {MONTHS[month - 1]} {year % 100:02d}\n"
            f"FM AMEMBASSY {post.city}\nTO RUEHC/SECSTATE WASHDC PRIORITY {serial}\n"
        )
        fields = [
            str(number),
            f"{month}/{day}/{year} {hour}:{minute:02d}",
            cable_id,
            post.origin,
            classification,
            "|".join(references),
            header,
            "\n".join(lines) + "\n",
        ]
        yield ",".join(_escape(f) for f in fields) + "\n"


def write_csv(path: Path, count: int, seed: int = 2010) -> int:
    """Write `count` rows to `path` (through a temporary file) and return its size in bytes."""
    partial = path.with_suffix(path.suffix + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        for row in rows(count, seed):
            out.write(row)
    partial.replace(path)
    return path.stat().st_size


def main() -> None:
    """Write a generated cables.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cables", type=int, default=CABLEGATE_SIZE)
    parser.add_argument("--seed", type=int, default=2010)
    args = parser.parse_args()
    size = write_csv(args.out, args.cables, args.seed)
    print(f"{args.out}: {args.cables} cables, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
