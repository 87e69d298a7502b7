"""The table of bench/compare and the goals of issue 9, met or missed."""

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


def goals(rows: list[Row], size: str) -> str:
    """Each goal of issue 9 at ``size``, with the figures it was judged on."""
    lines = [f"Goals (issue 9), at {size}:"]

    def goal(name: str, verdict: tuple[bool, str] | None, missing: str) -> None:
        if verdict is None:
            lines.append(f"  {name}: n/a ({missing})")
        else:
            lines.append(f"  {name}: {'met' if verdict[0] else 'MISSED'} ({verdict[1]})")

    variants = [("", "cold", "warm, no change", "one card edited"),
                (" (no Pagefind)", "cold, no Pagefind", "warm, no Pagefind",
                 "one card edited, no Pagefind")]
    peak_figures = []
    for note, cold_case, warm_case, edit_case in variants:
        cold = _find(rows, size, "explainer", cold_case)
        if note and cold is None:
            continue  # Pagefind not installed: the first variant is already without it
        for other, label in (("pelican", "Pelican"), ("mkdocs", "MkDocs")):
            theirs = _find(rows, size, other, "cold")
            goal(f"cold build{note} at least 5× faster than {label}",
                 (cold.wall * 5 <= theirs.wall, f"{label} takes {theirs.wall / cold.wall:.2f}× "
                  f"explainer's time: {theirs.wall:.2f} s against {cold.wall:.2f} s")
                 if cold and theirs else None,
                 f"no figures for explainer cold or {label}")
        hugo = _find(rows, size, "hugo", "cold")
        goal(f"cold build{note} no slower than Hugo",
             (cold.wall <= hugo.wall, f"explainer takes {cold.wall / hugo.wall:.2f}× Hugo's "
              f"time: {cold.wall:.2f} s against {hugo.wall:.2f} s") if cold and hugo else None,
             "no figures for explainer cold or Hugo")
        warm = _find(rows, size, "explainer", warm_case)
        goal(f"rebuild with no change{note} under 10% of the cold build",
             (warm.wall < 0.1 * cold.wall, f"{warm.wall:.2f} s, "
              f"{100 * warm.wall / cold.wall:.0f}% of {cold.wall:.2f} s")
             if cold and warm else None, "no figures for explainer cold or warm")
        edit = _find(rows, size, "explainer", edit_case)
        goal(f"one-card edit{note} rebuilt in under 300 ms",
             (edit.wall < 0.3, f"{edit.wall * 1000:.0f} ms") if edit else None,
             "no figures for the one-card edit")
        peak_figures += [f for f in (cold, warm, edit) if f]
    peak = max((f.peak_mb for f in peak_figures), default=None)
    goal("peak memory under 200 MB",
         (peak < 200, f"{peak:.0f} MB, the largest of explainer's builds")
         if peak is not None else None, "no figures for explainer")
    startup = _find(rows, "", "explainer", "--version")
    goal("start-up (`explainer --version`) under 0.2 s",
         (startup.wall < 0.2, f"{startup.wall * 1000:.0f} ms") if startup else None,
         "not measured")
    return "\n".join(lines)
