"""bench/compare end to end on a tiny corpus (figures are printed, never asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("explainer", "pelican", "mkdocs", "hugo")


def test_quick_run_prints_a_row_for_every_tool_and_every_goal(tmp_path: Path) -> None:
    # No tools venv and a bare PATH: tools that are not installed must get their own row.
    env = dict(os.environ, PATH=os.pathsep.join(("/usr/bin", "/bin")))
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), "--quick", "--startup-runs", "1",
         "--work", str(tmp_path / "work"), "--tools-venv", str(tmp_path / "none")],
        capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split() for line in done.stdout.splitlines()
            if line.startswith("40 articles / 30 cards  ")]
    cells = {tool: [row[6:] for row in rows if row[5] == tool] for tool in TOOLS}
    builds = [" ".join(row[:-7]) for row in cells["explainer"]]
    assert builds[:3] == ["cold", "warm, no change", "one card edited"]
    assert builds[3:] in ([], ["cold, no Pagefind", "warm, no Pagefind",  # with Pagefind
                               "one card edited, no Pagefind"])
    for row in cells["explainer"]:
        pages, wall, cpu, peak = row[-7:-3]
        assert int(pages) > 40 + 30  # articles, cards, home, indexes, timeline...
        assert float(wall) > 0 and float(cpu) > 0 and float(peak) > 0
    for tool in TOOLS[1:]:
        assert len(cells[tool]) == 1, tool
        row = cells[tool][0]
        assert row[-2:] == ["not", "installed"] or float(row[-6]) > 0, tool
    version = [line for line in done.stdout.splitlines() if "explainer  --version" in line]
    assert len(version) == 1 and float(version[0].split()[3]) > 0
    goals = done.stdout.split("Goals (engine issue), at 40 articles / 30 cards:\n")[1]
    goals = goals.splitlines()
    assert len(goals) == (9 if builds[3:] else 8)  # with Pagefind: its own edit goal
    assert all(g.split(": ", 1)[1].split()[0] in ("met", "MISSED", "n/a") for g in goals)
    # Every goal whose build explainer ran has its figures (the others are not installed).
    assert all(": n/a" not in g for g in goals if "Pelican" not in g and "MkDocs" not in g
               and "Hugo" not in g), goals
