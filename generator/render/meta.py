"""What a page tells search engines and link previews: head tags and schema.org JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator import urls
from generator.model import Card, SiteConfig
from generator.render.notes import correction_comments, last_changed
from generator.resolve.site import LinkedArticle, Site

SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place",
                "concept": "DefinedTerm", "event": "Event"}
# Finer schema.org types for places whose card gives one of these kinds.
PLACE_KINDS = {"country": "Country", "city": "City", "state": "State", "continent": "Continent"}
DESCRIPTION_CHARS = 200
HEADLINE_CHARS = 110  # what search engines show of a NewsArticle headline


@dataclass(frozen=True, slots=True)
class Subject:
    """What a page is about: its JSON-LD object and the dates and tags previews show."""

    data: dict[str, Any]
    og_type: str = "website"
    published: str = ""
    modified: str = ""
    tags: tuple[str, ...] = field(default=())
    image: str = ""  # the output path of the page's share card; else site.yaml's image


def script_json(data: object) -> Markup:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[:cut if cut > 0 else limit - 1].rstrip(" ,;:.") + "…"


def og_locale(language: str) -> str:
    """A BCP 47 tag as an Open Graph locale: en-GB -> en_GB."""
    parts = language.replace("_", "-").split("-")
    return "_".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def head(config: SiteConfig, path: str, title: str, description: str,
         subject: Subject | None) -> dict[str, Any]:
    """The head of a page: canonical URL, Open Graph and Twitter tags, JSON-LD."""
    url = urls.absolute(config.base_url, path)
    text = shorten(description)
    if path == urls.NOT_FOUND:
        return {"canonical": "", "noindex": True, "description": text, "meta": [],
                "jsonld": "", "modified": ""}
    subject = subject or page_subject(config, path, title, text)
    tags = [("property", "og:type", subject.og_type), ("property", "og:title", title),
            ("property", "og:description", text), ("property", "og:url", url),
            ("property", "og:site_name", config.title),
            ("property", "og:locale", og_locale(config.language))]
    picture = subject.image or config.image
    image = urls.absolute(config.base_url, picture) if picture else ""
    if image:
        tags.append(("property", "og:image", image))
    if subject.image:
        tags += [("property", "og:image:width", "1200"), ("property", "og:image:height", "630")]
    if subject.og_type == "article":
        tags += [("property", "article:published_time", subject.published),
                 ("property", "article:modified_time", subject.modified)]
        tags += [("property", "article:tag", tag) for tag in subject.tags]
    tags += [("name", "twitter:card", "summary_large_image" if image else "summary"),
             ("name", "twitter:title", title), ("name", "twitter:description", text)]
    if image:
        tags.append(("name", "twitter:image", image))
    if config.twitter:
        tags.append(("name", "twitter:site", config.twitter))
    data = {"@context": "https://schema.org", **subject.data}
    if subject.image:
        data["image"] = image
    return {"canonical": url, "noindex": False, "description": text,
            "meta": [{"attr": a, "key": k, "value": v} for a, k, v in tags],
            "jsonld": script_json(data), "modified": subject.modified}


def _publisher(config: SiteConfig) -> dict[str, Any]:
    return {"@type": "Organization", "name": config.author or config.title,
            "url": config.base_url}


def _website(config: SiteConfig) -> dict[str, Any]:
    return {"@type": "WebSite", "@id": config.base_url + "#website", "name": config.title,
            "url": config.base_url}


def page_subject(config: SiteConfig, path: str, title: str, description: str) -> Subject:
    """The home page is the WebSite; every other list page a CollectionPage of it."""
    if path == urls.HOME:
        return Subject(_website(config) | {
            "description": description, "inLanguage": config.language,
            "publisher": _publisher(config)})
    return Subject({"@type": "CollectionPage", "name": title, "description": description,
                    "url": urls.absolute(config.base_url, path), "inLanguage": config.language,
                    "isPartOf": _website(config)})


def schema_type(card: Card) -> str:
    """The schema.org type of the thing a card is about."""
    if card.type == "place":
        return PLACE_KINDS.get(card.kind.lower(), "Place")
    return SCHEMA_TYPES[card.type]


def _ref(site: Site, card_id: str) -> dict[str, Any]:
    card = site.cards[card_id]
    url = urls.absolute(site.config.base_url, urls.card_path(card_id))
    return {"@type": schema_type(card), "@id": url + "#thing", "name": card.name, "url": url}


def article_subject(site: Site, linked: LinkedArticle) -> Subject:
    """A NewsArticle: headline, dates, who wrote and published it, the cards it mentions."""
    config, article = site.config, linked.article
    url = urls.absolute(config.base_url, urls.article_path(article.id))
    day = article.date.isoformat()
    data: dict[str, Any] = {
        "@type": "NewsArticle", "@id": url + "#article", "headline":
        shorten(article.title, HEADLINE_CHARS), "description": shorten(article.dek),
        "url": url, "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": day, "dateModified": last_changed(article, article.date).isoformat(),
        "inLanguage": config.language,
        "isPartOf": _website(config), "publisher": _publisher(config)}
    if article.corrections:
        data["correction"] = correction_comments(article)
    if article.credit:
        data["author"] = {"@type": "Organization", "name": article.credit}
    if article.url:
        data["isBasedOn"] = article.url
    if article.topics:
        data["keywords"] = ", ".join(article.topics)
    if config.image:
        data["image"] = urls.absolute(config.base_url, config.image)
    mentioned = list(dict.fromkeys(m.card for m in linked.mentions))
    if mentioned:
        data["mentions"] = [_ref(site, c) for c in mentioned]
    return Subject(data, "article", day, data["dateModified"], article.topics)


def card_subject(site: Site, card_id: str, description: str, glossary: str) -> Subject:
    """A Person, Organization, Place, DefinedTerm or Event, with sameAs from its Wikidata id
    (``glossary``: the name of the glossary, in the site's language)."""
    card = site.cards[card_id]
    data = _ref(site, card_id) | {"description": description,
                                  "mainEntityOfPage": {"@type": "WebPage", "@id":
                                                       _ref(site, card_id)["url"],
                                                       "inLanguage": site.config.language}}
    if card.wikidata:  # checked when the card was loaded
        data["sameAs"] = [f"https://www.wikidata.org/wiki/{card.wikidata}"]
    if card.type == "person":
        current = [r.title for r in card.roles if r.end is None]
        if current:
            data["jobTitle"] = current if len(current) > 1 else current[0]
        if card.country and schema_type(site.cards[card.country]) == "Country":
            data["nationality"] = _ref(site, card.country)
    elif card.type == "organisation" and card.country:
        data["location"] = _ref(site, card.country)
    elif card.type == "place" and card.country and card.country != card.id:
        data["containedInPlace"] = _ref(site, card.country)
    elif card.type == "concept":
        data["inDefinedTermSet"] = {"@type": "DefinedTermSet", "name": glossary, "url":
                                    urls.absolute(site.config.base_url,
                                                  urls.INDEX_PAGES["concept"][0])}
    elif card.type == "event" and card.date:
        data["startDate"] = card.date.isoformat()
        data["endDate"] = (card.end_date or card.date).isoformat()
        if card.place:
            data["location"] = _ref(site, card.place)
    modified = last_changed(card, card.as_of).isoformat()
    data["dateModified"] = modified
    if card.corrections:
        data["correction"] = correction_comments(card)
    return Subject(data, "website", "", modified)


