"""Cyrillic and Greek names in Latin letters, for ids: "Володимир Зеленський" ->
"Volodymyr Zelenskyi", "Κυριάκος Μητσοτάκης" -> "Kyriakos Mitsotakis".

Tables (lower case; ids are lower case):

- Ukrainian: the national transliteration (Cabinet of Ministers of Ukraine, resolution
  no. 55 of 27 January 2010), with its rules for є, ї, й, ю, я (ye, yi, y, yu, ya at the
  start of a word, ie, i, i, iu, ia elsewhere) and for зг (zgh). It is the default for
  Cyrillic text that has no letter of Russian alone.
- Russian: the table of ICAO Doc 9303 used in Russian passports since 2013 (и i, й i,
  х kh, ц ts, щ shch, ъ ie, ы y, э e, ю iu, я ia), taken when the site's language is
  Russian or the text has ё, ъ, ы or э.
- Belarusian ў, and the letters of Serbian and Macedonian (ђ dj, ј j, љ lj, њ nj, ћ c,
  џ dz, ѓ gj, ќ kj, ѕ dz), in both.
- Greek: ELOT 743 (the Greek standard, adopted by the UN): αι ai, ει ei, οι oi, ου ou,
  αυ/ευ/ηυ av/ev/iv (af/ef/if before a voiceless consonant or at the end), γγ ng, γκ gk,
  γξ nx, γχ nch, μπ mp, ντ nt; θ th, χ ch, ψ ps, η i, υ y, ω o. A diaeresis keeps two
  vowels apart (Μαΐου -> maiou).

What is left (accents of Latin letters) is folded to ASCII by the caller.
"""

from __future__ import annotations

import unicodedata

UKRAINIAN = dict(zip("абвгґдежзиіклмнопрстуфхцчшщь", [
    "a", "b", "v", "h", "g", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", ""], strict=True))
APOSTROPHES = "'’ʼ"  # between Cyrillic letters, not written: Знам'янка -> Znamianka
UKRAINIAN_INITIAL = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
                     "я": ("ya", "ia")}
RUSSIAN = UKRAINIAN | {"г": "g", "и": "i", "й": "i", "ё": "e", "ъ": "ie", "ы": "y", "э": "e",
                       "ю": "iu", "я": "ia", "є": "ie", "ї": "i"}
OTHER_CYRILLIC = {"ў": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
                  "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "ё": "e", "ъ": "", "ы": "y", "э": "e"}
RUSSIAN_ONLY = frozenset("ёъыэ")
GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", [
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r",
    "s", "s", "t", "y", "f", "ch", "ps", "o"], strict=True))
GREEK_PAIRS = {"αι": "ai", "ει": "ei", "οι": "oi", "ου": "ou", "γγ": "ng", "γκ": "gk",
               "γξ": "nx", "γχ": "nch", "μπ": "mp", "ντ": "nt"}
GREEK_U = {"α": "a", "ε": "e", "η": "i"}  # before υ: av/af, ev/ef, iv/if
VOICELESS = frozenset("θκξπσςτφχψ")


def _cyrillic(char: str) -> bool:
    return "CYRILLIC" in unicodedata.name(char, "")


def transliterate(text: str, language: str = "") -> str:
    """``text`` with its Cyrillic and Greek letters written in Latin ones (lower case)."""
    letters: list[tuple[str, bool]] = []  # (letter, has a diaeresis)
    for char in unicodedata.normalize("NFC", text.lower()):
        if "GREEK" not in unicodedata.name(char, ""):
            letters.append((char, False))  # й, ї, ё are letters of their own
            continue
        parts = unicodedata.normalize("NFD", char)
        letters.append((parts[0], "\u0308" in parts[1:]))
    letters = [(c, mark) for i, (c, mark) in enumerate(letters)
               if not (c in APOSTROPHES and 0 < i < len(letters) - 1
                       and _cyrillic(letters[i - 1][0]) and _cyrillic(letters[i + 1][0]))]
    plain = "".join(c for c, _ in letters)
    russian = language.lower().startswith(("ru", "be", "bg")) or bool(RUSSIAN_ONLY & set(plain))
    table = RUSSIAN if russian else UKRAINIAN
    out = []
    index = 0
    while index < len(letters):
        char = letters[index][0]
        nxt, split = letters[index + 1] if index + 1 < len(letters) else ("", False)
        after = letters[index + 2][0] if index + 2 < len(letters) else ""
        if char in GREEK_U and nxt == "υ" and not split:
            out.append(GREEK_U[char] + ("f" if not after.isalpha() or after in VOICELESS
                                        else "v"))
            index += 2
        elif char + nxt in GREEK_PAIRS and not split:
            out.append(GREEK_PAIRS[char + nxt])
            index += 2
        elif char == "з" and nxt == "г" and not russian:
            out.append("zgh")
            index += 2
        else:
            initial = index == 0 or not letters[index - 1][0].isalpha()
            if char in UKRAINIAN_INITIAL and not russian:
                out.append(UKRAINIAN_INITIAL[char][0 if initial else 1])
            else:
                out.append(next((t[char] for t in (table, OTHER_CYRILLIC, GREEK)
                                 if char in t), char))
            index += 1
    return "".join(out)
