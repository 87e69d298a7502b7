"""The build cost of pictures: a synthetic site whose people have portraits.

    python bench/pictures_bench.py [--articles 5000] [--portraits 1000] [--runs 3]

Makes the synthetic site of ``synth.py``, gives ``--portraits`` cards (the people
first, then others) a 900 × 1200 JPEG picture (made here with Pillow, with an EXIF block),
then times, each ``--runs`` times with a fresh copy: a cold build (no output,
no build record, no picture cache), and a build after one portrait changed.
Prints the medians, and how many pictures and share cards each build made.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.synth import generate
from generator.build import Options, build


def add_portraits(project: Path, count: int) -> list[Path]:
    """Pictures for ``count`` cards: the people's first, then other cards' (by file name)."""
    images = project / "images"
    images.mkdir(exist_ok=True)
    cards = sorted((project / "content" / "cards").rglob("*.yaml"),
                   key=lambda p: ("people" not in p.parts, p.name))[:count]
    for index, card in enumerate(cards):
        picture = Image.new("RGB", (900, 1200), (index % 256, (index * 7) % 256, 90))
        picture.paste((200, 180, 160), (300, 200, 600, 700))  # a face, roughly
        # The index in black and white squares along the foot: every file differs (JPEG can
        # make two colours one apart the same bytes, and equal files are made only once).
        for bit in range(16):
            shade = 0 if index >> bit & 1 else 255
            picture.paste((shade, shade, shade), (bit * 56, 1120, bit * 56 + 48, 1168))
        exif = Image.Exif()
        exif[0x010F] = "Bench camera"
        picture.save(images / f"{card.stem}.jpg", quality=85, exif=exif.tobytes())
        with open(card, "a", encoding="utf-8") as f:
            f.write(f"image:\n  file: images/{card.stem}.jpg\n  alt: A portrait\n"
                    "  credit: Bench / Synthetic\n  licence: CC0 1.0\n")
    return cards


def timed(project: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    result = build(Options(project))
    return time.perf_counter() - started, result.pictures, result.share_cards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--portraits", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold: list[float] = []
    changed: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        generate(base, articles=args.articles, cards=args.cards)
        cards = add_portraits(base, args.portraits)
        for run in range(args.runs):
            project = Path(tmp) / f"run{run}"
            shutil.copytree(base, project)
            seconds, pictures, shares = timed(project)
            cold.append(seconds)
            print(f"cold: {seconds:.1f}s, {pictures} pictures, {shares} share cards made")
            Image.new("RGB", (900, 1200), (run, 1, 2)).save(
                project / "images" / f"{cards[0].stem}.jpg")
            seconds, pictures, shares = timed(project)
            changed.append(seconds)
            print(f"one portrait changed: {seconds:.1f}s, {pictures} pictures, {shares} share "
                  "cards made")
            shutil.rmtree(project)
    print(f"median cold {statistics.median(cold):.1f}s, median one portrait changed "
          f"{statistics.median(changed):.1f}s ({args.articles} articles, {args.portraits} "
          "portraits)")


if __name__ == "__main__":
    main()
