"""A generated project big enough for a build to take a while: for kill and lock tests."""

from __future__ import annotations

from pathlib import Path

SITE = "title: Big\ndescription: A generated site.\nbase_url: https://example.org/\n"


def make_big_project(root: Path, cards: int = 300, articles: int = 40, version: int = 0) -> Path:
    """Write a valid project with ``cards`` cards and ``articles`` articles into ``root``.

    ``version`` changes a word on every page, so two versions differ in every file.
    """
    (root / "content" / "cards").mkdir(parents=True, exist_ok=True)
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SITE.replace("generated", f"generated (v{version})"))
    for i in range(cards):
        (root / "content" / "cards" / f"person-{i}.yaml").write_text(
            f"type: person\nname: Person{i} Example\naliases: [Person{i}]\n"
            f"summary: Person number {i}, version {version}, knows Person{(i + 1) % cards}.\n"
            f"as_of: 2024-01-01\nsources:\n  - article: story-{i % articles}\n")
    for a in range(articles):
        paragraphs = [" ".join(f"Person{(a * 7 + p * 3 + k) % cards} met "
                               f"Person{(a + p + k) % cards} Example on day {k}."
                               for k in range(6)) for p in range(12)]
        (root / "seeds" / f"story-{a}.txt").write_text("\n".join(paragraphs) + "\n")
        (root / "content" / "articles" / f"story-{a}.yaml").write_text(
            f"title: Story {a}\ndek: Version {version}.\ndate: 2024-{1 + a % 12:02d}-"
            f"{1 + a % 28:02d}\nseed: story-{a}.txt\n")
    return root
