"""Roles across cards: the phrases that name a role's holder, and who held what when."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from generator.errors import Diagnostic, error
from generator.markup.linking import LayeredMatcher, Matcher, build_matcher
from generator.model import Article, Card, Role

RoleAlias = tuple[str, str, Role]


def role_aliases(cards: tuple[Card, ...]) -> tuple[list[RoleAlias], list[Diagnostic]]:
    """Every role phrase, and the phrases two cards claim for overlapping times."""
    found = [(alias, card.id, role) for card in cards for role in card.roles
             for alias in role.aliases]
    by_alias: dict[str, list[tuple[str, Role]]] = defaultdict(list)
    diags = []
    for alias, card, role in found:
        for other, other_role in by_alias[alias]:
            if card != other and role.may_overlap(other_role):
                diags.append(error("alias-conflict", f"role alias '{alias}' is claimed by "
                                   f"cards '{other}' and '{card}' for overlapping dates",
                                   role.location, "fix the roles' from/to dates"))
        by_alias[alias].append((card, role))
    return found, diags


def article_matcher(
    article: Article, shared: Matcher, role_aliases: Sequence[RoleAlias]
) -> LayeredMatcher:
    """The aliases in force in ``article``: its own, then roles held on its date, then cards'."""
    layers = [build_matcher(((text, card) for text, card, _ in article.local_aliases),
                            shared.language)[0],
              build_matcher(((alias, card) for alias, card, role in role_aliases
                             if role.held_on(article.date)), shared.language)[0], shared]
    return LayeredMatcher(*layers)


RoleDates = tuple[str, object, object, str]  # a role's title, first and last day, organisation


def role_dates(card: Card) -> tuple[RoleDates, ...]:
    """A card's roles as who held what when: what says who took a role over."""
    return tuple((r.title, r.start, r.end, r.org) for r in card.roles)
