"""Read a TAGS line into its codes: subject codes, country codes, organizations and persons.

TAGS lines are written by hand and copied badly: codes glued together (`PHUMPREL`,
`KCRMKJUS`), items that are phrases (`HUMAN RIGHTS`, `USEU BRUSSELS`), person tags
(`OVIP (CLINTON, HILLARY)`, `OVIP RICE, CONDOLEEZZA`), descriptions a copy added in
mixed case (`External Political Relations`) and lines of a case-mangled copy (`prel, pgov`).
The code lists below are those of the TAGS system as the release uses them; they split glued
codes and tell a code from a word, but a tag missing from them is still kept as written.
"""

from __future__ import annotations

import functools
import re

# Subject codes: four letters, first the category (A administration, B business, C consular,
# E economic, K programs, M military, O operations, P political, S social, T technology).
SUBJECT_CODES = frozenset(
    """
    ABLD ACOA ADCO ADPM AEMR AFIN AFSI AFSN AGAO AINF AINR AINT ALOW AMED AMGT AODE AORC APCS
    APER ASCH ASEC ASIG BBSR BEXP BMGT BTIO BTIU CACM CASC CKGR CMGT CPAS CPUS CVIS DEAX EAGR
    EAID EAIR ECIN ECON ECPS EDEV EFIN EFIS EIND EINT EINV ELAB EMIN ENGR ENIV ENRG ENVR EPET
    EREL ETMN ETRD ETTC EWWT FAID FAIR FINR KACT KAWC KAWK KBCT KBIO KBTR KBTS KCFC KCFE KCIP
    KCOM KCOR KCRM KCRS KDEM KDEV KDRG KESS KFLO KFLU KFRD KGCC KGHG KGIC KGIT KHDP KHIV KHLS
    KHUM KICC KIDE KIFR KIPR KIRC KIRF KISL KJUS KLIG KMCA KMDR KMIG KMPI KMRS KNAR KNEI KNNP
    KNPP KNSD KNUC KOLY KOMC KPAI KPAL KPAO KPIN KPKO KPLS KPOA KPRP KPRV KPWR KREC KREL KRFD
    KRVC KSAC KSCA KSCI KSEO KSEP KSPR KSRE KSTC KSTH KSUM KTBT KTDB KTER KTEX KTFN KTIA KTIP
    KUNR KVIR KVPR KWAC KWBG KWMM KWMN KWNM LOTT MAPP MAPS MARR MASC MASS MCAP MEPP MILI MNUC
    MOPS MPOS MTCR MTRE MUCN NSSP OCII ODIP OECD OEXC OEXP OFDA OFDP OIIP OPAD OPDC OPIC OPRC
    OREP OSAC OSCI OTRA OVIP PARM PBIO PBTS PCUL PDEM PEPR PFOR PGIV PGOV PHSA PHUM PHUS PINL
    PINR PINS PINT PKAO PKFK PKPA PMAR PMIL PNAT PNUC PREF PREL PROP PROV PSEC PSOE PTEL PTER
    PUNE SANC SCUL SENV SHUM SMIG SNAR SOCI SOFA SPCE STEC TBIO TFIN TINT TNGD TPHY TRGY TRSY
    TSPA TSPL
    """.split()
)
"""TAGS subject codes (one word each, listed so for easy reading and extending)."""

