"""The whole lab run at a person's pace: every scenario on both terminals, with a scripted person
(tests/person.py) who reads each prompt on the run's pseudo-terminal, reacts in --react seconds,
takes --act seconds to present a credential and acts through the simulator's control API,
against a simulator started on its own and configured as a lab (as the README's "Try it on the
simulator"). It never answers a prompt: every prompt must close by itself on the terminal's report.

    .venv/bin/python bench/person_bench.py [--react 2] [--act 1] [--workers 2] [--mistake KIND]
                                           [-- PYTEST SELECTION, e.g. -m lab_smoke]

--mistake makes the person err on one scenario, on every try of it, to show that a person's
mistake is one operator result and changes nothing else:
    wrong-card      a card nobody has instead of the test card (the first card-only attempt)
    late            the second factor 7 s after the first (the first card + face attempt)
    after-give-up   the card, then the face only once the terminal gave up (same attempt)
    skip            answer s to the first attempt, then present it anyway a moment later

Prints the prompts per terminal, the wall time, and the run's closing lines (its results per
terminal and cause). Exits 1 if a scenario failed or was skipped for any cause other than the one
the mistake asked for (not applicable is not a skip), or a terminal was not left as the run found
it. `make lab-run` runs it; the nightly workflow too. tests/test_person.py runs the smoke
selection and each mistake on one scenario at 0.5 s in `make test`.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from biohil.client import Gateway  # noqa: E402
from tests.labrun import closing_lines, not_clean, plain, start_lab  # noqa: E402
from tests.person import Prompt, parse, run_lab  # noqa: E402

CARD_THEN_FACE = re.compile(
    r'1\. present the card "test card" of user \d+\r?\n    2\. show the face "test face"'
)
CARD_ONLY = re.compile(r'\n    1\. present the card "test card" of user \d+\r?\n    Enter')


def _once(pattern: re.Pattern[str]) -> Callable[[Prompt], bool]:
    """True for every try of the first attempt whose prompt matches (a retry is the same one)."""
    chosen: list[str] = []

    def pick(prompt: Prompt) -> bool:
        if prompt.for_scan or not pattern.search(prompt.task):
            return False
        scenario = prompt.task.split("\n", 2)[1]
        chosen.extend([] if chosen else [scenario])
        return chosen[0] == scenario

    return pick


def mistake(kind: str) -> dict[str, Any]:
    """The Person's fields that make the mistake."""
    if kind == "wrong-card":
        return {"wrong": _once(CARD_ONLY)}
    if kind == "late":
        late = _once(CARD_THEN_FACE)
        return {"pace": lambda prompt, n: 7.0 if n == 1 and late(prompt) else None}
    if kind == "after-give-up":
        return {"after_give_up": _once(CARD_THEN_FACE)}
    skip = _once(CARD_THEN_FACE)
    return {"late_after_skip": lambda prompt: skip(prompt) and not prompt.again}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--react", type=float, default=2.0, help="the person's reaction, seconds (default 2)")
    parser.add_argument("--act", type=float, default=1.0, help="seconds to present a credential (default 1)")
    parser.add_argument("--mistake", choices=MISTAKES, help="one mistake the person makes (see above)")
    parser.add_argument(
        "--workers", type=int, default=2, help="pytest-xdist workers (default 2: one per terminal; 0: serial)"
    )
    parser.add_argument("--transcript", type=Path, help="also write what the run printed to this file")
    parser.add_argument("select", nargs="*", help="pytest selection after --, e.g. -- -m lab_smoke")
    args = parser.parse_args(argv)
    if args.react < 0 or args.act < 0:
        parser.error(f"--react {args.react:g} --act {args.act:g}: use 0 or more seconds")
    if args.workers < 0:
        parser.error(f"--workers {args.workers}: use 0 (serial) or more")
    select = [*(["-n", str(args.workers)] if args.workers else []), *args.select]
    person = {"react": args.react, "act": args.act, **(mistake(args.mistake) if args.mistake else {})}
    with tempfile.TemporaryDirectory(prefix="biohil-lab-run-") as tmp:
        where = Path(tmp)
        proc, lab = start_lab(where)
        try:
            gateway = Gateway.open(lab.address, lab.ca)
            try:
                before = lab.state()
                out, someone, wall = run_lab(lab, gateway, where / "run", *select, **person)
                left_as_found = lab.state() == before
            finally:
                gateway.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    if args.transcript is not None:
        args.transcript.write_text(plain(out))
    per_terminal = Counter(parse(p).device_id for p in someone.prompts)
    closing = closing_lines(out)
    selection = " ".join(select) or "every scenario"
    made = f", mistake: {args.mistake}" if args.mistake else ""
    print(f"lab run, {selection}, a {args.react:g} s person acting in {args.act:g} s{made}")
    counts = ", ".join(f"{device}: {n}" for device, n in sorted(per_terminal.items()))
    print(f"prompts: {len(someone.prompts)} ({counts})")
    idle = _idle(someone.timeline)
    print(f"wall time: {wall:.0f} s, of which {idle:.0f} s from a prompt's last action to the next prompt")
    print("results:", *closing, sep="\n  ")
    print(f"terminals left as found: {'yes' if left_as_found else 'NO'}")
    for line in re.findall(r"^(?:FAILED|ERROR) .*$", plain(out), re.MULTILINE):  # what failed, and why
        print(line)
    unclean = not_clean(closing)
    if args.mistake:  # exactly the one operator result the mistake makes, nothing else
        total = closing[-1]
        one = re.search(r": \d+ passed, 1 (?:failed|skipped): operator(, \d+ not applicable)?$", total)
        return 0 if one and left_as_found else 1
    return 1 if unclean or not left_as_found else 0


def _idle(timeline: list[tuple[float, str]]) -> float:
    """Seconds from each prompt's last action to the next prompt: the terminal's answer, the
    scenario's own work, waits for late actions and the terminal's auth timeouts."""
    idle = 0.0
    for (t, what), (after, next_what) in itertools.pairwise(timeline):
        if what == "acted" and next_what == "prompt":
            idle += after - t
    return idle


MISTAKES = ("wrong-card", "late", "after-give-up", "skip")


if __name__ == "__main__":
    sys.exit(main())
