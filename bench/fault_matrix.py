"""The fault matrix: the acceptance suite run on the simulator under each fault of issue 22 (and
5% random UNAVAILABLE, latency, a link drop in every scenario), one run per row against a
simulator started on its own for that row (the simulator target with its scripted person,
--sim-gateway/--sim-ca; the lab target for the unattended and lock-folder rows), with the fault
plugins of tests/ (-p NAME), or biohil-simctl.

    .venv/bin/python bench/fault_matrix.py [--rows none,random,...] [-k EXPRESSION] [--seed 1]

Prints one table: per fault, the scenario results by cause class (the run's closing total line),
the scenarios tested (passed + failed), the coverage lost to quarantine (skipped:
infrastructure), whether every terminal ended as found (the terminals' users and auth config and
whether the gateway has them connected, read before and after), and the wall time; then, per row
that did not pass cleanly, what the run said about it. No row plants a firmware bug, so exits 1
if any row has a product or suite failure, a terminal not as found, or ended otherwise than its
fault allows (no closing lines, a timeout, the lock-folder row not stopping with a usage exit).
`make fault-matrix` runs it (ARGS="..." for options); about 5-15 minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.labrun import Lab, closing_lines, lab_args, plain, run_suite, start_lab, suite_args  # noqa: E402

BOTH_TERMINALS = "BioStation2 or FaceStationF2"
CAPTURED_CARD_ON_F2 = "test_a_captured_credential_lets_the_user_in[FaceStationF2-card]"
CLASSES = (
    "passed",
    "failed: product",
    "failed: suite",
    "failed: infrastructure",
    "failed: operator",
    "skipped: infrastructure",
    "skipped: operator",
    "not applicable",
)
HEADINGS = ("passed", "f:prod", "f:suite", "f:infra", "f:oper", "s:infra", "s:oper", "n/a")
USAGE = 4  # pytest.ExitCode.USAGE_ERROR
NOTABLE = re.compile(
    r"QUARANTINED|re-admitted|NOT TESTED|NOT LEFT AS FOUND|NOTHING WAS TESTED|the run was stopped|"
    r"preflight(?! OK)|cannot be written|bench PC"
)


@dataclass
class Plan:
    """One row's run: the suite's arguments, its environment, simctl commands given after the
    terminals are read and before the run, and what says the fault was applied."""

    args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    simctl: list[list[str]] = field(default_factory=list)
    applied: Callable[[str], str] = lambda out: ""
    usage: bool = False  # the run must stop before any scenario with a usage exit


@dataclass
class Row:
    name: str
    fault: str
    counts: Counter[str] = field(default_factory=Counter)
    closing: list[str] = field(default_factory=list)
    as_found: bool | None = None
    exit: int | None = None
    wall: float = 0.0
    problem: str = ""  # how the run ended otherwise than the fault allows
    applied: str = ""
    notable: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def tested(self) -> int:
        return sum(n for label, n in self.counts.items() if label == "passed" or label.startswith("failed"))

    @property
    def findings(self) -> list[str]:
        found = [f"{self.counts[c]} {c}" for c in ("failed: product", "failed: suite") if self.counts[c]]
        if self.as_found is False:
            found.append("a terminal not as found")
        if self.problem:
            found.append(self.problem)
        return found


class Options(argparse.Namespace):
    rows: str
    k: str
    seed: int
    probability: float
    latency_ms: int
    at: str
    held: float
    every_back: float
    restart: float
    timeout: float
    logs: Path | None


def _sim(lab: Lab, where: Path, opts: Options, *more: str) -> list[str]:
    return suite_args(
        f"--sim-gateway={lab.address}", f"--sim-ca={lab.ca}", "-k", opts.k, *more, allure=where / "allure"
    )


def _sim_locks(lab: Lab) -> Path:
    """The lock folder of runs against a simulator of its own (fixtures/bench.py)."""
    return Path(tempfile.gettempdir()) / "biohil-locks" / f"sim-{lab.address.replace(':', '_')}"


def _plugins() -> dict[str, str]:
    """The fault plugins' folders on PYTHONPATH, for -p NAME."""
    return {"PYTHONPATH": str(ROOT / "tests")}


