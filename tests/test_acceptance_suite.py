"""The acceptance suite itself, run as QA runs it, must pass and leave one Allure result per
scenario and terminal, with the Gherkin steps in it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.labrun import closing_lines
from tests.sharedrun import shared_run

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    result: pytest.RunResult
    results: Path  # the Allure results


def _suite(results: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The suite as QA runs it, from the project's root. Not through the pytester fixture: that
    is per test, and this run is shared by tests (and must match the parallel one)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", f"--alluredir={results}", "-p", "no:cacheprovider", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _result(process: subprocess.CompletedProcess[str]) -> pytest.RunResult:
    """pytest's own reading of a run (outcomes, line matching); its duration is not kept."""
    return pytest.RunResult(process.returncode, process.stdout.splitlines(), process.stderr.splitlines(), 0)


def _tail(result: pytest.RunResult, lines: int = 40) -> str:
    return "\n".join(result.outlines[-lines:] + result.errlines[-lines:])


@pytest.fixture
def suite_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The whole suite on the simulator, as `make suite` runs it: once per session (tests/sharedrun.py)."""
    folder, process = shared_run(tmp_path_factory, "serial", lambda f: _suite(f / "allure-results"))
    return Run(_result(process), folder / "allure-results")


@pytest.mark.long
def test_suite_passes_on_the_simulator_with_allure_results(suite_run: Run) -> None:
    run, results = suite_run.result, suite_run.results
    assert run.ret == pytest.ExitCode.OK, _tail(run)
    outcomes = run.parseoutcomes()
    passed, skipped = outcomes.pop("passed", 0), outcomes.pop("skipped", 0)
    # nothing else (assert_outcomes would let a rerun, a warning or a deselected test pass)
    assert not outcomes, _tail(run)
    run.stdout.re_match_lines([rf"{passed + skipped} scenario results: {passed} passed\b"])
    assert passed >= 80, f"only {passed} scenario-and-terminal results passed"

    docs = [json.loads(p.read_text()) for p in results.glob("*-result.json")]
    assert len(docs) == passed + skipped
    statuses = Counter(d["status"] for d in docs)
    assert statuses == Counter({"passed": passed, "skipped": skipped} if skipped else {"passed": passed})

    def example(doc: dict[str, Any]) -> tuple[str, ...]:
        """A scenario and its Examples row, without the terminal."""
        row = sorted(
            f"{p['name']}={p['value']}" for p in doc.get("parameters", []) if p["name"] != "terminal"
        )
        return (doc["fullName"], *row)

    terminals_per_example: dict[tuple[str, ...], list[str]] = {}
    for doc in docs:
        terminal = [p["value"] for p in doc.get("parameters", []) if p["name"] == "terminal"]
        if doc["fullName"].startswith("findface/"):
            assert terminal == [], doc["fullName"]  # the FindFace scenarios run once, on no terminal
            terminal = ["FindFace"]
        terminals_per_example.setdefault(example(doc), []).append(terminal[0])
    for key, seen in terminals_per_example.items():  # every G-SDK row once per terminal model
        expected = 1 if key[0].startswith("findface/") else 2
        assert len(seen) == expected and len(set(seen)) == expected, (key, seen)
    assert sum(1 for key in terminals_per_example if key[0].startswith("findface/")) >= 10
    for doc in docs:
        keywords = {s["name"].split()[0] for s in doc["steps"]}
        assert keywords <= {"Given", "When", "Then", "And", "But"} and keywords & {"Then"}, doc["name"]
        if doc["status"] == "skipped":
            reason = doc["statusDetails"]["message"]
            assert re.search(r"(BioStation 2|FaceStation F2) \d+ (has no|uses the)", reason), reason


@pytest.mark.long
def test_the_suite_run_ends_with_its_closing_lines_and_counts_skips_by_reason(suite_run: Run) -> None:
    """What a person reads last is the verdict: after pytest's own last line come the closing lines
    (per terminal, the total, each terminal's monitoring put back as found) and nothing else; the
    not applicable scenarios are counted by reason, not listed one by one."""
    out = str(suite_run.result.stdout)
    lines = [line for line in out.splitlines() if line.strip()]
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"-+ scenario results -+", line))
    closing = closing_lines(out)
    put_back = [
        f"{t}: monitoring left off, as found (as the simulator starts its terminals)"
        for t in ("BioStation 2", "FaceStation F2")
    ]
    assert lines[rule + 1 : rule + 1 + len(closing)] == closing, lines[rule - 2 :]
    assert sorted(lines[rule + 1 + len(closing) :]) == put_back, lines[rule - 2 :]
    assert re.fullmatch(r"\d+ passed, \d+ skipped in [\d.]+s", lines[rule - 1]), lines[rule - 1]
    assert "SKIPPED" not in out
    by_reason = re.findall(r"^not applicable: (.+) — (\d+) scenarios?$", out, re.M)
    assert ("BioStation 2 546830001 has no face camera", "5") in by_reason, by_reason
    assert sum(int(n) for _, n in by_reason) == suite_run.result.parseoutcomes()["skipped"]


@pytest.mark.long
def test_the_suite_in_parallel_gives_the_same_results(suite_run: Run, tmp_path: Path) -> None:
    """One worker per terminal (pytest -n 2): the same closing counts, one result per scenario."""
    parallel = _result(_suite(tmp_path / "allure-results", "-n", "2"))
    assert parallel.ret == pytest.ExitCode.OK, _tail(parallel)
    closing = closing_lines(str(parallel.stdout))
    assert closing == closing_lines(str(suite_run.result.stdout))
    assert len(closing) == 4  # the two terminals, FindFace, the total
    # the workers' terminals reach the report's environment (read by the workers, written once)
    environment = (tmp_path / "allure-results" / "environment.properties").read_text()
    assert "firmware 1.11.0" in environment and "firmware 2.2.0" in environment


def test_a_broken_engine_fails_scenarios_with_a_readable_message(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Granting a card in face-only mode must not go unnoticed, and the failure must say what was
    expected, what the stream delivered and what the terminal's log holds."""
    monkeypatch.chdir(ROOT)  # the suite runs from the project's root, not pytester's folder
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "tests"))  # where the broken_engine plugin is
    run = pytester.runpytest_subprocess(
        "-p",
        "broken_engine",
        "-k",
        "extended_mode and FaceStationF2",
        f"--alluredir={tmp_path / 'allure'}",
        "-p",
        "no:cacheprovider",
        "-q",
        timeout=600,
    )
    assert run.ret == pytest.ExitCode.TESTS_FAILED, _tail(run)
    assert re.search(
        r"expected AUTH_FAILED \(0x1800/0x01\) for user 9\d{5} on FaceStation F2 541530001; "
        r"the stream delivered: #(\d+) VERIFY_SUCCESS \(0x1000/0x06\) user 9\d{5}; "
        r"the terminal's log holds: #\1 VERIFY_SUCCESS \(0x1000/0x06\) user 9\d{5}",
        str(run.stdout),
    ), _tail(run)
