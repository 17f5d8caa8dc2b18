"""The posts that sent the release's cables, by the one-word names their ids use.

The list holds the stations of the Cablegate release's own origins (embassies, consulates,
missions and the Department), written as ids write them (`NEWDELHI`, `USUNNEWYORK`). The
reader uses it to tell a station from the garble around it (`AMEMBASSYKABUL`, `AHAVANA`) and,
only when a cable's own serial line or FM line confirms it, to correct a misspelt one.
A post missing from the list is never rejected: it is only not repaired.
"""

from __future__ import annotations

import functools

# One name per word: a list a reader can scan and extend more easily than quoted strings.
KNOWN_POSTS = frozenset(
    """
    ABIDJAN ABUDHABI ABUJA ACCRA ADANA ADDISABABA AITTAIPEI ALEXANDRIA ALGIERS ALMATY AMMAN
    AMSTERDAM ANKARA ANTANANARIVO APIA ASHGABAT ASMARA ASTANA ASUNCION ATHENS AUCKLAND BAGHDAD
    BAKU BAMAKO BANDARSERIBEGAWAN BANGKOK BANGUI BANJUL BARCELONA BASRAH BEIJING BEIRUT BELFAST
    BELGRADE BELIZE BELMOPAN BERLIN BERN BISHKEK BOGOTA BONN BRASILIA BRATISLAVA BRAZZAVILLE
    BRIDGETOWN BRUSSELS BUCHAREST BUDAPEST BUENOSAIRES BUJUMBURA BUSAN CAIRO CALCUTTA CALGARY
    CANBERRA CAPETOWN CARACAS CASABLANCA CHENGDU CHENNAI CHIANGMAI CHISINAU CIUDADJUAREZ COLOMBO
    CONAKRY COPENHAGEN COTONOU CURACAO DAKAR DAMASCUS DARESSALAAM DHAHRAN DHAKA DILI DJIBOUTI
    DOHA DUBAI DUBLIN DURBAN DUSHANBE DUSSELDORF EDINBURGH ERBIL FLORENCE FRANKFURT FREETOWN
    FUKUOKA GABORONE GENEVA GEORGETOWN GUADALAJARA GUANGZHOU GUATEMALA GUAYAQUIL HALIFAX HAMBURG
    HAMILTON HANOI HARARE HAVANA HELSINKI HERMOSILLO HILLAH HOCHIMINHCITY HONGKONG HYDERABAD
    IRANRPODUBAI ISLAMABAD ISTANBUL JAKARTA JEDDAH JERUSALEM JOHANNESBURG KABUL KAMPALA KARACHI
    KATHMANDU KHARTOUM KIEV KIGALI KINGSTON KINSHASA KIRKUK KOLKATA KOLONIA KOROR KRAKOW KUALALUMPUR
    KUWAIT KYIV LAGOS LAHORE LAPAZ LEIPZIG LIBREVILLE LILONGWE LIMA LISBON LJUBLJANA LOME LONDON
    LUANDA LUSAKA LUXEMBOURG LYON MADRID MAJURO MALABO MANAGUA MANAMA MANILA MAPUTO MARSEILLE
    MASERU MATAMOROS MBABANE MEDAN MELBOURNE MERIDA MEXICO MILAN MINSK MOGADISHU MONROVIA
    MONTERREY MONTEVIDEO MONTREAL MOSCOW MOSUL MUMBAI MUNICH MUSCAT NAGOYA NAHA NAIROBI NAPLES
    NASSAU NDJAMENA NEWDELHI NIAMEY NICOSIA NOGALES NOUAKCHOTT NUEVOLAREDO NUKUALOFA OSAKAKOBE
    OSLO OTTAWA OUAGADOUGOU PANAMA PARAMARIBO PARIS PARTO PERTH PESHAWAR PHNOMPENH PODGORICA
    PONTADELGADA PORTAUPRINCE PORTLOUIS PORTMORESBY PORTOFSPAIN PRAGUE PRAIA PRETORIA PRISTINA
    QUEBEC QUITO RABAT RANGOON RECIFE REYKJAVIK RIGA RIODEJANEIRO RIYADH ROME RPODUBAI SANAA
    SANJOSE SANSALVADOR SANTIAGO SANTODOMINGO SAOPAULO SAPPORO SARAJEVO SECDEF SEOUL SHANGHAI
    SHENYANG SINGAPORE SKOPJE SOFIA STATE STOCKHOLM STPETERSBURG STRASBOURG SURABAYA SUVA SYDNEY
    TAIPEI TALLINN TASHKENT TBILISI TEGUCIGALPA TEHRAN TELAVIV THEHAGUE THESSALONIKI TIJUANA
    TIRANA TOKYO TORONTO TRIPOLI TUNIS ULAANBAATAR UNROME UNVIEVIENNA USEUBRUSSELS USNATO USOSCE
    USUNNEWYORK VALLETTA VANCOUVER VATICAN VIENNA VIENTIANE VILNIUS VLADIVOSTOK WARSAW WELLINGTON
    WINDHOEK WUHAN YAOUNDE YEKATERINBURG YEREVAN ZAGREB
    """.split()
)
"""Station names as cable ids write them."""


def is_known_post(name: str) -> bool:
    """Tell whether an id's station name is one of the release's posts."""
    return name in KNOWN_POSTS


@functools.lru_cache(maxsize=4096)
def closest_post(name: str, most: int = 2) -> str | None:
    """Return the one known post within `most` edits of a misspelt station, else None.

    Two posts equally near (or none) give None: a guess between them would file a cable
    under a post that may not have sent it.
    """
    if name in KNOWN_POSTS:
        return name
    found = [post for post in KNOWN_POSTS if abs(len(post) - len(name)) <= most]
    best: str | None = None
    best_distance = most + 1
    tie = False
    for post in found:
        # One past the best so far, so that a tie is told from a worse post.
        distance = _edits(name, post, best_distance + 1)
        if distance < best_distance:
            best, best_distance, tie = post, distance, False
        elif distance == best_distance <= most:
            tie = True
    return None if tie else best


def _edits(a: str, b: str, bound: int) -> int:
    """Return the edit distance of two words, or `bound` when it is at least that."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) >= bound:
            return bound
        previous = current
    return min(previous[-1], bound)
