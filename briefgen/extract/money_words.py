"""Word lists of the figure and funding rules: currencies, scales, rates, hedges, penalties."""

from __future__ import annotations

CURRENCY_CODES: frozenset[str] = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "CHF",
        "CNY",
        "RMB",
        "KZT",
        "KGS",
        "TJS",
        "UZS",
        "TMT",
        "AZN",
        "AMD",
        "GEL",
        "RUB",
        "UAH",
        "BYR",
        "BYN",
        "MDL",
        "RON",
        "BGN",
        "HRK",
        "RSD",
        "MKD",
        "HUF",
        "PLN",
        "CZK",
        "SKK",
        "LTL",
        "LVL",
        "EEK",
        "ISK",
        "NOK",
        "SEK",
        "DKK",
        "TRY",
        "YTL",
        "ILS",
        "NIS",
        "JOD",
        "EGP",
        "SAR",
        "AED",
        "QAR",
        "KWD",
        "BHD",
        "OMR",
        "IQD",
        "IRR",
        "SYP",
        "LBP",
        "INR",
        "PKR",
        "AFN",
        "BDT",
        "LKR",
        "NPR",
        "IDR",
        "MYR",
        "THB",
        "PHP",
        "VND",
        "KRW",
        "KPW",
        "TWD",
        "HKD",
        "SGD",
        "AUD",
        "NZD",
        "CAD",
        "MXN",
        "BRL",
        "ARS",
        "ARP",
        "CLP",
        "PYG",
        "UYU",
        "BOB",
        "VEF",
        "VEB",
        "SRD",
        "GYD",
        "JMD",
        "TTD",
        "HTG",
        "DOP",
        "GTQ",
        "HNL",
        "NIO",
        "CRC",
        "ZAR",
        "NGN",
        "KES",
        "TZS",
        "UGX",
        "ETB",
        "GHS",
        "XOF",
        "XAF",
        "ZWD",
        "ZWR",
        "MZN",
        "AOA",
        "DZD",
        "TND",
        "LYD",
        "SDG",
        "STG",
        "MMK",
        "LAK",
        "KHR",
        "MNT",
    ]
)
"""ISO 4217 codes (and `RMB`, `NIS`, `STG`, `ARP` as cables write them) read as currencies next to
a number; codes that are also English words (`ALL`, `TOP`, `MAD`, `PEN`) are left out."""

CODE_ALIASES: dict[str, str] = {
    "RMB": "CNY",
    "NIS": "ILS",
    "STG": "GBP",
    "ARP": "ARS",
    "YTL": "TRY",
}
"""Codes cables use that are not the ISO code of the currency."""

