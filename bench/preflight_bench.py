"""How fast a misconfigured lab is told what is wrong: time from opening the gateway to the
one-line error, for a wrong port, a wrong CA and an unknown host (median of 5 each).

    .venv/bin/python bench/preflight_bench.py
"""

from __future__ import annotations

import socket
import statistics
import tempfile
import time
from pathlib import Path

from biohil.client import ConfigError, Gateway
from biohil.common import tls
from biohil.simulator import Simulator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def time_to_error(address: str, ca: Path) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        Gateway.open(address, ca).close()
    except ConfigError as e:
        return time.perf_counter() - start, str(e)
    raise SystemExit(f"{address} with {ca} did not fail")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, Simulator(Path(tmp) / "sim") as sim:
        other = tls.ensure(Path(tmp) / "other").ca_file
        cases = {
            "wrong port": (f"127.0.0.1:{free_port()}", sim.ca_file),
            "wrong CA": (sim.address, other),
            "unknown host": ("no-such-gateway.invalid:4000", sim.ca_file),
        }
        for name, (address, ca) in cases.items():
            runs = [time_to_error(address, ca) for _ in range(5)]
            median = statistics.median(t for t, _ in runs)
            print(f"{name}: median {median * 1000:.0f} ms to: {runs[0][1]} (target < 5 s)")


if __name__ == "__main__":
    main()
