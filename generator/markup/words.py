"""The words of the interface in the site's language: messages, plurals, dates, numbers, lists.

A ``Words`` value is what the theme says to a reader: its messages come from a
gettext catalogue (``load/translations.py`` reads the theme's and the project's),
and its dates, numbers and lists are formatted for the locale by Babel. It is
passed to whatever makes reader text; nothing reads a global language.
"""

from __future__ import annotations

import datetime as dt
import gettext
from typing import Any

import babel
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from generator.markup import text
from generator.model import PartialDate


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where shown."""
    return message


def babel_locale(language: str) -> babel.Locale:
    """The Babel locale of a BCP 47 tag: 'fr', 'pt-BR', 'sr-Latn'; a bare 'en' reads dates as
    British English does ('18 February 2025'), as the theme always has."""
    tag = language.replace("_", "-")
    if tag.lower() == "en":
        tag = "en-GB"
    try:
        return babel.Locale.parse(tag, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        base = tag.split("-")[0]
        try:
            return babel.Locale.parse(base)
        except (ValueError, babel.UnknownLocaleError):
            return babel.Locale.parse("en_GB")


class Words:
    """Messages from one catalogue, and dates, numbers and lists in its language.

    Two values are equal when their language and catalogue are: the graph of a
    build keeps every page while they stay equal.
    """

    __slots__ = ("digest", "language", "locale", "translations")

    def __init__(self, language: str, translations: gettext.NullTranslations,
                 digest: str = "") -> None:
        self.language = language
        self.locale = babel_locale(language)
        self.translations = translations
        self.digest = digest  # a hash of the catalogue's messages ("" for none)

    @classmethod
    def english(cls) -> Words:
        """The theme's own words: no catalogue."""
        return cls("en", gettext.NullTranslations())

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Words) and self.language == other.language
                and self.digest == other.digest)

    def __hash__(self) -> int:
        return hash((self.language, self.digest))

    def __repr__(self) -> str:
        return f"Words({self.language!r}, {self.digest!r})"

    @property
    def direction(self) -> str:
        """'rtl' for a language written right to left (Arabic, Hebrew...), else 'ltr'."""
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"

    @property
    def _british(self) -> bool:
        return str(self.locale) == "en_GB"

    def gettext(self, message: str, **values: Any) -> str:
        """``message`` in the site's language, with ``%(name)s`` filled from ``values``."""
        found = self.translations.gettext(message)
        return found % values if values else found

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """The form for ``count`` ('1 article', '3 articles'); ``%(num)s`` is the count."""
        found = self.translations.ngettext(singular, plural, count)
        return found % ({"num": self.number(count)} | values)

    def forms(self, singular: str, plural: str) -> dict[str, str]:
        """A counted message's form for each plural category of the language ('one',
        'few', 'other'...), placeholders left in: for a script that counts for itself."""
        samples: dict[str, int] = {}
        for count in range(200):
            samples.setdefault(self.locale.plural_form(count), count)
        return {category: self.translations.ngettext(singular, plural, count)
                for category, count in sorted(samples.items())}

    def number(self, value: int) -> str:
        """A whole number as the locale writes it ('1,234', '1 234', '1.234')."""
        return str(format_decimal(value, locale=self.locale))

    def join(self, items: list[str]) -> str:
        """'a, b and c' in the site's language."""
        return str(format_list(items, locale=self.locale)) if items else ""

    def date(self, day: dt.date | PartialDate | None, *, governed: bool = False) -> str:
        """'18 February 2025', '18 février 2025', '18. Februar 2025'; 'July 2024' or '2019'
        for a date known only to the month or the year.

        ``governed``: the date follows a preposition ('until %(date)s'). A month alone then
        takes the form the language uses inside a date, where it differs from the month's
        own name: Polish 'do lipca 2024', Ukrainian 'до липня 2024 р.' (not 'lipiec',
        'липень')."""
        if day is None:
            return ""
        if self._british:
            return text.long_date(day)
        if isinstance(day, PartialDate) and not day.day:
            if not day.month:
                return str(day.year)
            month = dt.date(day.year, day.month, 1)
            if governed:
                pattern = self.locale.datetime_skeletons["yMMMM"].pattern
                return str(format_date(month, pattern.replace("LLLL", "MMMM"),
                                       locale=self.locale))
            return str(format_skeleton("yMMMM", month, locale=self.locale))
        return str(format_date(dt.date(day.year, day.month, day.day), "long",
                               locale=self.locale))

    def date_range(self, start: text.Day, end: text.Day | None) -> str:
        """'14–16 February 2025', '30 January – 2 February 2025', or one date; dates known
        only to the month or year are written in full ('July 2024 – 2025')."""
        if end is None or text.as_partial(end) == text.as_partial(start):
            return self.date(start)
        if self._british:
            return text.date_range(start, end)
        first, last = text.as_partial(start), text.as_partial(end)
        if not (first.day and last.day):
            return f"{self.date(start)} – {self.date(end)}"
        return str(format_interval(first.first, last.first, "yMMMMd", locale=self.locale))

    def time(self, when: dt.datetime) -> str:
        """A date and time of day (UTC), e.g. when a site was built."""
        return self.gettext("%(date)s, %(time)s UTC", date=self.date(when.date()),
                            time=f"{when:%H:%M}")
