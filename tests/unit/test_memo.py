"""The memo keeps results for one build more, and children keep theirs until told."""

from __future__ import annotations

from generator.engine.memo import Memo


def test_results_live_for_the_next_build_only() -> None:
    memo = Memo()
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert memo.get("a", lambda: compute("a")) == "A"
    memo.next_build()
    assert memo.get("a", lambda: compute("a")) == "A"  # from the last build
    memo.next_build()
    memo.next_build()  # a build that did not use it: gone
    assert memo.get("a", lambda: compute("a")) == "A"
    assert calls == ["a", "a"]


def test_children_outlive_the_parents_builds() -> None:
    memo = Memo()
    memo.child("x").get("k", lambda: 1)
    for _ in range(3):
        memo.next_build()
    assert memo.child("x").get("k", lambda: 2) == 1
