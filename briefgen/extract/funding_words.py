"""Word lists of the funding rules: giving and receiving verbs, and the words telling the kind
and status of a funding statement."""

from __future__ import annotations

GIVE_VERBS: frozenset[str] = frozenset(
    [
        "provided",
        "provides",
        "provide",
        "providing",
        "gave",
        "gives",
        "give",
        "giving",
        "granted",
        "grants",
        "awarded",
        "awards",
        "award",
        "allocated",
        "allocates",
        "allocate",
        "allocating",
        "donated",
        "donates",
        "donate",
        "contributed",
        "contributes",
        "contribute",
        "transferred",
        "transfers",
        "transfer",
        "disbursed",
        "disburses",
        "disburse",
        "committed",
        "commits",
        "commit",
        "pledged",
        "pledges",
        "pledge",
        "earmarked",
        "earmarks",
        "earmark",
        "approved",
        "approves",
        "offered",
        "offers",
        "offer",
        "extended",
        "spent",
        "spends",
        "spend",
        "reimbursed",
        "reimburses",
        "reimburse",
        "paid",
        "pays",
        "put",
        "set",
    ]
)
"""Verbs whose subject gives money (`X provided $24,000 to Y`)."""

RECEIVE_VERBS: frozenset[str] = frozenset(
    [
        "received",
        "receives",
        "receive",
        "receiving",
        "obtained",
        "obtains",
        "secured",
        "secures",
        "won",
        "wins",
        "got",
        "gets",
        "accepted",
        "accepts",
        "requested",
        "requests",
        "request",
        "requesting",
        "sought",
        "seeks",
        "seek",
        "seeking",
        "applied",
        "asked",
        "asks",
        "asking",
        "needs",
        "needed",
        "need",
    ]
)
"""Verbs whose subject gets, or asks for, money (`Raices receives about USD 150,000/year`)."""

FUND_VERBS: frozenset[str] = frozenset(
    [
        "funded",
        "funds",
        "fund",
        "funding",
        "financed",
        "finances",
        "finance",
        "financing",
        "sponsored",
        "sponsors",
        "sponsor",
        "sponsoring",
        "underwrote",
        "underwrites",
        "bankrolled",
        "subsidized",
        "subsidizes",
    ]
)
"""Verbs whose subject pays for their object (`The GOC funds Integra`)."""

MONEY_NOUNS: frozenset[str] = frozenset(
    [
        "grant",
        "grants",
        "funding",
        "funds",
        "fund",
        "financing",
        "money",
        "loan",
        "loans",
        "donation",
        "donations",
        "contribution",
        "contributions",
        "allocation",
        "allocations",
        "budget",
        "subsidy",
        "subsidies",
        "assistance",
        "aid",
        "support",
        "award",
        "scholarship",
        "scholarships",
        "stipend",
        "tranche",
        "contract",
        "contracts",
        "sponsorship",
        "equipment",
    ]
)
"""Nouns a funding statement names the money by (`received funding from`, `a grant of`)."""

GIVING_WORDS: frozenset[str] = frozenset({"funding", "funds", "money", "grants", "grant"})
"""Money nouns that alone make a giving verb a funding statement (not `support`, `aid`)."""