def _logged(log: Path, what: str) -> Callable[[str], str]:
    def applied(out: str) -> str:
        hits = log.read_text().split() if log.exists() else []
        if not hits:
            return f"NOT APPLIED: no {what}"
        first = hits[0].split("::")[-1]
        return f"{what}: {first}" if len(hits) == 1 else f"{what}: {len(hits)} scenarios"

    return applied


def _seen(pattern: str, what: str) -> Callable[[str], str]:
    return lambda out: what if re.search(pattern, out) else f"NOT SEEN: {what}"


def _plan_none(lab: Lab, where: Path, opts: Options) -> Plan:
    return Plan(_sim(lab, where, opts))


def _plan_random(lab: Lab, where: Path, opts: Options) -> Plan:
    fault = ["fault", "*", "--probability", f"{opts.probability:g}", "--seed", str(opts.seed)]
    return Plan(_sim(lab, where, opts), simctl=[[*fault, "--code", "UNAVAILABLE"]])


def _plan_latency(lab: Lab, where: Path, opts: Options) -> Plan:
    return Plan(_sim(lab, where, opts), simctl=[["latency", "*", str(opts.latency_ms)]])


def _plan_getinfo(lab: Lab, where: Path, opts: Options) -> Plan:
    return Plan(_sim(lab, where, opts), simctl=[["fault", "Device/GetInfo", "--count", "3"]])


def _plan_link_held(lab: Lab, where: Path, opts: Options) -> Plan:
    log = where / "links"
    env = _plugins() | {
        "BIOHIL_TEST_LINK_DROP": opts.at,
        "BIOHIL_TEST_LINK_BACK": f"{opts.held:g}",
        "BIOHIL_TEST_LINK_LOG": str(log),
    }
    return Plan(_sim(lab, where, opts, "-p", "link_drop"), env, applied=_logged(log, "link cut in"))


def _plan_link_every(lab: Lab, where: Path, opts: Options) -> Plan:
    log = where / "links"
    env = _plugins() | {
        "BIOHIL_TEST_LINK_DROP": "*",
        "BIOHIL_TEST_LINK_BACK": f"{opts.every_back:g}",
        "BIOHIL_TEST_LINK_LOG": str(log),
    }
    return Plan(_sim(lab, where, opts, "-p", "link_drop"), env, applied=_logged(log, "link cut in"))


def _plan_journal_full(lab: Lab, where: Path, opts: Options) -> Plan:
    # No Allure results: the full disk would refuse them too (as tests/test_bench_faults.py).
    env = _plugins() | {"BIOHIL_TEST_JOURNAL_FULL": opts.at, "BIOHIL_TEST_JOURNAL_DIR": str(_sim_locks(lab))}
    args = _sim(lab, where, opts, "-p", "journal_full", "-p", "no:allure_pytest_bdd", "-o", "addopts=", "-ra")
    return Plan(
        [a for a in args if not a.startswith("--alluredir")],
        env,
        applied=_seen(r"\.journal: cannot be written", "a journal write refused"),
    )


def _plan_restart(lab: Lab, where: Path, opts: Options) -> Plan:
    log = where / "restarts"
    env = _plugins() | {
        "BIOHIL_TEST_RESTART": f"{opts.at}={opts.restart:g}",
        "BIOHIL_TEST_RESTART_LOG": str(log),
    }
    return Plan(_sim(lab, where, opts, "-p", "gateway_restart"), env, applied=_logged(log, "restarted in"))


def _plan_unattended(lab: Lab, where: Path, opts: Options) -> Plan:
    return Plan(lab_args(lab.config(), where, "-k", opts.k), {"CI": "true"})


def _plan_lock_folder(lab: Lab, where: Path, opts: Options) -> Plan:
    (where / "a-file").write_text("not a folder\n")
    config = lab.config()
    config.write_text(config.read_text().replace(f'"{lab.locks}"', f'"{where / "a-file" / "locks"}"'))
    return Plan(lab_args(config, where, "-k", opts.k), usage=True)


