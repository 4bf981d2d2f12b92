"""The whole lab run at a person's pace: every scenario on both terminals, with a scripted person
(tests/person.py) who reads each prompt on the run's pseudo-terminal, reacts in --react seconds
and acts through the simulator's control API, against a simulator started on its own and
configured as a lab (as the README's "Try it on the simulator"). It never answers a prompt:
every prompt must close by itself on the terminal's report.

    .venv/bin/python bench/lab_run.py [--react 2] [-- PYTEST SELECTION, e.g. -m lab_smoke]

Prints the prompts per terminal, the wall time, and the run's closing lines (its results per
terminal and cause). Exits 1 if a scenario failed or was skipped for any cause (not applicable
is not a skip), or a terminal was not left as the run found it. `make lab-run` runs it; the
nightly workflow too. tests/test_person.py runs the smoke selection at 0.5 s in `make test`.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from biohil.client import Gateway  # noqa: E402
from tests.labrun import closing_lines, not_clean, plain, start_lab  # noqa: E402
from tests.person import parse, run_lab  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--react", type=float, default=2.0, help="the person's reaction, seconds (default 2)")
    parser.add_argument("select", nargs="*", help="pytest selection after --, e.g. -- -m lab_smoke")
    args = parser.parse_args(argv)
    if args.react < 0:
        parser.error(f"--react {args.react:g} is not a reaction time; use 0 or more seconds")
    with tempfile.TemporaryDirectory(prefix="biohil-lab-run-") as tmp:
        where = Path(tmp)
        proc, lab = start_lab(where)
        try:
            gateway = Gateway.open(lab.address, lab.ca)
            try:
                before = lab.state()
                out, person, wall = run_lab(lab, gateway, where / "run", *args.select, react=args.react)
                left_as_found = lab.state() == before
            finally:
                gateway.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    per_terminal = Counter(parse(p).device_id for p in person.prompts)
    closing = closing_lines(out)
    selection = " ".join(args.select) or "every scenario"
    print(f"lab run, {selection}, a {args.react:g} s person")
    counts = ", ".join(f"{device}: {n}" for device, n in sorted(per_terminal.items()))
    print(f"prompts: {len(person.prompts)} ({counts})")
    print(f"wall time: {wall:.0f} s")
    print("results:", *closing, sep="\n  ")
    print(f"terminals left as found: {'yes' if left_as_found else 'NO'}")
    for line in re.findall(r"^(?:FAILED|ERROR) .*$", plain(out), re.MULTILINE):  # what failed, and why
        print(line)
    return 1 if not_clean(closing) or not left_as_found else 0


if __name__ == "__main__":
    sys.exit(main())
