"""Cyrillic and Greek names transliterated for ids (load/translit.py, schema.slugify)."""

from __future__ import annotations

import pytest

from generator.load.schema import slug_of, slug_problem, slugify
from generator.load.translit import transliterate


@pytest.mark.parametrize(("name", "language", "slug"), [
    # Ukrainian national transliteration (2010): position rules for є ї й ю я, and зг.
    ("Володимир Зеленський", "", "volodymyr-zelenskyi"),
    ("Юлія Тимошенко", "", "yuliia-tymoshenko"),
    ("Згурівка", "", "zghurivka"),
    ("Знам'янка", "", "znamianka"),
    ("Андрій Єрмак", "uk", "andrii-yermak"),
    # Russian (ICAO Doc 9303): by the site's language, or a letter of Russian alone.
    ("Владимир Путин", "ru", "vladimir-putin"),
    ("Сергей Лавров", "ru", "sergei-lavrov"),
    ("Дмитрий Песков", "ru", "dmitrii-peskov"),
    ("Объём", "", "obieem"),
    # Greek, ELOT 743: digraphs, av/af, a diaeresis keeps vowels apart.
    ("Κυριάκος Μητσοτάκης", "", "kyriakos-mitsotakis"),
    ("Ευάγγελος Βενιζέλος", "", "evangelos-venizelos"),
    ("Ευτυχία", "", "eftychia"),
    ("Μαΐου", "el", "maiou"),
    ("Θεσσαλονίκη", "", "thessaloniki"),
    # Latin letters keep their base letter, as before.
    ("Élysée Palace", "", "elysee-palace"),
])
def test_slugify_transliterates(name: str, language: str, slug: str) -> None:
    assert slugify(name, language) == slug
    assert slug_problem(slug) == ""


def test_scripts_without_a_table_give_no_slug() -> None:
    assert slug_of("東京") == "" and slugify("東京") == "item-1"
    assert transliterate("Kyiv, Київ") == "kyiv, kyiv"