ROWS: dict[str, tuple[str, Callable[[Lab, Path, Options], Plan]]] = {
    "none": ("none (the control)", _plan_none),
    "random": ("{probability:.0%} random UNAVAILABLE, seed {seed}", _plan_random),
    "latency": ("{latency_ms} ms on every call", _plan_latency),
    "getinfo": ("GetInfo fails 3x at preflight", _plan_getinfo),
    "link-held": ("link drop in 1 teardown, {held:g} s", _plan_link_held),
    "link-every": ("link drop in every teardown, {every_back:g} s", _plan_link_every),
    "journal-full": ("journal's disk full mid-run", _plan_journal_full),
    "restart": ("gateway restart {restart:g} s mid-run", _plan_restart),
    "unattended": ("unattended lab run (CI=true)", _plan_unattended),
    "lock-folder": ("lock folder under a file (lab)", _plan_lock_folder),
}


def _counts(closing: list[str]) -> Counter[str]:
    """The closing total line's results by label: '271 scenario results: 207 passed, ...'."""
    _, _, results = closing[-1].partition("scenario results:")
    return Counter({m.group(2).strip(): int(m.group(1)) for m in re.finditer(r"(\d+) ([^,]+)", results)})


def _failures(text: str) -> list[str]:
    """Each FAILED/ERROR line of the short summary with the last "E" line of its section."""
    sections = re.split(r"^_+ ((?:test|ERROR at )\S.*?) _+$", text, flags=re.MULTILINE)
    said = {
        re.sub(r"^ERROR at \w+ of ", "", name): [
            line[1:].strip() for line in body.splitlines() if line.startswith("E ")
        ]
        for name, body in zip(sections[1::2], sections[2::2], strict=True)
    }
    found = []
    for line in re.findall(r"^(?:FAILED|ERROR) .*$", text, re.MULTILINE):
        message = said.get(line.split("::", 1)[-1].split(" - ")[0], [""])
        found.append(f"{line} — {message[-1]}" if message and message[-1] else line)
    return found


def _run_row(name: str, opts: Options, where: Path) -> Row:
    fault, plan_of = ROWS[name]
    row = Row(name, fault.format(**vars(opts)))
    where.mkdir()
    proc, lab = start_lab(where)
    started = time.perf_counter()
    try:
        before = lab.state()
        plan = plan_of(lab, where, opts)
        for command in plan.simctl:
            lab.simctl(*command)
        env = {k: v for k, v in os.environ.items() if k != "CI"} | plan.env
        try:
            run = run_suite(plan.args, timeout=opts.timeout, env=env)
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else e.stdout or ""
            row.problem = f"no end within {opts.timeout:g} s"
            err = ""
        else:
            out, err, row.exit = run.stdout, run.stderr, run.returncode
        row.wall = time.perf_counter() - started
        lab.simctl("clear")
        row.as_found = lab.state() == before
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(_sim_locks(lab), ignore_errors=True)  # this row's simulator is gone
    if opts.logs is not None:
        opts.logs.mkdir(parents=True, exist_ok=True)
        (opts.logs / f"{name}.log").write_text(f"$ {' '.join(plan.args)}\n{out}\n--- stderr ---\n{err}")
    text = plain(out)
    if re.search(r"^-+ scenario results -+$", text, re.MULTILINE):
        row.closing = closing_lines(out)
        row.counts = _counts(row.closing)
    said = (re.sub(r"^[.sFEx]+(?=biohil:)", "", line.strip()) for line in (text + err).splitlines())
    row.notable = list(
        dict.fromkeys(line for line in said if NOTABLE.search(line) and not line.startswith((">", "E ")))
    )
    row.failures = _failures(text)
    row.applied = plan.applied(text)
    if plan.usage:
        if row.exit != USAGE or row.closing:
            row.problem = (
                row.problem or f"expected a usage exit ({USAGE}) and no scenario, got exit {row.exit}"
            )
    elif not row.problem and not row.closing:
        row.problem = f"no closing lines (exit {row.exit})"
    return row


