"""What a person's roles read as: on an article's date, and now.

"Now" is the day a page is judged as of (``content_day`` unless a build date or
``explainer check --today`` is given), so that two builds of the same content agree.
A role reads as ended only once its end is certainly past (see ``Role.ended_by``).
"""

from __future__ import annotations

import datetime as dt

from generator.markup.words import Words
from generator.model import Article, Card
from generator.resolve.site import Site


def content_day(site: Site) -> dt.date:
    """The newest date the content knows of: articles, cards' as_of, corrections, updates."""
    valued: list[Card | Article] = [*site.cards.values(), *(a.article for a in site.articles)]
    days = [c.as_of for c in site.cards.values()] + [a.article.date for a in site.articles]
    days += [n.date for v in valued for n in (*v.corrections, *v.updates)]
    return max(days, default=dt.date.min)


def role_then(words: Words, card: Card, day: dt.date, today: dt.date) -> str:
    """The roles held on ``day``, each marked when it has ended since."""
    return "; ".join(
        words.gettext("%(role)s (at the time; until %(date)s)", role=r.title,
                      date=words.date(r.end, governed=True)) if r.ended_by(today) else r.title
        for r in card.roles_on(day))


def role_now(words: Words, card: Card, today: dt.date) -> str:
    """The roles held on ``today``; else the one that ended last, as 'former ...'."""
    current = [r.title for r in card.roles
               if not r.ended_by(today) and (r.start is None or r.start.first <= today)]
    if current:
        return "; ".join(dict.fromkeys(current))
    ended = [r for r in card.roles if r.end is not None]
    if not ended:
        return ""
    last = max(ended, key=lambda r: r.end.last if r.end else dt.date.min)
    return words.gettext("former %(role)s (until %(date)s)", role=last.title,
                         date=words.date(last.end, governed=True))