# Geographic codes: two letters (FIPS 10-4 countries, X- regions), as the release writes them.
COUNTRY_CODES = frozenset(
    """
    AA AC AE AF AG AJ AL AM AN AO AQ AR AS AU AV AX AY AZ BA BB BC BD BE BF BG BH BK BL BM BN BO
    BP BR BT BU BX BY CA CB CD CE CF CG CH CI CJ CK CM CN CO CR CS CT CU CV CW CY DA DJ DO DR EC
    EG EI EK EN ER ES ET EU EZ FI FJ FK FM FO FP FR FS GA GB GG GH GI GJ GK GL GM GO GP GQ GR GT
    GV GY GZ HA HK HO HR HU IC ID IM IN IO IR IS IT IV IZ JA JE JM JO KE KG KN KR KS KT KU KV KZ
    LA LE LG LH LI LO LS LT LU LY MA MB MC MD MG MH MI MJ MK ML MN MO MP MR MT MU MV MX MY MZ NC
    NE NG NH NI NL NO NP NR NS NT NU NZ PA PC PE PF PK PL PM PO PP PS PU QA RE RM RO RP RQ RS RW
    SA SB SC SE SF SG SH SI SK SL SM SN SO SP ST SU SV SW SY SZ TB TD TH TI TK TL TN TO TP TS TT
    TU TV TW TX TZ UC UG UK UN UP US UV UY UZ VC VE VI VM VT WA WE WI WS WZ XA XB XC XD XE XF XG
    XH XI XK XL XM XN XO XP XQ XR XS XT XU XV XW XX XY XZ YI YM ZA ZI ZL ZP ZR ZU
    """.split()
)
"""Country and region codes."""

ORGANIZATION_CODES = frozenset(
    """
    APEC APECO ASEAN AU CBW CTBT EAP ECOWAS EUN GCC IAEA ICAO ICTR ICTY IMF INTERPOL IWC MERCOSUR
    NAFTA NATO NPT OAS OAU OPEC OSCE SAARC UNAUS UNCHR UNDP UNEP UNESCO UNGA UNHCR UNHRC UNICEF
    UNMIK UNO UNSC USEU USTR USUN WHO WMO WTO WTRO
    """.split()
)
"""Organization tags written as codes."""

KNOWN_CODES = SUBJECT_CODES | COUNTRY_CODES | ORGANIZATION_CODES
"""Every code the reader knows."""

# Codes that a person's name follows: `OVIP (CLINTON, HILLARY)`, `OVIP RICE, CONDOLEEZZA`.
_PERSON_CODES = frozenset({"OVIP"})
_ITEM = re.compile(r"\([^()]*\)|[^,;()]+")
_CODE_LIKE = re.compile(r"^[A-Z][A-Z0-9&'./-]*$")


def parse_tags(text: str) -> tuple[str, ...]:
    """Return the tags of a TAGS line in order, without repeats."""
    text = " ".join(text.split()).strip(" .,;")
    if not text:
        return ()
    if not any(c.isupper() for c in text):
        # A case-mangled copy (`Tags: prel, pgov, pins, tu`): its codes are in lower case.
        text = text.upper()
    comma_list = "," in _without_parentheses(text)
    out: list[str] = []
    pending_person: list[str] | None = None
    for raw in _ITEM.findall(text):
        item = raw.strip(" .")
        if not item:
            continue
        if item.startswith("("):
            # `OVIP (STEINBERG, JAMES B.)`: the person in parentheses is one tag.
            _add(out, " ".join(item.strip("() ").split()))
            continue
        kept = [word for word in item.split() if not _is_label_word(word)]
        words = [part for word in kept for part in _slashed(word)]
        if not words:
            continue
        if pending_person is not None and not any(_is_code(word) for word in words):
            # `OVIP RICE, CONDOLEEZZA`: the item after the comma ends the name.
            _add(out, ", ".join([" ".join(pending_person), " ".join(words)]))
            pending_person = None
            continue
        if pending_person is not None:
            _add(out, " ".join(pending_person))
            pending_person = None
        codes = sum(map(_is_code, words))
        if comma_list and _PERSON_CODES.isdisjoint(words) and codes < min(2, len(words)):
            # A comma-separated item is one tag, however many words (`USEU BRUSSELS`), unless
            # it holds two codes or more: a line of spaced codes whose wrap went on with
            # commas (`PREL NATO ... PK` / `IR, GV, SG`), some codes unknown to the list.
            _add(out, " ".join(words))
            continue
        pending_person = _read_words(words, out)
    if pending_person is not None:
        _add(out, _person(pending_person))
    return tuple(out)


