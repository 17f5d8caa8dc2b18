"""Hand-made gold list: the organizations, people and money amounts named in the three seeds.

Made by reading the cables, not the extractor's output. Names are the canonical forms briefgen
uses (`Feminist League`, not `the Feminist League NGO`); curated bodies go by their full name.
"""

from __future__ import annotations

INL = "Bureau of International Narcotics and Law Enforcement Affairs"
IOM = "International Organization for Migration"
OSCE = "Organization for Security and Co-operation in Europe"
DCM = "Deputy Chief of Mission"

ORGS: dict[str, frozenset[str]] = {
    "09ASTANA1206": frozenset(
        {
            INL,
            "Ministry of Interior",
            "Nur Otan",
            "Nur Otan Committee for Party Supervision",
            "Union of Crisis Centers",
            "Zhas-Otan",
            "MVD Press Center",
            "Criminal Police Committee",
            "Parliament",
            OSCE,
            "Commonwealth of Independent States",
            "Ministry of Justice",
            "Fenix",
            "Women's Support Center",
            "Coalition against Trafficking in Women International",
            "U.S. Government",
        }
    ),
    "09ASTANA1985": frozenset(
        {
            INL,
            "Feminist League",
            "Russian Drama Theater",
            "Ministry of Justice",
            "Ministry of Interior",
            "Ministry of Education",
            "Ministry of Education's Committee on Protection of Children's Rights",
            "Ministry of Interior's Department to Combat Organized Crime",
            "Supreme Court",
            "Prosecutor General's Office",
            "Zhastar Palace of Youth",
            OSCE,
            IOM,
            "Astana Department of Interior",
            "Kyrgyz Ministry of Education",
            "Nur Otan",
            "Kazakhstan Law School",
            "School #31",
            "School #20",
        }
    ),
    "09ASTANA2101": frozenset(
        {
            "Feminist League",
            IOM,
            "Association against Trafficking in Persons in Central Asia",
            "Union of Crisis Centers",
            "Democracy Commission",
            "United States Agency for International Development",
            INL,
            "Embassy of the Netherlands",
            "Russian Drama Theater",
            "Akmolinskaya Department of Justice",
            "TIP Commission",
            "Ministry of Justice",
            "Department of Interior",
            "Department of National Security",
            "Department of Tourism and Sport",
            "Department of Labor and Social Protection",
            "Department of Education",
        }
    ),
}

PEOPLE: dict[str, frozenset[str]] = {
    "09ASTANA1206": frozenset({"Nazarbayev"}),
    "09ASTANA1985": frozenset(
        {
            "Galina Morozova",
            "Valeryi Tarasov",
            "Orenbai Zhanaidarov",
            "Dulat Kustavletov",
            "Zhumazhan Zhukenov",
            "Armanbek Baimurzin",
            DCM,
            "Diana",
            "Marina",
            "Sonya",
            "Aliya",
            "Shynar",
        }
    ),
    "09ASTANA2101": frozenset(
        {"Galina Morozova", "Anatolyi Tarasov", "Pawel Triszh", DCM, "Marina"}
    ),
}

# (value, currency) of every amount of money.
MONEY: dict[str, frozenset[tuple[float, str]]] = {
    "09ASTANA1206": frozenset({(24_000.0, "USD"), (6_000.0, "USD")}),
    "09ASTANA1985": frozenset({(8_000_000.0, "KZT")}),
    "09ASTANA2101": frozenset(),
}
