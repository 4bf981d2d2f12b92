"""Building the HTML report as `make report` builds it, with the report and its history elsewhere;
and opening it in Debian's headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALLURE = ROOT / "node_modules" / ".bin" / "allure"  # make test installs it (npm ci)
CHROMIUM = shutil.which("chromium")
_MISSING = [
    "" if CHROMIUM else "Debian's chromium is not installed (make test installs it as root)",
    "" if ALLURE.exists() else "Allure 3 is not installed: run this through make test (npm ci)",
]
needs_browser = pytest.mark.skipif(any(_MISSING), reason="; ".join(filter(None, _MISSING)))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def make_report(*results: Path, out: Path, history: Path) -> subprocess.CompletedProcess[str]:
    """`make report RESULTS="..."` with the merged results, the report and its history elsewhere."""
    assert ALLURE.exists(), f"{ALLURE} is missing: run the tests through make test (it runs npm ci)"
    variables = {
        "RESULTS": " ".join(str(r) for r in results),
        "MERGED": str(out.with_name(f"{out.name}-results")),
        "REPORT_DIR": str(out),
        "HISTORY": str(history),
    }
    return subprocess.run(
        ["make", "--no-print-directory", "report", *(f"{k}={v}" for k, v in variables.items())],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )


def build_report(results: Path, out: Path, history: Path) -> Path:
    """`out`/index.html for `results`, with its history in `history`, by `make report`."""
    built = make_report(results, out=out, history=history)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return out / "index.html"
