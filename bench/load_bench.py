"""Loading a large project: reading cards and articles, then resolving (linking) them.

    python bench/load_bench.py [--articles 5000] [--cards 1000] [--runs 3] [--project DIR]

Generates the synthetic project (bench/synth.py) in a temporary folder, unless
``--project`` names one, and loads it ``--runs`` times, each in its own process,
as ``explainer check`` and ``explainer build`` do before rendering. Prints the
median seconds of each stage (cards, articles, resolve), the peak memory (max
RSS) of the process at the end of loading, the size of the resolved site
pickled, and how many YAML files libyaml read (the rest went through the
pure-Python loader: see generator/yamlfast.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import generate  # noqa: E402

PROBE = """
import json, pickle, resource, sys, time
from pathlib import Path
from generator.engine.graph import Graph
from generator.load import yamlfast
from generator.load.articles import load_articles
from generator.load.cards import load_cards
from generator.load.config import load_config
from generator.markup.markdown import make_parser
from generator.project import Project
from generator.resolve.site import resolve

calls = [0, 0]
compose = yamlfast.compose
def counted(text, depth):
    found = compose(text, depth)
    calls[found is not None] += 1
    return found
import generator.load.yamlio
generator.load.yamlio.compose = counted
project = Project(Path(sys.argv[1]).resolve())
start = time.perf_counter()
config, _ = load_config(project, None)
md = make_parser()
cards, _ = load_cards(project)
read = time.perf_counter()
articles, _ = load_articles(project, md, config.allow_raw_html)
parsed = time.perf_counter()
site, _ = resolve(config, cards, articles, md, Graph())
done = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cards": read - start, "articles": parsed - read, "resolve": done - parsed,
                  "total": done - start, "peak_mb": peak, "libyaml": calls[1],
                  "yaml_files": sum(calls), "pickled_mb": len(pickle.dumps(site)) / 1e6}))
"""


def main() -> None:
    """Generate (or take) a project, load it in fresh processes and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, help="load this project instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-load-") as tmp:
        project = args.project or Path(tmp) / "site"
        if args.project is None:
            generate(project, args.articles, args.cards)
        runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE, str(project)],
                                          capture_output=True, text=True, check=True,
                                          cwd=ROOT).stdout) for _ in range(args.runs)]
    size = f"{args.articles:,} articles / {args.cards:,} cards" if args.project is None \
        else str(args.project)
    print(f"Loading {size}, median of {args.runs} runs")
    for stage in ("cards", "articles", "resolve", "total"):
        print(f"  {stage:<9} {statistics.median(r[stage] for r in runs):6.2f} s")
    print(f"  peak RSS  {max(r['peak_mb'] for r in runs):6.0f} MB")
    print(f"  site      {runs[0]['pickled_mb']:6.1f} MB pickled")
    print(f"  YAML      {runs[0]['libyaml']} of {runs[0]['yaml_files']} files read by libyaml")


if __name__ == "__main__":
    main()
