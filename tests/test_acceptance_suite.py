"""The acceptance suite itself, run as QA runs it, must pass and leave one Allure result per
scenario and terminal, with the Gherkin steps in it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_suite_passes_on_the_simulator_with_allure_results(tmp_path: Path) -> None:
    results = tmp_path / "allure-results"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", f"--alluredir={results}", "-p", "no:cacheprovider", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    summary = re.search(r"(\d+) passed(?:, (\d+) skipped)?", run.stdout)
    assert summary, run.stdout[-2000:]
    passed, skipped = int(summary.group(1)), int(summary.group(2) or 0)

    docs = [json.loads(p.read_text()) for p in results.glob("*-result.json")]
    assert len(docs) == passed + skipped
    statuses = Counter(d["status"] for d in docs)
    assert statuses == Counter({"passed": passed, "skipped": skipped} if skipped else {"passed": passed})

    per_scenario = Counter(d["fullName"] for d in docs)
    assert set(per_scenario.values()) == {2}, per_scenario  # every scenario once per terminal model
    for doc in docs:
        terminal = [p["value"] for p in doc["parameters"] if p["name"] == "terminal"]
        assert len(terminal) == 1 and ("BioStation 2" in terminal[0] or "FaceStation F2" in terminal[0])
        keywords = {s["name"].split()[0] for s in doc["steps"]}
        assert keywords <= {"Given", "When", "Then", "And", "But"} and keywords & {"Then"}, doc["name"]
        if doc["status"] == "skipped":
            assert "has no face input" in doc["statusDetails"]["message"]
