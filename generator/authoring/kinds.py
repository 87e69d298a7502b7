"""What kind of card a name looks like: from its own words and from the words around it.

"Berlin Airport" is a place by its last word, "Ministry of Culture" an organisation by
its first; "the transport company Stadtbahn Nord" an organisation by the word before it,
"the Quiet Nights campaign" by the word after; "in Berlin" a place, "депутат Олена
Коваленко" a person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from generator.authoring.wordlists import (
    ARTICLES,
    ORGANISATION_AFTER,
    ORGANISATION_CUES,
    ORGANISATION_WORDS,
    PARTICLES,
    PERSON_CUES,
    PLACE_CUES,
    PLACE_NAMES,
    PLACE_PHRASES,
    PLACE_WORDS,
    TITLES,
)

WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
ORGANISATION, PERSON, PLACE = "organisation", "person", "place"


def context_cue(text: str, start: int, end: int) -> str:
    """The kind the words next to ``text[start:end]`` give it, or ""."""
    before = list(WORD_RE.finditer(text, max(0, start - 80), start))
    if before and not text[before[-1].end():start].strip():
        words = [m.group().lower() for m in before]
        last = words[-1]
        if last in ORGANISATION_CUES:
            return ORGANISATION
        if last in PERSON_CUES or before[-1].group() in TITLES:
            return PERSON
        if last in PLACE_CUES or (last in ARTICLES and len(words) > 1
                                  and words[-2] in PLACE_CUES):
            return PLACE
        if len(words) > 1 and (words[-2], last) in PLACE_PHRASES:
            return PLACE
    after = WORD_RE.match(text, end + 1) if text[end:end + 1] == " " else None
    if after and after.group() in ORGANISATION_AFTER:
        return ORGANISATION
    return ""


def guess_type(key: tuple[str, ...], titled: bool, cues: Iterable[str] = ()) -> str:
    """The card type a name looks like, from its words and what stood around it."""
    counted = Counter(c for c in cues if c)
    cue = max(counted, key=lambda c: (counted[c], c)) if counted else ""
    if " ".join(key) in PLACE_NAMES:
        return PLACE
    if key[-1] in ORGANISATION_WORDS or (len(key) == 1 and key[0].isupper()
                                         and len(key[0]) >= 3):
        return ORGANISATION
    if cue == ORGANISATION:
        return ORGANISATION
    if key[-1] in PLACE_WORDS:
        return PLACE
    if key[0] in ORGANISATION_WORDS:
        return ORGANISATION
    if key[0] in PLACE_WORDS:
        return PLACE
    if cue:
        return cue
    named = [w for w in key if w not in PARTICLES]
    if titled or (2 <= len(named) <= 4 and all(w[:1].isupper() for w in named)):
        return PERSON
    return ""
