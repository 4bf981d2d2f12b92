"""Building the HTML report as `make report` does, with the report and its history elsewhere."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from biohil.report.offline import make_offline

ROOT = Path(__file__).resolve().parents[1]
ALLURE = ROOT / "node_modules" / ".bin" / "allure"  # make test installs it (npm ci)


def build_report(results: Path, out: Path, history: Path) -> Path:
    """reports/allure-report/index.html for `results`, in `out`, with its history in `history`, as
    `make report` builds it (Allure, then biohil.report.offline)."""
    assert ALLURE.exists(), f"{ALLURE} is missing: run the tests through make test (it runs npm ci)"
    env = {**os.environ, "BIOHIL_REPORT_OUTPUT": str(out), "BIOHIL_REPORT_HISTORY": str(history)}
    built = subprocess.run(
        [str(ALLURE), "generate", str(results)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert make_offline(out / "index.html")
    return out / "index.html"
