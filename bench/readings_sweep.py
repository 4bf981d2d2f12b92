"""Does every assertion that rests on a reading say so? One run of the suite per value of every
reading that is not the default (biohil.readings), in two ways:

- told: `pytest --reading NAME=VALUE` on the in-process simulator, which answers by that value
  and the suite expects it too: every scenario must pass as with the defaults;
- lab (--lab): a simulator started on its own with that value, run as a lab with a scripted
  person (tests/person.py) and the default readings, as a first lab run meets a terminal that
  reads the documentation otherwise: no scenario may fail as product or suite (an assertion
  that rests on the reading ends "unconfirmed reading"), and the terminals are left as found.

    .venv/bin/python bench/readings_sweep.py [--lab] [--react 0.1] [--only NAME=VALUE ...]
                                             [-- PYTEST SELECTION, e.g. -m lab_smoke]

Prints one line per value and way: its closing line and wall time. Exits 1 if a told run did
not pass whole, or a lab run had a product or suite failure or left a terminal changed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from biohil.client import Gateway  # noqa: E402
from biohil.readings import READINGS  # noqa: E402
from tests.labrun import closing_lines, start_lab  # noqa: E402
from tests.person import run_lab  # noqa: E402

PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"]
CLEAN_TOLD = ("passed", "not applicable")
BLAMED = ("failed: product", "failed: suite")


def values(only: list[str]) -> list[str]:
    every = [f"{r.name}={v}" for r in READINGS for v in r.alternatives]
    unknown = sorted(set(only) - set(every))
    if unknown:
        sys.exit(f"readings_sweep: no reading value {', '.join(unknown)}; the values are {', '.join(every)}")
    return only or every


def last_line(out: str) -> str:
    """The run's total closing line, or what it printed last if it has none (it died on the way)."""
    try:
        return closing_lines(out)[-1]
    except AssertionError:
        printed = [line for line in out.strip().splitlines() if line.strip()]
        return f"no closing lines (it ended with: {printed[-1] if printed else 'nothing'})"


def told(value: str, select: list[str]) -> tuple[str, bool]:
    """The suite on the in-process simulator, both answering and expecting by `value`."""
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            [*PYTEST, f"--alluredir={tmp}", f"--reading={value}", *select],
            cwd=ROOT,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
    last = last_line(run.stdout + run.stderr)
    counted = last.partition(": ")[2].split(", ")
    return last, run.returncode == 0 and all(c.split(" ", 1)[-1] in CLEAN_TOLD for c in counted)


def lab(value: str, select: list[str], react: float) -> tuple[str, bool]:
    """A lab run with the default readings against a simulator that answers by `value`."""
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        proc, started = start_lab(where / "lab", "--reading", value)
        gateway = Gateway.open(started.address, started.ca)
        try:
            before = started.state()
            out, _, _ = run_lab(started, gateway, where / "run", *select, react=react)
            as_found = started.state() == before
        finally:
            gateway.close()
            proc.terminate()
            proc.wait(timeout=10)
    last = last_line(out)
    good = as_found and "scenario results" in last and not any(b in last for b in BLAMED)
    return last + ("" if as_found else "; a terminal NOT as found"), good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lab", action="store_true", help="also the lab run of each value (slow)")
    parser.add_argument("--react", type=float, default=0.1, help="the scripted person's seconds per prompt")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME=VALUE", help="these values only")
    parser.add_argument("select", nargs="*", help="after --: the pytest selection (default: everything)")
    args = parser.parse_args()
    ok = True
    for value in values(args.only):
        for way in ("told", "lab") if args.lab else ("told",):
            began = time.monotonic()
            line, good = told(value, args.select) if way == "told" else lab(value, args.select, args.react)
            ok &= good
            print(
                f"{'ok  ' if good else 'FAIL'} {way:4} {value:42} {time.monotonic() - began:6.1f} s  {line}",
                flush=True,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
