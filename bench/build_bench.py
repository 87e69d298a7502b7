"""Full builds at scale: cold, again with no change, after a one-card edit; memory; start-up.

    python bench/build_bench.py [--articles 5000] [--cards 1000] [--runs 3]

Generates the synthetic project (bench/synth.py) in a temporary folder and runs
``explainer build`` on it as a user would, each build in its own process:
cold (no output yet), warm (the same input again), and one card's summary
edited. Prints the median wall time and the peak memory (max RSS) of each, the
median time of ``explainer --version``, and the figures against the goals of
issue 9 (warm under 10% of cold, one-card edit under 300 ms, peak memory under
200 MB, start-up under 0.2 s). The Pagefind step runs when its binary is
installed, as in a real build; ``--no-pagefind`` leaves it out (it is timed
apart then, by the difference).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import generate  # noqa: E402

EXPLAINER = [sys.executable, "-m", "generator"]
NO_PAGEFIND = "import generator.build as b, generator.render.pagefind as s, runpy, sys; " \
    "b.pagefind_binary = s.pagefind_binary = lambda: None; sys.argv[0] = 'explainer'; " \
    "runpy.run_module('generator', run_name='__main__')"


def started(project: Path) -> float:
    """Wall seconds of ``explainer --version``: the start-up."""
    begin = time.perf_counter()
    subprocess.run([*EXPLAINER, "--version"], cwd=project, capture_output=True, check=True)
    return time.perf_counter() - begin


def measured(args: list[str], cwd: Path, pagefind: bool) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one build, measured by a child that runs only it."""
    probe = (
        "import resource, subprocess, sys, time, json; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "s = time.perf_counter() - t; "
        "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "print(json.dumps([r.returncode, s, m, r.stdout + r.stderr]))")
    command = EXPLAINER + args if pagefind else [sys.executable, "-c", NO_PAGEFIND, *args]
    done = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    code, seconds, rss_kb, output = json.loads(done.stdout)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return seconds, rss_kb / 1024


def edit_card(project: Path, run_number: int) -> None:
    """Change one card's summary."""
    card = sorted((project / "content" / "cards" / "people").glob("*.yaml"))[3]
    text = card.read_text(encoding="utf-8")
    card.write_text(re.sub(r"^summary: .*$", f"summary: Edited summary {run_number}.", text,
                           count=1, flags=re.MULTILINE), encoding="utf-8")


def main() -> None:
    """Command line: generate, build, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pagefind", dest="pagefind", action="store_false")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-build-bench-") as tmp:
        project = generate(Path(tmp) / "site", args.articles, args.cards)
        print(f"synthetic site: {args.articles} articles, {args.cards} cards "
              f"(pagefind {'on' if args.pagefind else 'off'})", flush=True)
        figures: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": [], "edit": []}
        for number in range(args.runs):
            shutil.rmtree(project / "public", ignore_errors=True)
            shutil.rmtree(project / ".explainer-cache", ignore_errors=True)
            figures["cold"].append(measured(["build"], project, args.pagefind))
            figures["warm"].append(measured(["build"], project, args.pagefind))
            edit_card(project, number)
            figures["edit"].append(measured(["build"], project, args.pagefind))
            print(f"  run {number + 1}: " + ", ".join(
                f"{k} {v[-1][0]:.2f} s" for k, v in figures.items()), flush=True)
        start = [started(project) for _ in range(7)]
    cold, warm, edit = (statistics.median(s for s, _ in figures[k])
                        for k in ("cold", "warm", "edit"))
    peak = max(m for v in figures.values() for _, m in v)
    up = statistics.median(start)
    print()
    print("figure | measured | goal | met")
    print(f"cold build | {cold:.2f} s | - | -")
    print(f"warm, no change | {warm:.2f} s ({warm / cold:.0%} of cold) | < 10% of cold | "
          f"{'yes' if warm < cold / 10 else 'no'}")
    print(f"one card edited | {edit * 1000:.0f} ms | < 300 ms | {'yes' if edit < 0.3 else 'no'}")
    print(f"peak memory | {peak:.0f} MB | < 200 MB | {'yes' if peak < 200 else 'no'}")
    print(f"start-up (--version) | {up * 1000:.0f} ms | < 200 ms | "
          f"{'yes' if up < 0.2 else 'no'}")


if __name__ == "__main__":
    main()