# A word after a number: its code, or the codes it can stand for (chosen by the post's
# country), the first being the default; None as default when no country can be assumed.
CURRENCY_NAMES: dict[str, tuple[str | None, ...]] = {
    "dollars": ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "ZWD", "JMD", "TTD", "GYD"),
    "dollar": ("USD",),
    "u.s. dollars": ("USD",),
    "us dollars": ("USD",),
    "american dollars": ("USD",),
    "canadian dollars": ("CAD",),
    "australian dollars": ("AUD",),
    "hong kong dollars": ("HKD",),
    "taiwan dollars": ("TWD",),
    "zimbabwe dollars": ("ZWD",),
    "zimbabwean dollars": ("ZWD",),
    "euros": ("EUR",),
    "euro": ("EUR",),
    "pounds": ("GBP", "EGP", "LBP", "SYP", "SDG"),
    "pounds sterling": ("GBP",),
    "sterling": ("GBP",),
    "egyptian pounds": ("EGP",),
    "yen": ("JPY",),
    "tenge": ("KZT",),
    "soms": ("KGS",),
    "som": ("KGS", "UZS"),
    "soum": ("UZS",),
    "sum": ("UZS",),
    "somoni": ("TJS",),
    "manat": ("AZN", "TMT"),
    "manats": ("AZN", "TMT"),
    "lari": ("GEL",),
    "drams": ("AMD",),
    "dram": ("AMD",),
    "rubles": ("RUB", "BYR", "BYN"),
    "roubles": ("RUB", "BYR", "BYN"),
    "belarusian rubles": ("BYR",),
    "hryvnia": ("UAH",),
    "hryvnias": ("UAH",),
    "hryvnya": ("UAH",),
    "lei": ("RON", "MDL"),
    "leva": ("BGN",),
    "kuna": ("HRK",),
    "dinars": (None, "IQD", "JOD", "KWD", "BHD", "RSD", "MKD", "DZD", "TND", "LYD"),
    "denars": ("MKD",),
    "forints": ("HUF",),
    "zlotys": ("PLN",),
    "zloty": ("PLN",),
    "crowns": (None, "CZK", "SKK", "EEK", "ISK", "NOK", "SEK", "DKK"),
    "kronur": ("ISK",),
    "kronor": ("SEK",),
    "kroner": ("NOK", "DKK"),
    "krona": ("SEK", "ISK"),
    "lira": ("TRY",),
    "liras": ("TRY",),
    "shekels": ("ILS",),
    "new israeli shekels": ("ILS",),
    "riyals": ("SAR", "QAR", "OMR"),
    "rials": ("IRR", "OMR"),
    "dirhams": ("AED",),
    "rupees": ("INR", "PKR", "LKR", "NPR"),
    "afghanis": ("AFN",),
    "taka": ("BDT",),
    "rupiah": ("IDR",),
    "ringgit": ("MYR",),
    "baht": ("THB",),
    "dong": ("VND",),
    "yuan": ("CNY",),
    "renminbi": ("CNY",),
    "korean won": ("KRW",),
    "won": ("KRW", "KPW"),
    "pesos": (None, "ARS", "CLP", "MXN", "COP", "UYU", "DOP", "PHP", "CUP"),
    "mexican pesos": ("MXN",),
    "argentine pesos": ("ARS",),
    "chilean pesos": ("CLP",),
    "colombian pesos": ("COP",),
    "reais": ("BRL",),
    "brazilian real": ("BRL",),
    "soles": ("PEN",),
    "nuevos soles": ("PEN",),
    "bolivianos": ("BOB",),
    "bolivares": ("VEF",),
    "guaranies": ("PYG",),
    "quetzales": ("GTQ",),
    "lempiras": ("HNL",),
    "cordobas": ("NIO",),
    "colones": ("CRC",),
    "gourdes": ("HTG",),
    "naira": ("NGN",),
    "shillings": (None, "KES", "TZS", "UGX"),
    "birr": ("ETB",),
    "cedis": ("GHS",),
    "rand": ("ZAR",),
    "francs": (None, "CHF", "XOF", "XAF"),
    "swiss francs": ("CHF",),
    "cfa francs": ("XOF",),
    "kyat": ("MMK",),
    "kip": ("LAK",),
    "riel": ("KHR",),
    "riels": ("KHR",),
    "kwacha": ("ZMK", "MWK"),
    "leones": ("SLL",),
    "dalasi": ("GMD",),
    "ouguiya": ("MRO",),
    "tugriks": ("MNT",),
    "tugrik": ("MNT",),
    "ngultrum": ("BTN",),
    "rufiyaa": ("MVR",),
    "meticais": ("MZN",),
    "kwanza": ("AOA",),
    "nakfa": ("ERN",),
    "guarani": ("PYG",),
    "quetzals": ("GTQ",),
}
"""Currency words as cables write them after a number, lower-cased."""

COUNTRY_ONLY: frozenset[str] = frozenset(
    {"rand", "sum", "som", "dong", "lei", "taka", "kip", "won"}
)
"""Currency words that are also ordinary words or names, read as money only in cables of a post
whose country pays in them."""

SIGN_CODES: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
"""Currency signs and the code each stands for alone."""

