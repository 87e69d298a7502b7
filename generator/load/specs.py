"""The fields of site.yaml, article metadata files and fact cards."""

from __future__ import annotations

from generator.load.schema import Field, Record, Variant

CARD_TYPES = ("person", "organisation", "place", "concept", "event")
GROUPINGS = ("country", "role")
LINK_POLICIES = ("first-in-paragraph", "first-in-article", "every")

SITE = Record("site.yaml", "site settings", (
    Field("title", "str", "the site's name, shown on every page", required=True),
    Field("description", "str", "one sentence on what the site explains", required=True),
    Field("language", "str", "the BCP 47 language tag of the content, e.g. en or en-GB",
          default="en"),
    Field("base_url", "url", "where the site will be published, e.g. https://example.org/x/",
          required=True),
    Field("author", "str", "who publishes the site (newsroom or person)"),
    Field("link_mentions", "choice", "which mentions of a card become links: the first in each "
          "paragraph, the first in each article, or every one (all count as backlinks)",
          choices=LINK_POLICIES, default="first-in-paragraph"),
    Field("link_cards", "bool", "link mentions of other cards inside card summaries and bodies",
          default=True),
    Field("allow_raw_html", "bool", "let raw HTML in Markdown through instead of escaping it",
          default=False),
    Field("output_dir", "str", "where the site is written, relative to the project",
          default="public"),
    Field("snippet_chars", "int", "characters of context on each side of a backlink snippet",
          default=70, limits=(0, 1000)),
    Field("per_page", "int", "how many entries a listing (home, indexes, topics, timeline, "
          "search, a card's mentions) shows before it continues on a next page", default=50,
          limits=(1, 10_000)),
    Field("feed_entries", "int", "how many of the newest articles the Atom feed lists",
          default=20, limits=(1, 10_000)),
    Field("freshness_days", "int", "explainer check reports cards whose facts (as_of) are older "
          "than this many days; 0 turns the check off", default=0, limits=(0, 36_500)),
    Field("timestamps", "bool", "print the build date in page footers and the feed (off, so "
          "that two builds of the same input are byte-identical; SOURCE_DATE_EPOCH is honoured)",
          default=False),
    Field("image", "str", "a picture for link previews (Open Graph, Twitter cards): a file of "
          "the site such as static/share.png"),
    Field("twitter", "str", "the site's account for Twitter/X cards, e.g. @newsroom"),
))

SOURCE = Record("source", "where a fact comes from: a publication, or a paragraph of an article", (
    Field("publisher", "str", "who published it, e.g. BBC News"),
    Field("title", "str", "the title of the piece or page"),
    Field("date", "date", "when it was published"),
    Field("url", "url", "its address; give it only when you know it is right"),
    Field("article", "slug", "an article of this site, cited instead of a publication"),
    Field("paragraph", "int", "with article: the paragraph number cited (p4 is 4)",
          limits=(1, 100_000)),
), variants=(
    Variant(requires=("article",), forbids=("publisher", "url")),
    Variant(requires=("publisher", "title"), forbids=("article", "paragraph")),
), shapes_doc="a source cites either an article of this site (article:, and paragraph: if "
   "you like) or a publication (publisher: and title:, with date: and url: if known)")

ROLE = Record("role", "a position a person holds or held", (
    Field("title", "str", "the position, e.g. Prime Minister of the United Kingdom",
          required=True),
    Field("org", "slug", "the id of the organisation or country card it belongs to"),
    Field("from", "partial date", "when it began: a day, or only the month (2024-07) or year "
          "(2019) when that is all that is known; leave out if unknown and give 'seen'"),
    Field("to", "partial date", "when it ended (a day, month or year); leave out while it "
          "lasts"),
    Field("seen", "date", "a day the role is known to have been held on, for a role whose "
          "start ('from') is not known"),
    Field("note", "str", "a short remark, e.g. 'acting' or how it ended"),
    Field("wikidata", "wikidata", "the position's Wikidata item, e.g. Q14211 (Prime Minister "
          "of the United Kingdom), for explainer check --wikidata"),
    Field("aliases", "list", "phrases that name the holder only while the role is held, e.g. "
          "'the UK prime minister': they link in articles dated within the role",
          item=Field("alias", "str", "a role phrase", visible=True), default=()),
), variants=(Variant(requires=("from",)), Variant(requires=("seen",))),
   shapes_doc="a role needs 'from' (when it began: YYYY-MM-DD, YYYY-MM or YYYY) or, when "
   "that is not known, 'seen' (a day it was held on)")

NOTE = Record("note", "a dated correction or update", (
    Field("date", "date", "when it was made", required=True),
    Field("text", "str", "what was corrected or what changed, in one sentence", required=True),
))

QUOTE = Record("quote", "a passage the article quotes, and who said it", (
    Field("speaker", "slug", "the id of the card of who said it", required=True),
    Field("text", "str", "the words as they stand in the article, without quotation marks",
          required=True),
    Field("context", "str", "where or how it was said, e.g. 'after the Paris meeting'"),
))

LOCAL_ALIAS = Record("alias", "a phrase that links to a card in this article only", (
    Field("text", "str", "the phrase as it stands in the article, e.g. 'the meeting'",
          required=True, visible=True),
    Field("card", "slug", "the id of the card it links to", required=True),
))

