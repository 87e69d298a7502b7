"""tests/hardening/README.md states how many hostile inputs and faults run: keep it true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.hardening import test_faults, test_fuzz

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def collected(marker: str, target: str = "tests") -> int:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", marker,
                           target], capture_output=True, text=True, cwd=ROOT, check=False)
    match = re.search(r"^(\d+)(?:/\d+)? tests? collected", done.stdout, re.MULTILINE)
    assert match, done.stdout + done.stderr
    return int(match.group(1))


def test_the_readme_counts_what_runs() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    claim = re.search(r"\*\*The suite runs (\d+) hostile-input cases and (\d+) fault "
                      r"injections\.\*\*", readme)
    assert claim, "README.md must state the totals"
    assert (int(claim.group(1)), int(claim.group(2))) == (collected("hostile"),
                                                          collected("fault"))
    assert f"{test_faults.KILLS} SIGKILLs" in readme
    assert f"{test_fuzz.EXAMPLES} examples each" in readme
    assert f"{test_fuzz.EXAMPLES * 2} for the linker" in readme
    for row in re.finditer(r"^\| `(test_\w+\.py)` \| (\d*) \| (\d*) \|", readme, re.MULTILINE):
        name, hostile, fault = row.groups()
        assert collected("hostile", f"tests/hardening/{name}") == int(hostile or 0), name
        assert collected("fault", f"tests/hardening/{name}") == int(fault or 0), name
