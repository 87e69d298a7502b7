"""Editorial checks before publishing: stale facts, undated sources, cards nothing leads to.

These run in ``explainer check`` only: the freshness check depends on today's
date, which must never change what a build writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from generator import urls
from generator.errors import Diagnostic, warning
from generator.markup.text import long_date, plural
from generator.resolve.site import Site


def audit(site: Site, today: dt.date, linked_from: Mapping[str, set[str]]) -> list[Diagnostic]:
    """Every editorial problem in the site; ``linked_from`` maps pages to pages linking them."""
    diags: list[Diagnostic] = []
    limit = site.config.freshness_days
    for card in site.cards.values():
        age = (today - card.as_of).days
        holding = [r.title for r in card.roles if r.end is None]
        if limit and age > limit and holding:
            diags.append(warning(
                "roles-stale", f"card '{card.id}' says {card.name} still holds "
                f"{' and '.join(dict.fromkeys(holding))}, as of {long_date(card.as_of)}, "
                f"{plural(age, 'day')} ago (site.yaml allows {limit})",
                card.as_of_location or card.location,
                "check first whether the role has ended (add its 'to:' date), then set as_of "
                "to the date you checked"))
        elif limit and age > limit:
            diags.append(warning(
                "facts-stale", f"card '{card.id}' has facts as of {long_date(card.as_of)}, "
                f"{plural(age, 'day')} ago (site.yaml allows {limit})",
                card.as_of_location or card.location,
                "check the facts, then set as_of to the date you checked them"))
        for source in card.sources:
            if not source.article and source.date is None:
                diags.append(warning(
                    "source-undated", f"source “{source.title}” ({source.publisher}) has no "
                    "date", source.location, "add  date: YYYY-MM-DD  (when it was published)"))
        page = urls.card_path(card.id)
        leads = {p for p in linked_from.get(page, ()) if p != page
                 and p.startswith(("articles/", "cards/"))}
        if not site.backlinks.get(card.id) and not leads:
            diags.append(warning(
                "card-unused", f"card '{card.id}' is not mentioned in any article and no other "
                "card links to it", card.location,
                "add an alias that occurs in an article, link it from another card "
                f"([text](card:{card.id}) or related:), or remove it"))
    return diags