IMAGE = Record("image", "a picture, with what the licence asks of whoever shows it", (
    Field("file", "str", "the picture's file under the project's images/ folder, e.g. "
          "images/keir-starmer.jpg (JPEG, PNG, WebP, GIF or SVG)", required=True),
    Field("alt", "str", "what the picture shows, for a reader who cannot see it",
          required=True),
    Field("credit", "str", "who to credit, as the licence asks: the photographer / the agency",
          required=True),
    Field("licence", "str", "the licence it is used under, e.g. CC BY 2.0, OGL v3, or 'all "
          "rights reserved, used with permission'", required=True),
    Field("source", "url", "where the picture was found, if it is online"),
    Field("focus", "list", "the point to keep when the picture is cropped: [x, y] from the top "
          "left, each from 0 to 1 (the default is the middle)", min_items=2,
          item=Field("coordinate", "fraction", "a fraction of the width or height")),
))

ARTICLE = Record("article", "an article's metadata", (
    Field("id", "slug", "the article's id, used in its address; defaults to the file name"),
    Field("title", "str", "the headline", required=True),
    Field("dek", "str", "the standfirst: one sentence under the headline", required=True),
    Field("date", "date", "the publication date of the article", required=True),
    Field("seed", "str", "the text file under seeds/ that holds the article body", required=True),
    Field("credit", "str", "who to credit for the text, e.g. BBC; defaults to the credit line "
          "at the end of the seed, like (BBC)"),
    Field("url", "url", "the original article's address, if known"),
    Field("topics", "list", "topics the article is filed under",
          item=Field("topic", "str", "a topic"), default=()),
    Field("aliases", "list", "phrases that link to a card in this article only, for words "
          "too vague to be a card's alias everywhere ('the meeting', 'the talks')",
          item=Field("alias", "record", "a local alias", record=LOCAL_ALIAS), default=()),
    Field("quotes", "list", "who said each passage the article quotes",
          item=Field("quote", "record", "a quote", record=QUOTE), default=()),
    Field("image", "record", "the article's picture, with its credit and licence",
          record=IMAGE),
    Field("draft", "bool", "leave the article out of the build", default=False),
    Field("corrections", "list", "corrections of errors in the text, each with its date: "
          "shown on the page and on the site's corrections page",
          item=Field("correction", "record", "a correction", record=NOTE), default=()),
    Field("updates", "list", "later developments added to the text, each with its date",
          item=Field("update", "record", "an update", record=NOTE), default=()),
))

CARD = Record("card", "a fact card", (
    Field("id", "slug", "the card's id, used in links and its address; defaults to the file "
          "name"),
    Field("type", "choice", "what the card is about", required=True, choices=CARD_TYPES),
    Field("name", "str", "the name the card is shown under", required=True, visible=True),
    Field("aliases", "list", "other names that link to this card in article text (the name "
          "always does); case-sensitive, except a lower-case first letter also matches a capital",
          item=Field("alias", "str", "an alias", visible=True), default=()),
    Field("kind", "str", "a finer category, e.g. country, city, newspaper, military alliance"),
    Field("summary", "text", "one or two sentences (Markdown) shown in previews and indexes",
          required=True),
    Field("body", "text", "the full explanation (Markdown)"),
    Field("related", "list", "ids of related cards; the link shows on both cards",
          item=Field("card", "slug", "a card id"), default=()),
    Field("as_of", "date", "the date the card's facts are true as of", required=True),
    Field("sources", "list", "where the facts come from (at least one)", required=True,
          min_items=1,
          item=Field("source", "record", "a source", record=SOURCE)),
    Field("wikidata", "wikidata", "the Wikidata item, e.g. Q1234: the page's structured data "
          "links to it, and explainer check --wikidata compares the card with it"),
    Field("country", "slug", "person, organisation or place: the id of its country's card"),
    Field("roles", "list", "person: the positions held, with dates",
          item=Field("role", "record", "a role", record=ROLE), default=()),
    Field("date", "partial date", "event: the day it happened or began, or only the month "
          "(2024-07) or year (2019) when that is all that is known"),
    Field("end_date", "partial date", "event: when it ended, if it lasted more than a day (a "
          "day, month or year)"),
    Field("place", "slug", "event: the id of the place card where it happened"),
    Field("group_by", "choice", "person: what the who's who groups them under: their "
          "country, or the organisation of the role they hold (e.g. a NATO Secretary General "
          "under NATO)", choices=GROUPINGS, default="country"),
    Field("image", "record", "a picture of the subject (a portrait for a person), with its "
          "credit and licence", record=IMAGE),
    Field("draft", "bool", "an unfinished card (explainer new card writes one without "
          "--summary): the build leaves it out and warns, its schema problems are listed as "
          "what is left to do, and explainer check lists it; delete the line when it is done",
          default=False),
    Field("corrections", "list", "corrections of errors in the text, each with its date: "
          "shown on the page and on the site's corrections page",
          item=Field("correction", "record", "a correction", record=NOTE), default=()),
    Field("updates", "list", "later developments added to the text, each with its date",
          item=Field("update", "record", "an update", record=NOTE), default=()),
), elsewhere=(
    ("quotes", "quotes belong to the article that quotes them: list them under quotes: in "
     "its metadata file (content/articles/ID.yaml), each with speaker: (this card's id) and "
     "text:"),
    ("topics", "topics are given to articles (topics: in content/articles/ID.yaml); a card "
     "is found through the articles that mention it"),
))

# Fields that only make sense for some card types.
TYPE_ONLY = {
    "roles": ("person",),
    "date": ("event",),
    "end_date": ("event",),
    "place": ("event",),
    "country": ("person", "organisation", "place"),
    "group_by": ("person",),
}
REQUIRED_FOR_TYPE = {"event": ("date",)}
