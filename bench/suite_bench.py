"""Benchmark of the acceptance suite on the simulator: runs it three times (as `pytest` would,
in its own process each time) and prints the median wall time and the median time per scenario.

    .venv/bin/python bench/suite_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(workdir: Path, n: int) -> tuple[float, list[float], int, int]:
    """(wall seconds, per-scenario seconds, passed, skipped) of one full run."""
    junit = workdir / f"run{n}.xml"
    started = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--alluredir={workdir / f'allure{n}'}",
            f"--junitxml={junit}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"the suite failed on run {n}:\n{run.stdout[-3000:]}")
    cases = ET.parse(junit).getroot().iter("testcase")
    times, skipped = [], 0
    for case in cases:
        if case.find("skipped") is not None:
            skipped += 1
        else:
            times.append(float(case.get("time", "0")))
    return wall, times, len(times), skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    walls, medians = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            wall, times, passed, skipped = one_run(Path(tmp), n)
            walls.append(wall)
            medians.append(statistics.median(times))
            print(f"run {n + 1}: {wall:.1f} s wall, {passed} scenario results passed, {skipped} skipped")
    print(f"median wall time of {args.runs} runs: {statistics.median(walls):.1f} s (target < 60 s)")
    print(f"median time per passed scenario: {statistics.median(medians) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