SIGN_PREFIXES: dict[str, str] = {
    "US": "USD",
    "U.S.": "USD",
    "USD": "USD",
    "R": "BRL",
    "C": "CAD",
    "CA": "CAD",
    "Can": "CAD",
    "A": "AUD",
    "AU": "AUD",
    "NZ": "NZD",
    "HK": "HKD",
    "NT": "TWD",
    "S": "SGD",
    "Mex": "MXN",
    "MX": "MXN",
    "Z": "ZWD",
    "Z$": "ZWD",
    "ZW": "ZWD",
}
"""Letters written before `$` that name another dollar (`R$` is the Brazilian real)."""

WORDS_BEFORE: dict[str, str] = {
    "euro": "EUR",
    "euros": "EUR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "sfr": "CHF",
    "sfr.": "CHF",
    "ksh": "KES",
    "ksh.": "KES",
    "rm": "MYR",
}
"""Currency words written before a number (`Euro 5,000`, `Rs. 500`), lower-cased."""

SCALES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mln": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "m": 1e6,
    "b": 1e9,
    "k": 1e3,
    "tn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
"""Scale words and abbreviations after an amount (`$100M`, `Rs 5 crore`)."""

RATES: dict[str, str] = {
    "/year": "year",
    "/yr": "year",
    "/month": "month",
    "/day": "day",
    "/week": "week",
    " per year": "year",
    " a year": "year",
    " each year": "year",
    " every year": "year",
    " per annum": "year",
    " annually": "year",
    " yearly": "year",
    " per month": "month",
    " a month": "month",
    " each month": "month",
    " every month": "month",
    " monthly": "month",
    " per week": "week",
    " a week": "week",
    " weekly": "week",
    " per day": "day",
    " a day": "day",
    " daily": "day",
    " per person": "person",
    " per capita": "person",
    " per head": "person",
    " per victim": "victim",
    " per child": "child",
    " per family": "family",
    " per hour": "hour",
    " an hour": "hour",
}
"""Words after an amount that make it a rate, and the period (or unit) it is per."""

TIME_AND_PEOPLE: frozenset[str] = frozenset(
    ["year", "month", "week", "day", "hour", "person", "victim", "child", "family", "voter",
     "student", "participant", "officer", "employee", "worker", "head", "capita"]
)  # fmt: skip
"""What a rate can be per and still be a payment or a grant (`per month`, `per victim`);
anything else (`per barrel`, `per TCM`) makes it a price."""

HEDGES: dict[str, str] = {
    "approximately": "approximately",
    "approx.": "approximately",
    "approx": "approximately",
    "about": "about",
    "around": "around",
    "over": "over",
    "some": "some",
    "estimated": "estimated",
    "roughly": "roughly",
    "almost": "almost",
    "nearly": "nearly",
    "under": "under",
    "circa": "circa",
    "ca.": "circa",
    "reportedly": "reportedly",
    "several": "several",
}
"""One-word hedges before a figure, and how the figure's `hedge` writes them."""

HEDGE_PAIRS: dict[str, tuple[str, ...]] = {
    "than": ("more", "less", "fewer", "over", "greater", "higher", "lower"),
    "to": ("up", "close"),
    "least": ("at",),
    "most": ("at",),
    "of": ("total", "excess", "upwards", "maximum", "minimum"),
    "as": ("many", "much", "high", "few", "little"),
    "estimated": ("an",),
    "over": ("just", "well", "slightly"),
    "under": ("just", "well", "slightly"),
}
"""Hedges of two or more words, by their last word: the words that can come before it."""

APPROXIMATE_HEDGES: frozenset[str] = frozenset(
    {
        "approximately",
        "about",
        "around",
        "some",
        "estimated",
        "an estimated",
        "roughly",
        "almost",
        "nearly",
        "circa",
        "close to",
        "reportedly",
    }
)
"""Hedges that make a figure approximate (others bound it: `up to`, `more than`)."""