def _table(rows: list[Row]) -> list[str]:
    head = ["fault", *HEADINGS, "other", "tested", "lost to quarantine", "as found", "exit", "wall"]
    spanned = len(HEADINGS) + 3  # the count columns a row stopped before any scenario spans
    lines: list[list[str]] = []
    for row in rows:
        tail = [{True: "yes", False: "NO", None: "?"}[row.as_found], str(row.exit), f"{row.wall:.0f} s"]
        if not row.closing:
            stopped = "stopped before any scenario: usage" if row.exit == USAGE else row.problem
            lines.append([row.fault, stopped, *tail])
            continue
        other = ", ".join(f"{n} {label}" for label, n in row.counts.items() if label not in CLASSES)
        lost = row.counts["skipped: infrastructure"]
        would_run = row.tested + lost
        share = f"{lost} ({lost / would_run:.0%})" if would_run else "0"
        counts = [str(row.counts[c]) for c in CLASSES]
        lines.append([row.fault, *counts, other or "-", str(row.tested), share, *tail])
    full = [cells for cells in [head, *lines] if len(cells) == len(head)]
    widths = [max(len(cells[i]) for cells in full) for i in range(len(head))]
    span = sum(widths[1 : 1 + spanned]) + 2 * (spanned - 1)

    def fmt(cells: list[str]) -> str:
        if len(cells) < len(head):
            cells = [cells[0], cells[1].ljust(span), *cells[2:]]
            sizes = [widths[0], span, *widths[1 + spanned :]]
        else:
            sizes = widths
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, sizes, strict=True))
        )

    return [fmt(head), "-" * (sum(widths) + 2 * (len(widths) - 1)), *(fmt(cells) for cells in lines)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--rows", default=",".join(ROWS), help=f"rows to run, comma-separated: {','.join(ROWS)}"
    )
    parser.add_argument(
        "-k", default=BOTH_TERMINALS, help=f'pytest -k selection (default "{BOTH_TERMINALS}")'
    )
    parser.add_argument("--seed", type=int, default=1, help="the random faults' seed (default 1)")
    parser.add_argument("--probability", type=float, default=0.05, help="random fault probability (0.05)")
    parser.add_argument("--latency-ms", type=int, default=50, help="latency on every call, ms (50)")
    parser.add_argument(
        "--at", default=CAPTURED_CARD_ON_F2, help="the scenario (test ID part) of one-off faults"
    )
    parser.add_argument("--held", type=float, default=12, help="the held link drop's seconds (12)")
    parser.add_argument("--every-back", type=float, default=1, help="each teardown's link drop, seconds (1)")
    parser.add_argument("--restart", type=float, default=3, help="the gateway restart's seconds down (3)")
    parser.add_argument("--timeout", type=float, default=1800, help="a row's run at most, seconds (1800)")
    parser.add_argument("--logs", type=Path, help="write each row's output to DIR/ROW.log")
    opts = parser.parse_args(argv, namespace=Options())
    names = [n.strip() for n in opts.rows.split(",") if n.strip()]
    unknown = [n for n in names if n not in ROWS]
    if unknown or not names:
        parser.error(
            f"--rows {opts.rows}: unknown {', '.join(unknown) or 'none given'}; known: {', '.join(ROWS)}"
        )
    if opts.logs is not None:
        opts.logs = opts.logs.resolve()
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="biohil-fault-matrix-") as tmp:
        for name in names:
            print(f"{name}: running ...", end="", flush=True)
            rows.append(_run_row(name, opts, Path(tmp) / name))
            print(f" {rows[-1].wall:.0f} s", flush=True)
    total = time.perf_counter() - started
    print(f"\nfault matrix: -k {opts.k!r}, one simulator per row")
    print(*_table(rows), sep="\n")
    print(f"total wall time: {total:.0f} s")
    for row in rows:
        if not (row.findings or row.notable or row.failures or row.applied.startswith("NOT")):
            continue
        print(f"\n{row.name}: {row.fault}" + (f" [{row.applied}]" if row.applied else ""))
        for line in row.notable[:6]:
            print(f"  {line[:300]}")
        shown = row.failures if row.findings else row.failures[:6]
        for line in shown:
            print(f"  {line[:400]}")
        if len(shown) < len(row.failures):
            print(f"  ... {len(row.failures) - len(shown)} more")
    findings = [f"{row.name}: {', '.join(row.findings)}" for row in rows if row.findings]
    print("\nfindings:" if findings else "\nfindings: none", *findings, sep="\n  ")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
