"""Ten cables of one quarter (2009Q2) from nine posts and the Department, in the shapes real
cables take: an action cable opening on its pointer, a handling notice, `Per reftel A, the
following is ...`, a classification reason, a first paragraph ending `End Summary` that never
says `Summary:`, a handling note beside a name, and the news in the paragraphs after. Their
sentences are cut down from real cables of the Cablegate release (09STATE60490,
09BUENOSAIRES602, 09SANTIAGO391, 09TELAVIV1098, 05DUSHANBE1702) or written on their pattern.
"""

from __future__ import annotations

import json
from pathlib import Path

CABLES: dict[str, tuple[str, str, str, str]] = {
    # id: (origin, date, classification, body)
    "09STATE60490": (
        "Secretary of State",
        "2009-06-11 20:51",
        "UNCLASSIFIED",
        """UNCLAS STATE 060490
E.O. 12958: N/A
TAGS: KTIP, KCRM, PHUM, AR
SUBJECT: ARGENTINA -- 2009 TIP REPORT: PRESS GUIDANCE AND DEMARCHE

1. This is an action cable; see paras 5 through 7 and 10.

2. The Government of Argentina does not fully comply with the minimum standards for the
elimination of trafficking; however, it is making significant efforts to do so. Despite such
efforts, the government did not show evidence of progress in convicting and sentencing
trafficking offenders; therefore, Argentina remains on Tier 2 Watch List.

3. During the reporting period, the government conducted 169 raids on suspected commercial
sex sites and sweatshops, rescued 181 trafficking victims, and arrested 196 suspects.

4. Action Request: please inform the appropriate official in the Government of Argentina of
the June 16 release of the 2009 TIP Report.
CLINTON
""",
    ),
    "09BUENOSAIRES602": (
        "Embassy Buenos Aires",
        "2009-05-21 22:19",
        "CONFIDENTIAL",
        """C O N F I D E N T I A L BUENOS AIRES 000602
E.O. 12958: DECL: 05/20/2024
TAGS: PREL, KTIP, SNAR, KCRM, AR
SUBJECT: ARGENTINA: AMBASSADOR THANKS MOJ FOR LAW ENFORCEMENT COOPERATION IN FAREWELL CALL
REF: A. BUENOS AIRES 599 B. 08 BUENOSAIRES 1705
Classified By: Ambassador E. Anthony Wayne for reasons 1.4 (b) and (d)

1. (C) Summary. On May 20, the Ambassador paid a farewell call on Minister of Justice Anibal
Fernandez and thanked him for the Ministry of Justice's (MoJ) collaboration in fighting
trafficking in persons (TIP). The Minister thanked the Ambassador for the USG's excellent
cooperation in law enforcement issues (ref A). End summary.

2. (C) The Ambassador then noted that the Department had approved a proposal by TIP activist
Susana Trimarco to set up specialized anti-trafficking units at the provincial level. Minister
Fernandez asserted that the MOJ gives Trimarco's anti-TIP foundation 100,000 pesos (about
US$27,000) every two months to pay for the foundation's victim assistance programs.

3. (C) Fernandez proudly informed the Ambassador that the MOJ's specialized TIP units had
conducted 177 raids, made 206 arrests, and rescued 287 TIP victims.

4. (C) He then disclosed that he personally believed that a prominent family was behind the
2003 kidnapping of Susana Trimarco's daughter, Marita Veron.

5. (C) Comment: In good times and bad, Minister of Justice Anibal Fernandez has been one of the
most accessible and forward-leaning members of the Cabinet. We recommend that Washington
invite him to the regional TIP conference in September. End Comment.
WAYNE
""",
    ),
    "09SANTIAGO391": (
        "Embassy Santiago",
        "2009-04-23 18:40",
        "UNCLASSIFIED",
        """UNCLAS SANTIAGO 000391
SENSITIVE
SIPDIS
E.O. 12958: N/A
TAGS: KTIP, PHUM, KCRM, CI
SUBJECT: CHILE'S STEADY TIP PROGRESS WARRANTS TIER 2

1. (SBU) Summary: As the GOC is making significant progress in eliminating trafficking in
persons, Post strongly recommends that Chile remain a Tier 2 country. GOC prosecution and
prevention efforts are substantial, with the number of new cases opened up 10 percent.
End Summary.

2. (SBU) The Chilean Investigative Police opened 104 TIP cases in 2008, compared with 95 cases
in 2007.
""",
    ),
    "09TEGUCIGALPA401": (
        "Embassy Tegucigalpa",
        "2009-04-30 15:02",
        "UNCLASSIFIED",
        """UNCLAS TEGUCIGALPA 000401
E.O. 12958: N/A
TAGS: KTIP, KCRM, HO
SUBJECT: HONDURAS: FIRST LIFE SENTENCE FOR A TRAFFICKER

1. (U) Per reftel A, the following is Embassy Tegucigalpa's input on trafficking prosecutions.

2. (SBU) On April 14, a court in San Pedro Sula sentenced a trafficker to life in prison for
the sexual exploitation of minors, the country's first life sentence for trafficking.

3. (SBU) The Public Ministry's special prosecutor for trafficking now has four attorneys.
""",
    ),
    "09KYIV880": (
        "Embassy Kyiv",
        "2009-05-15 09:10",
        "UNCLASSIFIED",
        """UNCLAS KYIV 000880
E.O. 12958: N/A
TAGS: KTIP, PGOV, UP
SUBJECT: UKRAINE: RADA PASSES ANTI-TRAFFICKING AMENDMENTS

1. The entire text of this report is Sensitive But Unclassified. Please protect accordingly.

2. (SBU) On May 5, the Verkhovna Rada passed a draft law that raises the penalty for
trafficking in children to 15 years in prison. The Ministry of Justice drafted the law with
help from the International Organization for Migration (IOM),the largest donor in the field.
""",
    ),
    "09MANAGUA500": (
        "Embassy Managua",
        "2009-06-05 21:33",
        "CONFIDENTIAL",
        """C O N F I D E N T I A L MANAGUA 000500
E.O. 12958: DECL: 06/05/2019
TAGS: KTIP, KCRM, NU
SUBJECT: NICARAGUA: POLICE BREAK UP A TRAFFICKING RING IN CHINANDEGA

1. (C) Nicaraguan National Police arrested 12 members of a trafficking ring in Chinandega on
June 3 and freed 30 women. The arrests followed a two-year investigation by the police.
End Summary.

2. (C) The ring recruited women with offers of work in bars in Costa Rica.
""",
    ),
    "09DUSHANBE700": (
        "Embassy Dushanbe",
        "2009-05-20 11:00",
        "CONFIDENTIAL",
        """C O N F I D E N T I A L DUSHANBE 000700
E.O. 12958: DECL: 05/20/2019
TAGS: PREL, PGOV, TI, RS
SUBJECT: TAJIKISTAN: AMBASSADOR ZARIPOV COUNSELS PATIENCE

1. (C) Classified By: Ambassador Tracey Jacobson, Reasons 1.4 (b) and (d).

2. (C) In a meeting with Tajikistan's Ambassador to the United States Zaripov (strictly protect
throughout), Ambassador Jacobson and he agreed that the U.S.-Tajikistan relationship is solid.
Zaripov counseled patience and "no sharp response to provocations."
""",
    ),
    "09ASTANA900": (
        "Embassy Astana",
        "2009-06-10 07:21",
        "UNCLASSIFIED",
        """UNCLAS ASTANA 000900
E.O. 12958: N/A
TAGS: KTIP, SOCI, KZ
SUBJECT: KAZAKHSTAN: NEW SHELTER FOR TRAFFICKING VICTIMS IN KOKSHETAU

1. (U) On June 2, the Akimat of Kokshetau opened a new shelter for trafficking victims, funded
with USD 50,000 from INL. The shelter has room for 12 residents.
""",
    ),
    "09ASHGABAT700": (
        "Embassy Ashgabat",
        "2009-04-08 04:12",
        "UNCLASSIFIED",
        """UNCLAS ASHGABAT 000700
E.O. 12958: N/A
TAGS: KTIP, EAID, TX
SUBJECT: TURKMENISTAN: USAID GRANT FOR BORDER GUARD TRAINING

1. (SBU) USAID awarded a $1.2 million grant to Counterpart International to train 300 border
guards in 2009.
""",
    ),
    "09TELAVIV1098": (
        "Embassy Tel Aviv",
        "2009-05-15 12:00",
        "SECRET",
        """S E C R E T TEL AVIV 001098
E.O. 12958: DECL: 05/15/2019
TAGS: KCRM, KTIP, IS
SUBJECT: ISRAEL, A PROMISED LAND FOR ORGANISED CRIME?

1. (S) Summary: Organized crime has longstanding roots in Israel, but in recent years there has
been a sharp increase in the reach and impact of crime networks. End Summary.

2. (C) In March 2009, the Israeli National Police arrested twelve suspects in what is believed
to be the largest Israeli-led human trafficking network unearthed to date.
""",
    ),
}


def write_jsonl(path: Path, ids: list[str] | None = None) -> Path:
    """Write the cables (or those of `ids`) as a JSON Lines export and return its path."""
    lines = []
    for cable_id, (origin, date, classification, body) in CABLES.items():
        if ids is None or cable_id in ids:
            record = {
                "_id": cable_id,
                "origin": origin,
                "date_time": date,
                "classification": classification,
                "body": body,
            }
            lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
