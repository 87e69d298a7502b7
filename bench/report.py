"""The table of bench/compare and the speed goals of the engine issue, met or missed."""

from __future__ import annotations

from dataclasses import dataclass

from bench.measure import Figures


@dataclass(frozen=True, slots=True)
class Row:
    """One build measured (or why it was not)."""

    size: str  # the corpus, "" for what does not depend on one
    tool: str
    case: str  # cold, warm, ...
    pages: int | None  # HTML pages in the output
    figures: Figures | str  # the figures, or "not installed" / "failed"


def _find(rows: list[Row], size: str, tool: str, case: str) -> Figures | None:
    for row in rows:
        if (row.size, row.tool, row.case) == (size, tool, case) and \
                isinstance(row.figures, Figures):
            return row.figures
    return None


def _ratio(value: float, base: Figures | None) -> str:
    return f"{value / base.wall:.2f}×" if base and base.wall else "-"


HEAD = ("corpus", "tool", "build", "pages", "wall s", "CPU s", "peak MB", "÷ explainer cold",
        "÷ Hugo", "runs")


def table(rows: list[Row]) -> str:
    """The rows as a plain-text table; ratios divide a row's wall time by the reference's."""
    lines: list[tuple[str, ...]] = [HEAD]
    for row in rows:
        figures = row.figures
        pages = "-" if row.pages is None else str(row.pages)
        if isinstance(figures, str):  # a status, written across the figures' columns
            lines.append((row.size, row.tool, row.case, pages, figures))
            continue
        reference = row.size != ""
        lines.append((row.size, row.tool, row.case, pages, f"{figures.wall:.3f}",
                      f"{figures.cpu:.3f}", f"{figures.peak_mb:.0f}",
                      _ratio(figures.wall, _find(rows, row.size, "explainer", "cold"))
                      if reference else "-",
                      _ratio(figures.wall, _find(rows, row.size, "hugo", "cold"))
                      if reference else "-", str(figures.runs)))
    widths = [max(len(line[i]) for line in lines if len(line) == len(HEAD) or i < 4)
              for i in range(len(HEAD))]
    text = []
    for index, line in enumerate(lines):
        cells = [cell.ljust(w) if i < 3 else cell.rjust(w)
                 for i, (cell, w) in enumerate(zip(line, widths, strict=False))]
        if len(line) < len(HEAD):
            cells[-1] = line[-1]
        text.append("  ".join(cells).rstrip())
        if index == 0:
            text.append("  ".join("-" * w for w in widths))
    return "\n".join(text)


def goals(rows: list[Row], size: str, smaller: str = "") -> str:
    """Each speed goal of the engine issue at ``size`` (and its growth from ``smaller``, the
    next size down, when there is one), with the figures it was judged on."""
    lines = [f"Goals (engine issue), at {size}:"]

    def goal(name: str, verdict: tuple[bool, str] | None, missing: str) -> None:
        if verdict is None:
            lines.append(f"  {name}: n/a ({missing})")
        else:
            lines.append(f"  {name}: {'met' if verdict[0] else 'MISSED'} ({verdict[1]})")

    pagefind = _find(rows, size, "explainer", "cold, no Pagefind") is not None
    bare = ", no Pagefind" if pagefind else ""  # without Pagefind, the plain rows are bare
    cold = _find(rows, size, "explainer", "cold" + bare)
    for other, label in (("pelican", "Pelican"), ("mkdocs", "MkDocs")):
        theirs = _find(rows, size, other, "cold")
        goal(f"cold build (no Pagefind) at least 3× faster than {label}",
             (cold.wall * 3 <= theirs.wall, f"{label} takes {theirs.wall / cold.wall:.2f}× "
              f"explainer's time: {theirs.wall:.2f} s against {cold.wall:.2f} s")
             if cold and theirs else None, f"no figures for explainer cold or {label}")
    hugo = _find(rows, size, "hugo", "cold")
    goal("cold build (no Pagefind) at most 2.5× Hugo's time",
         (cold.wall <= 2.5 * hugo.wall, f"explainer takes {cold.wall / hugo.wall:.2f}× Hugo's "
          f"time: {cold.wall:.2f} s against {hugo.wall:.2f} s") if cold and hugo else None,
         "no figures for explainer cold or Hugo")
    full = _find(rows, size, "explainer", "cold") if pagefind else None
    goal("cold build with Pagefind at most 1.4× the one without",
         (full.wall <= 1.4 * cold.wall, f"{full.wall / cold.wall:.2f}×: {full.wall:.2f} s "
          f"against {cold.wall:.2f} s") if full and cold else None, "Pagefind not installed")
    for case, limit, label in (("one card edited" + bare, 0.3, "one edited card (no Pagefind)"),
                               ("one card edited", 1.5, "one edited card (with Pagefind)"),
                               ("warm, no Pagefind" if pagefind else "warm, no change", 0.3,
                                "no change")):
        if case == "one card edited" and not pagefind:
            continue
        found = _find(rows, size, "explainer", case)
        goal(f"{label} under {limit * 1000:.0f} ms",
             (found.wall < limit, f"{found.wall * 1000:.0f} ms") if found else None,
             f"no figures for {case}")
    startup = _find(rows, "", "explainer", "--version")
    goal("`explainer --version` under 0.15 s",
         (startup.wall < 0.15, f"{startup.wall * 1000:.0f} ms") if startup else None,
         "not measured")
    mine = [r.figures for r in rows if r.size == size and r.tool == "explainer"
            and isinstance(r.figures, Figures) and ("Pagefind" in r.case or not pagefind)]
    peak = max((f.peak_mb for f in mine), default=None)
    goal("peak memory of our own processes under 250 MB (builds without Pagefind)",
         (peak < 250, f"{peak:.0f} MB") if peak is not None else None, "no figures")
    if smaller:
        small = _find(rows, smaller, "explainer", "cold" + bare)
        goal(f"cold build at most 4.5× the one at {smaller}",
             (cold.wall <= 4.5 * small.wall, f"{cold.wall / small.wall:.2f}×")
             if cold and small else None, "no figures for both sizes")
        goal(f"peak memory at most 2.5× the one at {smaller}",
             (cold.peak_mb <= 2.5 * small.peak_mb, f"{cold.peak_mb / small.peak_mb:.2f}×: "
              f"{cold.peak_mb:.0f} MB against {small.peak_mb:.0f} MB")
             if cold and small else None, "no figures for both sizes")
    return "\n".join(lines)
