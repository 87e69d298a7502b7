"""The theme's names for things, marked for the catalogue and translated where shown."""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.markup.words import N_, Words

# card type -> what one card of it is called (on its page, in search results)
TYPE_LABELS = {"person": N_("Person"), "organisation": N_("Organisation"), "place": N_("Place"),
               "concept": N_("Term"), "event": N_("Event")}
# card type -> the heading of its index (urls.INDEX_PAGES says where the index is)
INDEX_TITLES = {"person": N_("Who's who"), "organisation": N_("Organisations"),
                "place": N_("Places"), "concept": N_("Glossary"), "event": N_("Timeline")}
# a page's notes: kind -> label
NOTE_LABELS = {"corrections": N_("Correction"), "updates": N_("Update")}
ARTICLE = N_("Article")


def type_label(words: Words, kind: str) -> str:
    """What one card of type ``kind`` is called, in the site's language."""
    return words.gettext(TYPE_LABELS[kind])


def index_title(words: Words, kind: str) -> str:
    """The heading of the index of cards of type ``kind``, in the site's language."""
    return words.gettext(INDEX_TITLES[kind])


def script_words(words: Words) -> Markup:
    """What the page's script says (card previews, search as you type), as JSON for the
    page's ``#explainer-words`` block; counted messages give a form per plural category."""
    said = {
        "atTheTime": words.gettext("At the time: %(roles)s"),
        "until": words.gettext("%(role)s (until %(year)s)"),
        "former": words.gettext("former %(role)s (until %(year)s)"),
        "moreAbout": words.gettext("More about %(name)s"),
        "article": words.gettext(ARTICLE),
        "alsoCalled": words.gettext("also called %(alias)s"),
        "fromFile": words.gettext(
            "Opened from a file, search covers names, aliases and summaries; full-text "
            "search works when the site is served (for example: python3 -m http.server)."),
        "results": words.forms("%(num)s result for “%(query)s”.",
                               "%(num)s results for “%(query)s”."),
        "noResults": words.gettext("No results for “%(query)s”."),
        "allResults": words.gettext("All results for “%(query)s”"),
        "searchPage": words.gettext("Search page"),
    }
    text = json.dumps(said, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Safe inside <script>: no "</script>" or "<!--" can close or confuse the block.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
