"""Benchmark of terminals in parallel: the @gsdk scenarios on 8 simulated terminals behind one
gateway that adds 50 ms to every call (the lab-like case: the terminal, not the CPU, is the slow
part), run serially (-n 0) and with one worker per terminal (-n 8). Prints both wall times, their
ratio, and whether both runs gave the same closing counts.

    .venv/bin/python bench/parallel_bench.py [--terminals 8] [--latency-ms 50] [-k EXPRESSION]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _simulator(cert_dir: Path, terminals: int) -> tuple[subprocess.Popen[str], str, Path]:
    command = [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(cert_dir)]
    proc = subprocess.Popen(
        [*command, "--terminals", str(terminals)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    banner = "".join(proc.stdout.readline() for _ in range(2))
    address, ca = re.search(r"listening on (\S+) ", banner), re.search(r"CA certificate: (\S+)", banner)
    if not (address and ca):
        raise SystemExit(f"the simulator did not start:\n{banner}")
    return proc, address.group(1), Path(ca.group(1))


def _simctl(address: str, ca: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "biohil.simctl", "--gateway", address, "--ca", str(ca), *args],
        check=True,
        capture_output=True,
    )


def _run(address: str, ca: Path, workers: int, select: list[str], allure: Path) -> tuple[float, list[str]]:
    started = time.perf_counter()
    suite = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--alluredir={allure}"]
    run = subprocess.run(
        [*suite, f"--sim-gateway={address}", f"--sim-ca={ca}", "-n", str(workers), *select],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"the suite failed with -n {workers}:\n{run.stdout[-3000:]}")
    start = re.search(r"^-+ scenario results -+$", run.stdout, re.MULTILINE)
    if start is None:
        raise SystemExit(f"no closing lines with -n {workers}:\n{run.stdout[-3000:]}")
    closing = run.stdout[start.end() :].split("=====")[0]
    return wall, re.findall(r"^\S.*: \d+ .*$", closing, re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=8)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("-k", dest="keyword", help="a pytest -k expression, for a shorter run")
    args = parser.parse_args()
    select = ["-m", "gsdk"] + (["-k", args.keyword] if args.keyword else [])
    with tempfile.TemporaryDirectory() as tmp:
        proc, address, ca = _simulator(Path(tmp) / "certs", args.terminals)
        try:
            _simctl(address, ca, "latency", "*", str(args.latency_ms))
            figures = {}
            for workers in (0, args.terminals):
                figures[workers] = _run(address, ca, workers, select, Path(tmp) / f"allure{workers}")
                print(f"-n {workers}: {figures[workers][0]:.1f} s wall", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    serial, parallel = figures[0], figures[args.terminals]
    print(f"{args.terminals} terminals, {args.latency_ms} ms per gateway call, {' '.join(select)}")
    print(f"-n {args.terminals} takes {parallel[0] / serial[0]:.2f} of the serial wall time (target < 0.5)")
    print(f"closing counts identical: {'yes' if serial[1] == parallel[1] else 'NO'}")
    for line in parallel[1]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
