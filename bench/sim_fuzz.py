"""Fuzz the simulated gateway: generated and raw requests on every RPC it serves, a simulator in
its own process with four terminals (two never connected by the harness).

    .venv/bin/python bench/sim_fuzz.py [--requests 10000] [--seed 1] [--max-growth-mb 64]

The harness is tests/simfuzz.py (also run, bounded, by tests/test_sim_fuzz.py): about 90 % of
the requests are generated messages, the rest raw bytes. Prints the time, the count of each
status code, per method too, the server's resident memory at the start, its peak and at the end
and after each half of the run (every user deleted again), the lines and tracebacks in its log,
and every problem found: a status UNKNOWN or INTERNAL, a traceback or a control character in a
message, a call that hung, a stream or scan left open, a server that no longer answers. Exits 1
on a problem, or if the second half grew the memory by more than --max-growth-mb: the halves
are alike, so a leak grows it as much as the first did, while the buffers the allocator keeps
after the largest requests (megabytes of generated strings and lists) do not grow again.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import simfuzz  # noqa: E402

TERMINALS = 4
RAW_SHARE = 0.1


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    now = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
    return now / 1024, peak / 1024


def start_simulator(certs: Path, log: Path) -> tuple[subprocess.Popen[str], str]:
    """The simulator as `biohil-sim` runs it; its log (stderr) goes to a file."""
    args = [sys.executable, "-m", "biohil.simulator", "--port", "0", "--cert-dir", str(certs)]
    args += ["--terminals", str(TERMINALS)]
    with log.open("w") as err:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("G-SDK gateway simulator listening on"):
            return proc, line.split()[5]
    proc.wait(timeout=10)
    raise RuntimeError(f"the simulator ended before it listened; its log: {log.read_text()[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="at least this many (default 10,000)")
    parser.add_argument("--seed", type=int, default=1, help="hypothesis seed of the first method")
    parser.add_argument("--max-growth-mb", type=float, default=64.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "simulator.log"
        proc, address = start_simulator(Path(tmp), log)
        try:
            with simfuzz.open_channel(address, Path(tmp) / "ca.crt") as channel:
                harness = simfuzz.Harness.open(channel)
                requests = harness.requests()
                harness.reset()
                rss = [rss_mb(proc.pid)[0]]  # at the start, then after each half
                methods = harness.methods
                half = math.ceil(args.requests / 2)
                began = time.perf_counter()
                seed = args.seed
                for target in (half, 2 * half):
                    generated = math.ceil(half * (1 - RAW_SHARE) / len(methods))
                    raw = math.ceil(half * RAW_SHARE / len(methods))
                    while harness.calls < target:  # a method with few distinct requests ends early
                        for m in methods:
                            simfuzz.run_requests(harness, requests, m, generated, seed=seed)
                            simfuzz.run_garbage(harness, m, raw, seed=seed)
                            seed += 1
                            unhealthy = harness.healthy()
                            if unhealthy is not None:
                                harness.violations.append(f"after {m.short}: {unhealthy}")
                            now, _ = rss_mb(proc.pid)
                            print(
                                f"{m.short:<28} {harness.calls:>7,} calls, server RSS {now:.0f} MB",
                                flush=True,
                            )
                        generated, raw = max(1, generated // 4), max(1, raw // 4)
                    harness.delete_all_users()  # back to a clean state
                    time.sleep(1)  # let freed buffers settle
                    rss.append(rss_mb(proc.pid)[0])
                elapsed = time.perf_counter() - began
                rss_peak = rss_mb(proc.pid)[1]
                for problem in (harness.healthy(), harness.leftovers()):
                    if problem is not None:
                        harness.violations.append(f"at the end: {problem}")
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        log_lines = log.read_text(errors="replace").splitlines()

    rss_start, rss_half, rss_end = rss
    growth = rss_end - rss_half  # a leak grows with the requests; retained buffers do not
    print()
    print(
        f"{harness.calls:,} requests over {len(methods)} methods in {elapsed:.1f} s "
        f"({harness.calls / elapsed:,.0f}/s)"
    )
    print(harness.report())
    print(
        f"server memory (RSS): {rss_start:.0f} MB at the start, {rss_half:.0f} MB after the first half, "
        f"{rss_end:.0f} MB at the end ({rss_end - rss_start:+.0f} MB), peak {rss_peak:.0f} MB; "
        f"second half {growth:+.0f} MB (limit +{args.max_growth_mb:.0f} MB)"
    )
    tracebacks = sum(line.startswith("Traceback") for line in log_lines)
    print(f"server log: {len(log_lines):,} lines, {tracebacks:,} tracebacks")
    print(f"problems: {len(harness.violations):,}")
    for v in harness.violations[:30]:
        print(f"  {v[:400]}")
    return 1 if harness.violations or growth > args.max_growth_mb else 0


if __name__ == "__main__":
    sys.exit(main())
