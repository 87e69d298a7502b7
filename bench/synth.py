"""A deterministic synthetic explainer project, for benchmarks at scale.

    python bench/synth.py OUT [--articles 2000] [--cards 1000] [--quotes 0] [--seed 1]

Writes site.yaml, content/cards/<type>/*.yaml, content/articles/*.yaml and
seeds/*.txt under OUT. Each article is about 600 words of filler prose in
paragraphs of 40-80 words, naming about 25 card aliases in running text, with
``--quotes`` attributed quotes (by people it names). Each card has 1-4 aliases (made-up names that
never occur in the filler), a Markdown summary naming another card, related
cards, a source, and type-specific fields (roles, dates, places, countries).
The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

TYPES = ("person", "organisation", "place", "concept", "event")
FOLDERS = {"person": "people", "organisation": "organisations", "place": "places",
           "concept": "concepts", "event": "events"}
SYLLABLES = ("ka", "lo", "mar", "ven", "ti", "ru", "sel", "bra", "dov", "qui", "zan", "pe",
             "nor", "fil", "gas", "hu", "jor", "ux", "wen", "yl", "tam", "cre", "bo", "dri")
FILLER = ("the", "talks", "were", "said", "to", "have", "been", "after", "a", "long",
          "meeting", "in", "which", "officials", "agreed", "on", "new", "plans", "for",
          "security", "while", "others", "warned", "that", "any", "deal", "would", "need",
          "support", "from", "its", "allies", "and", "partners", "over", "coming", "weeks",
          "as", "pressure", "grew", "with", "leaders", "expected", "announce", "further",
          "steps", "on", "trade", "energy", "and", "defence", "by", "end", "of", "year")
BASE_DATE = dt.date(2024, 1, 1)
DESKS = ("Politics", "Economy", "World", "Climate", "Technology", "Health")


@dataclass(frozen=True, slots=True)
class SynthCard:
    """A generated card: id, type, name and aliases."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_cards(rng: random.Random, count: int) -> list[SynthCard]:
    """``count`` cards with unique names and 1-4 aliases each, no alias shared."""
    used: set[str] = set()
    cards: list[SynthCard] = []

    def fresh(parts: int) -> str:
        while True:
            word = _word(rng, parts)
            if word not in used:
                used.add(word)
                return word

    for index in range(count):
        kind = TYPES[index % len(TYPES)]
        first, last = fresh(3), fresh(3)
        if kind == "person":
            name = f"{first} {last}"
            extra = [last, f"{first[0]}. {last}", f"President {last}", f"Minister {last}"]
        elif kind == "organisation":
            name = f"{last} Council"
            extra = [f"the {last} Council", f"{first} {last} Group", f"{last} Group",
                     f"{first}Co"]
        elif kind == "place":
            name = f"{last}ia"
            extra = [f"{last}ian capital", f"{first} {last}ia", f"{last} City", f"{first}burg"]
        elif kind == "concept":
            name = f"{last} Doctrine"
            extra = [f"{last} Plan", f"{first} {last} Accord", f"{first} Rule", f"{last} Pact"]
        else:
            name = f"{last} Summit"
            extra = [f"{last} Conference", f"{first} Talks", f"{first} {last} Forum",
                     f"{last} Meeting"]
        aliases = tuple(extra[: rng.randint(1, 4)])
        cards.append(SynthCard(f"{kind[:3]}-{index:05d}-{last.lower()}", kind, name, aliases))
    return cards


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def card_yaml(rng: random.Random, card: SynthCard, cards: list[SynthCard],
              places: list[SynthCard], articles: list[str]) -> str:
    """The YAML file of one card."""
    other = rng.choice(cards)
    related = sorted({c.id for c in rng.sample(cards, 2)} - {card.id})
    summary = f"A {card.type} often named with [{other.name}](card:{other.id}), in the news."
    lines = [f"type: {card.type}", f"name: {_yaml_str(card.name)}",
             "aliases: [" + ", ".join(_yaml_str(a) for a in card.aliases) + "]",
             f"summary: {_yaml_str(summary)}",
             "body: |",
             f"  {card.name} first drew notice in talks on trade and security.",
             "",
             f"  See also [{other.name}](card:{other.id}).",
             "related: [" + ", ".join(related) + "]",
             f"as_of: {BASE_DATE + dt.timedelta(days=rng.randint(300, 600))}",
             "sources:",
             "  - publisher: Synthetic Wire",
             f"    title: {_yaml_str('Profile of ' + card.name)}",
             f"    date: {BASE_DATE + dt.timedelta(days=rng.randint(0, 300))}",
             f"  - article: {rng.choice(articles)}",
             "    paragraph: 1"]
    if card.type in ("person", "organisation", "place") and card not in places:
        lines.append(f"country: {rng.choice(places).id}")
    if card.type == "person":
        start = BASE_DATE - dt.timedelta(days=rng.randint(100, 3000))
        lines += ["roles:", f"  - title: Minister of {_word(rng, 2)}",
                  f"    from: {start}", f"    to: {start + dt.timedelta(days=900)}",
                  f"  - title: Envoy to {_word(rng, 2)}",
                  f"    from: {start + dt.timedelta(days=901)}"]
    if card.type == "event":
        lines += [f"date: {BASE_DATE + dt.timedelta(days=rng.randint(0, 700))}",
                  f"place: {rng.choice(places).id}"]
    return "\n".join(lines) + "\n"