def _read_words(words: list[str], out: list[str]) -> list[str] | None:
    """Add the tags of one item's words; return a person's name left open at its end."""
    index = 0
    while index < len(words):
        word = words[index]
        if _is_code(word):
            for code in split_glued(word):
                _add(out, code)
            index += 1
            if word in _PERSON_CODES:
                run = _run(words, index)
                if run:
                    index += len(run)
                    if index == len(words):
                        return run
                    _add(out, _person(run))
            continue
        # Without commas nothing tells where a phrase ends: each word is kept as written.
        run = _run(words, index)
        index += len(run)
        for code in run:
            _add(out, code)
    return None


def _run(words: list[str], start: int) -> list[str]:
    """Return the words from `start` up to the next known code."""
    end = start
    while end < len(words) and not _is_code(words[end]):
        end += 1
    return words[start:end]


def _slashed(word: str) -> list[str]:
    """Return `TU/IZ` as its two codes; a bureau (`EUR/PGI`) stays one word."""
    parts = word.split("/")
    return parts if len(parts) > 1 and all(p in KNOWN_CODES for p in parts) else [word]


def _person(words: list[str]) -> str:
    """Return a person tag written without its comma in the TAGS form (`RICE, CONDOLEEZZA`)."""
    if len(words) >= 2 and not words[0].endswith(","):
        return f"{words[0]}, {' '.join(words[1:])}"
    return " ".join(words)


def _is_code(word: str) -> bool:
    return word in KNOWN_CODES or bool(split_glued(word)[1:])


def _is_label_word(word: str) -> bool:
    """Tell whether a word is a copy's description (`External`), not part of a tag."""
    return word.upper() != word or not _CODE_LIKE.match(word)


@functools.lru_cache(maxsize=4096)
def split_glued(word: str) -> tuple[str, ...]:
    """Return the codes of a word that runs known codes together (`PHUMPREL`), else the word.

    Only a split into known codes that holds a subject or organization code is taken, so
    that a tag of its own (`UNESCO`) is not cut into country codes (`UN ES CO`).
    """
    if word in KNOWN_CODES or len(word) < 5 or not word.isalpha():
        return (word,)
    parts = _split(word)
    if parts and any(len(part) > 2 for part in parts):
        return parts
    return (word,)


def _split(word: str) -> tuple[str, ...] | None:
    if not word:
        return ()
    for size in (4, 3, 5, 2):
        head = word[:size]
        if len(head) == size and head in KNOWN_CODES:
            rest = _split(word[size:])
            if rest is not None:
                return (head, *rest)
    return None


_TAG_LINE_SEPARATORS = re.compile(r"[\s,;()]+")
_PARENTHESES = re.compile(r"\([^()]*\)")


def is_tag_line(line: str, before: str = "") -> bool:
    """Tell whether a line goes on with the TAGS list `before`: codes in capitals.

    Most of its words must be known codes, unless the list before it broke off after a comma
    or inside a phrase (`... KU COUNTRY` then `CLEARANCE`); a line after a complete list
    (`PGOV PINR PE` then `RUN-OFF,`) is something else.
    """
    if not any(c.isupper() for c in line):
        # A case-mangled copy's codes (`cf`).
        line, before = line.upper(), before.upper()
    words = [w for w in _TAG_LINE_SEPARATORS.split(line) if w]
    if not words or not all(_CODE_LIKE.match(w) for w in words):
        return False
    known = sum(1 for w in words if _is_code(w))
    if known * 2 >= len(words):
        return True
    last = before.rstrip().rsplit(" ", 1)[-1]
    return before.rstrip().endswith(",") or (len(words) <= 2 and bool(last) and not _is_code(last))


def _without_parentheses(text: str) -> str:
    return _PARENTHESES.sub("", text)


def _add(out: list[str], tag: str) -> None:
    tag = tag.strip(" ,")
    if tag and tag not in out:
        out.append(tag)
