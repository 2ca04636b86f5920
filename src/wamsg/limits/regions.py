"""The regions Meta names in its marketing rules, as country calling codes and regions.

Meta's per-user marketing limits do not apply when the business number or the user is
in the EEA, the United Kingdom, Japan or South Korea [rule meta.marketing.exempt-regions];
marketing templates to +1 numbers with a US area code are not delivered since
2025-04-01 [rule meta.marketing.us-pause]. A phone number tells its country only by
its calling code (and, inside +1, by its area code: :attr:`wamsg.PhoneNumber.region`
resolves every non-US NANP area code from wamsg's packaged numbering table), so these
sets are what :func:`~wamsg.limits.marketing_deliverable` compares with.
"""

from __future__ import annotations

__all__ = [
    "EEA_CALLING_CODES",
    "MARKETING_CAP_EXEMPT_CALLING_CODES",
    "US_TERRITORIES",
]

EEA_CALLING_CODES: frozenset[str] = frozenset(
    {
        "43",  # Austria
        "32",  # Belgium
        "359",  # Bulgaria
        "385",  # Croatia
        "357",  # Cyprus
        "420",  # Czechia
        "45",  # Denmark
        "372",  # Estonia
        "358",  # Finland (and Åland)
        "33",  # France
        "49",  # Germany
        "30",  # Greece
        "36",  # Hungary
        "353",  # Ireland
        "39",  # Italy
        "371",  # Latvia
        "370",  # Lithuania
        "352",  # Luxembourg
        "356",  # Malta
        "31",  # Netherlands
        "48",  # Poland
        "351",  # Portugal (with Madeira and the Azores)
        "40",  # Romania
        "421",  # Slovakia
        "386",  # Slovenia
        "34",  # Spain (with the Canary Islands)
        "46",  # Sweden
        "354",  # Iceland (EEA, not EU)
        "423",  # Liechtenstein (EEA, not EU)
        "47",  # Norway (EEA, not EU)
        "262",  # Réunion and Mayotte (EU outermost regions)
        "590",  # Guadeloupe and Saint-Martin (EU outermost regions)
        "594",  # French Guiana (EU outermost region)
        "596",  # Martinique (EU outermost region)
    }
)
"""The calling codes of the European Economic Area: the 27 EU states, Iceland,
Liechtenstein and Norway, and the French outermost regions that have codes of their own.

A calling code is shared with a non-EEA place in one case: +590 also serves
Saint-Barthélemy, which left the EU in 2012; it is counted as EEA here."""

MARKETING_CAP_EXEMPT_CALLING_CODES: frozenset[str] = EEA_CALLING_CODES | {
    "44",  # United Kingdom (the code also serves Jersey, Guernsey and the Isle of Man)
    "81",  # Japan
    "82",  # South Korea
}
"""Calling codes where Meta's per-user marketing cap does not apply: EEA, UK, JP, KR."""

US_TERRITORIES: frozenset[str] = frozenset({"PR", "GU", "VI", "AS", "MP"})
"""Regions of the US territories in the NANP: Puerto Rico, Guam, the US Virgin Islands,
American Samoa and the Northern Mariana Islands (area codes 787/939, 671, 340, 684, 670).

Whether Meta's US marketing pause covers them is not stated (Meta says "a US area
code"); :attr:`~wamsg.limits.MarketingPolicy.us_territories_paused` decides."""
