"""Mutation score of the acceptance suite: the suite is run on the simulator once per planted
firmware bug (bench/mutants.py), stopping at its first failure, and the bugs it lets through are
listed. A run without any bug comes first: it must pass, or no score means anything.

    .venv/bin/python bench/mutation.py [--jobs 2] [--only auth.any_order,timeout.never] [pytest args]

Prints, per bug, whether it was caught, by which scenario, with which cause, and the seconds the
run took to fail (pytest's own start-up included); then the score and the survivors. A bug's run
has the feature files of its area (FIRST) first, then the rest of the suite; with --suite-order,
the suite's own order, as a nightly run meets the bug.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import first_features  # noqa: E402
from mutants import CATALOGUE, ENV  # noqa: E402

TARGET = 0.95
SLOWEST = 30.0  # seconds: a bug the suite needs longer to catch costs the nightly run too much

# The feature files that check each area of bugs (a bug's name starts with its area). A bug's run
# has them first and then the rest of the suite: a bug is still caught wherever it shows, only
# sooner where it most likely does (under -x the suite's own order made a FindFace bug wait for
# every G-SDK scenario of both terminals). The seconds are still those of the whole run.
FIRST: dict[str, tuple[str, ...]] = {
    "auth": ("features/gsdk/auth_modes.feature",),
    "timeout": ("features/gsdk/auth_modes.feature",),
    "private": ("features/gsdk/private_auth.feature",),
    "enroll": ("features/gsdk/credential_enrollment.feature",),
    "event": ("features/gsdk/event_content.feature",),
    "log": ("features/gsdk/event_filtering.feature",),
    "realtime": ("features/gsdk/realtime_events.feature",),
    "connection": ("features/gsdk/connection.feature",),
    "device": ("features/gsdk/connection.feature",),
    "writes": ("features/gsdk/credential_enrollment.feature",),
    "findface": ("features/findface",),
}


@dataclass(frozen=True)
class Result:
    name: str
    caught: bool
    seconds: float
    by: str  # the first failing scenario
    cause: str  # its cause class, from the closing lines
    tail: str  # the end of the output, for a run that did not behave


def run(name: str, select: list[str], workdir: Path, area_first: bool = True) -> Result:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")])
    )
    env.pop("CI", None)
    if name:
        env[ENV] = name
        if area_first:
            env[first_features.ENV] = os.pathsep.join(FIRST.get(CATALOGUE[name].area, ()))
    started = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "mutants",
            "-p",
            "first_features",
            "-p",
            "no:cacheprovider",
            "-x",
            "-q",
            "-rf",
            f"--alluredir={workdir / (name or 'baseline')}",
            *select,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    # The first failed scenario; else a terminal the run refused to test (its preflight saw the bug).
    failed = re.search(r"^FAILED (.+?)(?: - |$)", out.stdout, re.MULTILINE)
    refused = re.search(r"^(NOT TESTED .+)$", out.stdout, re.MULTILINE)
    by = failed.group(1) if failed else refused.group(1) if refused else ""
    # The cause class, from the closing lines: "BioStation2: 3 passed, 1 failed: product".
    cause = re.search(r"^\S+: .*?\b\d+ failed: (\w+)", out.stdout, re.MULTILINE) or re.search(
        r"^\S+: .*?\b\d+ skipped: (\w+)", out.stdout, re.MULTILINE
    )
    return Result(
        name,
        out.returncode == 1 and bool(by),
        seconds,
        by,
        cause.group(1) if cause else "",
        (out.stdout + out.stderr)[-2500:],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=1, help="bugs tried at once (default 1: honest timings)")
    parser.add_argument("--only", default="", help="comma-separated bug names (default: the whole catalogue)")
    parser.add_argument(
        "--suite-order",
        action="store_true",
        help="each bug's run in the suite's own order, as the nightly run meets it (default: its area first)",
    )
    args, select = parser.parse_known_args()  # the rest goes to pytest: -k EXPR, a feature file
    names = [n for n in args.only.split(",") if n] or list(CATALOGUE)
    unknown = [n for n in names if n not in CATALOGUE]
    if unknown:
        parser.error(f"not in the catalogue: {', '.join(unknown)}")

    with tempfile.TemporaryDirectory(prefix="biohil-mutation-") as tmp:
        workdir = Path(tmp)
        baseline = run("", select, workdir)
        print(f"without a planted bug: {'FAILED' if baseline.by else 'passed'} in {baseline.seconds:.1f} s")
        if baseline.by or "passed" not in baseline.tail:
            print(baseline.tail)
            print("the suite must pass without a planted bug before a score means anything")
            return 2
        results: list[Result] = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for result in pool.map(lambda n: run(n, select, workdir, not args.suite_order), names):
                results.append(result)
                verdict = f"caught in {result.seconds:5.1f} s by {result.by} ({result.cause or '?'})"
                if not result.caught:
                    verdict = f"SURVIVED ({result.seconds:.1f} s)"
                print(f"{result.name:38} {verdict}", flush=True)

    caught = [r for r in results if r.caught]
    survivors = [r for r in results if not r.caught]
    slow = [r for r in caught if r.seconds > SLOWEST]
    not_product = [r for r in caught if r.cause and r.cause != "product"]
    score = len(caught) / len(results)
    times = [r.seconds for r in caught]
    print()
    print(f"score: {len(caught)} of {len(results)} bugs caught = {score:.1%} (target {TARGET:.0%})")
    if times:
        print(f"time to fail: median {statistics.median(times):.1f} s, slowest {max(times):.1f} s")
    for r in survivors:
        print(f"survivor: {r.name}: {CATALOGUE[r.name].bug}")
    for r in slow:
        print(f"slow: {r.name} took {r.seconds:.1f} s (more than {SLOWEST:g} s)")
    for r in not_product:
        print(f"caught as {r.cause}, not as a product failure: {r.name}")
    return 0 if score >= TARGET and not slow else 1


if __name__ == "__main__":
    sys.exit(main())