STATUS_WORDS: dict[str, str] = {
    "requested": "requested",
    "requests": "requested",
    "request": "requested",
    "requesting": "requested",
    "sought": "requested",
    "seeks": "requested",
    "seek": "requested",
    "seeking": "requested",
    "applied": "requested",
    "asked": "requested",
    "asks": "requested",
    "asking": "requested",
    "needs": "requested",
    "needed": "requested",
    "need": "requested",
    "proposed": "proposed",
    "proposes": "proposed",
    "propose": "proposed",
    "proposal": "proposed",
    "would": "proposed",
    "could": "proposed",
    "may": "proposed",
    "might": "proposed",
    "plans": "proposed",
    "planned": "proposed",
    "plan": "proposed",
    "intends": "proposed",
    "intend": "proposed",
    "hopes": "proposed",
    "expects": "proposed",
    "considering": "proposed",
    "recommends": "proposed",
    "recommended": "proposed",
    "offered": "proposed",
    "offers": "proposed",
    "offer": "proposed",
    "must": "proposed",
    "should": "proposed",
    "pledged": "pledged",
    "pledges": "pledged",
    "pledge": "pledged",
    "promised": "pledged",
    "promises": "pledged",
    "committed": "pledged",
    "commits": "pledged",
    "commit": "pledged",
    "will": "pledged",
    "agreed": "pledged",
    "announced": "pledged",
    "spent": "spent",
    "spends": "spent",
    "spend": "spent",
    "disbursed": "spent",
    "disburses": "spent",
    "used": "spent",
    "put": "spent",
    "invested": "spent",
}
"""Words before or at a funding verb that tell how far the money went; anything else that gives
or receives money (`received`, `provided`, `is funded by`) is `awarded`."""

IN_KIND_WORDS: frozenset[str] = frozenset(
    [
        "in-kind",
        "equipment",
        "furniture",
        "computers",
        "vehicles",
        "premises",
        "office space",
        "clothing",
        "supplies",
        "food",
        "medicines",
        "books",
    ]
)
"""Things given instead of money: a gift of them is in-kind support."""

GOVERNMENT_WORDS: tuple[str, ...] = (
    "government",
    "ministry",
    "state",
    "akimat",
    "municipal",
    "city",
    "oblast",
    "parliament",
    "mayor",
    "president",
    "cabinet",
    "go",
)
"""Words (or the `GO` of `GOK`, `GOC`) that make a funder a government: its allocation is a
budget allocation."""

PRONOUNS_PERSON: frozenset[str] = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_ORG: frozenset[str] = frozenset({"it", "its", "they", "their", "them"})
DESCRIPTIONS: frozenset[str] = frozenset(
    ["ngo", "organization", "organisation", "group", "foundation", "center", "centre", "shelter"]
)
"""Head words of the descriptions (`the NGO`) that stand for an organization named before."""

AGENT_NOUNS: frozenset[str] = frozenset(
    ["foundation", "foundations", "donor", "donors", "government", "governments", "ministry",
     "ministries", "embassy", "embassies", "ngo", "ngos", "organization", "organizations",
     "organisation", "organisations", "company", "companies", "bank", "banks", "fund", "funds",
     "businessman", "businessmen", "business", "businesses", "sponsor", "sponsors", "state",
     "states", "city", "municipality", "municipalities", "community", "communities", "member",
     "members", "church", "churches", "agency", "agencies", "institute", "institutes",
     "university", "universities", "party", "parties", "movement", "movements", "group",
     "groups", "council", "authorities", "authority", "administration", "country", "countries",
     "partner", "partners", "investor", "investors", "individual", "individuals", "family",
     "families", "diaspora", "supporter", "supporters", "association", "associations", "union",
     "unions", "network", "networks", "charity", "charities", "trust", "corporation",
     "corporations", "firm", "firms", "sector", "ally", "allies", "consortium", "consortia",
     "military", "army", "police", "office", "department", "mission", "court", "parliament",
     "congress", "region", "regions", "province", "provinces", "akimat", "oblast", "people",
     "residents", "citizens", "contributors", "benefactors", "philanthropists", "officials",
     "cooperative", "club", "society", "center", "centre", "centers", "centres", "shelter",
     "shelters", "school", "schools", "hospital", "hospitals", "nations", "contractor",
     "contractors", "team", "commission", "committee", "board", "unit", "units", "service",
     "services", "clinic", "clinics", "prosecutors", "courts", "leaders", "activists",
     "journalists", "victims", "refugees", "farmers", "students", "women", "children", "men",
     "workers", "teachers", "doctors", "volunteers", "locals", "government's", "manufacturer",
     "manufacturers", "institution", "institutions", "bodies", "body", "sources", "ngo's"]
)  # fmt: skip
"""Head nouns of descriptions that name someone who can give or receive money (`a private
foundation`, `foreign donors`), as opposed to things (`massive borrowing`, `the project`)."""
