"""What resolve checks of the references between cards and of the sources of their facts."""

from __future__ import annotations

from collections.abc import Mapping

from generator.errors import Diagnostic, error, unknown_id
from generator.model import Article, Card


def check_references(cards: tuple[Card, ...], by_id: Mapping[str, Card]) -> list[Diagnostic]:
    """Each card's references to other cards: to a card that exists, and not to itself."""
    diags = []
    for card in cards:
        for name, ref, where in card.references:
            if ref not in by_id:
                diags.append(unknown_id("card", ref, by_id, where))
            elif ref == card.id and name == "related":
                diags.append(error("card-self", "a card cannot be related to itself", where))
    return diags


def check_sources(cards: tuple[Card, ...], articles: Mapping[str, Article]) -> list[Diagnostic]:
    """Each card's sources that name an article: an article that exists, and a paragraph
    it has."""
    diags = []
    for card in cards:
        for source in card.sources:
            if not source.article:
                continue
            article = articles.get(source.article)
            if article is None:
                diags.append(unknown_id("article", source.article, articles, source.location))
            elif source.paragraph and not 1 <= source.paragraph <= len(article.paragraphs):
                diags.append(error("source-paragraph", f"article '{article.id}' has no "
                                   f"paragraph {source.paragraph} (it has "
                                   f"{len(article.paragraphs)})", source.location))
    return diags
