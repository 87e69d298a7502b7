"""The suggest benchmark's figures do not fall back: bench/suggest_bench.py as a gate."""

from __future__ import annotations

from bench.suggest_bench import CASES, findings, read_gold, score


def test_suggest_finds_what_a_careful_reporter_would_card() -> None:
    tuned = [0, 0, 0, 0, 0, 0]  # listed, right, found, gold, quotes found, quotes
    held = [0, 0, 0, 0, 0, 0]
    for gold_path in sorted(CASES.glob("*.gold")):
        s = score(findings(gold_path.with_suffix(".txt")), read_gold(gold_path))
        into = held if gold_path.read_text(encoding="utf-8").startswith("# held out") else tuned
        for index, value in enumerate((s.listed, s.right, s.found, s.gold, s.quotes_found,
                                       s.quotes)):
            into[index] += value
    assert held[3] > 0 and tuned[3] > 0
    # Precision and recall of the names; every quoted passage is listed.
    assert tuned[1] / tuned[0] >= 0.97 and tuned[2] / tuned[3] >= 0.97
    assert held[1] / held[0] >= 0.85 and held[2] / held[3] >= 0.85
    assert tuned[4] == tuned[5] and held[4] == held[5]
