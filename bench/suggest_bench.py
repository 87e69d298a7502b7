"""How well ``explainer suggest`` finds what a careful reporter would card.

Each ``bench/suggest/NAME.txt`` is an article (one paragraph a line, a closing credit
line such as "(Reuters)" allowed) and ``NAME.gold`` the hand-made list of what it
should yield: ``TYPE: Name | other form | ...`` for each person, organisation and
place a reader would want explained, and ``quote: words`` for each quoted passage.
The seed article is one of them; the others are fictional but plausible news items
written for this benchmark in several styles and scripts. The heuristics were tuned on
the seed article and the first six; the two whose gold list starts with "# held out"
were written afterwards and not tuned on: their figures say how far the tuning carries.

For each article, with no cards at all, it prints the precision of the names listed
(how many are in the gold list), their recall (how many of the gold list are found),
how many of those found have the right type guessed, and the recall of the quoted
passages; then the totals over all articles. Run from the repository root:

    .venv/bin/python bench/suggest_bench.py [-v]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.authoring.suggest import Suggestions, suggest  # noqa: E402
from generator.commands.suggest import text_article  # noqa: E402
from generator.markup.linking import build_matcher  # noqa: E402
from generator.resolve.quotes import attributable  # noqa: E402

CASES = ROOT / "bench" / "suggest"


@dataclass(frozen=True, slots=True)
class Gold:
    """What a careful reader takes from one article."""

    entities: dict[str, tuple[str, set[str]]]  # name -> (type, every form it is written in)
    quotes: list[str]


@dataclass(frozen=True, slots=True)
class Score:
    """One article's figures."""

    listed: int
    right: int  # listed names that are in the gold list
    found: int  # gold entities found
    typed: int  # found with the right type guessed
    gold: int
    quotes_found: int
    quotes: int
    false: tuple[str, ...]
    missed: tuple[str, ...]


def read_gold(path: Path) -> Gold:
    """The gold list of one article."""
    entities: dict[str, tuple[str, set[str]]] = {}
    quotes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, rest = line.partition(":")
        if kind == "quote":
            quotes.append(attributable(rest.strip()))
            continue
        forms = [f.strip() for f in rest.split("|")]
        entities[forms[0]] = (kind, set(forms))
    return Gold(entities, quotes)


def findings(text_path: Path) -> Suggestions:
    """What suggest lists for the article, with no card in the project."""
    article = text_article(text_path.read_text(encoding="utf-8"), text_path.stem,
                           str(text_path))
    matcher, _ = build_matcher(())
    return suggest((article,), lambda a: matcher, ())


def score(found: Suggestions, gold: Gold) -> Score:
    """Compare the findings with the gold list."""
    hits: dict[str, str] = {}
    false = []
    for candidate in found.names:
        seen = {candidate.name, *candidate.forms}
        match = next((n for n, (_, forms) in gold.entities.items() if seen & forms), None)
        if match is None:
            false.append(candidate.name)
        elif match not in hits:
            hits[match] = candidate.guess
    passages = {attributable(c.name) for c in (*found.terms, *getattr(found, "quotes", ()))}
    quotes = sum(1 for q in gold.quotes if q in passages)
    typed = sum(1 for name, guess in hits.items() if gold.entities[name][0] == guess)
    missed = tuple(n for n in gold.entities if n not in hits)
    return Score(len(found.names), len(found.names) - len(false), len(hits), typed,
                 len(gold.entities), quotes, len(gold.quotes), tuple(false), missed)


def main(argv: list[str]) -> int:
    """Print the figures for every article and in all."""
    verbose = "-v" in argv
    rows = []
    held_out = set()
    for gold_path in sorted(CASES.glob("*.gold")):
        result = score(findings(gold_path.with_suffix(".txt")), read_gold(gold_path))
        rows.append((gold_path.stem, result))
        if gold_path.read_text(encoding="utf-8").startswith("# held out"):
            held_out.add(gold_path.stem)
    print(f"{'article':<20} {'listed':>6} {'precision':>9} {'recall':>7} {'typed':>6} "
          f"{'quotes':>7}")

    def line(name: str, listed: int, right: int, found: int, gold: int, typed: int,
             quotes_found: int, quotes: int) -> str:
        return (f"{name:<20} {listed:>6} {right / max(listed, 1):>9.2f} {found / gold:>7.2f} "
                f"{typed / max(found, 1):>6.2f} {quotes_found:>3}/{quotes:<3}")

    for name, s in rows:
        print(line(name, s.listed, s.right, s.found, s.gold, s.typed, s.quotes_found,
                   s.quotes))
        if verbose:
            print(f"    false: {list(s.false)}\n    missed: {list(s.missed)}")
    for label, chosen in (("tuned on", [s for n, s in rows if n not in held_out]),
                          ("held out", [s for n, s in rows if n in held_out]),
                          ("all", [s for _, s in rows])):
        totals = [sum(getattr(s, f) for s in chosen) for f in
                  ("listed", "right", "found", "gold", "typed", "quotes_found", "quotes")]
        print(line(label, *totals))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