PENALTY_WORDS: frozenset[str] = frozenset(
    {
        "fine",
        "fines",
        "fined",
        "penalty",
        "penalties",
        "bail",
        "damages",
        "sentence",
        "sentences",
        "sentenced",
        "sentencing",
        "imprisonment",
        "prison",
        "jail",
        "jailed",
        "punishable",
        "punishment",
        "punishments",
        "incarceration",
        "confinement",
        "imprisoned",
        "terms",
        "term",
    }
)
"""Words that make a figure near them a penalty (`fines of up to $10,000`, `sentences of 4 to 12
years`): never funding, never an outcome."""

PRICE_WORDS: frozenset[str] = frozenset(
    {
        "cost",
        "costs",
        "costing",
        "price",
        "prices",
        "priced",
        "worth",
        "valued",
        "value",
        "salary",
        "salaries",
        "wage",
        "wages",
        "fee",
        "fees",
        "paid",
        "pays",
        "pay",
        "charge",
        "charges",
        "charged",
        "bribe",
        "bribes",
        "sold",
        "bought",
        "purchased",
        "revenue",
        "revenues",
        "profit",
        "profits",
        "debt",
        "debts",
        "gdp",
        "deficit",
        "exports",
        "imports",
        "trade",
        "investment",
        "investments",
        "turnover",
    }
)
"""Words that make an amount near them a price, a cost, a payment or an economic total: money
that is not funding."""

MONEY_NOUNS: frozenset[str] = frozenset(
    {
        "grant",
        "grants",
        "loan",
        "loans",
        "budget",
        "budgets",
        "allocation",
        "donation",
        "donations",
        "contribution",
        "contributions",
        "fund",
        "funds",
        "funding",
        "aid",
        "assistance",
        "package",
        "contract",
        "contracts",
        "subsidy",
        "subsidies",
        "award",
        "fine",
        "fines",
        "bail",
        "salary",
        "bribe",
        "bribes",
        "ransom",
        "fee",
        "fees",
        "investment",
        "pledge",
        "program",
        "project",
        "prize",
        "reward",
        "compensation",
        "payment",
        "payments",
        "deal",
        "debt",
        "revenue",
        "revenues",
        "profit",
        "profits",
    }
)
"""Nouns an amount can be written with (`a $2.7 million grant`, `a grant of $2.7 million`)."""

AFTER_PREFIXES: frozenset[str] = frozenset(
    [name[:3] for name in CURRENCY_NAMES]
    + [code.lower() for code in CURRENCY_CODES]
    + ["and", "to ", "or ", "bet", "tri", "mil", "bil", "tho", "lak", "cro"]
)
"""The first three letters, lower-cased, of what can follow a number that is an amount (or
the bottom of a range): currency names and codes, `and`, `to`, `or`."""

_AFTER_NAME = (" ", ".", ",", ";", ":", ")", "-", "/", "'", '"', "’", "”", "\n", "?", "!")
_ENGLISH_CODES = frozenset(["TRY", "BOB", "COP", "RON", "AMD", "CAD", "MDL", "AED"])
"""Codes that are also English words or names once lower-cased (`try`, `Bob`): they never
hint by themselves (the amount is still read when another keyword or a sign hints)."""

HINTS: tuple[str, ...] = tuple(
    sorted(
        {
            # Whole names and whole words only (`afghanis` must not hint at Afghanistan):
            # each keyed with what can follow it.
            *(f" {name}{end}" for name in CURRENCY_NAMES for end in _AFTER_NAME),
            *(
                f"{lead}{code.lower()}{end}"
                for code in CURRENCY_CODES - _ENGLISH_CODES
                for lead in " ("
                for end in " .,)"
            ),
            *(f"{lead}{word} " for word in WORDS_BEFORE for lead in ' ("“'),
        }
    )
)
"""Lower-case keywords without which a paragraph holds no amount written in words or codes
(signs are tested on their own): the `money` hint of `scan.HINTS`."""