def article_files(rng: random.Random, index: int, article_id: str, cards: list[SynthCard],
                  mentions: int = 25, words: int = 600, quotes: int = 0) -> tuple[str, str]:
    """The metadata YAML and the seed text of one article."""
    named = rng.sample(cards, mentions)
    per_paragraph = rng.randint(40, 80)
    tokens: list[str] = []
    slots = sorted(rng.sample(range(words), mentions))
    aliases = [rng.choice((c.name, *c.aliases)) for c in named]
    quoted: list[tuple[str, str]] = []
    for position in range(words):
        if slots and slots[0] == position:
            slots.pop(0)
            tokens.append(aliases.pop())
        tokens.append(rng.choice(FILLER))
    paragraphs: list[str] = []
    speakers = [c for c in named if c.type == "person"]
    for start in range(0, len(tokens), per_paragraph):
        text = " ".join(tokens[start:start + per_paragraph])
        sentence = text[0].upper() + text[1:] + "."
        if speakers and len(quoted) < quotes:
            speaker = speakers.pop()
            words_said = f"{rng.choice(FILLER)} {rng.choice(FILLER)} {rng.choice(FILLER)}"
            sentence += f" “{words_said.capitalize()}”, said {speaker.name}."
            quoted.append((speaker.id, words_said.capitalize()))
        paragraphs.append(sentence)
    seed = "\n\n".join(paragraphs) + "\n\n(Synthetic Wire)\n"
    day = BASE_DATE + dt.timedelta(days=index % 700)
    meta = [f"title: {_yaml_str(f'Report {index}: {named[0].name} and {named[1].name}')}",
            f"dek: {_yaml_str(f'What {named[2].name} means for {named[3].name}.')}",
            f"date: {day}", f"seed: {article_id}.txt",
            f"topics: [Synthetic, {DESKS[index % len(DESKS)]}]", "quotes:"]
    for speaker_id, text in quoted:
        meta += [f"  - speaker: {speaker_id}", f"    text: {_yaml_str(text)}"]
    if not quoted:
        meta[-1] = "quotes: []"
    return "\n".join(meta) + "\n", seed


def generate(out: Path, articles: int = 2000, cards: int = 1000, seed: int = 1,
             quotes: int = 0) -> Path:
    """Write the synthetic project into ``out`` (replacing it) and return ``out``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    made = make_cards(rng, cards)
    places = [c for c in made if c.type == "place"][:20] or made[:1]
    article_ids = [f"report-{i:05d}" for i in range(articles)]
    (out / "seeds").mkdir(parents=True)
    (out / "content" / "articles").mkdir(parents=True)
    (out / "site.yaml").write_text(
        "title: Synthetic Explainer\ndescription: A generated site for benchmarks.\n"
        "base_url: https://example.org/synthetic/\nlanguage: en\n", encoding="utf-8")
    for card in made:
        folder = out / "content" / "cards" / FOLDERS[card.type]
        folder.mkdir(parents=True, exist_ok=True)
        text = card_yaml(rng, card, made, places, article_ids)
        (folder / f"{card.id}.yaml").write_text(text, encoding="utf-8")
    for index, article_id in enumerate(article_ids):
        meta, text = article_files(rng, index, article_id, made, min(25, len(made)),
                                   quotes=quotes)
        (out / "content" / "articles" / f"{article_id}.yaml").write_text(meta, encoding="utf-8")
        (out / "seeds" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    """Command line: write a synthetic project."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write (replaced if it exists)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=0, help="attributed quotes per article")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.articles, args.cards, args.seed, args.quotes)
    print(f"Wrote {args.articles} articles and {args.cards} cards to {args.out}")


if __name__ == "__main__":
    main()
