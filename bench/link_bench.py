"""How long finding mentions takes, in Latin text and in other scripts.

    .venv/bin/python bench/link_bench.py [--articles 1000] [--cards 300] [--runs 7]

Writes the synthetic project (bench/synth.py) into a temporary folder, loads its
cards and articles, and times ``Matcher.find`` over every paragraph (CPU time,
the median of the runs) for the text as written (ASCII), with curly quotes (the
usual English news text: not ASCII, no marks), and letter for letter in Cyrillic
(site language uk), Greek with accents (el) and Arabic with a conjunction on some
names (ar). Nothing is asserted: this prints numbers.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.load.articles import load_articles
from generator.load.cards import load_cards
from generator.markup.linking import build_matcher
from generator.markup.markdown import make_parser
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
SCRIPTS = {  # language: the letters that stand for LATIN
    "uk": "абцдефгхіжклмнопярстуввхизАБЦДЕФГХІЖКЛМНОПЯРСТУВВХИЗ",
    "el": "αβψδέφγηίξκλμνόπθρστύωωχυζΑΒΨΔΈΦΓΗΊΞΚΛΜΝΌΠΘΡΣΤΎΩΩΧΥΖ",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنه" * 2,  # no capitals
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-link-bench-") as tmp:
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), tmp, "--articles",
                        str(args.articles), "--cards", str(args.cards)],
                       check=True, capture_output=True)
        project = Project(Path(tmp))
        cards, _ = load_cards(project)
        articles, _ = load_articles(project, make_parser(), False)
    names = [(name, card.id) for card in cards for name in card.all_names]
    texts = [p.text for a in articles for p in a.paragraphs]
    cases = {"ascii (en)": ("en", names, texts),
             "curly quotes (en)": ("en", names, [f"“{t}” it’s" for t in texts])}
    for language, letters in SCRIPTS.items():
        table = str.maketrans(LATIN, letters)
        written = [t.translate(table) for t in texts]
        if language == "ar":  # "and" written onto every third word
            written = [" ".join("و" + w if i % 3 == 0 else w for i, w in enumerate(t.split()))
                       for t in written]
        cases[f"{language}"] = (language, [(n.translate(table), c) for n, c in names], written)
    print(f"{len(texts):,} paragraphs, {len(names):,} names; CPU time, median of {args.runs}")
    for label, (language, pairs, paragraphs) in cases.items():
        matcher, _ = build_matcher(pairs, language)
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            found = sum(len(matcher.find(text)) for text in paragraphs)
            times.append(time.process_time() - start)
        print(f"  {label:18} {statistics.median(times) * 1000:7.0f} ms  {found:,} mentions")


if __name__ == "__main__":
    main()
